import logging
import secrets

from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from frameworks.models import Framework

logger = logging.getLogger(__name__)


def home(request):
    frameworks = Framework.objects.published().latest_versions()
    return render(request, "home.html", {"frameworks": frameworks})


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
