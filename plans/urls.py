from django.urls import path

from . import practice_views, views, workbook_views

app_name = "plans"
urlpatterns = [
    # Every plan is reached through its assessment's pk.
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/vision/", views.vision_edit, name="vision"),
    path("<int:pk>/gaps/", views.gap_list, name="gaps"),
    path("<int:pk>/gaps/<str:indicator_code>/", views.gap_select, name="gap_select"),
    path("<int:pk>/practices/", practice_views.practice_list, name="practices"),
    path(
        "<int:pk>/practices/<int:practice_pk>/", practice_views.practice_edit, name="practice_edit"
    ),
    path(
        "<int:pk>/practices/<int:practice_pk>/delete/",
        practice_views.practice_remove,
        name="practice_delete",
    ),
    path("<int:pk>/timeline/", views.timeline_view, name="timeline"),
    path("<int:pk>/institutions/", views.institution_list, name="institutions"),
    path("<int:pk>/actions/new/", views.action_new, name="action_new"),
    path("<int:pk>/actions/<int:action_pk>/", views.action_detail, name="action"),
    path("<int:pk>/actions/<int:action_pk>/edit/", views.action_edit, name="action_edit"),
    path("<int:pk>/actions/<int:action_pk>/delete/", views.action_delete, name="action_delete"),
    path("<int:pk>/actions/<int:action_pk>/notes/", views.note_add, name="note_add"),
    path("<int:pk>/actions/<int:action_pk>/comments/", views.comment_add, name="comment_add"),
    # Exports and the workbook import.
    path("<int:pk>/export.csv", workbook_views.export_csv, name="export_csv"),
    path("<int:pk>/export.xlsx", workbook_views.export_xlsx, name="export_xlsx"),
    path("<int:pk>/import/", workbook_views.import_upload, name="import"),
    path("<int:pk>/import/<str:token>/", workbook_views.import_apply, name="import_apply"),
]
