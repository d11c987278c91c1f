"""`make load` turns locust's statistics into the `load` section of docs/benchmarks.md."""

import json

from load.run import CONFLICT, markdown, read_stats, server_times

HEADER = (
    "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,"
    "Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,"
    "50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%"
)


def test_the_section_gives_percentiles_per_request_throughput_errors_and_conflicts(tmp_path):
    csv = tmp_path / "locust_stats.csv"
    csv.write_text(
        "\n".join([
            HEADER,
            "POST,autosave,400,0,50,60,10,900,1000,6.5,0.0,50,60,70,80,120,300,500,700,900,900,900",
            f"POST,{CONFLICT},2,0,40,40,30,50,900,0.03,0.0,40,40,40,40,50,50,50,50,50,50,50",
            "GET,area page,200,0,150,170,40,2000,90000,3.3,0.0,150,170,190,200,400,700,900,"
            "1500,2000,2000,2000",
            ",Aggregated,602,0,80,90,10,2000,30000,9.8,0.0,80,90,100,110,200,400,600,900,"
            "2000,2000,2000",
        ]) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    stats = read_stats(csv)
    lines = markdown(stats, {}, "0.10, 0.20, 0.30")
    text = "\n".join(lines)
    assert "| area page | " in text and "| 200 | 0 | 150 | 700 | 2000 | 3.30 |  |" in text
    assert "| autosave | " in text and "| 400 | 0 | 50 | 300 | 900 | 6.50 |  |" in text
    assert "**9.8 requests/s**" in text
    assert "Errors: **0**" in text
    assert "2 of 402 autosaves" in text


def test_server_times_come_from_the_access_log_after_the_start(tmp_path):
    from datetime import UTC, datetime

    log = tmp_path / "serve.log"
    lines = [
        {"time": "2026-01-01T10:00:00.000+00:00", "method": "GET", "path": "/en/compare/",
         "duration_ms": 5000},  # the warm-up, before the start
        {"time": "2026-01-01T10:00:05.000+00:00", "method": "GET", "path": "/en/compare/",
         "duration_ms": 200},
        {"time": "2026-01-01T10:00:06.000+00:00", "method": "POST",
         "path": "/en/assessments/3/responses/9/", "duration_ms": 70},
        {"time": "2026-01-01T10:00:06.000+00:00", "method": "POST",
         "path": "/en/assessments/3/responses/9/comments/", "duration_ms": 30},
    ]  # fmt: skip
    log.write_text("not json\n" + "\n".join(json.dumps(line) for line in lines) + "\n")
    since = datetime(2026, 1, 1, 10, 0, 1, tzinfo=UTC)
    assert server_times(log, since) == {
        "comparison page": (200, 200), "autosave": (70, 70), "comment": (30, 30),
    }  # fmt: skip
