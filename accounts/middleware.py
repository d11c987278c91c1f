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
SIGNED_IN_AT_KEY = "signed_in_at"
# The session is written at most once a minute for this, not on every request.
LAST_SEEN_RESOLUTION = 60

SESSION_EXPIRED = _(
    "You were signed out after %(minutes)d minutes without activity. Sign in again to go on."
)
SESSION_TOO_OLD = _(
    "For your security, you are asked to sign in again every %(hours)d hours. Sign in again "
    "to go on."
)


class SessionIdleTimeoutMiddleware:
    """Signs out whoever did nothing for SESSION_IDLE_TIMEOUT seconds, and everybody
    SESSION_ABSOLUTE_TIMEOUT seconds after they signed in, however active (a session without
    its sign-in time, from before this rule, ends at once).

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
        signed_in_at = request.session.get(SIGNED_IN_AT_KEY)
        if signed_in_at is None or now - signed_in_at > settings.SESSION_ABSOLUTE_TIMEOUT:
            age = None if signed_in_at is None else now - signed_in_at
            self._sign_out(request, "lifetime", SESSION_TOO_OLD % {
                "hours": settings.SESSION_ABSOLUTE_TIMEOUT // 3600}, session_seconds=age)  # fmt: skip
        elif last_seen is not None and now - last_seen > settings.SESSION_IDLE_TIMEOUT:
            minutes = settings.SESSION_IDLE_TIMEOUT // 60
            self._sign_out(request, "idle", SESSION_EXPIRED % {"minutes": minutes},
                           idle_seconds=now - last_seen)  # fmt: skip
        elif last_seen is None or now - last_seen >= LAST_SEEN_RESOLUTION:
            request.session[LAST_SEEN_KEY] = now

    def _sign_out(self, request, reason: str, message: str, **fields):
        audit("session_expired", request, reason=reason, **fields)
        request.sign_out_reason = reason
        logout(request)
        messages.info(request, message)


def _is_sign_in_redirect(response) -> bool:
    if response.status_code != 302:
        return False
    login_path = urlsplit(resolve_url(settings.LOGIN_URL)).path
    return urlsplit(response["Location"]).path == login_path
