"""Compressed answers: HTML, JSON, CSV and the other texts the application writes.

Django's GZipMiddleware compresses a response when the browser accepts gzip. On a ministry's
slow connection this is most of the weight of a page: the area page's HTML is 247 KB plain
and about 19 KB compressed. Static files are compressed ahead of time by WhiteNoise (gzip
and Brotli files beside the originals, `collectstatic`); the middleware leaves any response
that already says `Content-Encoding` alone.

BREACH (an attacker who can both put text of their choosing into a compressed HTTPS answer
and watch its size may guess a secret in the same answer, a byte at a time) is answered in
three ways:

- the CSRF token in every form is masked afresh for each response (Django's `get_token`),
  so the secret's text never repeats from one answer to the next;
- Django's GZipMiddleware (since 4.2) adds a random number of random bytes to the gzip
  header of each answer (Heal The Breach), which blurs the size the attacker measures;
- the few pages that show a long-lived secret once (a new API token, the two-factor key,
  new recovery codes) are sent uncompressed: `@uncompressed` below.

Files that are compressed already (uploaded PDFs and office documents, XLSX workbooks,
images) gain nothing from gzip and cost CPU: only text types are compressed.
"""

import functools

from django.middleware.gzip import GZipMiddleware

UNCOMPRESSED_ATTRIBUTE = "uncompressed"
COMPRESSIBLE_TYPES = (
    "text/",
    "application/json",
    "application/problem+json",
    "application/vnd.oai.openapi",
    "application/javascript",
    "application/xml",
    "image/svg+xml",
)


def uncompressed(view):
    """Send this view's answers without compression: they show a secret (see above)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        setattr(response, UNCOMPRESSED_ATTRIBUTE, True)
        return response

    return wrapper


class CompressionMiddleware(GZipMiddleware):
    """GZipMiddleware for text answers only, and never for `@uncompressed` views."""

    def process_response(self, request, response):
        if getattr(response, UNCOMPRESSED_ATTRIBUTE, False) or not is_compressible(response):
            return response
        return super().process_response(request, response)


def is_compressible(response) -> bool:
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    return content_type.startswith(COMPRESSIBLE_TYPES)
