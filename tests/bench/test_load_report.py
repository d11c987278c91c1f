"""`make load` turns locust's statistics into the `load` section of docs/benchmarks.md."""

from load.run import CONFLICT, markdown, read_stats

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
    assert "| area page | " in text and "| 200 | 0 | 150 | 700 | 2000 | 3.30 |" in text
    assert "| autosave | " in text and "| 400 | 0 | 50 | 300 | 900 | 6.50 |" in text
    assert "**9.8 requests/s**" in text
    assert "Errors: **0**" in text
    assert "2 of 402 autosaves" in text
