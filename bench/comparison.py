"""The comparison page and the comparison API at two sizes of generated data."""

import gzip

from django.conf import settings
from django.core.cache import cache
from django.test import Client

from bench.timing import Timing, peak_memory_mb, time_get

TARGET_PAGE_MS = 300
TARGET_GROWTH = 1.3  # the 2000-country page against the 200-country one, cold
TARGET_HTML_GZIP = 300_000
COMPARISON_PAGE = "/en/compare/"
COMPARISON_API = "/api/comparison/?framework=mpf-pillar-6&group=m49&round={round}"


def run(sizes) -> list[str]:
    from bench.synthetic import generate

    settings.ROOT_URLCONF = "bench.urls"
    settings.ALLOWED_HOSTS = ["testserver"]
    client = _analyst_client()
    rows, figures, sizes_sent = [], {}, {}
    for countries, rounds in sizes:
        generated = generate(countries=countries, rounds=rounds)
        latest = generated.rounds[-1]
        cache.clear()
        timings = _measure(client, latest)
        memory = peak_memory_mb(lambda: (cache.clear(), client.get(COMPARISON_PAGE)))
        figures[(countries, rounds)] = timings
        sizes_sent[(countries, rounds)] = _html_sizes(client)
        rows += _rows(countries, rounds, timings, memory)
    return _report(rows, figures, sizes, sizes_sent)


def _html_sizes(client) -> tuple[int, int]:
    """(raw, gzip) bytes of the comparison page's HTML as sent to a browser."""
    response = client.get(COMPARISON_PAGE, HTTP_ACCEPT_ENCODING="gzip")
    return len(gzip.decompress(response.content)), len(response.content)


def _analyst_client() -> Client:
    from accounts.models import User

    user, _ = User.objects.get_or_create(username="bench-analyst", defaults={"is_analyst": True})
    client = Client()
    client.force_login(user)
    return client


def _measure(client, latest_round) -> dict[str, Timing]:
    api = COMPARISON_API.format(round=latest_round)
    return {
        "bare": time_get(client, "bare Django view", "/bench/bare/"),
        "page_cold": time_get(client, "comparison page, cold cache", COMPARISON_PAGE, cold=True),
        "page_warm": time_get(client, "comparison page, warm cache", COMPARISON_PAGE),
        "api_cold": time_get(client, "comparison API, cold cache", api, cold=True),
        "api_warm": time_get(client, "comparison API, warm cache", api),
    }


def _rows(countries, rounds, timings, memory) -> list[str]:
    bare = timings["bare"]
    rows = []
    for key, timing in timings.items():
        ratio = "1" if key == "bare" else f"{timing.ratio_to(bare):.0f}×"
        rows.append(
            f"| {countries} × {rounds} | {timing.name} | {timing.status} | "
            f"{timing.median_ms:.1f} | {timing.p90_ms:.1f} | {ratio} | {timing.queries} |"
        )
    rows.append(
        f"| {countries} × {rounds} | peak Python memory of a cold comparison page | | "
        f"{memory:.1f} MB | | | |"
    )
    return rows


def _report(rows, figures, sizes, sizes_sent) -> list[str]:
    small, large = (figures[size] for size in sizes[:2])
    growth = large["page_cold"].median_ms / small["page_cold"].median_ms
    data_growth = (sizes[1][0] * sizes[1][1]) / (sizes[0][0] * sizes[0][1])
    met = small["page_cold"].median_ms < TARGET_PAGE_MS
    large_met = large["page_cold"].median_ms <= TARGET_PAGE_MS
    same_queries = all(small[k].queries == large[k].queries for k in small)
    raw, sent = sizes_sent[sizes[1]]

    def verdict(ok: bool) -> str:
        return "**met**" if ok else "**NOT met**"

    return [
        "## Comparison page and API",
        "",
        "Generated data (`bench/synthetic.py`): countries × rounds of the Pillar 6 framework "
        "(51 indicators), about 55% published, with their stored roll-up scores "
        "(`manage.py rebuild_scores`). Signed in as an IGF analyst (sees everything). "
        "Median and 90th percentile of 15 requests after 2 warm-up requests; the ratio is "
        "to a bare Django view measured in the same run, through the same full middleware "
        "stack (sessions, the idle timeout, CSP, compression...).",
        "",
        "| Data | Request | Status | Median (ms) | p90 (ms) | × bare view | Queries |",
        "|---|---|---|---|---|---|---|",
        *rows,
        "",
        f"- Target: comparison page under {TARGET_PAGE_MS} ms median at "
        f"{sizes[0][0]} × {sizes[0][1]}, cold cache: "
        f"{verdict(met)} ({small['page_cold'].median_ms:.0f} ms).",
        f"- Target (issue 18): at {sizes[1][0]} × {sizes[1][1]}, cold, ≤ {TARGET_PAGE_MS} ms "
        f"(was 1,650-1,870 ms): {verdict(large_met)} ({large['page_cold'].median_ms:.0f} ms); "
        f"≤ {TARGET_GROWTH}× the {sizes[0][0]} × {sizes[0][1]} time (was 7.3-8.3×): "
        f"{verdict(growth <= TARGET_GROWTH)} ({growth:.2f}× for {data_growth:.0f}× the data).",
        f"- Target (issue 18): the page's HTML at {sizes[1][0]} × {sizes[1][1]} over the network "
        f"≤ {TARGET_HTML_GZIP // 1000} KB (was 267 KB gzip, 3.96 MB raw): "
        f"{verdict(sent <= TARGET_HTML_GZIP)} ({sent / 1000:,.0f} KB gzip, {raw / 1000:,.0f} KB "
        "raw: the heatmap and the ranking show the 50 highest countries, the CSV holds all).",
        f"- Query counts equal at both sizes: **{'yes' if same_queries else 'NO'}**.",
        "",
    ]
