"""One visit of every page of pages.PAGES, shared by the accessibility and the HTML tests.

Once per test session: the demo data are loaded; each role signs in, in its own browser
context of Debian's Chromium, and opens its pages; axe-core (injected into every document)
checks each page once its charts are drawn, and the HTML the server sent is kept for the
Nu Html Checker, run once on all of them (a JVM starts slowly). The database is emptied
afterwards, as a browser test leaves it. The tests then read the results.

The checkers come from npm (`npm ci --prefix tools --omit=dev`). A missing tool (Chromium, axe-core,
vnu-jar, Java) skips the tests, except in CI (CI=true), where it fails them.
"""

import json
import os
import re
import shutil
import subprocess
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.test import override_settings
from django.urls import reverse
from pytest_django.live_server_helper import LiveServer

from assessment.scores import clear_framework_indexes
from scores.comparison import invalidate
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

from .pages import PAGES, PASSWORD, ROLES, USERNAMES, AuditedPage, load_data_set

NODE_MODULES = Path(settings.BASE_DIR) / "tools" / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Every chart drawn (plotly's SVG is checked too; a map once its topojson has come) and no
# htmx request under way; on the API documentation, Swagger UI has drawn the operations.
SETTLED = """() =>
  [...document.querySelectorAll(".chart[data-figure]")].every((chart) =>
    chart.querySelector("svg.main-svg")
    && (!chart.dataset.topojsonUrl || chart.querySelector(".geolayer path")))
  && !document.querySelector(".htmx-request")
  && (!document.getElementById("swagger-ui") || document.querySelector("#swagger-ui .opblock"))"""
# What a reader may unfold (guidance, evidence forms, details of a chart) is checked too.
OPEN_DISCLOSURES = """() => document.querySelectorAll("details:not([open])").forEach((d) => {
  d.open = true;
})"""
AXE_RUN = """async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: "tag", values: tags}, resultTypes: ["violations"],
  });
  return results.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({target: n.target, summary: n.failureSummary, html: n.html})),
  }));
}"""


def require(available: bool, tool: str) -> None:
    if available:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{tool} is required in CI and was not found")
    pytest.skip(f"{tool} is not installed")


@dataclass
class Visit:
    """What one page gave: the server's answer and axe's violations (None: not run)."""

    page: AuditedPage
    url: str
    status: int = 0
    html_file: Path | None = None
    violations: list[dict] | None = None
    seconds: float = 0.0
    error: str = ""


@dataclass
class Audit:
    visits: dict[str, Visit]
    timings: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        timings = ", ".join(f"{step} {seconds:.1f} s" for step, seconds in self.timings.items())
        slowest = sorted(self.visits.values(), key=lambda visit: -visit.seconds)[:3]
        pages = ", ".join(f"{visit.page.id} {visit.seconds:.1f} s" for visit in slowest)
        return f"{len(self.visits)} pages: {timings}; slowest: {pages}"


_audits: list[Audit] = []  # for the summary at the end of the run


def pytest_terminal_summary(terminalreporter):
    for audit in _audits:
        terminalreporter.write_line(f"Accessibility and HTML checks: {audit.summary()}")


@pytest.fixture(scope="session")
def audit(django_db_setup, django_db_blocker, tmp_path_factory) -> Audit:
    """Visit every page once for the session (the tests are marked django_db, so that
    `django_db_setup` has made the test database).

    The pages are served by a live server of our own, not pytest-django's `live_server`:
    a test asking for that one is transactional, emptying the database after each test.
    """
    require(os.path.exists(CHROMIUM), f"Chromium ({CHROMIUM})")
    html_dir = tmp_path_factory.mktemp("pages")
    timings = {}
    with django_db_blocker.unblock(), override_settings(DEMO_MODE=True):
        _refuse_unless_test_databases()
        server = LiveServer("localhost")
        try:
            started = time.monotonic()
            data = load_data_set()
            timings["data set"] = time.monotonic() - started
            visits = {page.id: Visit(page, page.url(data)) for page in PAGES}
            # Playwright runs in a thread of its own: its event loop then never meets
            # another test's (tests/browser) nor Django's refusal of ORM calls in a loop.
            started = time.monotonic()
            sign_in_url = reverse("accounts:login")  # in this thread's language (English)
            with server._live_server_modified_settings, ThreadPoolExecutor(1) as executor:
                executor.submit(_visit_all, server.url, sign_in_url, visits, html_dir).result()
            timings["browser"] = time.monotonic() - started
        finally:
            server.stop()
            _empty_database()
    _audits.append(Audit(visits, timings))
    return _audits[-1]


def _refuse_unless_test_databases() -> None:
    """The data set is loaded and then flushed: never in a database other than a test one."""
    for alias in connections:
        database = connections[alias].settings_dict
        name = str(database["NAME"])
        test_name = database.get("TEST", {}).get("NAME")
        if name != test_name and not Path(name).name.startswith("test"):
            pytest.fail(f"The database {alias!r} ({name}) is not a test database")


def _empty_database() -> None:
    """What the end of a transactional test does, so that later tests start empty; the
    comparisons cached and the frameworks memoised are forgotten with the data."""
    for alias in connections:
        call_command("flush", verbosity=0, interactive=False, database=alias)
    invalidate()
    clear_framework_indexes()


def _visit_all(base_url: str, sign_in_url: str, visits: dict[str, Visit], html_dir: Path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            for role in ROLES:
                context = browser.new_context(base_url=base_url, locale="en-GB")
                try:
                    _visit_as(context, role, sign_in_url, visits, html_dir)
                finally:
                    context.close()
        finally:
            browser.close()


def _visit_as(context, role: str, sign_in_url: str, visits: dict[str, Visit], html_dir: Path):
    """One browser context per role: sign in once, then open each of the role's pages."""
    context.set_default_timeout(15_000)
    if AXE_JS.exists():
        # An init script, unlike a <script> tag, is not subject to the Content-Security-Policy.
        context.add_init_script(path=AXE_JS)
    page = context.new_page()
    if USERNAMES[role]:
        _sign_in(page, sign_in_url, USERNAMES[role])
    for visit in visits.values():
        if visit.page.role == role:
            _visit(page, visit, html_dir / f"{visit.page.test_id.replace('/', '--')}.html")


def _sign_in(page, sign_in_url: str, username: str) -> None:
    page.goto(sign_in_url)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Sign out").wait_for(state="attached")


def _visit(page, visit: Visit, html_file: Path) -> None:
    started = time.monotonic()
    try:
        response = page.goto(visit.url)
        if visit.page.press:
            with page.expect_navigation() as navigation:
                page.locator(visit.page.press).click()
            response = navigation.value
        visit.status = response.status
        html_file.write_text(response.text(), encoding="utf-8")  # the server's HTML
        visit.html_file = html_file
        page.wait_for_function(SETTLED)
        page.evaluate(OPEN_DISCLOSURES)
        if AXE_JS.exists():
            visit.violations = page.evaluate(AXE_RUN, WCAG_21_AA)
    except Exception as error:  # reported by the page's tests, the other pages go on
        visit.error = f"{type(error).__name__}: {error}"
    visit.seconds = time.monotonic() - started


@pytest.fixture(scope="session")
def axe_results(audit) -> Audit:
    require(AXE_JS.exists(), f"axe-core ({AXE_JS}; npm ci --prefix tools --omit=dev)")
    return audit


@pytest.fixture(scope="session")
def html_errors(audit) -> dict[str, list[dict]]:
    """The Nu Html Checker's errors on the server's HTML of each page (page id -> messages)."""
    require(VNU_JAR.exists(), f"vnu-jar ({VNU_JAR}; npm ci --prefix tools --omit=dev)")
    java = shutil.which("java")
    require(java is not None, "Java (apt-get install default-jre-headless)")
    files = {v.html_file.name: v.page.id for v in audit.visits.values() if v.html_file}
    started = time.monotonic()
    checker = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json",
         *(str(v.html_file) for v in audit.visits.values() if v.html_file)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    audit.timings["vnu"] = time.monotonic() - started
    try:
        messages = json.loads(checker.stderr)["messages"]  # vnu reports on stderr
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"The Nu Html Checker did not report (exit {checker.returncode}):\n"
                    f"{checker.stdout}\n{checker.stderr}")  # fmt: skip
    errors = defaultdict(list)
    for message in messages:
        name = Path(unquote(urlparse(message.get("url", "")).path)).name
        errors[files.get(name, "(no page)")].append(message)
    return errors


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"\n{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"  - {' '.join(map(str, node['target']))}")
            lines.append(f"    {_one_line(node['html'], 200)}")
            lines.append("    " + _one_line(node["summary"] or "", 400))
    return "\n".join(lines)


def describe_html_errors(html_file: Path, messages: list[dict]) -> str:
    lines = [f"\n{html_file}"]
    for message in messages:
        where = f"line {message.get('lastLine', '?')}:{message.get('firstColumn', '?')}"
        lines.append(f"  {where}: {message.get('message')}")
        if message.get("extract"):
            lines.append(f"    {_one_line(message['extract'], 200)}")
    return "\n".join(lines)


def _one_line(text: str, limit: int) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"
