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
base.html's language form does, so a public page needs a layout without it.
"""

import functools

from django.utils.cache import patch_cache_control, patch_vary_headers

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
        return response


def _may_be_public(response) -> bool:
    return (
        getattr(response, PUBLIC_MAX_AGE_ATTRIBUTE, None) is not None
        and response.status_code == 200
        and not response.cookies
    )
