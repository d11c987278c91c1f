from django.urls import path

from . import my_work_views

app_name = "workspace"
urlpatterns = [
    path("", my_work_views.my_work_page, name="my_work"),
    path("notifications/", my_work_views.notification_preferences, name="notifications"),
]
