"""Middleware of the project's own."""

from django.http import Http404


class NulInPathMiddleware:
    """No address holds a NUL character: answer 404 at once. Without this, a %00 in a path
    segment (a country code, an indicator code, a framework's slug) reached a database
    lookup, and PostgreSQL refuses NUL in text with an error (a server error, 500)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info:
            raise Http404("No such page")
        return self.get_response(request)
