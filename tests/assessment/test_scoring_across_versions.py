"""The scoring methods a framework may declare, and rounds compared like for like across
framework versions, table-driven and without a database. Every expected value is worked out
by hand in the comment beside it."""

import pytest

from assessment.scoring import (
    AreaNode,
    FrameworkTree,
    IndicatorNode,
    Method,
    Rating,
    RecommendationNode,
    Round,
    compare_rounds,
    score_assessment,
    trend_of_rounds,
)

SCALE = {0: 0, 1: 25, 2: 50, 3: 75, 4: 100}
NA = Rating(None, not_applicable=True)


def rec(code: str, *indicators: str, weight: float = 1) -> RecommendationNode:
    return RecommendationNode(code, weight, tuple(IndicatorNode(i) for i in indicators))


def tree(*areas: AreaNode) -> FrameworkTree:
    return FrameworkTree(areas, code="6")


# Area A (weight 1): recommendation A1 (a1, a2), A2 (a3); area B (weight 3): B1 (b1).
WEIGHTED = tree(
    AreaNode("A", 1, (rec("A1", "a1", "a2"), rec("A2", "a3"))),
    AreaNode("B", 3, (rec("B1", "b1"),)),
)
LEVELS = {"a1": Rating(4), "a2": Rating(0), "a3": Rating(4), "b1": Rating(1)}


@pytest.mark.parametrize(
    ("method", "area_a", "pillar"),
    [
        # A1 = 50, A2 = 100 -> A = 75; B = 25; pillar = (75 x 1 + 25 x 3) / 4 = 37.5
        (Method.NESTED_MEANS, 75, 37.5),
        # A = mean(A1 50, A2 100) = 75; pillar = mean(A1 50, A2 100, B1 25) = 58.33
        (Method.RECOMMENDATION_MEAN, 75, 175 / 3),
        # A = mean(100, 0, 100) = 66.67; pillar = mean(100, 0, 100, 25) = 56.25
        (Method.INDICATOR_MEAN, 200 / 3, 56.25),
    ],
)
def test_each_method_rolls_the_same_ratings_up_its_own_way(method, area_a, pillar):
    result = score_assessment(WEIGHTED, SCALE, LEVELS, method)

    assert result.recommendation("A1").score == 50  # a recommendation: its indicators' mean
    assert result.area("A").score == pytest.approx(area_a)
    assert result.score == pytest.approx(pillar)
    assert (result.counts.rated, result.counts.missing) == (4, 0)


@pytest.mark.parametrize("method", list(Method))
def test_not_applicable_and_missing_are_left_out_by_every_method(method):
    ratings = {"a1": Rating(4), "a2": NA, "a3": Rating(None)}  # b1 absent: missing

    result = score_assessment(WEIGHTED, SCALE, ratings, method)

    assert result.score == 100  # only a1 is rated, whatever the method
    assert result.area("B").score is None
    assert (result.counts.rated, result.counts.not_applicable, result.counts.missing) == (1, 1, 2)


# Version 1: x, y (split in version 2 into y1, y2), z. Version 2: x, y1, y2, z, n (new).
V1 = tree(AreaNode("A", 1, (rec("R1", "x", "y"), rec("R2", "z"))))
V2 = tree(AreaNode("A", 1, (rec("R1", "x", "y1", "y2"), rec("R2", "z", "n"))))
V2_TO_V1 = {"x": "x", "z": "z"}  # the crosswalk's same and reworded indicators


def test_rounds_on_two_versions_are_compared_on_the_comparable_indicators_only():
    now = {"x": Rating(4), "y1": Rating(0), "y2": Rating(0), "z": Rating(2), "n": Rating(0)}
    before = {"x": Rating(2), "y": Rating(4), "z": Rating(2)}

    change = compare_rounds(V2, SCALE, now, V1, SCALE, before, codes=V2_TO_V1)

    # On x and z: now R1 = 100, R2 = 50 -> 75; before R1 = 50, R2 = 50 -> 50.
    assert (change.now.score, change.before.score) == (75, 50)
    assert (change.compared_on, change.comparable, change.total) == (2, 2, 5)
    assert change.is_partial  # y1, y2 and n (and y) were rated but left out
    assert change.before.indicator("x").level == 2  # the earlier round on this version's tree


def test_a_comparable_indicator_rated_in_one_round_only_is_left_out():
    now = {"x": Rating(4), "z": NA}
    before = {"x": Rating(0), "z": Rating(4)}

    change = compare_rounds(V2, SCALE, now, V1, SCALE, before, codes=V2_TO_V1)

    assert (change.now.score, change.before.score, change.compared_on) == (100, 0, 1)


def test_one_method_scores_both_rounds():
    now = {"x": Rating(4), "z": Rating(0)}
    before = {"x": Rating(0), "z": Rating(4)}
    method = Method.INDICATOR_MEAN

    change = compare_rounds(V2, SCALE, now, V1, SCALE, before, codes=V2_TO_V1, method=method)

    assert change.now.score == score_assessment(V2, SCALE, now, method).score == 50
    assert change.before.score == 50


def test_a_trend_scores_every_round_on_the_indicators_comparable_in_all_of_them():
    latest = Round(V2, SCALE, {"x": Rating(4), "y1": Rating(4), "z": Rating(0), "n": Rating(4)})
    middle = Round(V1, SCALE, {"x": Rating(2), "y": Rating(0), "z": Rating(2)}, V2_TO_V1)
    first = Round(V1, SCALE, {"x": Rating(0), "z": NA}, {"x": "x"})  # z not comparable here

    trend = trend_of_rounds([latest, middle, first])

    # Every round on x only: 100, 50, 0.
    assert [score.score for score in trend.scores] == [100, 50, 0]
    assert (trend.comparable, trend.total, trend.is_partial) == (1, 5, True)


def test_a_trend_on_one_version_uses_every_indicator_and_each_rounds_own_answers():
    latest = Round(V1, SCALE, {"x": Rating(4), "y": Rating(4), "z": Rating(4)})
    earlier = Round(V1, SCALE, {"x": Rating(0), "y": NA})  # z unanswered in that round

    trend = trend_of_rounds([latest, earlier])

    assert [score.score for score in trend.scores] == [100, 0]
    assert (trend.comparable, trend.is_partial) == (3, False)
