"""Published results: the public pages as an anonymous visitor gets them, the open data of
a round, and the frozen PDF editions written when an assessment is published.

On the demo data (loaded if the database has none): the public page, dashboard and
landing page (median of 15 cold requests, the cache cleared before each), the open data
CSV and Excel of round 2024 (every published assessment), and edition 1 of one published
assessment in the four languages, written once as the task worker does. Targets: public
pages under 500 ms; the open data CSV under 2 s; the four PDFs under 30 s.
"""

from __future__ import annotations

import time
from io import StringIO

TARGET_PAGE_MS = 500
TARGET_OPEN_DATA_MS = 2000
TARGET_EDITIONS_S = 30


def run() -> list[str]:
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from assessment.models import Assessment
    from bench import timing

    settings.ALLOWED_HOSTS = ["testserver"]
    if not Assessment.objects.filter(is_demo=True).exists():
        call_command("load_demo", stdout=StringIO())
    subject = Assessment.objects.published().filter(is_demo=True, round="2024")
    subject = subject.select_related("country", "framework").order_by("country__iso3").first()
    iso3, round_ = subject.country.iso3, subject.round
    client = Client()
    pages = {
        "public assessment page": f"/en/results/{iso3}/{round_}/",
        "public dashboard": f"/en/results/{iso3}/{round_}/dashboard/",
        "published results (landing)": "/en/results/",
        f"open data CSV, round {round_}": f"/en/results/open-data/{round_}.csv",
        f"open data Excel, round {round_}": f"/en/results/open-data/{round_}.xlsx",
    }
    timings = {
        name: timing.time_get(client, name, url, runs=15, cold=True) for name, url in pages.items()
    }
    seconds = _editions_seconds(subject)
    return _markdown(subject, timings, seconds)


def _editions_seconds(assessment) -> float:
    """Edition 1 in the four languages, as the worker writes it (after any earlier ones of
    this benchmark are removed)."""
    from publications.editions import current_number, editions_issue
    from publications.models import Edition

    number = current_number(assessment=assessment) + 1
    start = time.perf_counter()
    editions_issue(number=number, assessment=assessment, reason="benchmark" if number > 1 else "")
    elapsed = time.perf_counter() - start
    for edition in Edition.objects.filter(assessment=assessment):
        edition.file.delete(save=False)
    Edition.objects.filter(assessment=assessment).delete()
    return elapsed


def _markdown(assessment, timings, seconds: float) -> list[str]:
    pages = [t for name, t in timings.items() if "open data" not in name]
    worst_page = max(t.median_ms for t in pages)
    csv = next(t for name, t in timings.items() if "CSV" in name)
    lines = [
        "## Published results",
        "",
        f"Anonymous visitor, demo data; {assessment.country.iso3} {assessment.round}. "
        "Median and 90th percentile of 15 requests, the cache cleared before each.",
        "",
        "| Page | Median (ms) | p90 (ms) | Queries |",
        "|---|---:|---:|---:|",
        *[
            f"| {name} | {t.median_ms:.1f} | {t.p90_ms:.1f} | {t.queries} |"
            for name, t in timings.items()
        ],
        "",
        f"- Edition 1 in four languages (four PDFs, written by the task worker): {seconds:.1f} s.",
        f"- Targets: public pages under {TARGET_PAGE_MS} ms "
        f"**{'met' if worst_page < TARGET_PAGE_MS else 'NOT met'}** ({worst_page:.0f} ms at "
        f"worst); open data CSV under {TARGET_OPEN_DATA_MS} ms "
        f"**{'met' if csv.median_ms < TARGET_OPEN_DATA_MS else 'NOT met'}**; editions under "
        f"{TARGET_EDITIONS_S} s **{'met' if seconds < TARGET_EDITIONS_S else 'NOT met'}**.",
    ]
    return lines
