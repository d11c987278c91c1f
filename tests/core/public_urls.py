"""A page marked public-cacheable, for tests/security/test_cache_control.py."""

from django.http import HttpResponse
from django.urls import path

from config.caching import public_cacheable
from config.urls import urlpatterns as project_urlpatterns


@public_cacheable(max_age=600)
def public_page(request):
    return HttpResponse("published figures")


@public_cacheable(max_age=600)
def public_page_with_cookie(request):
    response = HttpResponse("published figures")
    response.set_cookie("seen", "1")
    return response


urlpatterns = [
    path("public/", public_page),
    path("public-with-cookie/", public_page_with_cookie),
    *project_urlpatterns,
]
