import time
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import resolve_url
from django.utils.translation import gettext_lazy as _

from config.security import audit

LAST_SEEN_KEY = "last_seen"
# The session is written at most once a minute for this, not on every request.
LAST_SEEN_RESOLUTION = 60

SESSION_EXPIRED = _(
    "You were signed out after %(minutes)d minutes without activity. Sign in again to go on."
)


class SessionIdleTimeoutMiddleware:
    """Signs out whoever did nothing for SESSION_IDLE_TIMEOUT seconds.

    An htmx request (an autosave) that would be sent to the sign-in page gets 401 instead:
    following the redirect would swap the sign-in page into the form, or silently drop the
    change; static/js/app.js tells the person their change was not saved.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self._check_idle(request)
        response = self.get_response(request)
        if request.headers.get("HX-Request") and _is_sign_in_redirect(response):
            return HttpResponse(status=401)
        return response

    def _check_idle(self, request):
        now = int(time.time())
        last_seen = request.session.get(LAST_SEEN_KEY)
        if last_seen is not None and now - last_seen > settings.SESSION_IDLE_TIMEOUT:
            audit("session_expired", request, idle_seconds=now - last_seen)
            request.sign_out_reason = "idle"
            logout(request)
            minutes = settings.SESSION_IDLE_TIMEOUT // 60
            messages.info(request, SESSION_EXPIRED % {"minutes": minutes})
        elif last_seen is None or now - last_seen >= LAST_SEEN_RESOLUTION:
            request.session[LAST_SEEN_KEY] = now


def _is_sign_in_redirect(response) -> bool:
    if response.status_code != 302:
        return False
    login_path = urlsplit(resolve_url(settings.LOGIN_URL)).path
    return urlsplit(response["Location"]).path == login_path
