"""The main pages in Chromium over an emulated slow connection (1 Mbit/s down and up, 300 ms
latency, Chrome DevTools Protocol `Network.emulateNetworkConditions`), as a ministry user
would load them: load time, largest contentful paint, time until every chart is drawn, and
bytes transferred, first visit (empty browser cache) and repeat visit, each the run with the
median load time of three.

The pages are served as in production: `collectstatic` into var/bench/static with WhiteNoise's
compressed, hashed files (a year's cache life), DEBUG off, by a threaded WSGI server in this
process on the bench database. Chromium (Debian's, as in the browser tests) asks for Brotli,
and WhiteNoise sends it the Brotli files.
"""

from __future__ import annotations

import os
import shutil
import threading
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

DOWN_BYTES_PER_SECOND = 1_000_000 / 8
RUNS = 3  # per page and kind of visit; the median is kept
LATENCY_MS = 300
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update"]  # fmt: skip

CHARTS_DRAWN = """() => Array.from(document.querySelectorAll('.chart[data-figure]')).every(
  c => c.querySelector('.main-svg') && (!c.dataset.topojsonUrl || c.querySelector('.geolayer path')))"""
METRICS = """() => new Promise(resolve => {
  const nav = performance.getEntriesByType('navigation')[0];
  const resources = performance.getEntriesByType('resource');
  const bytes = nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0);
  let lcp = null;
  new PerformanceObserver(list => {
    const entries = list.getEntries(); lcp = entries[entries.length - 1].startTime;
  }).observe({type: 'largest-contentful-paint', buffered: true});
  setTimeout(() => resolve({load: nav.loadEventEnd, lcp: lcp, bytes: bytes,
    charts: document.querySelectorAll('.chart[data-figure]').length}), 100);
})"""


@dataclass(frozen=True)
class Visit:
    page: str
    visit: str
    load_ms: float
    lcp_ms: float | None
    charts_ms: float | None
    charts: int
    bytes: int


def available() -> bool:
    return os.path.exists(CHROMIUM)


def measure(pages: dict[str, tuple[str | None, str]]) -> list[Visit]:
    """First and repeat visit of each page, each person signed in beforehand."""
    from django.test.utils import override_settings

    static_root = Path(__file__).resolve().parent.parent / "var" / "bench" / "static"
    production_static = override_settings(
        DEBUG=False,
        ALLOWED_HOSTS=["127.0.0.1"],
        STATIC_ROOT=static_root,
        WHITENOISE_USE_FINDERS=False,
        WHITENOISE_AUTOREFRESH=False,
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
        },
    )
    with production_static:
        _collect_static(static_root)
        server, origin = _serve()
        try:
            return _visit_all(origin, pages)
        finally:
            server.shutdown()
            server.server_close()


def _collect_static(static_root: Path) -> None:
    from django.core.management import call_command

    shutil.rmtree(static_root, ignore_errors=True)
    call_command("collectstatic", interactive=False, verbosity=0, stdout=StringIO())


def _serve():
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler, allow_reuse_address=False)
    server.set_app(WSGIHandler())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def _visit_all(origin: str, pages) -> list[Visit]:
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # the ORM in the server's threads
    from playwright.sync_api import sync_playwright

    visits = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            for name, (username, path) in pages.items():
                visits += _visit_page(browser, origin, name, username, path)
        finally:
            browser.close()
    return visits


def _visit_page(browser, origin, name, username, path) -> list[Visit]:
    context = browser.new_context(base_url=origin, locale="en-GB")
    context.set_default_timeout(60_000)
    if username:
        context.add_cookies([_session_cookie(username, origin)])
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": LATENCY_MS,
        "downloadThroughput": DOWN_BYTES_PER_SECOND, "uploadThroughput": DOWN_BYTES_PER_SECOND,
    })  # fmt: skip
    visits = []
    for which in ["first", "repeat"]:
        runs = []
        for _ in range(RUNS):
            if which == "first":
                cdp.send("Network.clearBrowserCache")
            runs.append(_timed_visit(page, name, which, path))
        visits.append(_median(runs))
    context.close()
    return visits


def _median(runs: list[Visit]) -> Visit:
    """The run with the median load time: the machine is shared, single runs vary."""
    return sorted(runs, key=lambda visit: visit.load_ms)[len(runs) // 2]


def _session_cookie(username: str, origin: str) -> dict:
    """A signed-in session of the demo person (the sign-in itself is not what is measured)."""
    from django.conf import settings
    from django.test import Client

    from accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return {"name": settings.SESSION_COOKIE_NAME, "value": value, "url": origin}


def _timed_visit(page, name: str, visit: str, path: str) -> Visit:
    page.goto("about:blank")
    page.goto(path, wait_until="load")
    charts_ms = None
    if page.evaluate("document.querySelectorAll('.chart[data-figure]').length"):
        page.wait_for_function(CHARTS_DRAWN, polling=50)
        charts_ms = page.evaluate("performance.now()")
    metrics = page.evaluate(METRICS)
    return Visit(
        page=name, visit=visit, load_ms=metrics["load"], lcp_ms=metrics["lcp"],
        charts_ms=charts_ms, charts=metrics["charts"], bytes=metrics["bytes"],
    )  # fmt: skip
