"""The pages of scores and comparisons: a country's dashboard, the comparison, their
exports and the analysts' saved groups. Included at the site's root (config/urls.py)."""

from django.urls import path

from . import comparison_views, dashboard_views

app_name = "scores"
urlpatterns = [
    path("dashboards/<int:pk>/", dashboard_views.dashboard, name="dashboard"),
    path("dashboards/<int:pk>/scores.csv", dashboard_views.dashboard_csv, name="dashboard_csv"),
    path("dashboards/<int:pk>/scores.xlsx", dashboard_views.dashboard_xlsx, name="dashboard_xlsx"),
    path("compare/", comparison_views.comparison, name="compare"),
    path("compare/comparison.csv", comparison_views.comparison_export_csv, name="compare_csv"),
    path(
        "compare/averages.csv",
        comparison_views.comparison_export_averages_csv,
        name="compare_averages_csv",
    ),
    path("compare/comparison.xlsx", comparison_views.comparison_export_xlsx, name="compare_xlsx"),
    path("compare/groups/", comparison_views.group_list, name="groups"),
    path("compare/groups/new/", comparison_views.group_create, name="group_create"),
    path("compare/groups/<int:pk>/", comparison_views.group_edit, name="group_edit"),
    path("compare/groups/<int:pk>/delete/", comparison_views.group_delete, name="group_delete"),
]
