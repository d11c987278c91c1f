"""Security plumbing shared by the apps: the client's address, the audit trail, and the log of
refused access.

`audit()` is the one entry point of the audit trail. Each event goes to the "audit" logger,
one JSON line (config/logging.py) with the event's name in `event` and who, from where, on
which path; then `audit_recorded` is sent, and the audit app keeps the event in the database
for the audit page (audit/apps.py connects it: config imports no app). A `country_id` field
makes the event one of that country's, shown to its focal points.
"""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.dispatch import Signal
from django.http import Http404

audit_logger = logging.getLogger("audit")
# Sent with event (str), level (int), user (a signed-in user or None) and fields (dict).
audit_recorded = Signal()


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the address
    the outermost trusted proxy saw (X-Forwarded-For is only trusted that far)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    remote_addr = request.META.get("REMOTE_ADDR", "")
    if proxies <= 0:
        return remote_addr
    forwarded = [ip.strip() for ip in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [ip for ip in forwarded if ip]
    return forwarded[-proxies] if len(forwarded) >= proxies else remote_addr


def audit(event: str, request=None, *, level: int = logging.INFO, user=None, **fields) -> None:
    """Record one audit event, in the log and in the database; `user` defaults to the
    request's signed-in user. Inside a transaction, the database row stays or goes with it."""
    if request is not None:
        user = user if user is not None else getattr(request, "user", None)
        fields.setdefault("ip", client_ip(request))
        fields.setdefault("method", request.method)
        fields.setdefault("path", request.path)
    if user is not None and getattr(user, "is_authenticated", False):
        fields.setdefault("user", user.get_username())
        fields.setdefault("user_id", user.pk)
    else:
        user = None
    audit_logger.log(level, event.replace("_", " "), extra={"event": event, **fields})
    audit_recorded.send(sender=audit, event=event, level=level, user=user, fields=fields)


class RefusedAccessLogMiddleware:
    """Logs every refusal raised by a view: 403 (PermissionDenied, with its reason) and the
    404 that the access helpers raise for another country's objects. A 404 for an object
    that does not exist looks the same on purpose: the helpers do not reveal which it is."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied):
            audit("access_refused", request, level=logging.WARNING, status=403,
                  reason=str(exception))  # fmt: skip
        elif isinstance(exception, Http404):
            audit("access_not_found", request, status=404, reason=str(exception))
        return None
