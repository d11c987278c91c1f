"""The vectorised roll-up agrees with the scoring engine; group means, ranking and trends.

No database: frames are built by hand or from random ratings (seeded).
"""

import math
import random

import numpy as np
import pandas as pd
import pytest

from assessment.scoring import (
    AreaNode,
    FrameworkTree,
    IndicatorNode,
    Rating,
    RecommendationNode,
    score_assessment,
)
from scores.aggregate import PILLAR, group_means, ranking, roll_up, trends

from .test_roll_up_properties import grid

SCALE = {0: 0, 1: 25, 2: 50, 3: 75, 4: 100}
WEIGHTS = [0.5, 1, 1, 2, 3.25]


def random_tree(rng: random.Random) -> FrameworkTree:
    areas = []
    for a in range(rng.randint(2, 4)):
        recommendations = []
        for r in range(rng.randint(1, 4)):
            indicators = tuple(
                IndicatorNode(f"{a}.{r}.{i}", rng.choice(WEIGHTS)) for i in range(rng.randint(1, 5))
            )
            recommendations.append(RecommendationNode(f"{a}.{r}", rng.choice(WEIGHTS), indicators))
        areas.append(AreaNode(str(a), rng.choice(WEIGHTS), tuple(recommendations)))
    return FrameworkTree(tuple(areas))


def random_ratings(tree: FrameworkTree, rng: random.Random) -> dict[str, Rating]:
    """Levels, N/A (some whole recommendations), unrated (None) and absent indicators."""
    ratings = {}
    all_na = {rec.code for area in tree.areas for rec in area.recommendations if rng.random() < 0.1}
    for area in tree.areas:
        for rec in area.recommendations:
            for indicator in rec.indicators:
                draw = rng.random()
                if rec.code in all_na or draw < 0.12:
                    ratings[indicator.code] = Rating(None, not_applicable=True)
                elif draw < 0.2:
                    continue  # no rating at all: missing
                elif draw < 0.26:
                    ratings[indicator.code] = Rating(None)  # unrated: missing
                else:
                    ratings[indicator.code] = Rating(rng.randint(0, 4))
    return ratings


def indicator_rows(tree: FrameworkTree, ratings_by_assessment: dict) -> pd.DataFrame:
    """The complete grid, as scores/comparison.py builds it from the database."""
    return grid(tree, SCALE, ratings_by_assessment)


def same(a: float | None, b: float) -> bool:
    if a is None:
        return math.isnan(b)
    return abs(a - b) < 1e-9


@pytest.mark.parametrize("seed", range(8))
def test_the_roll_up_agrees_with_the_scoring_engine_on_random_ratings(seed):
    rng = random.Random(seed)
    tree = random_tree(rng)
    ratings = {assessment_id: random_ratings(tree, rng) for assessment_id in range(100, 112)}
    rollup = roll_up(indicator_rows(tree, ratings))
    recommendations = rollup.recommendations.set_index(["assessment_id", "recommendation_code"])
    areas = rollup.areas.set_index(["assessment_id", "area_code"])
    pillars = rollup.pillars.set_index("assessment_id")
    for assessment_id, assessment_ratings in ratings.items():
        expected = score_assessment(tree, SCALE, assessment_ratings)
        pillar = pillars.loc[assessment_id]
        assert same(expected.score, pillar["score"])
        assert (pillar["rated"], pillar["not_applicable"], pillar["missing"]) == (
            expected.counts.rated, expected.counts.not_applicable, expected.counts.missing,
        )  # fmt: skip
        for area in expected.children:
            row = areas.loc[(assessment_id, area.code)]
            assert same(area.score, row["score"])
            assert row["missing"] == area.counts.missing
            for rec in area.children:
                row = recommendations.loc[(assessment_id, rec.code)]
                assert same(rec.score, row["score"]), (seed, assessment_id, rec.code)
                assert row["area_code"] == area.code
                assert row["not_applicable"] == rec.counts.not_applicable


def test_an_all_not_applicable_recommendation_has_no_score_and_is_left_out_of_its_area():
    tree = FrameworkTree((AreaNode("A", 1, (
        RecommendationNode("A.1", 1, (IndicatorNode("a"), IndicatorNode("b"))),
        RecommendationNode("A.2", 3, (IndicatorNode("c"),)),
    )),))  # fmt: skip
    ratings = {"a": Rating(None, not_applicable=True), "b": Rating(None, not_applicable=True),
               "c": Rating(1)}  # fmt: skip
    rollup = roll_up(indicator_rows(tree, {1: ratings}))
    assert rollup.recommendations["score"].isna().tolist() == [True, False]
    # A.1 has no score, so the area is A.2's 25 %, whatever A.2's weight.
    assert rollup.areas["score"].tolist() == [25.0]
    assert rollup.pillars[["rated", "not_applicable", "missing"]].values.tolist() == [[1, 2, 0]]


def test_weights_apply_at_every_level():
    # Area X (weight 3): rec X.1 (weight 1) = a 100 (w 1), b 0 (w 3) -> 25; rec X.2 (w 3)
    # = c 50 -> area X = (25*1 + 50*3) / 4 = 43.75. Area Y (weight 1) = d 0 -> 0.
    # Pillar = (43.75*3 + 0*1) / 4 = 32.8125.
    tree = FrameworkTree((
        AreaNode("X", 3, (
            RecommendationNode("X.1", 1, (IndicatorNode("a", 1), IndicatorNode("b", 3))),
            RecommendationNode("X.2", 3, (IndicatorNode("c"),)),
        )),
        AreaNode("Y", 1, (RecommendationNode("Y.1", 1, (IndicatorNode("d"),)),)),
    ))  # fmt: skip
    ratings = {"a": Rating(4), "b": Rating(0), "c": Rating(2), "d": Rating(0)}
    rollup = roll_up(indicator_rows(tree, {7: ratings}))
    assert rollup.recommendations["score"].tolist() == [25.0, 50.0, 0.0]
    assert rollup.areas["score"].tolist() == [43.75, 0.0]
    assert rollup.pillars["score"].tolist() == [32.8125]


def scores_frame(rows):
    return pd.DataFrame(rows, columns=["iso3", "group", "group_name", "round", PILLAR, "6.1"])


def test_group_means_count_the_countries_with_a_score_and_suppress_small_groups():
    scores = scores_frame([
        ["JAM", "419", "LAC", "2024", 25.0, 25.0],
        ["HND", "419", "LAC", "2024", 25.0, np.nan],  # no score for 6.1 (all N/A)
        ["PAN", "419", "LAC", "2024", 50.0, 75.0],
        ["SEN", "002", "Africa", "2024", 75.0, 100.0],
        ["RWA", "002", "Africa", "2024", 40.0, 50.0],
    ])  # fmt: skip
    hidden = group_means(scores, [PILLAR, "6.1"], show_small_groups=False, min_size=3)
    shown = group_means(scores, [PILLAR, "6.1"], show_small_groups=True, min_size=3)
    by_key = hidden.set_index(["group", "area_code"])
    assert by_key.loc[("419", PILLAR), "mean"] == pytest.approx(100 / 3)
    assert by_key.loc[("419", PILLAR), "n_countries"] == 3
    # Only two LAC countries have a 6.1 score: suppressed for non-analysts, and Africa too.
    assert by_key.loc[("419", "6.1"), "n_countries"] == 2
    assert by_key.loc[("419", "6.1"), "suppressed"]
    assert math.isnan(by_key.loc[("419", "6.1"), "mean"])
    assert by_key.loc[("002", PILLAR), "suppressed"]
    assert shown.set_index(["group", "area_code"]).loc[("419", "6.1"), "mean"] == 50.0
    assert not shown["suppressed"].any()
    assert hidden["group_name"].tolist()[:2] == ["Africa", "Africa"]  # sorted by name


def test_the_ranking_takes_each_countrys_latest_round_and_shares_ranks_on_ties():
    assessments = scores_frame([
        ["JAM", "419", "LAC", "2022", 90.0, 0],
        ["JAM", "419", "LAC", "2024", 30.0, 0],
        ["HND", "419", "LAC", "2024", 50.0, 0],
        ["PAN", "419", "LAC", "2024", 50.0, 0],
        ["SUR", "419", "LAC", "2024", np.nan, 0],
    ])  # fmt: skip
    ranked = ranking(assessments)
    assert ranked["iso3"].tolist() == ["HND", "PAN", "JAM", "SUR"]
    assert ranked["rank"].tolist() == [1, 1, 3, pd.NA]
    assert ranked.loc[2, "round"] == "2024"


def test_rounds_sort_naturally_and_trends_give_one_row_per_group_and_round():
    scores = scores_frame([
        [iso3, "419", "LAC", round_, value, value]
        for round_, value in [("2024-10", 40.0), ("2024-9", 20.0)]
        for iso3 in ["JAM", "HND", "PAN"]
    ])  # fmt: skip
    group_areas = group_means(scores, [PILLAR, "6.1"], show_small_groups=False, min_size=3)
    result = trends(group_areas, ["6.1"])
    assert result["round"].tolist() == ["2024-9", "2024-10"]
    assert result[PILLAR].tolist() == [20.0, 40.0]
    assert result["n_countries"].tolist() == [3, 3]
    assert list(result.columns) == [
        "group", "group_name", "round", PILLAR, "n_countries", "suppressed", "6.1",
    ]  # fmt: skip
