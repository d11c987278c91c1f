"""The scoring engine, table-driven and without a database.

Every expected value is worked out by hand in the comment beside it.
"""

from decimal import Decimal
from typing import Any

import pytest

from assessment.scoring import (
    AreaNode,
    AreaScore,
    Counts,
    FrameworkTree,
    IndicatorGap,
    IndicatorNode,
    IndicatorScore,
    Number,
    PillarScore,
    Rating,
    RatingStatus,
    RecommendationNode,
    RecommendationScore,
    Scale,
    gap_to_target,
    indicator_gaps,
    mean_of_scores,
    score_assessment,
    strengths_and_gaps,
)

DEFAULT_SCALE = {0: 0, 1: 25, 2: 50, 3: 75, 4: 100}
THREE_LEVELS = {0: Decimal("0"), 1: Decimal("50"), 2: Decimal("100")}
NA = Rating(None, not_applicable=True)


def rated(level: int, target: int | None = None) -> Rating:
    return Rating(level, target=target)


def rec(code: str, *indicators: str | IndicatorNode, weight: Number = 1) -> RecommendationNode:
    nodes = tuple(i if isinstance(i, IndicatorNode) else IndicatorNode(i) for i in indicators)
    return RecommendationNode(code, weight, nodes)


def area(code: str, *recommendations: RecommendationNode, weight: Number = 1) -> AreaNode:
    return AreaNode(code, weight, recommendations)


def tree(*areas: AreaNode) -> FrameworkTree:
    return FrameworkTree(areas, code="6")


# One area, one recommendation, indicators a, b and c.
ABC = tree(area("A", rec("R", "a", "b", "c")))


def score(
    ratings: dict[str, Rating], framework: FrameworkTree = ABC, scale: Scale = DEFAULT_SCALE
) -> PillarScore:
    return score_assessment(framework, scale, ratings)


def node_at(result: PillarScore, kind: str, code: str = "") -> Any:
    """The pillar itself, or its area, recommendation or indicator with that code."""
    return result if kind == "pillar" else getattr(result, kind)(code)


@pytest.mark.parametrize(
    "level, expected",
    [(0, 0.0), (1, 25.0), (2, 50.0), (3, 75.0), (4, 100.0)],
)
def test_each_level_of_the_default_scale_scores_its_percentage(level, expected):
    result = score({"a": rated(level)}, tree(area("A", rec("R", "a"))))
    assert result.indicator("a").score == expected
    assert result.recommendation("R").score == expected
    assert result.score == expected


@pytest.mark.parametrize("level, expected", [(0, 0.0), (1, 50.0), (2, 100.0)])
def test_each_level_of_a_three_level_scale_scores_its_percentage(level, expected):
    result = score({"a": rated(level)}, tree(area("A", rec("R", "a"))), THREE_LEVELS)
    assert result.indicator("a").score == expected
    assert isinstance(result.score, float)


def test_a_custom_scale_rolls_up_like_the_default_one():
    result = score({"a": rated(2), "b": rated(1), "c": rated(0)}, scale=THREE_LEVELS)
    assert result.score == pytest.approx(50.0)  # (100 + 50 + 0) / 3


@pytest.mark.parametrize(
    "ratings, expected",
    [
        ({"a": rated(4), "b": rated(2), "c": rated(1)}, 175 / 3),  # (100 + 50 + 25) / 3, unrounded
        ({"a": rated(3), "b": rated(3), "c": rated(3)}, 75.0),  # (75 + 75 + 75) / 3
        ({"a": rated(0), "b": rated(0), "c": rated(0)}, 0.0),  # 0 is a score, not None
    ],
    ids=["mixed", "equal", "all-zero"],
)
def test_the_recommendation_score_is_the_mean_of_its_rated_indicators(ratings, expected):
    assert score(ratings).recommendation("R").score == pytest.approx(expected)


@pytest.mark.parametrize(
    "ratings, expected",
    [
        ({"a": rated(4), "b": rated(2), "c": NA}, 75.0),  # (100 + 50) / 2, not 150 / 3
        ({"a": rated(4), "b": NA, "c": NA}, 100.0),  # 100 / 1
        ({"a": NA, "b": NA, "c": NA}, None),  # nothing to average
        ({"a": Rating(4, not_applicable=True), "b": rated(0)}, 0.0),  # N/A wins over a level
    ],
    ids=["one-na", "two-na", "all-na", "na-with-level"],
)
def test_not_applicable_is_excluded_from_the_recommendation_mean(ratings, expected):
    assert score(ratings).recommendation("R").score == expected


@pytest.mark.parametrize(
    "ratings, expected_score, expected_counts",
    [
        ({"a": rated(4), "b": rated(2)}, 75.0, Counts(2, 0, 1)),  # (100 + 50) / 2, c absent
        ({"a": rated(4), "b": rated(2), "c": Rating(None)}, 75.0, Counts(2, 0, 1)),  # level None
        ({"a": rated(4), "b": NA}, 100.0, Counts(1, 1, 1)),  # 100 / 1
        ({}, None, Counts(0, 0, 3)),  # nothing rated
    ],
    ids=["absent", "level-none", "with-na", "empty"],
)
def test_missing_ratings_are_reported_as_missing_and_not_scored_as_zero(
    ratings, expected_score, expected_counts
):
    result = score(ratings).recommendation("R")
    assert result.score == expected_score
    assert result.counts == expected_counts


@pytest.mark.parametrize(
    "ratings, applicable, complete",
    [
        ({"a": rated(1), "b": rated(2), "c": rated(3)}, 3, True),  # 3 rated + 0 missing
        ({"a": rated(1), "b": NA, "c": NA}, 1, True),  # 1 rated + 0 missing
        ({"a": rated(1), "b": NA}, 2, False),  # 1 rated + 1 missing
        ({"a": NA, "b": NA, "c": NA}, 0, True),  # all N/A: nothing left to answer
        ({}, 3, False),  # 0 rated + 3 missing
    ],
)
def test_counts_report_applicable_indicators_and_completeness(ratings, applicable, complete):
    counts = score(ratings).counts
    assert counts.applicable == applicable
    assert counts.complete is complete


@pytest.mark.parametrize(
    "rating, status",
    [
        (rated(2), RatingStatus.RATED),
        (NA, RatingStatus.NOT_APPLICABLE),
        (Rating(3, not_applicable=True), RatingStatus.NOT_APPLICABLE),
        (Rating(None, target=3), RatingStatus.MISSING),
        (None, RatingStatus.MISSING),
    ],
)
def test_each_indicator_reports_whether_it_is_rated_not_applicable_or_missing(rating, status):
    ratings = {"a": rating} if rating else {}
    assert score(ratings).indicator("a").status is status


def test_a_recommendation_with_all_indicators_not_applicable_does_not_pull_its_area_down():
    framework = tree(area("A", rec("A.1", "a", "b"), rec("A.2", "c", "d")))
    result = score({"a": rated(2), "b": rated(4), "c": NA, "d": NA}, framework)
    assert result.recommendation("A.1").score == 75.0  # (50 + 100) / 2
    assert result.recommendation("A.2").score is None  # all N/A
    assert result.recommendation("A.2").counts.complete
    assert result.area("A").score == 75.0  # A.2 left out; not (75 + 0) / 2 = 37.5


def test_an_area_with_nothing_rated_has_no_score_and_is_left_out_of_the_pillar():
    framework = tree(area("A", rec("A.1", "a")), area("B", rec("B.1", "b")))
    result = score({"a": rated(2)}, framework)
    assert result.area("B").score is None
    assert result.score == 50.0  # B left out; not (50 + 0) / 2 = 25


@pytest.mark.parametrize(
    "framework, ratings, kind_and_code, expected",
    [
        (
            tree(area("A", rec("A.1", "a"), rec("A.2", "b", "c", "d"))),
            {"a": rated(4), "b": rated(0), "c": rated(0), "d": rated(0)},
            ("area", "A"),
            50.0,  # (A.1 100 + A.2 0) / 2; a flat mean would be 100 / 4 = 25
        ),
        (
            tree(area("A", rec("A.1", "a")), area("B", rec("B.1", "b"), rec("B.2", "c", "d"))),
            {"a": rated(4), "b": rated(0), "c": rated(2), "d": rated(4)},
            ("pillar",),
            # A 100; B (0 + (50 + 100) / 2) / 2 = 37.5; pillar (100 + 37.5) / 2 = 68.75;
            # a flat mean over the indicators would be (100 + 0 + 50 + 100) / 4 = 62.5
            68.75,
        ),
    ],
    ids=["area", "pillar"],
)
def test_each_score_is_the_mean_of_its_child_scores_not_of_its_indicators(
    framework, ratings, kind_and_code, expected
):
    assert node_at(score(ratings, framework), *kind_and_code).score == pytest.approx(expected)


@pytest.mark.parametrize(
    "framework, ratings, kind_and_code, expected",
    [
        (
            tree(area("A", rec("R", IndicatorNode("a", 3), IndicatorNode("b", 1)))),
            {"a": rated(4), "b": rated(0)},
            ("recommendation", "R"),
            75.0,  # (3 * 100 + 1 * 0) / (3 + 1)
        ),
        (
            tree(area("A", rec("A.1", "a", weight=2), rec("A.2", "b", weight=1))),
            {"a": rated(4), "b": rated(1)},
            ("area", "A"),
            75.0,  # (2 * 100 + 1 * 25) / (2 + 1)
        ),
        (
            tree(area("A", rec("A.1", "a"), weight=1), area("B", rec("B.1", "b"), weight=4)),
            {"a": rated(0), "b": rated(2)},
            ("pillar",),
            40.0,  # (1 * 0 + 4 * 50) / (1 + 4)
        ),
        (
            tree(
                area("A", rec("A.1", "a"), weight=Decimal("0.5")),
                area("B", rec("B.1", "b"), weight=Decimal("1.5")),
            ),
            {"a": rated(4), "b": rated(0)},
            ("pillar",),
            25.0,  # (0.5 * 100 + 1.5 * 0) / (0.5 + 1.5)
        ),
        (
            tree(area("A", rec("A.1", "a"), weight=1), area("B", rec("B.1", "b"), weight=9)),
            {"a": rated(4), "b": NA},
            ("pillar",),
            100.0,  # B has no score, so its weight drops out: 1 * 100 / 1
        ),
    ],
    ids=["indicator", "recommendation", "area", "decimal", "unscored-child"],
)
def test_weights_apply_at_every_level(framework, ratings, kind_and_code, expected):
    assert node_at(score(ratings, framework), *kind_and_code).score == pytest.approx(expected)


FULL = tree(
    area(
        "6.1",
        rec("6.1.1", "6.1.1.a", "6.1.1.b", "6.1.1.c"),
        rec("6.1.2", "6.1.2.a", "6.1.2.b"),
    ),
    area(
        "6.2",
        rec("6.2.1", "6.2.1.a", IndicatorNode("6.2.1.b", 2), weight=2),
        rec("6.2.2", "6.2.2.a"),
    ),
)
FULL_RATINGS = {
    "6.1.1.a": rated(4),
    "6.1.1.b": rated(2),
    "6.1.1.c": NA,
    "6.1.2.a": rated(1),
    # 6.1.2.b is missing
    "6.2.1.a": rated(3),
    "6.2.1.b": rated(0),
    "6.2.2.a": rated(1),
}


@pytest.mark.parametrize(
    "kind, code, expected_score, expected_counts",
    [
        ("recommendation", "6.1.1", 75.0, Counts(2, 1, 0)),  # (100 + 50) / 2
        ("recommendation", "6.1.2", 25.0, Counts(1, 0, 1)),  # 25 / 1
        ("area", "6.1", 50.0, Counts(3, 1, 1)),  # (75 + 25) / 2
        ("recommendation", "6.2.1", 25.0, Counts(2, 0, 0)),  # (1 * 75 + 2 * 0) / 3
        ("recommendation", "6.2.2", 25.0, Counts(1, 0, 0)),  # 25 / 1
        ("area", "6.2", 25.0, Counts(3, 0, 0)),  # (2 * 25 + 1 * 25) / 3
    ],
)
def test_a_full_pillar_rolls_up_through_every_level(kind, code, expected_score, expected_counts):
    result = node_at(score(FULL_RATINGS, FULL), kind, code)
    assert result.score == pytest.approx(expected_score)
    assert result.counts == expected_counts


def test_the_pillar_score_is_the_mean_of_its_area_scores():
    result = score(FULL_RATINGS, FULL)
    assert result.score == pytest.approx(37.5)  # (6.1 50 + 6.2 25) / 2
    assert result.counts == Counts(6, 1, 1)  # 3 + 3 rated, 1 N/A, 1 missing
    assert result.counts.applicable == 7  # 6 rated + 1 missing
    assert not result.counts.complete


@pytest.mark.parametrize("ratings", [{}, {"not-in-the-framework": rated(4)}])
def test_empty_ratings_leave_every_score_empty_and_every_indicator_missing(ratings):
    result = score(ratings, FULL)
    assert result.score is None
    assert all(node.score is None for node in result.children)
    assert all(node.score is None for node in result.recommendations())
    assert all(i.status is RatingStatus.MISSING for i in result.indicators())
    assert result.counts == Counts(0, 0, 8)  # 8 indicators, all missing


@pytest.mark.parametrize(
    "rating, gap, gap_to_top",
    [
        (rated(1, target=3), 50.0, 50.0),  # 75 - 25
        (rated(3, target=1), 0.0, 0.0),  # target 25 below current 75
        (rated(2, target=2), 0.0, 0.0),  # target met: 50 - 50
        (rated(2), None, 50.0),  # no target; to the top: 100 - 50
        (rated(4), None, 0.0),  # no target; already at the top: 100 - 100
        (Rating(None, not_applicable=True, target=3), None, None),  # N/A has no gap
        (Rating(None, target=3), None, None),  # unrated has no gap
        (None, None, None),  # absent has no gap
    ],
)
def test_gap_to_target_is_target_minus_current_and_never_negative(rating, gap, gap_to_top):
    assert gap_to_target(rating, DEFAULT_SCALE) == gap
    assert gap_to_target(rating, DEFAULT_SCALE, default_to_top=True) == gap_to_top
    ratings = {"a": rating} if rating else {}
    assert score(ratings).indicator("a").gap == gap


@pytest.mark.parametrize(
    "rating, gap, gap_to_top",
    [
        (rated(0), None, 100.0),  # 100 - 0
        (rated(1, target=2), 50.0, 50.0),  # 100 - 50
    ],
)
def test_gap_to_target_uses_the_framework_scale(rating, gap, gap_to_top):
    assert gap_to_target(rating, THREE_LEVELS) == gap
    assert gap_to_target(rating, THREE_LEVELS, default_to_top=True) == gap_to_top


GAPS = tree(
    area(
        "A",
        rec(
            "R",
            "a",
            "b",
            IndicatorNode("c", 3),
            "d",
            "e",
            "f",
            IndicatorNode("g", 2),
        ),
    )
)
GAP_RATINGS = {
    "a": rated(2),  # to the top 100 - 50 = 50; x1 = 50
    "b": rated(0, target=2),  # 50 - 0 = 50; x1 = 50
    "c": rated(3),  # to the top 100 - 75 = 25; x3 = 75
    "d": NA,  # no gap
    # e is missing: no gap
    "f": rated(4),  # to the top 100 - 100 = 0; x1 = 0
    "g": rated(1, target=2),  # 50 - 25 = 25; x2 = 50
}


@pytest.mark.parametrize(
    "default_to_top, expected",
    [
        (
            True,
            [
                IndicatorGap("c", 25.0, 3.0),  # 75
                IndicatorGap("a", 50.0, 1.0),  # 50, ties broken by code: a, b, g
                IndicatorGap("b", 50.0, 1.0),  # 50
                IndicatorGap("g", 25.0, 2.0),  # 50
                IndicatorGap("f", 0.0, 1.0),  # 0
            ],
        ),
        (
            False,
            [
                IndicatorGap("b", 50.0, 1.0),  # 50, only indicators with a target
                IndicatorGap("g", 25.0, 2.0),  # 50
            ],
        ),
    ],
    ids=["default-to-top", "explicit-targets-only"],
)
def test_gaps_are_ranked_by_gap_times_weight_with_ties_broken_by_code(default_to_top, expected):
    assert indicator_gaps(GAPS, DEFAULT_SCALE, GAP_RATINGS, default_to_top) == expected


def test_ties_are_broken_by_codes_in_natural_order():
    framework = tree(area("6.1", rec("6.1.1", "6.1.1.10", "6.1.1.2")))
    ratings = {"6.1.1.10": rated(0), "6.1.1.2": rated(0)}
    assert [g.code for g in indicator_gaps(framework, DEFAULT_SCALE, ratings)] == [
        "6.1.1.2",
        "6.1.1.10",
    ]


STRENGTHS = tree(area("A", rec("R", "a", "b", "c", "d", "e", "f", "g", "h")))
STRENGTH_RATINGS = {
    "a": rated(4),  # 100
    "b": rated(3),  # 75
    "c": rated(3),  # 75
    "d": rated(0),  # 0
    "e": rated(1),  # 25
    "f": NA,
    # g is missing
    "h": rated(2),  # 50
}


@pytest.mark.parametrize(
    "n, highest, lowest",
    [
        (1, ["a"], ["d"]),
        (2, ["a", "b"], ["d", "e"]),  # b and c tie at 75: b by code
        (3, ["a", "b", "c"], ["d", "e", "h"]),
        (4, ["a", "b", "c", "h"], ["d", "e"]),  # 6 rated: no indicator is both
    ],
)
def test_strengths_and_gaps_are_the_highest_and_lowest_rated_indicators(n, highest, lowest):
    strengths, gaps = strengths_and_gaps(score(STRENGTH_RATINGS, STRENGTHS), n)
    assert [i.code for i in strengths] == highest
    assert [i.code for i in gaps] == lowest


def test_strengths_and_gaps_are_empty_when_nothing_is_rated():
    assert strengths_and_gaps(score({}, STRENGTHS)) == ([], [])


@pytest.mark.parametrize(
    "scores, expected",
    [
        ([], None),  # nothing to average
        ([None, None], None),  # nothing left once None is ignored
        ([0.0], 0.0),  # 0 is a score
        ([50.0, None, 100.0], 75.0),  # (50 + 100) / 2
        ([25.0, 50.0, 100.0], 175 / 3),  # (25 + 50 + 100) / 3
    ],
)
def test_mean_of_scores_ignores_none(scores, expected):
    assert mean_of_scores(scores) == (expected if expected is None else pytest.approx(expected))


@pytest.mark.parametrize(
    "kind, code, node_class",
    [
        ("area", "6.2", AreaScore),
        ("recommendation", "6.1.2", RecommendationScore),
        ("indicator", "6.2.1.b", IndicatorScore),
    ],
)
def test_the_pillar_score_finds_each_node_by_code(kind, code, node_class):
    result = node_at(score(FULL_RATINGS, FULL), kind, code)
    assert isinstance(result, node_class)
    assert result.code == code


@pytest.mark.parametrize("kind", ["area", "recommendation", "indicator"])
def test_looking_up_an_unknown_code_raises_key_error(kind):
    with pytest.raises(KeyError):
        getattr(score(FULL_RATINGS, FULL), kind)("6.9")


def test_a_recommendation_code_is_not_found_as_an_area():
    with pytest.raises(KeyError):
        score(FULL_RATINGS, FULL).area("6.1.1")


@pytest.mark.parametrize("rating", [rated(5), rated(2, target=7)], ids=["level", "target"])
def test_a_level_that_is_not_on_the_scale_is_an_error(rating):
    with pytest.raises(ValueError, match="not on the scale"):
        score({"a": rating})


def test_duplicate_indicator_codes_are_refused():
    with pytest.raises(ValueError, match="more than once"):
        tree(area("A", rec("A.1", "a")), area("B", rec("B.1", "a")))
