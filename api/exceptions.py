"""The API's answers to errors: DRF's own, and every refusal (401, 403, 404, 429) goes to the
audit trail, at most once a minute for the same address, status and path (a client that
retries in a loop does not fill the trail)."""

import logging

from rest_framework.views import exception_handler as drf_exception_handler

from config.ratelimit import first_in_window
from config.security import audit, client_ip

REFUSED = {401, 403, 404, 429}
ONCE_EVERY = 60


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    request = context.get("request")
    if response is not None and response.status_code in REFUSED and request is not None:
        http_request = getattr(request, "_request", request)
        key = f"{client_ip(http_request)}:{response.status_code}:{http_request.path}"
        if first_in_window("api_refused", key, ONCE_EVERY):
            audit("api_refused", http_request, level=logging.WARNING,
                  status=response.status_code, reason=_reason(exc))  # fmt: skip
    return response


def _reason(exc) -> str:
    detail = getattr(exc, "detail", exc)
    return str(detail)[:300]
