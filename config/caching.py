"""Who may keep a copy of a response.

Every response to a signed-in user gets `Cache-Control: private, no-store`: neither a
shared cache (a proxy) nor the browser's own cache keeps it, so a page, an export or an API
answer with a country's unpublished figures is never served again from a disk or to somebody
else. One middleware decides it for every view, whatever the view set.

Responses to anonymous visitors are left as their views make them. A public page that may be
cached says so with `@public_cacheable(max_age=...)`: for an anonymous visitor its response
then gets `Cache-Control: public, max-age=...` and `Vary: Cookie` (a signed-in visitor's
cookies never get the anonymous copy), unless it sets a cookie. A page that shows a form
with a CSRF token sets the CSRF cookie every time (Django renews it), so it is never public:
base.html's language form did, so anonymous visitors get a language switch made of plain
links instead (config/templatetags/language_links.py).

A public response also gets an `ETag` (a hash of its content) unless the view set one, and
keeps the `Last-Modified` its view set (when the data shown last changed): a request that
brings them back (`If-None-Match`, `If-Modified-Since`) is answered `304 Not Modified`.
"""

import functools

from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.http import http_date, parse_http_date_safe

PRIVATE = "private, no-store"
PUBLIC_MAX_AGE_ATTRIBUTE = "public_cache_max_age"


def public_cacheable(max_age: int = 300):
    """Mark a view's responses as cacheable by anyone when the visitor is anonymous."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            setattr(response, PUBLIC_MAX_AGE_ATTRIBUTE, max_age)
            return response

        return wrapper

    return decorator


class CacheControlMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = PRIVATE
            del response["Expires"]
        elif _may_be_public(response):
            patch_cache_control(
                response, public=True, max_age=getattr(response, PUBLIC_MAX_AGE_ATTRIBUTE)
            )
            patch_vary_headers(response, ["Cookie"])
            return _conditional(request, response)
        return response


def set_last_modified(response, moment) -> None:
    """Say when the data a public page shows last changed (None: unknown)."""
    if moment is not None:
        response["Last-Modified"] = http_date(moment.timestamp())


def _conditional(request, response):
    """304 when the visitor's copy is still the current one."""
    if not response.streaming and not response.has_header("ETag"):
        set_response_etag(response)
    last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
    return get_conditional_response(
        request, etag=response.get("ETag"), last_modified=last_modified, response=response
    )


def _may_be_public(response) -> bool:
    return (
        getattr(response, PUBLIC_MAX_AGE_ATTRIBUTE, None) is not None
        and response.status_code == 200
        and not response.cookies
    )
