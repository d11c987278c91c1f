from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path(
        "assessments/<int:pk>/",
        views.country_report_preview,
        name="country_preview",
    ),
    path("assessments/<int:pk>/pdf/", views.country_report_request, name="country_pdf"),
    path("regional/", views.regional_report_preview, name="regional_preview"),
    path("regional/pdf/", views.regional_report_request, name="regional_pdf"),
    path("files/<int:pk>/", views.report_status, name="status"),
    path("files/<int:pk>/retry/", views.report_retry, name="retry"),
    path("files/<int:pk>/download/", views.report_download, name="download"),
]
