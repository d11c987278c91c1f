"""`make load`: serve, prepare, load for a fixed time, write the figures, stop.

1. Starts `make serve` with the demo data (LOAD_DEMO_DATA=1) on a free loopback port, in a
   process group of its own, on a database of its own (LOAD_DATABASE_URL, default
   postgres://postgres@127.0.0.1:5432/mpf_load), and waits for /health/. Or uses the
   server at LOAD_URL (e.g. http://127.0.0.1:8000), whose database DATABASE_URL must name.
2. Creates the load-test people and drafts in the serving database (load/prepare.py).
3. Runs locust headless: LOAD_USERS (50) users started LOAD_SPAWN_RATE (10) per second,
   for LOAD_SECONDS (60) seconds, against 127.0.0.1 only.
4. Writes the section `load` of docs/benchmarks.md (the other sections stay as they are).
5. Stops the server it started, and exits non-zero if any request failed.
"""

import csv
import json
import os
import platform
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.sections import write_sections  # noqa: E402

WORKDIR = ROOT / "var" / "load"
OUTPUT = ROOT / "docs" / "benchmarks.md"
VENV_BIN = Path(sys.executable).parent
USERS = int(os.environ.get("LOAD_USERS", 50))
SPAWN_RATE = int(os.environ.get("LOAD_SPAWN_RATE", 10))
SECONDS = int(os.environ.get("LOAD_SECONDS", 60))
# Starting the stack may migrate and load the demo data first.
SERVER_START_SECONDS = int(os.environ.get("LOAD_SERVER_START_SECONDS", 600))
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
# Not the `mpf` database of `make serve`: the load test writes drafts and comments.
DATABASE_URL = "postgres://postgres@127.0.0.1:5432/mpf_load"
REDIS_URL = "redis://127.0.0.1:6379/0"
CONFLICT = "autosave: conflict (409)"
WARM_UP_ROUNDS = 8
# Request names in the order of the table, with what each one is.
REQUESTS = {
    "sign-in page": "GET the sign-in form",
    "sign-in": "POST user name and password (PBKDF2), redirect",
    "area page": "an area of the filling page: 15–20 indicators with their forms",
    "autosave": "POST one indicator's answer (htmx), optimistic lock",
    CONFLICT: "autosave answered 409: somebody saved the indicator first",
    "comment": "POST a comment on an indicator (htmx)",
    "comparison page": "/compare/, grouping and round picked at random",
    "comparison API": "/api/comparison/, grouping and round picked at random",
    "report request": "POST: a published country report in PDF",
    "report status": "the report's status partial, polled every second until it is built",
    "report download": "the PDF itself",
}


# Which request name a path of gunicorn's access log belongs to (first match wins).
SERVER_PATHS = [
    ("POST", r"/accounts/sign-in/$", "sign-in"),
    ("GET", r"/accounts/sign-in/$", "sign-in page"),
    ("GET", r"/assessments/\d+/areas/", "area page"),
    ("POST", r"/responses/\d+/comments/$", "comment"),
    ("POST", r"/responses/\d+/$", "autosave"),
    ("GET", r"^/[a-z]{2}/compare/$", "comparison page"),
    ("GET", r"^/api/comparison/$", "comparison API"),
    ("POST", r"/reports/assessments/\d+/pdf/$", "report request"),
    ("GET", r"/reports/files/\d+/download/$", "report download"),
    ("GET", r"/reports/files/\d+/$", "report status"),
]


def main() -> int:
    WORKDIR.mkdir(parents=True, exist_ok=True)
    url = os.environ.get("LOAD_URL", "")
    server = None
    env = serving_environment(own_server=not url)
    try:
        if url:
            _require_loopback(url)
        else:
            port = free_port()
            url = f"http://127.0.0.1:{port}"
            server = start_server(port, env)
        wait_for_health(url, server)
        warm_up(url)
        plan_file = WORKDIR / "plan.json"
        run_step([sys.executable, "-m", "load.prepare", "--users", str(USERS),
                  "--out", str(plan_file)], preparation_environment(env))  # fmt: skip
        load_average = ", ".join(f"{value:.2f}" for value in os.getloadavg())
        started = datetime.now(UTC)
        stats = run_locust(url, plan_file, env)
    finally:
        if server is not None:
            stop_server(server)
    failures = stats["Aggregated"]["Failure Count"]
    server = server_times(WORKDIR / "serve.log", started) if server is not None else {}
    write_sections(OUTPUT, {"load": markdown(stats, env, load_average, server)})
    print(f"\nWritten to {OUTPUT.relative_to(ROOT)}")
    if failures:
        print(f"{failures} request(s) failed: see {WORKDIR / 'locust_failures.csv'}")
        return 1
    return 0


def serving_environment(own_server: bool) -> dict:
    """The environment of `make serve` (a database of its own with the demo data) and of
    the preparation step, which must write to the same database."""
    env = dict(os.environ)
    if own_server:
        env["DATABASE_URL"] = os.environ.get("LOAD_DATABASE_URL") or DATABASE_URL
    env.setdefault("REDIS_URL", REDIS_URL)
    env["LOAD_DEMO_DATA"] = "1"
    env["PYTHONPATH"] = str(ROOT)
    return env


def preparation_environment(env: dict) -> dict:
    """The production settings `make serve` runs with (its secret key file included)."""
    secret = ROOT / "var" / "secret_key"
    key = secret.read_text().strip() if secret.exists() else secrets.token_urlsafe(50)
    return {**env, "DJANGO_ENV": "production", "SECRET_KEY": env.get("SECRET_KEY") or key,
            "ALLOWED_HOSTS": "127.0.0.1,localhost"}  # fmt: skip


def _require_loopback(url: str) -> None:
    if urlsplit(url).hostname not in LOOPBACK:
        raise SystemExit(f"LOAD_URL must be a loopback address (127.0.0.1), not {url}.")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port: int, env: dict) -> subprocess.Popen:
    log = open(WORKDIR / "serve.log", "wb")  # noqa: SIM115 (kept open for the server's life)
    print(f"Starting `make serve` on 127.0.0.1:{port} (log: var/load/serve.log)")
    return subprocess.Popen(
        ["make", "--no-print-directory", "serve", f"PORT={port}"],  # noqa: S607 - as typed by hand
        cwd=ROOT, env={**env, "PORT": str(port)}, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: stopped as one, by its id
    )  # fmt: skip


def wait_for_health(url: str, server: subprocess.Popen | None) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    health = f"{url}/health/"
    while time.monotonic() < deadline:
        if server is not None and server.poll() is not None:
            raise SystemExit(f"`make serve` stopped (exit {server.returncode}): see serve.log")
        try:
            request = urllib.request.Request(health, headers={"X-Forwarded-Proto": "https"})
            with urllib.request.urlopen(request, timeout=5) as answer:
                if answer.status == 200:
                    print(f"{health} answers.")
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(1)
    raise SystemExit(f"{health} did not answer within {SERVER_START_SECONDS} s.")


def warm_up(url: str) -> None:
    """A few anonymous pages, several at once, so that every gunicorn worker has loaded its
    code before the measurement starts (the first request of a worker imports pandas,
    plotly and the templates)."""
    from concurrent.futures import ThreadPoolExecutor

    pages = [f"{url}/en/", f"{url}/en/accounts/sign-in/", f"{url}/en/compare/"] * WARM_UP_ROUNDS

    def fetch(page: str) -> None:
        request = urllib.request.Request(page, headers={"X-Forwarded-Proto": "https"})
        with urllib.request.urlopen(request, timeout=60) as answer:
            answer.read()

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(fetch, pages))
    print(f"Warmed up with {len(pages)} requests.")


def stop_server(server: subprocess.Popen) -> None:
    """SIGTERM to the server's process group (gunicorn and the worker stop gracefully),
    SIGKILL to what is left after 30 s."""
    if server.poll() is not None:
        return
    print("Stopping the server.")
    group = os.getpgid(server.pid)
    os.killpg(group, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(group, signal.SIGKILL)
        server.wait(timeout=10)
    # Children of make (gunicorn, db_worker) may outlive it by a moment.
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and _group_alive(group):
        time.sleep(0.5)
    if _group_alive(group):
        os.killpg(group, signal.SIGKILL)


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


def run_step(command: list[str], env: dict) -> None:
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def run_locust(url: str, plan_file: Path, env: dict) -> dict:
    prefix = WORKDIR / "locust"
    for old in WORKDIR.glob("locust_*.csv"):
        old.unlink()
    command = [
        str(VENV_BIN / "locust"), "-f", str(ROOT / "load" / "locustfile.py"), "--headless",
        "-u", str(USERS), "-r", str(SPAWN_RATE), "--run-time", f"{SECONDS}s",
        "--host", url, "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING",
    ]  # fmt: skip
    print(" ".join(command[1:]))
    # Locust's own exit code says "there were failures"; the CSV says which.
    subprocess.run(command, cwd=ROOT, env={**env, "LOAD_PLAN": str(plan_file)}, check=False)
    return read_stats(Path(f"{prefix}_stats.csv"))


def read_stats(path: Path) -> dict[str, dict]:
    """Locust's stats CSV: request name → its row, numbers as numbers."""
    if not path.exists():
        raise SystemExit(f"Locust wrote no statistics ({path.name}): see its output above.")
    rows = {}
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            rows[row["Name"]] = {key: _number(value) for key, value in row.items()}
    return rows


def _number(value: str):
    try:
        number = float(value)
    except (TypeError, ValueError):
        return value
    return int(number) if number.is_integer() else number


def server_times(log: Path, since: datetime) -> dict[str, tuple[int, int]]:
    """Request name → (p50, p95) of the time gunicorn's access log gives (JSON lines with
    time, method, path and duration_ms) from `since` on (not the warm-up): the server's own
    time, without the wait for a free worker."""
    import re

    rules = [(method, re.compile(pattern), name) for method, pattern, name in SERVER_PATHS]
    durations: dict[str, list[float]] = {}
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            entry = json.loads(line)
            method, path, duration = entry["method"], entry["path"], entry["duration_ms"]
            if datetime.fromisoformat(entry["time"]) < since:
                continue
        except (ValueError, KeyError, TypeError):
            continue
        for rule_method, pattern, name in rules:
            if method == rule_method and pattern.search(path):
                durations.setdefault(name, []).append(float(duration))
                break
    return {name: (_percentile(values, 50), _percentile(values, 95))
            for name, values in durations.items()}  # fmt: skip


def _percentile(values: list[float], percent: int) -> int:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, len(ordered) * percent // 100)])


def markdown(
    stats: dict[str, dict], env: dict, load_average: str, server: dict | None = None
) -> list[str]:
    total = stats["Aggregated"]
    conflicts = stats.get(CONFLICT, {}).get("Request Count", 0)
    saves = stats.get("autosave", {}).get("Request Count", 0)
    lines = [
        "## Load test (make load)",
        "",
        "Written by `make load` (`python -m load.run`, scenario in `load/locustfile.py`).",
        "",
        f"- Run: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; locust {_locust_version()}, "
        f"{USERS} simulated users (started {SPAWN_RATE} per second) for {SECONDS} s, each "
        "waiting 1–3 s between tasks.",
        f"- Machine: {os.cpu_count()} cores, {_cpu_model()}; Python "
        f"{platform.python_version()}. Locust runs on the same machine as the server; load "
        f"average (1, 5, 15 min) when the run started: {load_average}.",
        f"- Server: `make serve` on 127.0.0.1 ({_server_description(env)}); the requests "
        "carry `X-Forwarded-Proto: https` as from the TLS proxy.",
        "- Users: each a ministry contributor with an account of its own, 10 per country "
        "(demo data plus 5 countries' 2026 drafts), each editing only its own ~5 indicators. "
        "Tasks, by weight: fill 6 (open an area page, then 1–3 autosaves a second or so "
        "apart, posting the version read from the page), compare 2 + API 2, comment 1, "
        "report 1 (ask for one of two published country reports, poll its status until "
        "it is built, download the PDF; the reports are built afresh in each run, once per "
        "country since each country's team sees its own version).",
        "",
        "Times as the users saw them (locust), and the server's own time for the same "
        "requests (gunicorn's access log): the difference is the wait for a free worker.",
        "",
        "| Request | What | Requests | Failures | p50 (ms) | p95 (ms) | Max (ms) | Requests/s "
        "| Server p50 / p95 (ms) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    server = server or {}
    for name, what in REQUESTS.items():
        if name in stats:
            lines.append(_row(name, what, stats[name], server.get(name)))
    for name, row in stats.items():
        if name not in REQUESTS and name != "Aggregated":
            lines.append(_row(name, "", row, server.get(name)))
    lines.append(_row("**All**", "", total, None))
    lines += [
        "",
        f"- Throughput: **{total['Requests/s']:.1f} requests/s** over the run "
        f"({total['Request Count']} requests).",
        f"- Errors: **{total['Failure Count']}** (any answer other than the expected one, "
        "or a connection error).",
        f"- Optimistic-lock conflicts (409, a correct answer): {conflicts} of "
        f"{saves + conflicts} autosaves.",
    ]
    return lines


def _row(name: str, what: str, row: dict, server: tuple[int, int] | None) -> str:
    cells = [
        name, what, row["Request Count"], row["Failure Count"], row["50%"], row["95%"],
        round(row["Max Response Time"]), f"{row['Requests/s']:.2f}",
        f"{server[0]} / {server[1]}" if server else "",
    ]  # fmt: skip
    return "| " + " | ".join(str(cell) for cell in cells) + " |"


def _locust_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("locust")
    except PackageNotFoundError:  # the report is also written from a saved CSV
        return "(not installed)"


def _server_description(env: dict) -> str:
    """What `make serve` runs, as far as this process can tell."""
    parts = ["gunicorn"]
    workers = _gunicorn_workers(env)
    if workers:
        parts[0] += f", {workers} workers"
    parts += ["WhiteNoise", "PostgreSQL", "Redis cache", "db_worker for the PDFs",
              "production settings"]  # fmt: skip
    return ", ".join(parts)


def _gunicorn_workers(env: dict) -> int | None:
    config = ROOT / "config" / "gunicorn.py"
    if not config.exists():
        return None
    code = (
        "import runpy, json, sys; "
        f"print(json.dumps(runpy.run_path({str(config)!r}).get('workers')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    try:
        return json.loads(result.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return None


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
