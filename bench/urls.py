"""The project's URLs plus a bare view: the yardstick every timing is divided by."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns


def bare(request):
    return HttpResponse("ok")


urlpatterns = [path("bench/bare/", bare), *project_urlpatterns]
