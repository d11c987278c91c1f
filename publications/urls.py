"""Published results, for everybody: clean, permanent addresses per country, round and
language (`/fr/results/SEN/2024/`)."""

from django.urls import path

from config.caching import public_cacheable

from . import schedule_views, views
from .feeds import PublicationsFeed

app_name = "publications"
urlpatterns = [
    path("", views.landing, name="landing"),
    path("feed.atom", public_cacheable(max_age=views.MAX_AGE)(PublicationsFeed()), name="feed"),
    path("editions/<int:pk>/<str:filename>", views.edition_download, name="edition_download"),
    path("open-data/", views.open_data, name="open_data"),
    path("open-data/dictionary.csv", views.open_data_dictionary, name="open_data_dictionary"),
    path("open-data/<str:round>.csv", views.open_data_csv, name="open_data_csv"),
    path("open-data/<str:round>.xlsx", views.open_data_xlsx, name="open_data_xlsx"),
    path("preview/<int:pk>/", schedule_views.assessment_preview, name="preview"),
    path("preview/<int:pk>/schedule/", schedule_views.assessment_schedule, name="schedule"),
    path("schedules/<int:pk>/cancel/", schedule_views.schedule_cancel, name="schedule_cancel"),
    path("regional/manage/", schedule_views.regional_reports, name="regional_reports"),
    path("regional/<int:pk>/", views.regional_report, name="regional"),
    path("regional/<int:pk>/correct/", views.regional_correct, name="regional_correct"),
    path("<str:iso3>/", views.country_results, name="country"),
    path("<str:iso3>/<str:round>/", views.published_assessment, name="assessment"),
    path("<str:iso3>/<str:round>/dashboard/", views.published_dashboard, name="dashboard"),
    path("<str:iso3>/<str:round>/editions/", views.assessment_editions, name="editions"),
    path(
        "<str:iso3>/<str:round>/editions/correct/",
        views.assessment_correct,
        name="assessment_correct",
    ),
]
