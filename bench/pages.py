"""What a user on a slow connection waits for: the weight of the main pages, and the area
page's server cost against its floor.

Weight: each page is asked for as a browser does (gzip accepted) by the demo person who uses
it; the assets it names (stylesheets, scripts, the icon font, the map's topojson) are counted
at the size the server sends them: gzip and Brotli as WhiteNoise writes them at
`collectstatic` (browsers that take Brotli get the smaller one). A first visit downloads the page and its
assets; a repeat visit only the page, since static files have hashed names and a year's
cache life in production.

Floor: the area page against the same response forms rendered plainly in the same layout
(bench/urls.py), CPU time of the whole request through every middleware, medians of runs
taken in turn.
"""

from __future__ import annotations

import gzip
import re
import statistics
import time
from dataclasses import dataclass
from io import StringIO
from pathlib import PurePosixPath

import brotli
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client

AREA = "6.2"
RUNS = 15
TARGET_FLOOR_RATIO = 1.5
GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
ASSET = re.compile(r'<(?:script|link)\b[^>]*?(?:src|href)="(/static/[^"]+)"')
TOPOJSON = re.compile(r'data-topojson-url="(/static/[^"]+)"')
CSS_URL = re.compile(r'url\("?([^")?#]+)')
PRECOMPRESSED = {".woff2", ".png", ".jpg", ".gif", ".ico"}


@dataclass(frozen=True)
class Weight:
    page: str
    html_raw: int
    html_gzip: int
    assets_gzip: int
    assets_brotli: int
    assets: int

    @property
    def first_gzip(self) -> int:
        return self.html_gzip + self.assets_gzip

    @property
    def first_brotli(self) -> int:
        return self.html_gzip + self.assets_brotli


def demo_pages() -> dict[str, tuple[str | None, str]]:
    """Page name -> (demo username or None, URL): the pages the issue's table names."""
    from django.urls import reverse

    from accounts.models import User
    from assessment.models import Assessment
    from bench.synthetic import round_names

    if not User.objects.filter(username="sen-contributor").exists():
        _load_demo()
    # The demo's own rounds, not the generated ones (bench/synthetic.py) of other sections.
    senegal = Assessment.objects.filter(country__iso3="SEN").exclude(round__in=round_names(10))
    latest = senegal.order_by("-round").first()
    published = senegal.filter(status__in=Assessment.COUNTABLE_STATUSES).order_by("-round").first()
    return {
        "sign-in": (None, reverse("accounts:login")),
        f"area {AREA} (Senegal {latest.round})": (
            "sen-contributor",
            reverse("assessment:area", args=[latest.pk, AREA]),
        ),
        f"Senegal dashboard ({published.round})": (
            "sen-focal",
            reverse("scores:dashboard", args=[published.pk]),
        ),
        # With the other sections' generated data beside the demo (make bench): the
        # default round is then one of 2,000 countries.
        "comparison with the map": ("analyst", reverse("scores:compare")),
    }


def _load_demo() -> None:
    """`load_demo` beside the other sections' generated data, whose assessments are marked as
    demo ones too (bench/synthetic.py): unmarked meanwhile, so that the demo's own steps
    (a profile for every demo assessment) leave them alone."""
    from django.core.management import call_command

    from assessment.models import Assessment
    from bench.synthetic import round_names

    generated = list(
        Assessment.objects.filter(is_demo=True, round__in=round_names(10)).values_list(
            "pk", flat=True
        )
    )
    Assessment.objects.filter(pk__in=generated).update(is_demo=False)
    try:
        call_command("load_demo", stdout=StringIO())
    finally:
        Assessment.objects.filter(pk__in=generated).update(is_demo=True)


def client_for(username: str | None) -> Client:
    from accounts.models import User

    client = Client()
    if username:
        client.force_login(User.objects.get(username=username))
    return client


def page_weight(name: str, client: Client, url: str) -> Weight:
    response = client.get(url, **GZIP)
    if response.status_code != 200 or response.get("Content-Encoding") != "gzip":
        raise RuntimeError(f"{url}: {response.status_code}, not a compressed page")
    html = gzip.decompress(response.content).decode()
    urls = list(dict.fromkeys(ASSET.findall(html) + TOPOJSON.findall(html)))
    urls += [u for css in urls if css.endswith(".css") for u in _css_assets(css)]
    sizes = [_sent_sizes(u) for u in dict.fromkeys(urls)]
    return Weight(
        page=name,
        html_raw=len(html.encode()),
        html_gzip=len(response.content),
        assets_gzip=sum(size[0] for size in sizes),
        assets_brotli=sum(size[1] for size in sizes),
        assets=len(sizes),
    )


def _static_path(url: str) -> str:
    found = finders.find(url.removeprefix(settings.STATIC_URL).split("?")[0])
    if not found:
        raise RuntimeError(f"{url}: no such static file")
    return found


def _css_assets(url: str) -> list[str]:
    with open(_static_path(url), encoding="utf-8") as file:
        css = file.read()
    base = PurePosixPath(url).parent
    return [
        str(base / ref) for ref in CSS_URL.findall(css)
        if not ref.startswith(("data:", "http")) and ref.endswith((".woff2", ".svg", ".png"))
    ]  # fmt: skip


def _sent_sizes(url: str) -> tuple[int, int]:
    """(gzip, Brotli) bytes as WhiteNoise serves the file (compressed ahead of time)."""
    with open(_static_path(url), "rb") as file:
        data = file.read()
    if PurePosixPath(url).suffix in PRECOMPRESSED:
        return len(data), len(data)
    return len(gzip.compress(data, 9)), len(brotli.compress(data))


def cpu_ms(client: Client, url: str) -> float:
    started = time.process_time()
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url}: {response.status_code}")
    return (time.process_time() - started) * 1000


def floor_ratio(pages) -> dict:
    """Median CPU of the area page and of its floor, taken in turn."""
    from assessment.models import Assessment

    username, url = next(value for name, value in pages.items() if name.startswith("area"))
    pk = int(url.split("/assessments/")[1].split("/")[0])
    assessment = Assessment.objects.get(pk=pk)
    client = client_for(username)
    floor_url = f"/bench/floor/{pk}/{AREA}/"
    for _ in range(3):
        cpu_ms(client, url), cpu_ms(client, floor_url)
    area, floor = [], []
    for _ in range(RUNS):
        area.append(cpu_ms(client, url))
        floor.append(cpu_ms(client, floor_url))
    indicators = assessment.responses.filter(indicator__recommendation__area__code=AREA).count()
    return {
        "area": statistics.median(area),
        "floor": statistics.median(floor),
        "indicators": indicators,
    }


def measure() -> tuple[dict[str, Weight], dict]:
    settings.ROOT_URLCONF = "bench.urls"
    pages = demo_pages()
    weights = {
        name: page_weight(name, client_for(username), url)
        for name, (username, url) in pages.items()
    }
    return weights, floor_ratio(pages)


def kb(size: int) -> str:
    return f"{size / 1000:,.0f} KB"


def run() -> list[str]:
    from bench import browser

    weights, floor = measure()
    pages = demo_pages()
    visits = browser.measure(pages) if browser.available() else []
    return report(weights, floor, visits, browser)


def report(weights: dict[str, Weight], floor: dict, visits, browser) -> list[str]:
    ratio = floor["area"] / floor["floor"]
    lines = [
        "## Page weight, the area page's floor, and a slow connection",
        "",
        "Demo data (`load_demo`), each page as the demo person who uses it sees it (sign-in:"
        " anonymous; area and dashboard: Senegal's contributor and focal point; comparison: the"
        " IGF analyst). Sizes as sent: the page gzip-compressed by the application, static files"
        " compressed ahead of time by WhiteNoise, gzip and Brotli (Chromium takes Brotli). A"
        " repeat visit downloads only the page: static files have hashed names and a year's"
        " cache life.",
        "",
        "| Page | HTML | HTML gzip | Assets | First visit (gzip) | First visit (Brotli) |"
        " Repeat visit |",
        "|---|---|---|---|---|---|---|",
    ]
    for w in weights.values():
        lines.append(
            f"| {w.page} | {kb(w.html_raw)} | {kb(w.html_gzip)} | {w.assets} | "
            f"{kb(w.first_gzip)} | {kb(w.first_brotli)} | {kb(w.html_gzip)} |"
        )
    lines += [
        "",
        f"Area page against its floor (the same {floor['indicators']} response forms rendered"
        " plainly in the same layout, bench/urls.py), CPU time of the request through every"
        f" middleware, medians of {RUNS} runs taken in turn:",
        "",
        "| Request | CPU (ms) |",
        "|---|---|",
        f"| area page | {floor['area']:.1f} |",
        f"| plain forms (floor) | {floor['floor']:.1f} |",
        f"| ratio | **{ratio:.2f}×** (target ≤ {TARGET_FLOOR_RATIO}×:"
        f" {'met' if ratio <= TARGET_FLOOR_RATIO else 'NOT met'}) |",
        "",
    ]
    by_page = {(v.page, v.visit): v for v in visits}
    if visits:
        lines += [
            f"Chromium (Debian's) over an emulated {DOWN_MBIT} Mbit/s link with"
            f" {browser.LATENCY_MS} ms latency (DevTools `Network.emulateNetworkConditions`),"
            " served as in production (collectstatic, hashed and compressed files, DEBUG off)."
            " First visit: empty browser cache; repeat: the same page again. Each row is the"
            f" run with the median load time of {browser.RUNS}.",
            "",
            "| Page | Visit | Transferred | Page loaded | Largest contentful paint |"
            " Charts drawn |",
            "|---|---|---|---|---|---|",
        ]
        for v in visits:
            charts = f"{v.charts_ms / 1000:.1f} s ({v.charts} charts)" if v.charts_ms else "–"
            lcp = f"{v.lcp_ms / 1000:.1f} s" if v.lcp_ms else "–"
            lines.append(
                f"| {v.page} | {v.visit} | {kb(v.bytes)} | {v.load_ms / 1000:.1f} s | {lcp} |"
                f" {charts} |"
            )
        lines.append("")
    else:
        lines += ["Chromium is not installed: the slow-connection run was skipped.", ""]
    lines += _targets(weights, ratio, by_page)
    return lines


DOWN_MBIT = 1


def _targets(weights: dict[str, Weight], ratio: float, by_page) -> list[str]:
    area = next(w for name, w in weights.items() if name.startswith("area"))
    dashboard = next(w for name, w in weights.items() if name.startswith("Senegal dashboard"))

    def visit(weight: Weight, which: str):
        return by_page.get((weight.page, which))

    def verdict(ok: bool | None) -> str:
        return "not measured" if ok is None else ("**met**" if ok else "**NOT met**")

    area_repeat, area_first = visit(area, "repeat"), visit(area, "first")
    dash_first = visit(dashboard, "first")
    rows = [
        ("area page, repeat visit", "247 KB, 2.4 s", "≤ 30 KB, ≤ 1 s",
         f"{kb(area.html_gzip)}" + (f", {area_repeat.load_ms / 1000:.1f} s" if area_repeat else ""),
         verdict(area.html_gzip <= 30_000 and (area_repeat is None or area_repeat.load_ms <= 1000))),
        ("area page, first visit", "460 KB, 4.5 s", "≤ 250 KB, ≤ 3 s",
         f"{kb(area.first_gzip)}" + (f", {area_first.load_ms / 1000:.1f} s" if area_first else ""),
         verdict(area.first_gzip <= 250_000 and (area_first is None or area_first.load_ms <= 3000))),
        ("area page CPU / plain-forms floor", "2.21×", "≤ 1.5×", f"{ratio:.2f}×",
         verdict(ratio <= TARGET_FLOOR_RATIO)),
        ("dashboard, first visit (Chromium)", "1,346 KB, charts at 12.4 s",
         "≤ 500 KB, charts ≤ 5 s",
         f"{kb(dash_first.bytes)}, charts at {(dash_first.charts_ms or 0) / 1000:.1f} s"
         if dash_first else "–",
         verdict(None if dash_first is None else
                 dash_first.bytes <= 500_000 and (dash_first.charts_ms or 0) <= 5000)),
        ("dashboard, first visit, a client that takes only gzip", "", "≤ 500 KB",
         kb(dashboard.first_gzip), verdict(dashboard.first_gzip <= 500_000)),
    ]  # fmt: skip
    lines = [
        "Targets of issue 18 measured here (the comparison's and the PDF's are in their sections):",
        "",
        "| Measure | Before | Target | Now | |",
        "|---|---|---|---|---|",
        *(f"| {a} | {b} | {c} | {d} | {e} |" for a, b, c, d, e in rows),
        "",
    ]
    if dashboard.first_gzip > 500_000 >= dashboard.first_brotli:
        lines += [
            "- Chromium asks for Brotli (even over plain HTTP) and gets the dashboard in less"
            " than 500 KB; a client that takes only gzip gets more: most of it is the plotly.js"
            " bundle (bar, scatter, radar, heatmap and map traces in one file, shared with the"
            " comparison). A second bundle without the map code for the dashboard would bring"
            " the gzip figure under 500 KB too.",
            "",
        ]
    return lines
