"""One scoring rule: the vectorised roll-up (scores/aggregate.py, for thousands of
assessments) gives exactly what the pure engine (assessment/scoring.py, the definition)
gives, for each scoring method a framework may declare, on frameworks and ratings that
Hypothesis makes up: any weights, any scale, N/A, unrated and absent answers, and empty
branches (a recommendation without indicators, an area without recommendations, a
recommendation that is all N/A)."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.scoring import (
    AreaNode,
    FrameworkTree,
    IndicatorNode,
    Method,
    Rating,
    RecommendationNode,
    score_assessment,
)
from scores.aggregate import INDICATOR_COLUMNS, roll_up

weights = st.sampled_from([0.25, 0.5, 1, 1, 1, 2, 3.75, 10])


@st.composite
def scales(draw) -> dict[int, float]:
    """Two to seven levels with increasing percentages in 0..100 (not always evenly spread)."""
    percentages = draw(
        st.lists(
            st.floats(min_value=0, max_value=100, allow_nan=False),
            min_size=2,
            max_size=7,
            unique=True,
        )
    )
    return dict(enumerate(sorted(percentages)))


@st.composite
def trees(draw) -> FrameworkTree:
    areas = []
    for a in range(draw(st.integers(1, 4))):
        recommendations = []
        for r in range(draw(st.integers(0, 4))):
            indicators = tuple(
                IndicatorNode(f"{a}.{r}.{i}", draw(weights)) for i in range(draw(st.integers(0, 5)))
            )
            recommendations.append(RecommendationNode(f"{a}.{r}", draw(weights), indicators))
        areas.append(AreaNode(str(a), draw(weights), tuple(recommendations)))
    return FrameworkTree(tuple(areas))


def ratings_for(tree: FrameworkTree, levels: list[int]):
    """A strategy of one assessment's answers: a level, N/A, unrated, or no row at all."""
    answer = st.one_of(
        st.sampled_from(levels).map(Rating),
        st.just(Rating(None, not_applicable=True)),
        st.just(Rating(None)),
        st.none(),
    )
    codes = [indicator.code for indicator in tree.indicators()]
    return st.lists(answer, min_size=len(codes), max_size=len(codes)).map(
        lambda answers: {c: a for c, a in zip(codes, answers, strict=True) if a is not None}
    )


@st.composite
def worlds(draw):
    tree = draw(trees())
    scale = draw(scales())
    assessments = draw(st.lists(ratings_for(tree, list(scale)), min_size=1, max_size=6))
    return tree, scale, dict(enumerate(assessments, start=1))


def grid(tree: FrameworkTree, scale, ratings_by_assessment: dict) -> pd.DataFrame:
    """The complete assessment x indicator grid, as scores/comparison.py builds it."""
    rows = []
    for assessment_id, ratings in ratings_by_assessment.items():
        for area in tree.areas:
            for rec in area.recommendations:
                for indicator in rec.indicators:
                    rating = ratings.get(indicator.code)
                    na = bool(rating and rating.not_applicable)
                    level = None if rating is None or na else rating.level
                    rows.append([
                        assessment_id, area.code, rec.code, indicator.code,
                        area.weight, rec.weight, indicator.weight,
                        np.nan if level is None else scale[level], na,
                    ])  # fmt: skip
    return pd.DataFrame(rows, columns=INDICATOR_COLUMNS)


def agree(expected: float | None, actual) -> bool:
    if expected is None:
        return actual is None or (isinstance(actual, float) and math.isnan(actual))
    return actual is not None and math.isclose(expected, actual, rel_tol=1e-9, abs_tol=1e-9)


def figures(frame: pd.DataFrame, keys: list[str]) -> dict:
    return {tuple(row[k] for k in keys): row for row in frame.to_dict("records")}


@pytest.mark.parametrize("method", list(Method))
@settings(max_examples=150, deadline=None)
@given(world=worlds())
def test_the_vectorised_roll_up_agrees_with_the_scoring_engine(method, world):
    tree, scale, ratings_by_assessment = world
    rollup = roll_up(grid(tree, scale, ratings_by_assessment), method)
    pillars = figures(rollup.pillars, ["assessment_id"])
    areas = figures(rollup.areas, ["assessment_id", "area_code"])
    recommendations = figures(rollup.recommendations, ["assessment_id", "recommendation_code"])
    for assessment_id, ratings in ratings_by_assessment.items():
        expected = score_assessment(tree, scale, ratings, method)
        _check(expected, pillars.get((assessment_id,)))
        for area in expected.children:
            _check(area, areas.get((assessment_id, area.code)))
            for rec in area.children:
                _check(rec, recommendations.get((assessment_id, rec.code)))


def _check(expected, row: dict | None) -> None:
    """A node the grid has no indicator for may be absent from the roll-up: it then has no
    score and counts nothing, as in the engine."""
    if row is None:
        assert expected.score is None
        assert expected.counts.rated == expected.counts.not_applicable == 0
        assert expected.counts.missing == 0
        return
    assert agree(expected.score, row["score"]), (expected.code, expected.score, row["score"])
    counts = (row["rated"], row["not_applicable"], row["missing"])
    assert counts == (
        expected.counts.rated,
        expected.counts.not_applicable,
        expected.counts.missing,
    )
