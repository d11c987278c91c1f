import functools
import json
import logging
import secrets
import tomllib

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from .ratelimit import RateLimited, hit
from .security import client_ip

logger = logging.getLogger(__name__)
csp_logger = logging.getLogger("csp")


def home(request):
    """The home page; its list of frameworks comes from a template tag of the frameworks app
    (which imports config, so config does not import it)."""
    return render(request, "home.html")


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


CSP_REPORT_MAX_BYTES = 16 * 1024
CSP_FIELDS = {
    # report-uri's names (application/csp-report) and the Reporting API's (report-to).
    "document-uri": "document", "documentURL": "document",
    "blocked-uri": "blocked", "blockedURL": "blocked",
    "violated-directive": "directive", "effective-directive": "directive",
    "effectiveDirective": "directive",
    "source-file": "source", "sourceFile": "source",
    "line-number": "line", "lineNumber": "line",
    "disposition": "disposition",
    "script-sample": "sample", "sample": "sample",
}  # fmt: skip


@csrf_exempt
@require_POST
def csp_report(request):
    """Where browsers report what the Content-Security-Policy blocked (report-uri and
    report-to). Each report is logged on the "csp" logger, its fields cut short; at most
    RATE_LIMITS["csp_report"] per address, and 16 KB per request."""
    try:
        hit("csp_report", f"ip:{client_ip(request)}", request)
    except RateLimited as limited:
        return HttpResponse(status=429, headers={"Retry-After": str(limited.retry_after)})
    declared = int(request.META.get("CONTENT_LENGTH") or 0)
    if declared > CSP_REPORT_MAX_BYTES or len(request.body) > CSP_REPORT_MAX_BYTES:
        return HttpResponse(status=413)
    try:
        reports = _csp_reports(json.loads(request.body))
    except (ValueError, UnicodeDecodeError):
        return HttpResponse(status=400)
    for report in reports[:10]:
        csp_logger.warning("csp violation", extra={"event": "csp_violation", **report})
    return HttpResponse(status=204)


def _csp_reports(payload) -> list[dict]:
    """The reports of either format as {field: text}."""
    if isinstance(payload, dict) and isinstance(payload.get("csp-report"), dict):
        bodies = [payload["csp-report"]]
    elif isinstance(payload, list):
        bodies = [item.get("body") for item in payload if isinstance(item, dict)]
    else:
        raise ValueError("not a CSP report")
    return [
        {name: str(body[key])[:300] for key, name in CSP_FIELDS.items() if key in body}
        for body in bodies
        if isinstance(body, dict)
    ]
