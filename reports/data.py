"""From the database to pandas: the comparison of many assessments and a country's scores.

A comparison costs a fixed number of queries whatever its size: the assessments (one row
each, as tuples) and their answered responses (three integers each, as tuples), both cut
down to what the user may see (reports/visibility.py) and to the selected rounds in SQL.
With a saved group of countries, one more query reads its name. The framework's
static tree comes from memory (assessment/scores.py). The roll-up is vectorised
(reports/aggregate.py) and the result is cached under a key made of the query, the user's
visibility class, the language and a global data version that every change to assessments,
responses or saved groups bumps (reports/signals.py, or `invalidate()` after a bulk update).
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass

import numpy as np
import pandas as pd
from django.core.cache import cache
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries as country_names

from assessment.models import Assessment, Response
from assessment.scores import FrameworkIndex, Titles, framework_index, score_of, titles_of
from assessment.scoring import IndicatorScore, PillarScore, strengths_and_gaps
from countries.models import M49_AMERICAS, Country, m49_region_name
from frameworks.models import Framework

from .aggregate import PILLAR, group_means, latest_per_country, ranking, roll_up, trends
from .models import CountryGroup
from .visibility import (
    MIN_GROUP_SIZE,
    comparable_assessments,
    readable_assessments,
    sees_everything,
    visibility_class,
)

GROUPINGS = {
    "m49": _("UN M49 region"),
    "subregion": _("UN M49 sub-region"),
    "igf": _("IGF region"),
}
SAVED_GROUP_PREFIX = "group:"
UNKNOWN_GROUPING = _("Unknown grouping “%(grouping)s”.")
UNKNOWN_STATUS = _("Unknown assessment status “%(status)s”.")
VERSION_KEY = "reports:data-version"
CACHE_SECONDS = 60 * 60

ASSESSMENT_FIELDS = [
    "id", "country__iso3", "country__code", "country__igf_region", "country__m49_region",
    "country__m49_subregion", "round", "status",
]  # fmt: skip
# Answered responses only (rated or N/A); a level of None then means N/A, which the
# database guarantees (constraint not_applicable_has_no_level). Unanswered indicators are
# missing whether their row is read or not, and booleans would cost a conversion per row.
RESPONSE_FIELDS = ["assessment_id", "indicator_id", "level_id"]
ANSWERED = Q(level__isnull=False) | Q(not_applicable=True)
ASSESSMENT_COLUMNS = [
    "assessment_id", "iso3", "country", "round", "status", "status_label", "is_draft",
    "group", "group_name", PILLAR, "rated", "not_applicable", "missing",
]  # fmt: skip


@dataclass(frozen=True)
class ComparisonQuery:
    """What to compare. `rounds` empty means every round; `grouping` is one of GROUPINGS or
    "group:<pk>" for a saved CountryGroup (then only its countries are compared)."""

    framework: Framework
    rounds: tuple[str, ...] = ()
    grouping: str = "m49"
    statuses: tuple[str, ...] = tuple(Assessment.COUNTABLE_STATUSES)
    include_drafts: bool = False

    def __post_init__(self):
        if self.grouping not in GROUPINGS and self.saved_group_id is None:
            raise ValueError(UNKNOWN_GROUPING % {"grouping": self.grouping})
        statuses = tuple(sorted({str(status) for status in self.statuses}))
        for status in statuses:
            if status not in Assessment.Status.values:
                raise ValueError(UNKNOWN_STATUS % {"status": status})
        object.__setattr__(self, "statuses", statuses)
        object.__setattr__(self, "rounds", tuple(sorted({str(r) for r in self.rounds})))

    @property
    def saved_group_id(self) -> int | None:
        prefix, _colon, pk = self.grouping.partition(":")
        if prefix + ":" == SAVED_GROUP_PREFIX and pk.isascii() and pk.isdigit():
            return int(pk)
        return None


@dataclass(frozen=True)
class Comparison:
    """The comparison's tables (see ASSESSMENT_COLUMNS and the aggregate module for columns).

    assessments: one row per assessment. areas / recommendations: assessment_id x code ->
    score with counts (long). group_areas: group x round x area_code (and "pillar") -> mean,
    n_countries, suppressed. ranking: countries at their latest selected round by pillar
    score. trends: group x round -> pillar mean, n_countries and one column per area.
    """

    assessments: pd.DataFrame
    areas: pd.DataFrame
    recommendations: pd.DataFrame
    group_areas: pd.DataFrame
    ranking: pd.DataFrame
    trends: pd.DataFrame
    area_labels: dict[str, str]
    recommendation_labels: dict[str, str]
    rounds: tuple[str, ...] = ()
    grouping: str = "m49"
    shows_small_groups: bool = False

    def matrix(self, level: str = "recommendations") -> pd.DataFrame:
        """Country (name) x code scores at each country's latest selected round: the heatmap."""
        scores = getattr(self, level)
        codes = list(self.recommendation_labels if level == "recommendations" else self.area_labels)
        code_column = "recommendation_code" if level == "recommendations" else "area_code"
        latest = latest_per_country(self.assessments)
        wide = scores.pivot_table(
            index="assessment_id", columns=code_column, values="score", dropna=False
        )
        wide = wide.reindex(index=latest["assessment_id"], columns=codes)
        wide.index = pd.Index(latest["country"], name="country")
        wide.columns.name = None
        return wide.sort_index()


def frame_records(frame: pd.DataFrame) -> list[dict]:
    """Rows as dicts of plain Python values, NaN as None: ready for JSON and templates."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def data_version() -> str:
    """The current version of the data behind every comparison (changes on any write)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY) or "uncached"
    return version


def invalidate() -> None:
    """Make every cached comparison stale. Call after writes that send no signal
    (queryset.update(), bulk_create, bulk_update)."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def load_comparison(query: ComparisonQuery, user) -> Comparison:
    """The comparison as this user may see it, from the cache when nothing changed."""
    key = _cache_key(query, user)
    comparison = cache.get(key)
    if comparison is None:
        comparison = _compute_comparison(query, user)
        cache.set(key, comparison, CACHE_SECONDS)
    return comparison


def _cache_key(query: ComparisonQuery, user) -> str:
    parts = (
        data_version(), query.framework.pk, query.framework.content_hash, query.rounds,
        query.grouping, query.statuses, query.include_drafts, visibility_class(user),
        get_language(),
    )  # fmt: skip
    return "reports:comparison:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def _compute_comparison(query: ComparisonQuery, user) -> Comparison:
    index = framework_index(query.framework)
    titles = index.titles()
    selected, group_name = _selected_assessments(query, user)
    rows = list(selected.order_by().values_list(*ASSESSMENT_FIELDS))
    responses = Response.objects.filter(ANSWERED, assessment__in=selected.values("pk"))
    responses = responses.order_by().values_list(*RESPONSE_FIELDS)
    assessments = _assessment_frame(rows, query.grouping, group_name)
    indicators = indicator_frame(assessments["assessment_id"].to_numpy(), list(responses), index)
    rollup = roll_up(indicators)
    area_codes = list(titles.areas)
    assessments = _with_scores(assessments, rollup.pillars)
    wide_areas = rollup.areas.pivot(index="assessment_id", columns="area_code", values="score")
    scores = assessments.join(wide_areas.reindex(columns=area_codes), on="assessment_id")
    shows_small_groups = sees_everything(user)
    group_areas = group_means(
        scores, [PILLAR, *area_codes], show_small_groups=shows_small_groups, min_size=MIN_GROUP_SIZE
    )
    return Comparison(
        assessments=assessments,
        areas=_plain_codes(rollup.areas),
        recommendations=_plain_codes(rollup.recommendations),
        group_areas=group_areas,
        ranking=ranking(assessments),
        trends=trends(group_areas, area_codes),
        area_labels=titles.areas,
        recommendation_labels=titles.recommendations,
        rounds=tuple(sorted(assessments["round"].unique(), key=str)),
        grouping=query.grouping,
        shows_small_groups=shows_small_groups,
    )


def _selected_assessments(query: ComparisonQuery, user):
    """The visible assessments of the query, and the saved group's name if grouped by one."""
    selected = comparable_assessments(user, query)
    group_id = query.saved_group_id
    if group_id is None:
        return selected, None
    group_name = CountryGroup.objects.filter(pk=group_id).values_list("name", flat=True).first()
    if group_name is None:
        raise CountryGroup.DoesNotExist(f"No country group {group_id}")
    members = CountryGroup.countries.through.objects.filter(countrygroup_id=group_id)
    return selected.filter(country_id__in=members.values("country_id")), group_name


def _assessment_frame(rows: list[tuple], grouping: str, group_name: str | None) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=ASSESSMENT_FIELDS).rename(
        columns={"id": "assessment_id", "country__iso3": "iso3"}
    )
    frame["assessment_id"] = frame["assessment_id"].astype(np.int64)
    frame["country"] = _country_names(frame["country__code"], frame["iso3"])
    frame["status_label"] = frame["status"].map(_status_labels())
    frame["is_draft"] = ~frame["status"].isin([str(s) for s in Assessment.COUNTABLE_STATUSES])
    frame["group"], frame["group_name"] = _groups(frame, grouping, group_name)
    frame = frame.sort_values(["iso3", "round"], kind="stable").reset_index(drop=True)
    return frame[ASSESSMENT_COLUMNS[: ASSESSMENT_COLUMNS.index(PILLAR)]]


def _country_names(codes: pd.Series, iso3: pd.Series) -> pd.Series:
    """Names in the active language; a code django-countries does not know shows its ISO3."""
    names = {code: country_names.name(code) for code in codes.unique()}
    return codes.map(names).where(lambda name: name != "", iso3)


def _status_labels() -> dict[str, str]:
    return {value: str(label) for value, label in Assessment.Status.choices}


def _groups(frame: pd.DataFrame, grouping: str, group_name: str | None):
    if group_name is not None:
        code = grouping.removeprefix(SAVED_GROUP_PREFIX)
        return code, group_name
    if grouping == "igf":
        codes = frame["country__igf_region"]
        labels = {value: str(label) for value, label in Country.IgfRegion.choices}
        return codes, codes.map(lambda code: labels.get(code, code))
    if grouping == "subregion":
        codes = frame["country__m49_subregion"]
    else:  # the analysis region: the Americas split into LAC and Northern America
        americas = frame["country__m49_region"] == M49_AMERICAS
        codes = frame["country__m49_subregion"].where(americas, frame["country__m49_region"])
    names = {code: m49_region_name(code) for code in codes.unique()}
    return codes, codes.map(names)


def indicator_frame(
    assessment_ids: np.ndarray, answered: list[tuple], index: FrameworkIndex
) -> pd.DataFrame:
    """The complete assessment x indicator grid (aggregate.INDICATOR_COLUMNS).

    `answered` holds (assessment_id, indicator_id, level_id) tuples of the rated and N/A
    responses, level_id None for N/A; every other cell of the grid is missing, as in the
    scoring engine.
    """
    indicators = index.indicators
    n_assessments, n_indicators = len(assessment_ids), len(indicators)
    percentages = np.full((n_assessments, n_indicators), np.nan)
    not_applicable = np.zeros((n_assessments, n_indicators), dtype=bool)
    if answered:
        values = np.array(answered, dtype=float)  # None (N/A) becomes NaN
        row = pd.Index(assessment_ids).get_indexer(values[:, 0])
        column = pd.Index([i.pk for i in indicators]).get_indexer(values[:, 1])
        level = pd.Index(list(index.level_codes)).get_indexer(values[:, 2])
        level_percentages = np.array([float(index.scale[c]) for c in index.level_codes.values()])
        known = (row >= 0) & (column >= 0)
        is_na = np.isnan(values[:, 2])
        rated = known & (level >= 0)
        percentages[row[rated], column[rated]] = level_percentages[level[rated]]
        not_applicable[row[known & is_na], column[known & is_na]] = True
    return pd.DataFrame(
        {
            "assessment_id": np.repeat(assessment_ids, n_indicators),
            "area_code": _tiled([i.area_code for i in indicators], n_assessments),
            "recommendation_code": _tiled(
                [i.recommendation_code for i in indicators], n_assessments
            ),
            "indicator_code": _tiled([i.code for i in indicators], n_assessments),
            "area_weight": np.tile([i.area_weight for i in indicators], n_assessments),
            "recommendation_weight": np.tile(
                [i.recommendation_weight for i in indicators], n_assessments
            ),
            "indicator_weight": np.tile([i.weight for i in indicators], n_assessments),
            "percentage": percentages.ravel(),
            "not_applicable": not_applicable.ravel(),
        }
    )


def _tiled(codes: list[str], times: int) -> pd.Categorical:
    """The codes repeated once per assessment, as a categorical (cheap to group by)."""
    categories, positions = np.unique(np.array(codes, dtype=object), return_inverse=True)
    return pd.Categorical.from_codes(np.tile(positions, times), categories=categories)


def _with_scores(assessments: pd.DataFrame, pillars: pd.DataFrame) -> pd.DataFrame:
    pillars = pillars.rename(columns={"score": PILLAR}).set_index("assessment_id")
    merged = assessments.join(pillars, on="assessment_id")
    for column in ["rated", "not_applicable", "missing"]:
        merged[column] = merged[column].fillna(0).astype(np.int64)
    return merged[ASSESSMENT_COLUMNS]


def _plain_codes(frame: pd.DataFrame) -> pd.DataFrame:
    """Categorical code columns back to strings: what callers expect of a small frame."""
    frame = frame.copy()
    for column in frame.columns:
        if isinstance(frame[column].dtype, pd.CategoricalDtype):
            frame[column] = frame[column].astype(object)
    return frame.reset_index(drop=True)


# A country's dashboard.

STRENGTHS_AND_GAPS = 3


@dataclass(frozen=True)
class CountryScores:
    """One assessment's scores beside its region's averages for the same round and its
    change since the previous countable round the user may see.

    areas: area_code, title, score, counts, region_mean, region_n, region_suppressed,
    previous_score, change. recommendations: recommendation_code, area_code, title, score,
    counts, previous_score, change. indicators: indicator_code, recommendation_code,
    area_code, statement, status, level, level_label, score, target, gap, previous_level,
    previous_score, level_change (in steps of the scale). Changes are in percentage points.
    """

    assessment_id: int
    iso3: str
    country: str
    round: str
    status: str
    region: str
    region_name: str
    score: PillarScore
    pillar: float | None
    region_pillar: float | None
    region_pillar_n: int
    region_pillar_suppressed: bool
    previous_round: str | None
    previous_pillar: float | None
    pillar_change: float | None
    areas: pd.DataFrame
    recommendations: pd.DataFrame
    indicators: pd.DataFrame
    strengths: list[IndicatorScore]
    gaps: list[IndicatorScore]
    titles: Titles


def country_scores(assessment: Assessment, user=None) -> CountryScores:
    """The dashboard's figures. The caller has checked that `user` may see `assessment`;
    the region's averages and the previous round are cut down to what `user` may see
    (anonymous when None), the averages suppressed below MIN_GROUP_SIZE for non-analysts."""
    titles = titles_of(assessment.framework)
    score = score_of(assessment)
    previous = previous_assessment(assessment, user)
    before = score_of(previous) if previous else None
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
        region=region,
        region_name=m49_region_name(region),
        score=score,
        pillar=score.score,
        region_pillar=pillar_average.get("mean"),
        region_pillar_n=int(pillar_average.get("n_countries", 0)),
        region_pillar_suppressed=bool(pillar_average.get("suppressed", False)),
        previous_round=previous.round if previous else None,
        previous_pillar=before.score if before else None,
        pillar_change=_change(score.score, before.score if before else None),
        areas=_area_rows(score, before, titles, averages),
        recommendations=_recommendation_rows(score, before, titles),
        indicators=_indicator_rows(score, before, titles),
        strengths=strengths,
        gaps=gaps,
        titles=titles,
    )


def previous_assessment(assessment: Assessment, user=None) -> Assessment | None:
    """The country's latest countable assessment before this round that the user may see."""
    earlier = readable_assessments(user).filter(
        country_id=assessment.country_id, round__lt=assessment.round
    )
    return earlier.select_related("framework").order_by("-round").first()


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


def _change(now: float | None, before: float | None) -> float | None:
    return None if now is None or before is None else now - before


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _node(score: PillarScore | None, getter: str, code: str):
    """The node of that code in a (previous) score, None if that tree has no such node."""
    try:
        return getattr(score, getter)(code) if score is not None else None
    except KeyError:
        return None


def _area_rows(score, before, titles: Titles, averages: dict[str, dict]) -> pd.DataFrame:
    rows = []
    for area in score.children:
        previous = _node(before, "area", area.code)
        average = averages.get(area.code, {})
        rows.append({
            "area_code": area.code, "title": titles.areas.get(area.code, area.code),
            "score": area.score, **_counts(area.counts),
            "region_mean": average.get("mean"), "region_n": int(average.get("n_countries", 0)),
            "region_suppressed": bool(average.get("suppressed", False)),
            "previous_score": previous.score if previous else None,
            "change": _change(area.score, previous.score if previous else None),
        })  # fmt: skip
    return _floats(pd.DataFrame(rows), ["score", "region_mean", "previous_score", "change"])


def _recommendation_rows(score, before, titles: Titles) -> pd.DataFrame:
    rows = []
    for area in score.children:
        for rec in area.children:
            previous = _node(before, "recommendation", rec.code)
            rows.append({
                "recommendation_code": rec.code, "area_code": area.code,
                "title": titles.recommendations.get(rec.code, rec.code), "score": rec.score,
                **_counts(rec.counts), "previous_score": previous.score if previous else None,
                "change": _change(rec.score, previous.score if previous else None),
            })  # fmt: skip
    return _floats(pd.DataFrame(rows), ["score", "previous_score", "change"])


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
                    "level_change": _change(indicator.level, previous_level),
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
