"""One assessment's figures as a user may see them: its scores and completeness, its
region's averages for the same round, its change since the previous round the user may
read, compared like for like (`assessment.scoring.compare_rounds`), and its trend over every
round the user may read (`assessment.scoring.trend_of_rounds`). Rounds on different versions
of the framework are compared only on the indicators the versions' crosswalk calls
comparable, and always with this round's scoring method.

The dashboard, its exports, the country report and the API all read these figures, and turn
them into what a page shows with `scores/page.py`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from assessment.models import Assessment
from assessment.scores import (
    FrameworkIndex,
    Titles,
    comparable_codes,
    framework_index,
    ratings_of_many,
    titles_of,
)
from assessment.scoring import (
    Counts,
    IndicatorScore,
    PillarScore,
    Round,
    RoundComparison,
    Trend,
    compare_rounds,
    score_assessment,
    strengths_and_gaps,
    trend_of_rounds,
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
    rounds scored on the indicators comparable and rated in both (`compared_on` of them).
    Where both rounds answered every indicator alike, these are the plain scores; otherwise
    the change is partial (`change_is_partial`) and says what it rests on. When the previous
    round used an earlier version of the framework (`previous_version`), only the indicators
    its crosswalk calls comparable (`comparable` of `indicator_total`) are compared.

    `trend` has one row per round the user may see, oldest first: round, version, is_draft,
    rated, and "pillar" and each area code with the round's score on the indicators that
    every round shown can be compared on (`trend_comparable` of them).
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
    scoring_method: str
    framework_version: int
    previous_round: str | None
    previous_version: int | None
    comparable: int
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
    trend: list[dict]
    trend_comparable: int

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

    @property
    def trend_versions(self) -> list[int]:
        """The framework versions of the rounds in the trend, in order, each once."""
        return list(dict.fromkeys(row["version"] for row in self.trend))


def country_scores(assessment: Assessment, user=None) -> CountryScores:
    """The figures of `assessment` as `user` (None: an anonymous visitor) may see them. The
    caller has checked that `user` may read `assessment`; the region's averages and the
    earlier rounds are cut down to what `user` may see."""
    index = framework_index(assessment.framework)
    titles = titles_of(assessment.framework)
    rounds = _rounds(assessment, user)
    ratings = rounds[0][1].ratings
    score = score_assessment(index.tree, index.scale, ratings, index.method)
    previous = rounds[1] if len(rounds) > 1 else None
    before, change = (
        _previous_figures(index, rounds[0][1], previous[1]) if previous else (None, None)
    )
    trend = trend_of_rounds([one for _, one in rounds], index.method)
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
        scoring_method=str(index.method),
        framework_version=assessment.framework.version,
        previous_round=previous[0].round if previous else None,
        previous_version=previous[0].framework.version if previous else None,
        comparable=change.comparable if change else 0,
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
        trend=_trend_rows([a for a, _ in rounds], trend),
        trend_comparable=trend.comparable,
    )


def _rounds(assessment: Assessment, user) -> list[tuple[Assessment, Round]]:
    """This round, then the country's earlier rounds whose figures `user` may see and that a
    crosswalk makes comparable with it, the latest first; each as a `Round` whose codes map
    this round's indicators onto its own."""
    earlier = Assessment.objects.comparable_for(user).earlier_rounds_of(assessment)
    assessments = [assessment, *earlier.select_related("framework")]
    ratings = ratings_of_many(assessments)
    rounds = []
    for other in assessments:
        codes = comparable_codes(assessment.framework, other.framework)
        if codes is None:
            continue  # no crosswalk leads from that version to this one
        same = other.framework_id == assessment.framework_id
        index = framework_index(other.framework)
        rounds.append(
            (other, Round(index.tree, index.scale, ratings[other.pk], None if same else codes))
        )
    return rounds


def _previous_figures(index: FrameworkIndex, now: Round, previous: Round):
    """The previous round's answers on this round's indicators, and both rounds scored like
    for like."""
    change = compare_rounds(
        index.tree, index.scale, now.ratings, previous.tree, previous.scale, previous.ratings,
        codes=previous.codes, method=index.method,
    )  # fmt: skip
    answers = {}
    for indicator in index.tree.indicators():
        rating = previous.rating_of(indicator.code)
        if rating is not None:
            answers[indicator.code] = rating
    return score_assessment(index.tree, previous.scale, answers, index.method), change


def _trend_rows(assessments: list[Assessment], trend: Trend) -> list[dict]:
    rows = []
    for assessment, score in reversed(list(zip(assessments, trend.scores, strict=True))):
        rows.append({
            "round": assessment.round, "version": assessment.framework.version,
            "is_draft": not assessment.is_countable, "rated": score.counts.rated,
            PILLAR: score.score, **{area.code: area.score for area in score.children},
        })  # fmt: skip
    return rows


def _region_averages(assessment: Assessment, region: str, user) -> dict[str, dict]:
    """area_code (and "pillar") -> mean, n_countries, suppressed: the comparison's figures."""
    query = ComparisonQuery(
        framework=assessment.framework, rounds=(assessment.round,), grouping="m49"
    )
    group_areas = load_comparison(query, user, region=region).group_areas
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
