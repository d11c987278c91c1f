from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView

from . import views

app_name = "api"
urlpatterns = [
    path("", views.api_root, name="root"),
    path("frameworks/", views.framework_list, name="framework-list"),
    path("frameworks/<str:slug>/<str:version>/", views.framework_detail, name="framework-detail"),
    path("countries/", views.country_list, name="country-list"),
    path("countries/<str:iso3>/", views.country_detail, name="country-detail"),
    path("assessments/", views.assessment_list, name="assessment-list"),
    path("assessments/<str:id>/scores/", views.assessment_scores, name="assessment-scores"),
    path("comparison/", views.comparison, name="comparison"),
    path("open-data/<str:round>/", views.open_data, name="open-data"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Anything else under /api/ answers a JSON 404, not the site's HTML page.
    re_path(r"^(?P<path>[\s\S]*)/$", views.not_found, name="not-found"),  # newlines too
]
