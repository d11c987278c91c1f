"""The scoring methods and the comparison across framework versions, measured without a
database: the pure engine and the vectorised roll-up on generated ratings of the Pillar 6
framework (version 1, 51 indicators), and a trend across three rounds of which the last is
on version 2 (59 indicators) through the crosswalk."""

import random
import statistics
import time
from pathlib import Path

import numpy as np
import pandas as pd
from django.conf import settings

from assessment.scoring import (
    AreaNode,
    FrameworkTree,
    IndicatorNode,
    Method,
    Rating,
    RecommendationNode,
    Round,
    score_assessment,
    trend_of_rounds,
)
from frameworks.crosswalk import comparable_pairs
from frameworks.formats import parse_framework_file
from frameworks.loading import validate_framework
from scores.aggregate import INDICATOR_COLUMNS, roll_up

FRAMEWORKS = Path(settings.BASE_DIR) / "fixtures" / "frameworks"
SCALE = {0: 0, 1: 25, 2: 50, 3: 75, 4: 100}
ASSESSMENTS = 20_000  # 2,000 countries × 10 rounds
RUNS = 7


def run() -> list[str]:
    first = _document("mpf-pillar-6.yaml", {})
    codes_v1 = [
        i["code"] for a in first["areas"] for r in a["recommendations"] for i in r["indicators"]
    ]
    second = _document("mpf-pillar-6-v2.yaml", {1: codes_v1})
    tree_v1, tree_v2 = _tree(first), _tree(second)
    comparable = comparable_pairs(second["crosswalk"]["indicators"])
    rng = random.Random(15)
    ratings = [_ratings(tree_v1, rng) for _ in range(200)]
    grid = _grid(tree_v1, rng)
    rows = []
    for method in Method:
        engine = _median_ms(
            lambda m=method: [score_assessment(tree_v1, SCALE, r, m) for r in ratings]
        )
        vectorised = _median_ms(lambda m=method: roll_up(grid, m))
        rows.append(
            f"| {method.value} | {engine / len(ratings) * 1000:.0f} µs | "
            f"{vectorised:.0f} ms | {vectorised / ASSESSMENTS * 1000:.1f} µs |"
        )
    rounds = [
        Round(tree_v2, SCALE, _ratings(tree_v2, rng)),
        Round(tree_v1, SCALE, ratings[0], comparable),
        Round(tree_v1, SCALE, ratings[1], comparable),
    ]
    trend = _median_ms(lambda: trend_of_rounds(rounds))
    return [
        "## Scoring methods and comparisons across versions",
        "",
        "Pure Python and pandas, no database. The engine scores 200 assessments of version 1 "
        f"(51 indicators) one by one; the vectorised roll-up scores {ASSESSMENTS:,} at once "
        f"(2,000 countries × 10 rounds, the comparison's size). Medians of {RUNS} runs.",
        "",
        "| Method | Engine, per assessment | Roll-up, all assessments | Roll-up, per assessment |",
        "|---|---|---|---|",
        *rows,
        "",
        f"- A trend of three rounds, the latest on version 2 (59 indicators), the two earlier on "
        f"version 1, compared on the {len(comparable)} indicators the crosswalk calls the same "
        f"or reworded: {trend * 1000:.0f} µs.",
        "",
    ]


def _document(name: str, previous: dict[int, list[str]]) -> dict:
    parsed = parse_framework_file(FRAMEWORKS / name)
    return validate_framework(parsed, lambda slug, version: previous.get(version))


def _tree(document: dict) -> FrameworkTree:
    return FrameworkTree(
        tuple(
            AreaNode(area["code"], area["weight"], tuple(
                RecommendationNode(rec["code"], rec["weight"], tuple(
                    IndicatorNode(i["code"], i["weight"]) for i in rec["indicators"]
                ))
                for rec in area["recommendations"]
            ))
            for area in document["areas"]
        )
    )  # fmt: skip


def _ratings(tree: FrameworkTree, rng: random.Random) -> dict[str, Rating]:
    return {
        indicator.code: Rating(None, not_applicable=True)
        if rng.random() < 0.03
        else Rating(rng.randint(0, 4))
        for indicator in tree.indicators()
    }


def _grid(tree: FrameworkTree, rng: random.Random) -> pd.DataFrame:
    """The assessment × indicator grid scores/comparison.py builds, with random levels."""
    rows = [
        (area.code, rec.code, indicator.code, area.weight, rec.weight, indicator.weight)
        for area in tree.areas
        for rec in area.recommendations
        for indicator in rec.indicators
    ]
    size = ASSESSMENTS * len(rows)
    generator = np.random.default_rng(rng.randint(0, 2**32))
    percentages = generator.integers(0, 5, size) * 25.0
    missing = generator.random(size) < 0.05
    percentages[missing] = np.nan
    columns = list(zip(*rows, strict=True))
    frame = {
        "assessment_id": np.repeat(np.arange(ASSESSMENTS), len(rows)),
        **{
            name: np.tile(np.array(values, dtype=object if i < 3 else float), ASSESSMENTS)
            for i, (name, values) in enumerate(zip(INDICATOR_COLUMNS[1:7], columns, strict=True))
        },
        "percentage": percentages,
        "not_applicable": generator.random(size) < 0.03,
    }
    frame = pd.DataFrame(frame)
    for code_column in INDICATOR_COLUMNS[1:4]:
        frame[code_column] = frame[code_column].astype("category")
    return frame


def _median_ms(function) -> float:
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)
