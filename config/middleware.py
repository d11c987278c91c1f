"""Middleware of the project's own."""

from django.conf import settings
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


class SecurityHeadersMiddleware:
    """Headers Django does not set itself: Permissions-Policy (no camera, microphone,
    geolocation or payment), and Reporting-Endpoints, where the Content-Security-Policy's
    report-to sends its violation reports (config.views.csp_report)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.setdefault("Reporting-Endpoints", f'csp="{settings.CSP_REPORT_ENDPOINT}"')
        return response
