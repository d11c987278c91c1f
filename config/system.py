"""What the application needs from the machine besides its Python packages, checked once in
one place: the report pages (is the PDF engine there?), `manage.py doctor` and the README
read these checks and their Debian/Ubuntu packages from here.

Nothing here is imported at start-up by anything that would fail without these libraries:
WeasyPrint is loaded only when a PDF is written, or when `pdf_engine_problem` asks.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import io
import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

# WeasyPrint's system libraries (its documentation's list for Debian 11+ and Ubuntu 20.04+):
# Pango and its FreeType backend draw the text, HarfBuzz's subsetter embeds the fonts.
PDF_PACKAGES = ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0")
SUPPORTED_PYTHONS = ((3, 11), (3, 12), (3, 13))
NODE_TOOLS = ("axe-core", "vnu-jar")


def apt_get_install(packages) -> str:
    """The command that installs Debian/Ubuntu packages, as root."""
    return "apt-get install " + " ".join(packages)


def pdf_install_command() -> str:
    return apt_get_install(PDF_PACKAGES)


@functools.cache
def pdf_engine_problem() -> str | None:
    """None when WeasyPrint loads, else why it does not (usually: Pango is not installed).

    Loading it takes its system libraries; the answer is kept for the life of the process
    (installing Pango takes a restart of the application, as the message says)."""
    try:
        # Without its libraries WeasyPrint prints a banner to standard output, then raises.
        with contextlib.redirect_stdout(io.StringIO()):
            importlib.import_module("weasyprint")
    except (OSError, ImportError) as error:
        return f"{type(error).__name__}: {error}"
    return None


@dataclass
class Check:
    """One thing the machine should have: what it is for, and how to get it."""

    name: str
    purpose: str
    problem: str | None
    apt: tuple[str, ...] = ()
    command: str = ""  # another way to install it, when apt-get is not the way
    needed_by_the_application: bool = False
    details: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.problem is None


def application_checks() -> list[Check]:
    """What the running application needs: Python, the PDF engine, and the database and
    cache it is configured with."""
    checks = [_python(), _pdf_engine()]
    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        checks.append(_postgresql())
    if getattr(settings, "REDIS_URL", ""):
        checks.append(_redis())
    for check in checks:
        check.needed_by_the_application = True
    return checks


def development_checks() -> list[Check]:
    """What the tests and the developers' tools need besides the application's own."""
    return [_chromium(), _java(), _node_tools(), _gettext()]


def _python() -> Check:
    version = sys.version_info[:2]
    problem = None
    if version not in SUPPORTED_PYTHONS:
        problem = f"Python {version[0]}.{version[1]} is not one of 3.11, 3.12, 3.13"
    return Check("Python", f"runs the application (this is {sys.version.split()[0]})", problem,
                 apt=("python3", "python3-venv"))  # fmt: skip


def _pdf_engine() -> Check:
    return Check("Pango (WeasyPrint)", "writes the PDF reports", pdf_engine_problem(),
                 apt=PDF_PACKAGES)  # fmt: skip


def _postgresql() -> Check:
    from django.db import connection

    problem = None
    try:
        connection.ensure_connection()
    except Exception as error:  # any driver or network error means the same here
        problem = f"cannot connect to the database of DATABASE_URL: {error}".strip()
    return Check("PostgreSQL", "the database (DATABASE_URL)", problem,
                 apt=("postgresql", "postgresql-client"))  # fmt: skip


def _redis() -> Check:
    import redis

    problem = None
    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2).ping()
    except Exception as error:  # connection refused, bad URL, timeout: all "not there"
        problem = f"cannot reach the cache of REDIS_URL: {error}"
    return Check("Redis", "the shared cache (REDIS_URL)", problem, apt=("redis-server",))


def _chromium() -> Check:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    problem = None if os.path.exists(path) else "chromium is not installed"
    return Check("Chromium", "the browser and accessibility tests", problem, apt=("chromium",))


def _java() -> Check:
    problem = None if shutil.which("java") else "java is not installed"
    return Check("Java", "the HTML validity tests (the Nu Html Checker)", problem,
                 apt=("default-jre-headless",))  # fmt: skip


def _node_tools() -> Check:
    modules = Path(settings.BASE_DIR) / "tools" / "node_modules"
    missing = [name for name in NODE_TOOLS if not (modules / name).is_dir()]
    problem = f"not installed: {', '.join(missing)}" if missing else None
    apt = () if shutil.which("npm") else ("npm",)
    return Check("axe-core, vnu-jar (npm)", "the accessibility and HTML validity tests", problem,
                 apt=apt, command="npm ci --prefix tools --omit=dev")  # fmt: skip


def _gettext() -> Check:
    problem = None if shutil.which("xgettext") else "xgettext is not installed"
    return Check("GNU gettext", "makemessages: extracting new strings (developers only)", problem,
                 apt=("gettext",))  # fmt: skip
