"""One assessment's figures as a user may see them: its scores and completeness, its
region's averages for the same round, and its change since the previous round the user may
read, compared like for like (`assessment.scoring.compare_rounds`).

The dashboard, its exports, the country report and the API all read these figures, and turn
them into what a page shows with `scores/page.py`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from assessment.models import Assessment
from assessment.scores import Titles, framework_index, ratings_of, titles_of
from assessment.scoring import (
    Counts,
    IndicatorScore,
    PillarScore,
    RoundComparison,
    compare_rounds,
    score_assessment,
    strengths_and_gaps,
)
from countries.models import m49_region_name

from .aggregate import PILLAR
from .comparison import load_comparison
from .query import ComparisonQuery

STRENGTHS_AND_GAPS = 3


@dataclass(frozen=True)
class CountryScores:
    """One assessment's scores beside its region's averages for the same round and its
    change since the previous finished round the user may see.

    areas: area_code, title, score, counts, region_mean, region_n, region_suppressed,
    compared_on, compared_score, previous_score, change. recommendations:
    recommendation_code, area_code, title, score, counts, compared_on, compared_score,
    previous_score, change. indicators: indicator_code, recommendation_code, area_code,
    statement, status, level, level_label, score, target, gap, previous_level,
    previous_score, level_change (in steps of the scale, where both rounds rate it).

    Changes are in percentage points, between `compared_score` and `previous_score`: both
    rounds scored on the indicators rated in both (`compared_on` of them). Where both rounds
    answered every indicator alike, these are the plain scores; otherwise the change is
    partial (`change_is_partial`) and says what it rests on.
    """

    assessment_id: int
    iso3: str
    country: str
    round: str
    status: str
    is_countable: bool
    region: str
    region_name: str
    score: PillarScore
    pillar: float | None
    region_pillar: float | None
    region_pillar_n: int
    region_pillar_suppressed: bool
    previous_round: str | None
    previous_pillar: float | None
    compared_pillar: float | None
    pillar_change: float | None
    change_is_partial: bool
    compared_on: int
    areas: pd.DataFrame
    recommendations: pd.DataFrame
    indicators: pd.DataFrame
    strengths: list[IndicatorScore]
    gaps: list[IndicatorScore]
    titles: Titles

    @property
    def counts(self) -> Counts:
        return self.score.counts

    @property
    def indicator_total(self) -> int:
        counts = self.score.counts
        return counts.rated + counts.not_applicable + counts.missing

    @property
    def answered(self) -> int:
        """Rated or not applicable: the indicators the figures rest on or leave out on purpose."""
        return self.score.counts.rated + self.score.counts.not_applicable

    @property
    def is_complete(self) -> bool:
        return self.score.counts.missing == 0


def country_scores(assessment: Assessment, user=None) -> CountryScores:
    """The figures of `assessment` as `user` (None: an anonymous visitor) may see them. The
    caller has checked that `user` may read `assessment`; the region's averages and the
    previous round are cut down to what `user` may see."""
    index = framework_index(assessment.framework)
    titles = titles_of(assessment.framework)
    ratings = ratings_of(assessment)
    score = score_assessment(index.tree, index.scale, ratings)
    previous = Assessment.objects.previous_round_of(assessment, user)
    before, change = _previous_figures(index, ratings, previous) if previous else (None, None)
    country = assessment.country
    region = country.analysis_region
    averages = _region_averages(assessment, region, user)
    pillar_average = averages.get(PILLAR, {})
    strengths, gaps = strengths_and_gaps(score, STRENGTHS_AND_GAPS)
    return CountryScores(
        assessment_id=assessment.pk,
        iso3=country.iso3,
        country=str(country.name) or country.iso3,
        round=assessment.round,
        status=assessment.status,
        is_countable=assessment.is_countable,
        region=region,
        region_name=m49_region_name(region),
        score=score,
        pillar=score.score,
        region_pillar=pillar_average.get("mean"),
        region_pillar_n=int(pillar_average.get("n_countries", 0)),
        region_pillar_suppressed=bool(pillar_average.get("suppressed", False)),
        previous_round=previous.round if previous else None,
        previous_pillar=change.before.score if change else None,
        compared_pillar=change.now.score if change else None,
        pillar_change=_difference(change.now.score, change.before.score) if change else None,
        change_is_partial=change.is_partial if change else False,
        compared_on=change.compared_on if change else 0,
        areas=_area_rows(score, change, titles, averages),
        recommendations=_recommendation_rows(score, change, titles),
        indicators=_indicator_rows(score, before, titles),
        strengths=strengths,
        gaps=gaps,
        titles=titles,
    )


def _previous_figures(index, ratings, previous: Assessment):
    """The previous round's own score, and both rounds scored like for like."""
    before = framework_index(previous.framework)
    before_ratings = ratings_of(previous)
    change = compare_rounds(
        index.tree, index.scale, ratings, before.tree, before.scale, before_ratings
    )
    return score_assessment(before.tree, before.scale, before_ratings), change


def _region_averages(assessment: Assessment, region: str, user) -> dict[str, dict]:
    """area_code (and "pillar") -> mean, n_countries, suppressed: the comparison's figures."""
    query = ComparisonQuery(
        framework=assessment.framework, rounds=(assessment.round,), grouping="m49"
    )
    group_areas = load_comparison(query, user).group_areas
    rows = group_areas[group_areas["group"] == region]
    records = rows.set_index("area_code")[["mean", "n_countries", "suppressed"]]
    return {
        code: {**values, "mean": _number(values["mean"])}
        for code, values in records.to_dict("index").items()
    }


def _difference(now: float | None, before: float | None) -> float | None:
    return None if now is None or before is None else now - before


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _node(score: PillarScore | None, getter: str, code: str):
    """The node of that code in a (previous) score, None if that tree has no such node."""
    try:
        return getattr(score, getter)(code) if score is not None else None
    except KeyError:
        return None


def _compared(change: RoundComparison | None, getter: str, code: str) -> dict:
    """A node's like-for-like figures: scores of both rounds on the indicators both rate."""
    now = _node(change.now if change else None, getter, code)
    before = _node(change.before if change else None, getter, code)
    return {
        "compared_on": now.counts.rated if now else 0,
        "compared_score": now.score if now else None,
        "previous_score": before.score if before else None,
        "change": _difference(now.score if now else None, before.score if before else None),
    }


def _area_rows(score, change, titles: Titles, averages: dict[str, dict]) -> pd.DataFrame:
    rows = []
    for area in score.children:
        average = averages.get(area.code, {})
        rows.append({
            "area_code": area.code, "title": titles.areas.get(area.code, area.code),
            "score": area.score, **_counts(area.counts),
            "region_mean": average.get("mean"), "region_n": int(average.get("n_countries", 0)),
            "region_suppressed": bool(average.get("suppressed", False)),
            **_compared(change, "area", area.code),
        })  # fmt: skip
    columns = ["score", "region_mean", "compared_score", "previous_score", "change"]
    return _floats(pd.DataFrame(rows), columns)


def _recommendation_rows(score, change, titles: Titles) -> pd.DataFrame:
    rows = []
    for area in score.children:
        for rec in area.children:
            rows.append({
                "recommendation_code": rec.code, "area_code": area.code,
                "title": titles.recommendations.get(rec.code, rec.code), "score": rec.score,
                **_counts(rec.counts), **_compared(change, "recommendation", rec.code),
            })  # fmt: skip
    return _floats(pd.DataFrame(rows), ["score", "compared_score", "previous_score", "change"])


def _indicator_rows(score, before, titles: Titles) -> pd.DataFrame:
    rows = []
    for area in score.children:
        for rec in area.children:
            for indicator in rec.children:
                previous = _node(before, "indicator", indicator.code)
                previous_level = previous.level if previous else None
                rows.append({
                    "indicator_code": indicator.code, "recommendation_code": rec.code,
                    "area_code": area.code,
                    "statement": titles.indicators.get(indicator.code, indicator.code),
                    "status": str(indicator.status), "level": indicator.level,
                    "level_label": titles.levels.get(indicator.level, ""),
                    "score": indicator.score, "target": indicator.target, "gap": indicator.gap,
                    "previous_level": previous_level,
                    "previous_score": previous.score if previous else None,
                    "level_change": _difference(indicator.level, previous_level),
                })  # fmt: skip
    columns = ["level", "score", "target", "gap", "previous_level", "previous_score"]
    return _floats(pd.DataFrame(rows), [*columns, "level_change"])


def _counts(counts) -> dict[str, int]:
    return {
        "rated": counts.rated,
        "not_applicable": counts.not_applicable,
        "missing": counts.missing,
    }


def _floats(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """None becomes NaN in numeric columns, whatever the first rows held."""
    for column in columns:
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype(float)
    return frame
