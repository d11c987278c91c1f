"""From the database to the scoring engine's inputs: the framework tree, its scale, ratings.

A framework version never changes once loaded, so everything static about it (the tree with
its weights, the scale, the ids of its levels and indicators, its titles in every language)
is read once per process in two queries and kept in memory. Scoring an assessment then costs
one query: its responses as plain tuples.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname

from frameworks.models import Framework, Indicator

from .models import Assessment, Response
from .scoring import (
    AreaNode,
    FrameworkTree,
    IndicatorNode,
    Method,
    PillarScore,
    Rating,
    RecommendationNode,
    score_assessment,
)

FALLBACK_LANGUAGE = "en"


@dataclass(frozen=True)
class Titles:
    """Code -> title in one language: areas and recommendations by title, indicators by
    statement, scale levels (by level code) by label."""

    areas: dict[str, str]
    recommendations: dict[str, str]
    indicators: dict[str, str]
    levels: dict[int, str]


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator with its place in the tree, as the comparison's roll-up needs it."""

    pk: int
    code: str
    weight: float
    recommendation_code: str
    recommendation_weight: float
    area_code: str
    area_weight: float


@dataclass(frozen=True)
class FrameworkIndex:
    """What never changes about a framework version, read once (see `framework_index`)."""

    tree: FrameworkTree
    scale: dict[int, Decimal]
    indicators: tuple[IndicatorRow, ...]
    level_codes: dict[int, int]  # ScaleLevel pk -> level code
    titles_by_language: dict[str, Titles] = field(repr=False)
    method: Method = Method.NESTED_MEANS

    @property
    def indicator_codes(self) -> dict[int, str]:
        return {row.pk: row.code for row in self.indicators}

    def titles(self, language: str | None = None) -> Titles:
        language = (language or get_language() or FALLBACK_LANGUAGE).split("-")[0]
        return self.titles_by_language.get(language) or self.titles_by_language[FALLBACK_LANGUAGE]


_INDEXES: dict[tuple[int, str], FrameworkIndex] = {}


def framework_index(framework: Framework) -> FrameworkIndex:
    """The framework's static data, memoised per framework pk (and content hash, so that a
    test database reusing a pk for other content is not served a stale tree)."""
    key = (framework.pk, framework.content_hash)
    if key not in _INDEXES:
        _INDEXES[key] = _read_index(framework)
    return _INDEXES[key]


def clear_framework_indexes() -> None:
    """Forget every memoised framework (tests that rebuild frameworks call this)."""
    _INDEXES.clear()
    _COMPARABLE.clear()


_COMPARABLE: dict[tuple, dict[str, str] | None] = {}


def comparable_codes(framework: Framework, earlier: Framework) -> dict[str, str] | None:
    """`framework.comparable_codes(earlier)` (the crosswalks' comparable indicators), read
    once per pair of versions: versions never change."""
    if framework.pk == earlier.pk:
        return {row.code: row.code for row in framework_index(framework).indicators}
    key = (framework.pk, framework.content_hash, earlier.pk, earlier.content_hash)
    if key not in _COMPARABLE:
        _COMPARABLE[key] = framework.comparable_codes(earlier)
    return _COMPARABLE[key]


def framework_tree(framework: Framework) -> FrameworkTree:
    return framework_index(framework).tree


def scale_of(framework: Framework) -> dict[int, Decimal]:
    """Level code -> percentage."""
    return framework_index(framework).scale


def titles_of(framework: Framework, language: str | None = None) -> Titles:
    """The framework's titles in the given or active language (English where untranslated)."""
    return framework_index(framework).titles(language)


def ratings_of(assessment: Assessment) -> dict[str, Rating]:
    """Indicator code -> Rating: one query once the framework is memoised (and the
    assessment's framework loaded, as the access helpers' select_related does)."""
    index = framework_index(assessment.framework)
    codes = index.indicator_codes
    rows = Response.objects.filter(assessment_id=assessment.pk).order_by()
    rows = rows.values_list("indicator_id", "level_id", "not_applicable", "target_level_id")
    return {
        codes[indicator_id]: Rating(
            level=index.level_codes.get(level_id),
            not_applicable=not_applicable,
            target=index.level_codes.get(target_id),
        )
        for indicator_id, level_id, not_applicable, target_id in rows
        if indicator_id in codes
    }


def ratings_of_many(assessments: list[Assessment]) -> dict[int, dict[str, Rating]]:
    """Assessment pk -> its ratings (as `ratings_of`), for assessments of any frameworks in
    one query (their frameworks loaded, as `select_related("framework")` does)."""
    indexes = {a.pk: framework_index(a.framework) for a in assessments}
    ratings: dict[int, dict[str, Rating]] = {pk: {} for pk in indexes}
    rows = Response.objects.filter(assessment_id__in=list(indexes)).order_by()
    rows = rows.values_list(
        "assessment_id", "indicator_id", "level_id", "not_applicable", "target_level_id"
    )
    codes = {pk: index.indicator_codes for pk, index in indexes.items()}
    for assessment_id, indicator_id, level_id, not_applicable, target_id in rows:
        index = indexes[assessment_id]
        code = codes[assessment_id].get(indicator_id)
        if code is not None:
            ratings[assessment_id][code] = Rating(
                level=index.level_codes.get(level_id),
                not_applicable=not_applicable,
                target=index.level_codes.get(target_id),
            )
    return ratings


def score_of(assessment: Assessment) -> PillarScore:
    index = framework_index(assessment.framework)
    return score_assessment(index.tree, index.scale, ratings_of(assessment), index.method)


def _languages() -> list[str]:
    codes = [code for code, _name in settings.LANGUAGES]
    return codes if FALLBACK_LANGUAGE in codes else [FALLBACK_LANGUAGE, *codes]


def _localized(prefix: str, name: str) -> list[str]:
    return [prefix + build_localized_fieldname(name, language) for language in _languages()]


def _read_index(framework: Framework) -> FrameworkIndex:
    text_fields = [
        *_localized("", "statement"),
        *_localized("recommendation__", "title"),
        *_localized("recommendation__area__", "title"),
    ]
    rows = list(
        Indicator.objects.filter(recommendation__area__framework=framework)
        .order_by("recommendation__area__order", "recommendation__order", "order")
        .values(
            "pk", "code", "weight", "recommendation__code", "recommendation__weight",
            "recommendation__area__code", "recommendation__area__weight", *text_fields,
        )
    )  # fmt: skip
    levels = list(
        framework.levels.order_by("code").values(
            "pk", "code", "percentage", *_localized("", "label")
        )
    )
    indicators = tuple(
        IndicatorRow(
            pk=row["pk"],
            code=row["code"],
            weight=float(row["weight"]),
            recommendation_code=row["recommendation__code"],
            recommendation_weight=float(row["recommendation__weight"]),
            area_code=row["recommendation__area__code"],
            area_weight=float(row["recommendation__area__weight"]),
        )
        for row in rows
    )
    return FrameworkIndex(
        tree=_tree(framework, rows),
        scale={level["code"]: level["percentage"] for level in levels},
        indicators=indicators,
        level_codes={level["pk"]: level["code"] for level in levels},
        titles_by_language={language: _titles(rows, levels, language) for language in _languages()},
        method=Method(framework.scoring_method),
    )


def _tree(framework: Framework, rows: list[dict]) -> FrameworkTree:
    """Rows come ordered area, recommendation, indicator: group them into nested nodes."""
    areas: dict[str, tuple] = {}
    recommendations: dict[str, list] = {}
    for row in rows:
        area_code, rec_code = row["recommendation__area__code"], row["recommendation__code"]
        areas.setdefault(area_code, (row["recommendation__area__weight"], []))
        if rec_code not in recommendations:
            recommendations[rec_code] = [row["recommendation__weight"], []]
            areas[area_code][1].append(rec_code)
        recommendations[rec_code][1].append(IndicatorNode(row["code"], row["weight"]))
    return FrameworkTree(
        tuple(
            AreaNode(area_code, weight, tuple(
                RecommendationNode(code, recommendations[code][0], tuple(recommendations[code][1]))
                for code in rec_codes
            ))
            for area_code, (weight, rec_codes) in areas.items()
        ),
        code=framework.slug,
    )  # fmt: skip


def _titles(rows: list[dict], levels: list[dict], language: str) -> Titles:
    def text(row: dict, prefix: str, name: str) -> str:
        return (
            row[prefix + build_localized_fieldname(name, language)]
            or row[prefix + build_localized_fieldname(name, FALLBACK_LANGUAGE)]
        )

    return Titles(
        areas={
            row["recommendation__area__code"]: text(row, "recommendation__area__", "title")
            for row in rows
        },
        recommendations={
            row["recommendation__code"]: text(row, "recommendation__", "title") for row in rows
        },
        indicators={row["code"]: text(row, "", "statement") for row in rows},
        levels={level["code"]: text(level, "", "label") for level in levels},
    )
