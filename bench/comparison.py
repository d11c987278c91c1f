"""The comparison page and the comparison API at two sizes of generated data."""

from django.conf import settings
from django.core.cache import cache
from django.test import Client

from bench.timing import Timing, peak_memory_mb, time_get

TARGET_PAGE_MS = 300
COMPARISON_PAGE = "/en/compare/"
COMPARISON_API = "/api/comparison/?framework=mpf-pillar-6&group=m49&round={round}"


def run(sizes) -> list[str]:
    from bench.synthetic import generate

    settings.ROOT_URLCONF = "bench.urls"
    settings.ALLOWED_HOSTS = ["testserver"]
    client = _analyst_client()
    rows, figures = [], {}
    for countries, rounds in sizes:
        generated = generate(countries=countries, rounds=rounds)
        latest = generated.rounds[-1]
        cache.clear()
        timings = _measure(client, latest)
        memory = peak_memory_mb(lambda: (cache.clear(), client.get(COMPARISON_PAGE)))
        figures[(countries, rounds)] = timings
        rows += _rows(countries, rounds, timings, memory)
    return _report(rows, figures, sizes)


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


def _report(rows, figures, sizes) -> list[str]:
    small, large = (figures[size] for size in sizes[:2])
    growth = large["page_cold"].median_ms / small["page_cold"].median_ms
    data_growth = (sizes[1][0] * sizes[1][1]) / (sizes[0][0] * sizes[0][1])
    met = small["page_cold"].median_ms < TARGET_PAGE_MS
    same_queries = all(small[k].queries == large[k].queries for k in small)
    return [
        "## Comparison page and API",
        "",
        "Generated data (`reports/synthetic.py`): countries × rounds of the Pillar 6 framework "
        "(51 indicators), about 55% published. Signed in as an IGF analyst (sees everything). "
        "Median and 90th percentile of 15 requests after 2 warm-up requests; the ratio is "
        "to a bare Django view measured in the same run.",
        "",
        "| Data | Request | Status | Median (ms) | p90 (ms) | × bare view | Queries |",
        "|---|---|---|---|---|---|---|",
        *rows,
        "",
        f"- Target: comparison page under {TARGET_PAGE_MS} ms median at "
        f"{sizes[0][0]} × {sizes[0][1]}, cold cache: "
        f"**{'met' if met else 'NOT met'}** ({small['page_cold'].median_ms:.0f} ms).",
        f"- Growth: {data_growth:.0f}× the data costs {growth:.1f}× the time on a cold page "
        f"({'no worse than linear' if growth <= data_growth else 'WORSE than linear'}).",
        f"- Query counts equal at both sizes: **{'yes' if same_queries else 'NO'}**.",
        "",
    ]
