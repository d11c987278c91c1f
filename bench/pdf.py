"""The PDF reports: render time, peak memory, and our overhead over WeasyPrint.

`run(report_lines)` renders a demo country report (loading the demo if needed) five times
end to end (content, HTML, PDF) and five times WeasyPrint alone on the same HTML; the
overhead is the ratio of the two medians. The cache is cleared before each run: a report
is built after its data changed, when no comparison is cached. Peak memory is the maximum
resident size of a fresh process that renders one report, beside that process's size just
before. Targets: under 2 s median; overhead under 30%. The regional report of the demo's
2024 round (summary, SVG world map, trends, tables) is measured the same way: under 3 s.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from io import BytesIO, StringIO

RUNS = 5
TARGET_SECONDS = 2.0
TARGET_REGIONAL_SECONDS = 3.0
REGIONAL_ROUND = "2024"
TARGET_OVERHEAD = 1.3
LANGUAGE = "en"


def run(report_lines: list[str] | None = None) -> list[str]:
    """Measure, and return the markdown lines (appended to `report_lines` too, if given)."""
    assessment, user = demo_subject()
    stages = measure_render(assessment, user)
    memory = measure_memory(assessment.pk, user.pk)
    regional = measure_regional(user)
    lines = markdown(assessment, stages, memory) + regional_markdown(regional)
    if report_lines is not None:
        report_lines.extend(lines)
    return lines


def demo_subject():
    """A validated or published demo assessment with the most text (the demo is loaded
    first if the database has none), read by its country's focal point."""
    from django.core.management import call_command
    from django.db.models import F, Sum
    from django.db.models.functions import Length

    from accounts.models import User
    from assessment.models import Assessment

    demo = Assessment.objects.countable().filter(is_demo=True)
    if not demo.exists():
        call_command("load_demo", stdout=StringIO())
    assessment = (
        demo.select_related("country", "framework")
        .annotate(text=Sum(Length("responses__justification")))
        .order_by(F("text").desc(nulls_last=True), "pk")
        .first()
    )
    focal = User.objects.filter(
        memberships__country=assessment.country, memberships__role="focal_point"
    ).first()
    return assessment, focal or User.objects.filter(is_analyst=True).first()


def measure_regional(user) -> dict:
    """The regional report of REGIONAL_ROUND (on the framework version that round used) as
    `user` reads it: the same measures."""
    from assessment.models import Assessment
    from reports.report_context import regional_report_context
    from scores.query import ComparisonQuery

    framework = (
        (Assessment.objects.countable().filter(round=REGIONAL_ROUND).select_related("framework"))
        .first()
        .framework
    )
    query = ComparisonQuery(framework=framework, rounds=(REGIONAL_ROUND,))
    return _measure(
        "regional", lambda: regional_report_context(query, user=user, language=LANGUAGE)
    )


def measure_render(assessment, user) -> dict:
    """Medians of each stage in seconds, wall-clock and CPU, and the first (cold) run.

    End-to-end runs and WeasyPrint-only runs alternate, so that a change in the machine's
    load weighs on both alike; CPU time shows the cost when other processes compete.
    """
    from reports.report_context import country_report_context

    return _measure(
        "country", lambda: country_report_context(assessment, user=user, language=LANGUAGE)
    )


def _measure(kind: str, build_context) -> dict:
    from django.core.cache import cache

    from reports.pdf import html_to_pdf, render_report_html

    runs: dict[str, list[float]] = {
        name: []
        for name in ("total", "total_cpu", "context", "html", "weasyprint", "weasyprint_cpu")
    }
    for index in range(RUNS + 1):  # the first run warms the process up and is reported apart
        cache.clear()  # a report is rebuilt after its data changed: no comparison is cached
        start, start_cpu = time.perf_counter(), time.process_time()
        context = build_context()
        gathered = time.perf_counter()
        html = render_report_html(kind, context)
        rendered = time.perf_counter()
        pdf = html_to_pdf(html)
        finished, finished_cpu = time.perf_counter(), time.process_time()
        if index == 0:
            cold = finished - start
            continue
        runs["total"].append(finished - start)
        runs["total_cpu"].append(finished_cpu - start_cpu)
        runs["context"].append(gathered - start)
        runs["html"].append(rendered - gathered)
        start, start_cpu = time.perf_counter(), time.process_time()
        html_to_pdf(html)
        runs["weasyprint"].append(time.perf_counter() - start)
        runs["weasyprint_cpu"].append(time.process_time() - start_cpu)
    medians = {name: statistics.median(values) for name, values in runs.items()}
    return {**medians, "cold": cold, "pages": _page_count(pdf), "size": len(pdf)}


def _page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(BytesIO(pdf)).pages)


def measure_memory(assessment_pk: int, user_pk: int) -> dict:
    """Peak resident memory of a fresh process rendering one report, in MiB."""
    env = {
        **os.environ,
        "BENCH_PDF_ASSESSMENT": str(assessment_pk),
        "BENCH_PDF_USER": str(user_pk),
    }
    env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    env.update(_database_environment())
    child = subprocess.run(
        [sys.executable, "-c", "from bench.pdf import memory_child; memory_child()"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return json.loads(child.stdout.strip().splitlines()[-1])


def _database_environment() -> dict:
    """The database this process uses, for the child (the harness may have switched it)."""
    from django.db import connection

    settings = connection.settings_dict
    if settings["ENGINE"].endswith("sqlite3"):
        return {"DATABASE_URL": f"sqlite:///{settings['NAME']}"}
    if settings["ENGINE"].endswith("postgresql"):
        credentials = settings["USER"] + (
            f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
        )
        host = f"{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
        return {"DATABASE_URL": f"postgres://{credentials}@{host}/{settings['NAME']}"}
    return {}


def memory_child() -> None:
    """In a fresh process: set Django up, render one report, print the peak sizes as JSON."""
    import django

    django.setup()
    from accounts.models import User
    from assessment.models import Assessment
    from reports.pdf import report_pdf
    from reports.report_context import country_report_context

    assessment = Assessment.objects.select_related("country", "framework").get(
        pk=os.environ["BENCH_PDF_ASSESSMENT"]
    )
    user = User.objects.get(pk=os.environ["BENCH_PDF_USER"])
    before = _max_rss_mib()
    report_pdf("country", country_report_context(assessment, user=user, language=LANGUAGE))
    print(json.dumps({"before": before, "peak": _max_rss_mib()}))


def _max_rss_mib() -> float:
    """The process's peak resident size. VmHWM rather than ru_maxrss where there is one:
    Linux carries ru_maxrss over from the parent across fork and exec."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def markdown(assessment, stages: dict, memory: dict) -> list[str]:
    overhead = stages["total"] / stages["weasyprint"]
    overhead_cpu = stages["total_cpu"] / stages["weasyprint_cpu"]
    met = {True: "met", False: "NOT met"}
    return [
        "## PDF country report",
        "",
        f"Demo assessment {assessment} ({assessment.get_status_display()}), in English: "
        f"{stages['pages']} pages, {stages['size'] / 1024:.0f} KiB. Medians of {RUNS} runs after "
        "a warm-up run; end-to-end and WeasyPrint-only runs alternate.",
        "",
        "| Measure | Wall clock | CPU | Target |",
        "|---|---|---|---|",
        f"| Country report, end to end | {stages['total']:.2f} s | {stages['total_cpu']:.2f} s "
        f"| < {TARGET_SECONDS:.0f} s ({met[stages['total'] < TARGET_SECONDS]}) |",
        f"| … gathering the content (queries, scores, SVG charts) | {stages['context']:.2f} s | | |",
        f"| … rendering the HTML template | {stages['html']:.2f} s | | |",
        f"| WeasyPrint alone on the same HTML | {stages['weasyprint']:.2f} s "
        f"| {stages['weasyprint_cpu']:.2f} s | |",
        f"| Overhead: end to end / WeasyPrint alone | {overhead:.2f} | {overhead_cpu:.2f} "
        f"| < {TARGET_OVERHEAD:.2f} ({met[overhead < TARGET_OVERHEAD]}) |",
        f"| First (cold) report of a process | {stages['cold']:.2f} s | | |",
        f"| Peak memory of a process rendering one report | {memory['peak']:.0f} MiB "
        f"({memory['peak'] - memory['before']:+.0f} MiB for the render) | | |",
        "",
    ]


def regional_markdown(stages: dict) -> list[str]:
    overhead = stages["total"] / stages["weasyprint"]
    met = {True: "met", False: "NOT met"}
    return [
        "## PDF regional report",
        "",
        f"The demo's round {REGIONAL_ROUND} compared by UN M49 region, with its summary, the "
        f"SVG world map, the trends and the tables, in English: {stages['pages']} pages, "
        f"{stages['size'] / 1024:.0f} KiB. Medians of {RUNS} runs after a warm-up run.",
        "",
        "| Measure | Wall clock | CPU | Target |",
        "|---|---|---|---|",
        f"| Regional report, end to end | {stages['total']:.2f} s | {stages['total_cpu']:.2f} s "
        f"| < {TARGET_REGIONAL_SECONDS:.0f} s "
        f"({met[stages['total'] < TARGET_REGIONAL_SECONDS]}) |",
        f"| … gathering the content (comparisons, SVG charts and map) | {stages['context']:.2f} s "
        "| | |",
        f"| … rendering the HTML template | {stages['html']:.2f} s | | |",
        f"| WeasyPrint alone on the same HTML | {stages['weasyprint']:.2f} s "
        f"| {stages['weasyprint_cpu']:.2f} s | |",
        f"| Overhead: end to end / WeasyPrint alone | {overhead:.2f} | "
        f"{stages['total_cpu'] / stages['weasyprint_cpu']:.2f} "
        f"| < {TARGET_OVERHEAD:.2f} ({met[overhead < TARGET_OVERHEAD]}) |",
        f"| First (cold) report of a process | {stages['cold']:.2f} s | | |",
        "",
    ]
