"""Scoring of a self-assessment: pure functions over plain frozen dataclasses.

No ORM, no Django, no request. Callers build a `FrameworkTree`, a scale (level code ->
percentage) and a mapping of indicator code -> `Rating` from whatever they hold (model
instances, pandas rows, a fixture) and get back a `PillarScore` tree that a dashboard, a
comparison of thousands of assessments and a PDF report can all use.

Rules (docs/scoring.md gives the reasons):

* A rated indicator scores the percentage of its level on the scale (default 0..4 =
  0/25/50/75/100).
* Not applicable is excluded from every average: it is neither 0 nor missing.
* An unrated indicator (no entry, or level None and not N/A) is *missing*: it is counted
  as missing and left out of the averages, never scored as 0.
* By default (`Method.NESTED_MEANS`) the score of a recommendation, an area and the pillar
  is the weighted mean of its CHILD NODES' scores, with the children's weights (a plain
  mean when all weights are 1). It is not a flat mean over the indicators underneath: an
  area's score is the mean of its recommendations' scores, so a recommendation with ten
  indicators weighs as much as one with two. A framework may declare a flat mean over
  recommendations or over indicators instead (`Method`). A node without a score (all N/A,
  or nothing rated) is left out of the means above it; a node with nothing to average has
  no score (None).
* Rounds are compared like for like (`compare_rounds`, `trend_of_rounds`): on the
  indicators the framework versions' crosswalk calls comparable, with one method.
* Percentages are floats and are never rounded here: round at display time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import cached_property
from typing import Any, NamedTuple

Number = Decimal | float | int
Scale = Mapping[int, Number]

UNKNOWN_LEVEL = "Level {level} is not on the scale {levels}."
DUPLICATE_INDICATOR = "Indicator code {code} appears more than once in the framework."
EMPTY_SCALE = "The scale has no levels."


@dataclass(frozen=True)
class IndicatorNode:
    code: str
    weight: Number = 1


@dataclass(frozen=True)
class RecommendationNode:
    code: str
    weight: Number = 1
    indicators: tuple[IndicatorNode, ...] = ()


@dataclass(frozen=True)
class AreaNode:
    code: str
    weight: Number = 1
    recommendations: tuple[RecommendationNode, ...] = ()


@dataclass(frozen=True)
class FrameworkTree:
    """The areas of one pillar. Indicator codes must be unique: ratings are keyed by them."""

    areas: tuple[AreaNode, ...]
    code: str = ""

    def __post_init__(self) -> None:
        seen: set[str] = set()
        for indicator in self.indicators():
            if indicator.code in seen:
                raise ValueError(DUPLICATE_INDICATOR.format(code=indicator.code))
            seen.add(indicator.code)

    def indicators(self) -> Iterator[IndicatorNode]:
        for area in self.areas:
            for recommendation in area.recommendations:
                yield from recommendation.indicators


@dataclass(frozen=True)
class Rating:
    """A country's answer for one indicator; `not_applicable` wins over any level given."""

    level: int | None
    not_applicable: bool = False
    target: int | None = None


class RatingStatus(StrEnum):
    RATED = "rated"
    NOT_APPLICABLE = "not_applicable"
    MISSING = "missing"


def rating_status(rating: Rating | None) -> RatingStatus:
    if rating is not None and rating.not_applicable:
        return RatingStatus.NOT_APPLICABLE
    if rating is None or rating.level is None:
        return RatingStatus.MISSING
    return RatingStatus.RATED


@dataclass(frozen=True)
class Counts:
    rated: int = 0
    not_applicable: int = 0
    missing: int = 0

    @property
    def applicable(self) -> int:
        return self.rated + self.missing

    @property
    def complete(self) -> bool:
        return self.missing == 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.rated + other.rated,
            self.not_applicable + other.not_applicable,
            self.missing + other.missing,
        )


@dataclass(frozen=True)
class IndicatorScore:
    """`score` is the level's percentage; `gap` is to the explicit target only."""

    code: str
    weight: float
    score: float | None
    counts: Counts
    status: RatingStatus
    level: int | None = None
    target: int | None = None
    gap: float | None = None
    children: tuple[()] = ()


@dataclass(frozen=True)
class RecommendationScore:
    code: str
    weight: float
    score: float | None
    counts: Counts
    children: tuple[IndicatorScore, ...]


@dataclass(frozen=True)
class AreaScore:
    code: str
    weight: float
    score: float | None
    counts: Counts
    children: tuple[RecommendationScore, ...]


@dataclass(frozen=True)
class PillarScore:
    code: str
    score: float | None
    counts: Counts
    children: tuple[AreaScore, ...]

    def area(self, code: str) -> AreaScore:
        return self._by_kind_and_code[AreaScore, code]

    def recommendation(self, code: str) -> RecommendationScore:
        return self._by_kind_and_code[RecommendationScore, code]

    def indicator(self, code: str) -> IndicatorScore:
        return self._by_kind_and_code[IndicatorScore, code]

    def recommendations(self) -> Iterator[RecommendationScore]:
        for area in self.children:
            yield from area.children

    def indicators(self) -> Iterator[IndicatorScore]:
        for recommendation in self.recommendations():
            yield from recommendation.children

    @cached_property
    def _by_kind_and_code(self) -> dict[tuple[type, str], Any]:
        """Indexed once, so a comparison can look up many codes in many assessments."""
        nodes = [*self.children, *self.recommendations(), *self.indicators()]
        return {(type(node), node.code): node for node in nodes}


_COUNTS_BY_STATUS = {
    RatingStatus.RATED: Counts(rated=1),
    RatingStatus.NOT_APPLICABLE: Counts(not_applicable=1),
    RatingStatus.MISSING: Counts(missing=1),
}


class IndicatorGap(NamedTuple):
    code: str
    gap: float
    weight: float


def mean_of_scores(scores: Iterable[float | None]) -> float | None:
    """Plain mean of the scores that exist, e.g. a group's average; None if none exist."""
    return weighted_mean((score, 1) for score in scores)


def weighted_mean(pairs: Iterable[tuple[float | None, Number]]) -> float | None:
    """Weighted mean of (score, weight) pairs, leaving out the pairs without a score."""
    total = weights = 0.0
    for score, weight in pairs:
        if score is not None:
            total += score * float(weight)
            weights += float(weight)
    return total / weights if weights else None


def _percentages(scale: Scale) -> dict[int, float]:
    if not scale:
        raise ValueError(EMPTY_SCALE)
    return {level: float(percentage) for level, percentage in scale.items()}


def _percentage_of(level: int, percentages: Mapping[int, float]) -> float:
    try:
        return percentages[level]
    except KeyError:
        levels = sorted(percentages)
        raise ValueError(UNKNOWN_LEVEL.format(level=level, levels=levels)) from None


def _gap(rating: Rating | None, percentages: Mapping[int, float], to_top: bool) -> float | None:
    if rating_status(rating) is not RatingStatus.RATED:
        return None
    if rating.target is not None:
        target = _percentage_of(rating.target, percentages)
    elif to_top:
        target = max(percentages.values())
    else:
        return None
    return max(target - _percentage_of(rating.level, percentages), 0.0)


def gap_to_target(
    rating: Rating | None, scale: Scale, *, default_to_top: bool = False
) -> float | None:
    """Target percentage minus current, 0 when the target is met, None when not computable.

    None for an unrated or N/A indicator, and for one without a target unless
    `default_to_top`, where no target means the top of the scale ("fully in place").
    """
    return _gap(rating, _percentages(scale), default_to_top)


def _score_indicator(
    node: IndicatorNode, percentages: Mapping[int, float], ratings: Mapping[str, Rating]
) -> IndicatorScore:
    rating = ratings.get(node.code)
    status = rating_status(rating)
    rated = status is RatingStatus.RATED
    return IndicatorScore(
        code=node.code,
        weight=float(node.weight),
        score=_percentage_of(rating.level, percentages) if rated else None,
        counts=_COUNTS_BY_STATUS[status],
        status=status,
        level=rating.level if rated else None,
        target=rating.target if rating else None,
        gap=_gap(rating, percentages, to_top=False),
    )


class Method(StrEnum):
    """How a framework rolls indicator scores up (docs/scoring.md). A recommendation always
    scores the weighted mean of its indicators; above it:

    - NESTED_MEANS: each area the weighted mean of its recommendations, the pillar the
      weighted mean of its areas (a recommendation weighs the same whatever its size);
    - RECOMMENDATION_MEAN: areas and the pillar the weighted mean of all the recommendations
      beneath them (area weights unused): the "share of recommendations implemented";
    - INDICATOR_MEAN: areas and the pillar the weighted mean of all the indicators beneath
      them (recommendation and area weights unused).
    """

    NESTED_MEANS = "nested_means"
    RECOMMENDATION_MEAN = "recommendation_mean"
    INDICATOR_MEAN = "indicator_mean"


def _counts(children: Iterable[IndicatorScore | RecommendationScore | AreaScore]) -> Counts:
    return sum((child.counts for child in children), Counts())


def _recommendations_in(
    children: tuple[RecommendationScore, ...] | tuple[AreaScore, ...],
) -> Iterator[RecommendationScore]:
    for child in children:
        if isinstance(child, RecommendationScore):
            yield child
        else:
            yield from child.children


def _mean_of(
    children: tuple[RecommendationScore, ...] | tuple[AreaScore, ...], method: Method
) -> float | None:
    """The score of an area (its recommendations given) or of the pillar (its areas)."""
    if method is Method.INDICATOR_MEAN:
        indicators = (i for r in _recommendations_in(children) for i in r.children)
        return weighted_mean((i.score, i.weight) for i in indicators)
    if method is Method.RECOMMENDATION_MEAN:
        return weighted_mean((r.score, r.weight) for r in _recommendations_in(children))
    return weighted_mean((child.score, child.weight) for child in children)


def _score_recommendation(
    node: RecommendationNode, percentages: Mapping[int, float], ratings: Mapping[str, Rating]
) -> RecommendationScore:
    children = tuple(_score_indicator(i, percentages, ratings) for i in node.indicators)
    score = weighted_mean((child.score, child.weight) for child in children)
    return RecommendationScore(node.code, float(node.weight), score, _counts(children), children)


def _score_area(
    node: AreaNode, percentages: Mapping[int, float], ratings: Mapping[str, Rating], method
) -> AreaScore:
    children = tuple(_score_recommendation(r, percentages, ratings) for r in node.recommendations)
    score = _mean_of(children, method)
    return AreaScore(node.code, float(node.weight), score, _counts(children), children)


def score_assessment(
    tree: FrameworkTree,
    scale: Scale,
    ratings: Mapping[str, Rating],
    method: Method | str = Method.NESTED_MEANS,
) -> PillarScore:
    """Score every node of the tree; ratings for codes outside the tree are ignored."""
    method = Method(method)
    percentages = _percentages(scale)
    children = tuple(_score_area(area, percentages, ratings, method) for area in tree.areas)
    return PillarScore(tree.code, _mean_of(children, method), _counts(children), children)


@dataclass(frozen=True)
class Round:
    """One round's answers, for comparing rounds: its framework's tree and scale, its
    ratings, and `codes`: indicator code of the framework compared on -> this round's code,
    for the indicators the crosswalk between the two calls comparable (None: same codes)."""

    tree: FrameworkTree
    scale: Scale
    ratings: Mapping[str, Rating]
    codes: Mapping[str, str] | None = None

    def rating_of(self, code: str) -> Rating | None:
        """The answer to the compared-on indicator `code`, None when not comparable."""
        return self.ratings.get(self.codes.get(code) if self.codes is not None else code)

    def comparable(self, tree: FrameworkTree) -> set[str]:
        """The indicators of `tree` this round has a comparable indicator for."""
        own = {indicator.code for indicator in self.tree.indicators()}
        mapped = self.codes if self.codes is not None else {code: code for code in own}
        return {i.code for i in tree.indicators() if mapped.get(i.code) in own}

    def own_codes(self, codes: Iterable[str]) -> set[str]:
        """This round's codes of compared-on indicators."""
        return {self.codes[code] if self.codes is not None else code for code in codes}

    def rated(self) -> set[str]:
        """Its own rated indicators, by its own codes."""
        return _rated_codes(self.tree, self.ratings)

    @property
    def is_complete(self) -> bool:
        return all(
            rating_status(self.ratings.get(i.code)) is not RatingStatus.MISSING
            for i in self.tree.indicators()
        )


@dataclass(frozen=True)
class RoundComparison:
    """Rounds scored like for like on the first round's framework (the one compared on):
    `now` and `before` rate only the indicators comparable and rated in both (`compared_on`
    of them, of `total` in that framework; `comparable` of them could be compared at all:
    fewer than `total` when the rounds are on versions a crosswalk links). `is_partial` when
    that leaves out an indicator that either round answered, or either round still has
    unanswered indicators: its changes then rest on part of the framework and must say so."""

    now: PillarScore
    before: PillarScore
    compared_on: int
    is_partial: bool
    comparable: int = 0
    total: int = 0


def compare_rounds(
    tree: FrameworkTree,
    scale: Scale,
    ratings: Mapping[str, Rating],
    before_tree: FrameworkTree,
    before_scale: Scale,
    before_ratings: Mapping[str, Rating],
    *,
    codes: Mapping[str, str] | None = None,
    method: Method | str = Method.NESTED_MEANS,
) -> RoundComparison:
    """Score this round and an earlier one on the indicators comparable and rated in both;
    `codes` maps this round's indicator codes to the earlier round's (see `Round`). Both
    rounds are scored with one method, on this round's tree."""
    now = Round(tree, scale, ratings)
    before = Round(before_tree, before_scale, before_ratings, codes)
    comparable = before.comparable(tree)
    common = {
        code
        for code in comparable
        if rating_status(now.rating_of(code)) is RatingStatus.RATED
        and rating_status(before.rating_of(code)) is RatingStatus.RATED
    }
    now_score, before_score = (
        score_assessment(tree, r.scale, {code: r.rating_of(code) for code in common}, method)
        for r in (now, before)
    )
    left_out = now.rated() - common or before.rated() - before.own_codes(common)
    is_partial = bool(not (now.is_complete and before.is_complete) or left_out)
    total = sum(1 for _ in tree.indicators())
    return RoundComparison(now_score, before_score, len(common), is_partial, len(comparable), total)


@dataclass(frozen=True)
class Trend:
    """Rounds scored on one basis: the indicators of the first round's framework that every
    round has a comparable indicator for (`comparable` of `total`), each round with its own
    answers to them (unanswered ones left out as always). `scores` follow the rounds' order."""

    scores: tuple[PillarScore, ...]
    comparable: int
    total: int

    @property
    def is_partial(self) -> bool:
        return self.comparable < self.total


def trend_of_rounds(rounds: list[Round], method: Method | str = Method.NESTED_MEANS) -> Trend:
    """Score each round on the indicators of the first round's framework that are comparable
    in every round (the first round's own `codes` are ignored: it is compared on itself)."""
    tree = rounds[0].tree
    comparable = {i.code for i in tree.indicators()}
    for other in rounds[1:]:
        comparable &= other.comparable(tree)
    scores = tuple(
        score_assessment(
            tree,
            r.scale,
            {code: r.rating_of(code) for code in comparable if r.rating_of(code) is not None},
            method,
        )
        for r in [Round(tree, rounds[0].scale, rounds[0].ratings), *rounds[1:]]
    )
    return Trend(scores, len(comparable), sum(1 for _ in tree.indicators()))


def _rated_codes(tree: FrameworkTree, ratings: Mapping[str, Rating]) -> set[str]:
    return {
        i.code
        for i in tree.indicators()
        if rating_status(ratings.get(i.code)) is RatingStatus.RATED
    }


def code_sort_key(code: str) -> tuple:
    """Sort codes naturally, so that 6.1.2 comes before 6.1.10."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", code))


def strengths_and_gaps(
    pillar_score: PillarScore, n: int = 3
) -> tuple[list[IndicatorScore], list[IndicatorScore]]:
    """The n highest and n lowest rated indicators, ties broken by code.

    The lowest are chosen among those not already among the highest, so with fewer than
    2n rated indicators no indicator is listed as both a strength and a gap.
    """
    rated = [i for i in pillar_score.indicators() if i.score is not None]
    highest = sorted(rated, key=lambda i: (-i.score, code_sort_key(i.code)))[:n]
    strengths = {i.code for i in highest}
    rest = [i for i in rated if i.code not in strengths]
    lowest = sorted(rest, key=lambda i: (i.score, code_sort_key(i.code)))[:n]
    return highest, lowest


def indicator_gaps(
    tree: FrameworkTree,
    scale: Scale,
    ratings: Mapping[str, Rating],
    default_to_top: bool = True,
) -> list[IndicatorGap]:
    """Rated indicators with a gap, ranked by gap x the indicator's own weight, descending.

    Indicators already at their target are kept with a gap of 0; unrated, N/A and (unless
    `default_to_top`) target-less indicators are left out. Ties are broken by code.
    """
    percentages = _percentages(scale)
    gaps = []
    for node in tree.indicators():
        gap = _gap(ratings.get(node.code), percentages, default_to_top)
        if gap is not None:
            gaps.append(IndicatorGap(node.code, gap, float(node.weight)))
    return sorted(gaps, key=lambda g: (-g.gap * g.weight, code_sort_key(g.code)))
