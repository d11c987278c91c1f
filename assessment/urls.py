from django.urls import path

from . import assignment_views, evidence_views, profile_views, views, workbook_views

app_name = "assessment"
urlpatterns = [
    path("", views.assessment_list, name="list"),
    path("new/", views.assessment_new, name="new"),
    path("deadlines/", assignment_views.round_deadlines, name="deadlines"),
    path("<int:pk>/assignments/", assignment_views.assignments, name="assignments"),
    path("<int:pk>/", views.assessment_detail, name="detail"),
    path("<int:pk>/areas/<str:area_code>/", views.area_fill, name="area"),
    path("<int:pk>/responses/<int:response_pk>/", views.response_save, name="response_save"),
    path(
        "<int:pk>/responses/<int:response_pk>/history/",
        views.response_history,
        name="response_history",
    ),
    path("<int:pk>/responses/<int:response_pk>/comments/", views.comment_add, name="comment_add"),
    path(
        "<int:pk>/comments/<int:comment_pk>/resolve/", views.comment_resolve, name="comment_resolve"
    ),
    path("<int:pk>/transition/<str:action>/", views.assessment_transition, name="transition"),
    path("<int:pk>/profile/", profile_views.profile_edit, name="profile"),
    # Evidence: legal references, uploaded documents and links, per response.
    path(
        "<int:pk>/responses/<int:response_pk>/evidence/",
        evidence_views.evidence_add,
        name="evidence_add",
    ),
    path(
        "<int:pk>/responses/<int:response_pk>/evidence/new/",
        evidence_views.evidence_form,
        name="evidence_form",
    ),
    path(
        "<int:pk>/evidence/<int:evidence_pk>/delete/",
        evidence_views.evidence_delete,
        name="evidence_delete",
    ),
    path(
        "<int:pk>/evidence/<int:evidence_pk>/download/",
        evidence_views.evidence_download,
        name="evidence_download",
    ),
    # Offline work: the assessment as an Excel workbook.
    path("<int:pk>/workbook/", workbook_views.workbook_download, name="workbook_download"),
    path("<int:pk>/workbook/upload/", workbook_views.workbook_upload, name="workbook_upload"),
    path(
        "<int:pk>/workbook/apply/<str:token>/",
        workbook_views.workbook_apply,
        name="workbook_apply",
    ),
]
