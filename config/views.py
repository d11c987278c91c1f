import functools
import logging
import secrets
import tomllib

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from frameworks.models import Framework

logger = logging.getLogger(__name__)


def home(request):
    frameworks = Framework.objects.published().latest_versions()
    return render(request, "home.html", {"frameworks": frameworks})


# The texts that the About page links to, served as they are in the repository.
LEGAL_TEXTS = {"licence": "LICENSE", "notices": "THIRD_PARTY_NOTICES.md"}


@functools.cache
def software_version() -> str:
    with open(settings.BASE_DIR / "pyproject.toml", "rb") as pyproject:
        return tomllib.load(pyproject)["project"]["version"]


@require_GET
def about(request):
    """The software's licence (AGPL-3.0-or-later), where its source code is, and the
    third-party components it ships with."""
    context = {"version": software_version(), "source_code_url": settings.SOURCE_CODE_URL}
    return render(request, "about.html", context)


@require_GET
def legal_text(request, name):
    """The licence or the third-party notices, as plain text."""
    if name not in LEGAL_TEXTS:
        raise Http404("No such text")
    path = settings.BASE_DIR / LEGAL_TEXTS[name]
    return FileResponse(path.open("rb"), content_type="text/plain; charset=utf-8")


def admin_sign_in(request):
    """Django's admin has its own sign-in form, which would skip the two-factor code."""
    return redirect_to_login(request.GET.get("next") or reverse("admin:index"))


@never_cache
def health(request):
    """For the load balancer and monitoring.

    200 {"status": "ok"}: the application answers, the database and the cache work.
    503 {"status": "error", ...}: the database is unreachable; take this server out.
    200 {"status": "degraded", "cache": "error"}: the cache (Redis) is down; pages still work,
    only slower (the cache's errors are ignored), so the server stays in rotation.
    """
    if not _database_answers():
        return JsonResponse({"status": "error", "database": "error"}, status=503)
    if not _cache_answers():
        return JsonResponse({"status": "degraded", "cache": "error"})
    return JsonResponse({"status": "ok"})


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        return False
    return True


def _cache_answers() -> bool:
    # django-redis is set to ignore its errors, so a dead cache shows as a value not kept.
    value = secrets.token_hex(8)
    key = f"health-check:{value}"  # one key per check: concurrent checks do not collide
    try:
        cache.set(key, value, timeout=10)
        kept = cache.get(key) == value
        cache.delete(key)
    except Exception:  # any backend's failure means the same here
        kept = False
    if not kept:
        logger.error("Health check: the cache does not keep values")
    return kept
