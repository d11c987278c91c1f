"""Small timing helpers: medians of repeated in-process requests, query counts, memory."""

import statistics
import time
import tracemalloc
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext


@dataclass(frozen=True)
class Timing:
    name: str
    median_ms: float
    p90_ms: float
    queries: int
    status: int

    def ratio_to(self, bare: "Timing") -> float:
        return self.median_ms / bare.median_ms


def time_get(client, name: str, url: str, *, runs: int = 15, cold: bool = False) -> Timing:
    """Median of `runs` GETs after two warm-up requests; `cold` clears the cache each time."""
    for _ in range(2):
        client.get(url)
    samples = []
    for _ in range(runs):
        if cold:
            cache.clear()
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    samples.sort()
    return Timing(
        name=name,
        median_ms=statistics.median(samples),
        p90_ms=samples[int(len(samples) * 0.9) - 1],
        queries=len(queries.captured_queries),
        status=response.status_code,
    )


def peak_memory_mb(function) -> float:
    """Peak Python memory allocated while `function()` runs."""
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()
