"""The API's pages for people (under the language prefix): tokens and documentation."""

from django.urls import path

from . import token_views

app_name = "api_pages"
urlpatterns = [
    path("tokens/", token_views.token_list, name="tokens"),
    path("tokens/<int:pk>/revoke/", token_views.token_revoke, name="revoke"),
    path("docs/", token_views.documentation, name="docs"),
]
