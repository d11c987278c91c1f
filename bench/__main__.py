"""`make bench`: speed and memory figures, written to docs/benchmarks.md.

Runs in a database of its own (var/bench/bench.sqlite3, or BENCH_DATABASE_URL), never the
development one. Sizes: generated data of 200 countries × 10 rounds of the Pillar 6
framework, then ten times as many countries. Requests go through Django's test client in
this process (no network), so the figures are the application's own cost. Sections:
comparison (bench/comparison.py), scoring methods (bench/scoring.py), PDF report
(bench/pdf.py), workbook uploads (bench/uploads.py), published results
(bench/publications.py).
"""

import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

from bench.sections import write_sections

ROOT = Path(__file__).resolve().parent.parent
WORKDIR = ROOT / "var" / "bench"
OUTPUT = ROOT / "docs" / "benchmarks.md"
SIZES = [(200, 10), (2000, 10)]


def prepare_environment() -> str:
    WORKDIR.mkdir(parents=True, exist_ok=True)
    url = os.environ.get("BENCH_DATABASE_URL")
    if not url:
        database = WORKDIR / "bench.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{database}"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.pop("REDIS_URL", None)
    return url


def main() -> int:
    url = prepare_environment()
    import django

    django.setup()
    from django.core.management import call_command

    from bench import comparison, pdf, publications, scoring, uploads

    call_command("migrate", verbosity=0)

    runs = {
        "comparison": lambda: comparison.run(SIZES),
        "scoring": scoring.run,
        "pdf": pdf.run,
        "uploads": uploads.run,
        "publications": publications.run,
    }
    # BENCH_ONLY=uploads (comma-separated names) measures some sections and leaves the others
    # as they are; the header's date then stays that of the last full run.
    only = [name for name in os.environ.get("BENCH_ONLY", "").split(",") if name.strip()]
    unknown = set(only) - set(runs)
    if unknown:
        raise SystemExit(f"BENCH_ONLY: no section {', '.join(sorted(unknown))}; use {list(runs)}")
    sections = {} if only else {"bench": header(url)}
    for name, run in runs.items():
        if not only or name in only:
            sections[name] = run()
    # Only this command's sections are replaced: `make load` writes its own beside them.
    write_sections(OUTPUT, sections)
    print("\n".join(line for lines in sections.values() for line in lines))
    print(f"\nWritten to {OUTPUT.relative_to(ROOT)}")
    return 0


def header(url: str) -> list[str]:
    from django.db import connection

    cpu = _cpu_model()
    return [
        "## `make bench`",
        "",
        "Written by `make bench` (`python -m bench`).",
        "",
        f"- Run: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- Machine: {os.cpu_count()} cores, {cpu}; Python {platform.python_version()}; "
        f"load average (1, 5, 15 min) at the start: {_load_average()}",
        f"- Database: {connection.vendor} ({url.split(':', 1)[0]})",
        "- Cache: per-process memory cache (`cold` clears it before every request)",
        "",
    ]


def _load_average() -> str:
    """Other work on the machine slows every figure down: it is written beside them."""
    try:
        return ", ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


if __name__ == "__main__":
    sys.exit(main())
