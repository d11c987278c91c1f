"""`make bench`: speed and memory figures, written to docs/benchmarks.md.

Runs in a database of its own (var/bench/bench.sqlite3, or BENCH_DATABASE_URL), never the
development one. Sizes: generated data of 200 countries × 10 rounds of the Pillar 6
framework, then ten times as many countries. Requests go through Django's test client in
this process (no network), so the figures are the application's own cost.
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

    from bench import comparison, pdf, scoring

    call_command("migrate", verbosity=0)

    sections = {
        "bench": header(url),
        "comparison": comparison.run(SIZES),
        "scoring": scoring.run(),
        "pdf": pdf.run(),
    }
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
        f"- Machine: {os.cpu_count()} cores, {cpu}; Python {platform.python_version()}",
        f"- Database: {connection.vendor} ({url.split(':', 1)[0]})",
        "- Cache: per-process memory cache (`cold` clears it before every request)",
        "",
    ]


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
