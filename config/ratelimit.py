"""Rate limits on what costs the server work or sends e-mail: one mechanism, counters in the
cache ("ratelimit" in CACHES: Redis in production, shared by every app server).

Each limit (settings.RATE_LIMITS) allows so many hits per period, counted in fixed windows
of that period per key (a user, an address, an e-mail address typed). A hit over the limit
raises RateLimited; RateLimitMiddleware answers it with 429, a page in the user's language
and Retry-After. The first refusal of a window is written to the audit trail.

When the shared cache does not answer (Redis down), the limits do not switch off: they are
counted in this process's memory instead, so each app server still enforces them (a client
spread over N servers gets at most N times the limit), and an error is logged once a minute
so that monitoring sees it. /health/ says "degraded" meanwhile.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .security import audit, client_ip

logger = logging.getLogger(__name__)
CACHE_ALIAS = "ratelimit"
PERIODS = {"s": 1, "sec": 1, "min": 60, "hour": 3600, "day": 86400}
RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*(s|sec|min|hour|day)\s*$")
ERROR_LOG_INTERVAL = 60

MESSAGES = {
    "invitation": _("You have sent many invitations in a short time."),
    "pdf": _("You have asked for many PDF reports in a short time."),
    "workbook_upload": _("You have uploaded many workbooks in a short time."),
    "password_reset_email": _("Many password resets were asked for in a short time."),
    "password_reset_address": _("Many password resets were asked for in a short time."),
    "password_check": _("Your password was asked for many times in a short time."),
    "email_change": _("You have asked to change your e-mail address many times in a short time."),
    "csp_report": _("Too many reports."),
}
TOO_MANY = _("Too many requests.")


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> Rate:
        """ "20/hour", "60/min", "5/10min" (5 per 10 minutes)."""
        match = RATE.match(text)
        if not match:
            raise ValueError(f"Not a rate: {text!r} (write e.g. 20/hour)")
        count, multiple, period = match.groups()
        return cls(int(count), int(multiple or 1) * PERIODS[period])


class RateLimited(Exception):
    def __init__(self, scope: str, retry_after: int):
        super().__init__(f"{scope}: retry after {retry_after} s")
        self.scope = scope
        self.retry_after = retry_after


def rate_of(scope: str) -> Rate:
    return Rate.parse(settings.RATE_LIMITS[scope])


def hit(scope: str, key: str, request=None) -> None:
    """Count one hit of `key` against the limit `scope`; raises RateLimited when it is over.
    The first refusal of a window goes to the audit trail (with the request's user and
    address when there is a request)."""
    rate = rate_of(scope)
    now = time.time()
    window = int(now // rate.seconds)
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    count = _increment(f"{scope}:{digest}:{window}", rate.seconds)
    if count <= rate.count:
        return
    retry_after = max(1, int((window + 1) * rate.seconds - now))
    if count == rate.count + 1:
        audit("rate_limited", request, level=logging.WARNING, limit=scope,
              rate=settings.RATE_LIMITS[scope])  # fmt: skip
    raise RateLimited(scope, retry_after)


def first_in_window(scope: str, key: str, seconds: int) -> bool:
    """Whether this is the first time `key` comes up in this window of `seconds` (to record
    a repeated event once per window)."""
    window = int(time.time() // seconds)
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return _increment(f"{scope}:{digest}:{window}", seconds) == 1


def user_or_address(request) -> str:
    """The key of most limits: the signed-in user, else the client's address."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"ip:{client_ip(request)}"


def rate_limit(scope: str, *, methods=("POST",), key=user_or_address):
    """View decorator: each request of these methods counts against the limit `scope`."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in methods:
                hit(scope, key(request), request)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


class RateLimitMiddleware:
    """Turns RateLimited, raised by a view, into a 429 page that says when to try again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, RateLimited):
            return None
        return too_many_requests(request, exception)


def too_many_requests(request, limited: RateLimited):
    minutes = max(1, -(-limited.retry_after // 60))
    wait = ngettext(
        "Please try again in %(minutes)d minute.",
        "Please try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}
    context = {"reason": MESSAGES.get(limited.scope, TOO_MANY), "wait": wait}
    response = render(request, "429.html", context, status=429)
    response["Retry-After"] = str(limited.retry_after)
    return response


# Counting -------------------------------------------------------------------------------

_local = LocMemCache("ratelimit-fallback", {"OPTIONS": {"MAX_ENTRIES": 100_000}})
_last_error_logged = 0.0


def _increment(key: str, timeout: int) -> int:
    """The key's count after this hit, in the shared cache, or in this process's memory
    when the shared cache fails (see the module's docstring)."""
    try:
        return _increment_in(caches[CACHE_ALIAS], key, timeout)
    except Exception:  # any backend's failure: count here rather than not at all
        _log_cache_error()
        return _increment_in(_local, key, timeout)


def _increment_in(cache, key: str, timeout: int) -> int:
    # add() creates the counter with its expiry only if missing; incr() is atomic.
    cache.add(key, 0, timeout + 1)
    try:
        return cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.add(key, 0, timeout + 1)
        return cache.incr(key)


def _log_cache_error() -> None:
    global _last_error_logged
    now = time.monotonic()
    if now - _last_error_logged >= ERROR_LOG_INTERVAL:
        _last_error_logged = now
        logger.exception(
            "The rate limits' cache does not answer: limits are counted per process until it "
            "is back"
        )
