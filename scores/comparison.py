"""From the database to pandas: the comparison of many assessments.

A comparison costs a fixed number of queries whatever its size: the assessments (one row
each, as tuples), their stored roll-up scores (one row each: assessment/rollups.py) and, for
the assessments without them (not stored yet, or compared on another framework version), their
answered responses (three integers each, as tuples), all cut down to what the user may see
(`Assessment.objects.comparable_for`) and to the selected rounds in SQL. With a saved group of countries, one more query reads its name. The
framework's static tree comes from memory (assessment/scores.py). The roll-up is vectorised
(scores/aggregate.py) and the result is cached under a key made of the query, the user's
visibility class, the language and a global data version that every change to assessments,
responses or saved groups bumps (scores/signals.py, or `invalidate()` after a bulk update).
Group averages of fewer than MIN_GROUP_SIZE countries are hidden from everybody but IGF
staff.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from django.core.cache import cache
from django.db.models import Q
from django.utils.translation import get_language
from django_countries import countries as country_names

from accounts.roles import is_igf_staff, visibility_class
from assessment.models import Assessment, Response, StoredScores
from assessment.scores import FrameworkIndex, framework_index
from countries.models import M49_AMERICAS, Country, m49_region_name

from .aggregate import (
    COUNT_COLUMNS,
    PILLAR,
    Rollup,
    group_means,
    latest_per_country,
    ranking,
    roll_up,
    trends,
)
from .models import CountryGroup
from .query import SAVED_GROUP_PREFIX, ComparisonQuery
from .versions import Basis, comparison_basis, version_chain

MIN_GROUP_SIZE = 3
VERSION_KEY = "scores:data-version"
CACHE_SECONDS = 60 * 60

ASSESSMENT_FIELDS = [
    "id", "country__iso3", "country__code", "country__igf_region", "country__m49_region",
    "country__m49_subregion", "round", "status", "framework_id",
]  # fmt: skip
# Answered responses only (rated or N/A); a level of None then means N/A, which the
# database guarantees (constraint not_applicable_has_no_level). Unanswered indicators are
# missing whether their row is read or not, and booleans would cost a conversion per row.
RESPONSE_FIELDS = ["assessment_id", "indicator_id", "level_id"]
# The stored roll-up (assessment/rollups.py), read instead of the responses where it holds.
STORED_FIELDS = [
    "assessment_id", "pillar", "rated", "not_applicable", "missing", "areas", "recommendations",
]  # fmt: skip
ANSWERED = Q(level__isnull=False) | Q(not_applicable=True)
ASSESSMENT_COLUMNS = [
    "assessment_id", "iso3", "country", "round", "framework_id", "status", "status_label",
    "is_draft", "group", "group_name", PILLAR, "rated", "not_applicable", "missing",
]  # fmt: skip


@dataclass(frozen=True)
class Comparison:
    """The comparison's tables (see ASSESSMENT_COLUMNS and the aggregate module for columns),
    scored with the framework's `scoring_method` on `compared_on` of its `indicator_total`
    indicators (fewer when assessments of earlier `versions` are compared: scores/versions.py).

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
    scoring_method: str = "nested_means"
    compared_on: int = 0
    indicator_total: int = 0
    versions: tuple[int, ...] = ()

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


def load_comparison(query: ComparisonQuery, user, *, region: str | None = None) -> Comparison:
    """The comparison as this user may see it, from the cache when nothing changed. With
    `region` (an analysis region, `Country.analysis_region`), only that region's countries:
    what a country's dashboard and report set beside it, at a cost that does not grow with
    the number of countries elsewhere (the whole comparison instead when it is cached: the
    caller reads its region's rows)."""
    key = _cache_key(query, user, region)
    keys = [key] if region is None else [_cache_key(query, user), key]
    found = cache.get_many(keys)
    comparison = next((found[k] for k in keys if k in found), None)
    if comparison is None:
        comparison = _compute_comparison(query, user, region)
        cache.set(key, comparison, CACHE_SECONDS)
    return comparison


def _cache_key(query: ComparisonQuery, user, region: str | None = None) -> str:
    parts = (
        data_version(), query.framework.pk, query.framework.content_hash, query.rounds,
        query.grouping, query.statuses, query.include_drafts, query.across_versions,
        query.profile, visibility_class(user), get_language(), region,
    )  # fmt: skip
    return "scores:comparison:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def _compute_comparison(query: ComparisonQuery, user, region: str | None = None) -> Comparison:
    titles = framework_index(query.framework).titles()
    selected, group_name = _selected_assessments(query, user)
    if region is not None:
        selected = selected.filter(
            Q(country__m49_region=region) & ~Q(country__m49_region=M49_AMERICAS)
            | Q(country__m49_region=M49_AMERICAS, country__m49_subregion=region)
        )
    rows = list(selected.order_by().values_list(*ASSESSMENT_FIELDS))
    present = {row[ASSESSMENT_FIELDS.index("framework_id")] for row in rows}
    versions = [v for v in version_chain(query.framework) if v.pk in present] or [query.framework]
    basis = comparison_basis(query.framework, versions)
    assessments = _assessment_frame(rows, query.grouping, group_name)
    rollup = _rollup(assessments["assessment_id"].to_numpy(), selected, basis, query.framework)
    assessments = _with_scores(assessments, rollup.pillars)
    shows_small_groups = is_igf_staff(user)
    return Comparison(
        assessments=assessments,
        areas=_plain_codes(rollup.areas),
        recommendations=_plain_codes(rollup.recommendations),
        area_labels=titles.areas,
        recommendation_labels=titles.recommendations,
        grouping=query.grouping,
        shows_small_groups=shows_small_groups,
        scoring_method=str(basis.index.method),
        compared_on=basis.compared_on,
        indicator_total=basis.total,
        versions=basis.versions,
        **_summaries(assessments, rollup.areas, list(titles.areas), shows_small_groups),
    )


def _summaries(assessments, areas, area_codes: list[str], shows_small_groups: bool) -> dict:
    """What a comparison derives from its assessments' scores: group averages, the ranking,
    the trends and the rounds."""
    wide_areas = areas.pivot(index="assessment_id", columns="area_code", values="score")
    scores = assessments.join(wide_areas.reindex(columns=area_codes), on="assessment_id")
    group_areas = group_means(
        scores, [PILLAR, *area_codes], show_small_groups=shows_small_groups, min_size=MIN_GROUP_SIZE
    )
    return {
        "group_areas": group_areas,
        "ranking": ranking(assessments),
        "trends": trends(group_areas, area_codes),
        "rounds": tuple(sorted(assessments["round"].unique(), key=str)),
    }


def restricted_to_rounds(comparison: Comparison, rounds: tuple[str, ...]) -> Comparison:
    """The same comparison over some of its rounds only: what loading it for those rounds
    would give when it compares one framework version (the page's round beside its trends,
    computed once)."""
    keep = comparison.assessments["round"].astype(str).isin([str(r) for r in rounds])
    assessments = comparison.assessments[keep].reset_index(drop=True)
    ids = assessments["assessment_id"]
    areas = comparison.areas[comparison.areas["assessment_id"].isin(ids)].reset_index(drop=True)
    recommendations = comparison.recommendations
    recommendations = recommendations[recommendations["assessment_id"].isin(ids)]
    return replace(
        comparison,
        assessments=assessments,
        areas=areas,
        recommendations=recommendations.reset_index(drop=True),
        **_summaries(
            assessments, areas, list(comparison.area_labels), comparison.shows_small_groups
        ),
    )


def _rollup(ids: np.ndarray, selected, basis: Basis, framework) -> Rollup:
    """The scores of the assessments `ids` (of `selected`): their stored roll-up where it
    holds (an assessment of `framework` itself, scored on all its indicators, stored for its
    current content), else from their responses. Both give the scoring engine's figures
    (assessment/rollups.py; tests/scores/test_stored_scores.py)."""
    fresh = StoredScores.objects.filter(
        assessment__in=selected.values("pk"),
        assessment__framework=framework,
        framework_hash=framework.content_hash,
    )
    stored = [] if basis.is_partial else list(fresh.order_by().values_list(*STORED_FIELDS))
    stored_ids = np.array([row[0] for row in stored], dtype=np.int64)
    rest = ids[~np.isin(ids, stored_ids)]
    parts = [_stored_rollup(stored)] if stored else []
    if len(rest) or not parts:
        responses = Response.objects.filter(ANSWERED, assessment__in=selected.values("pk"))
        if stored:
            responses = responses.exclude(assessment__in=fresh.values("assessment_id"))
        responses = responses.order_by().values_list(*RESPONSE_FIELDS)
        indicators = indicator_frame(
            rest, list(responses) if len(rest) else [], basis.index,
            indicator_pks=basis.indicator_pks, percentages=basis.percentages,
        )  # fmt: skip
        parts.append(roll_up(indicators, basis.index.method))
    if len(parts) == 1 and not stored:
        return parts[0]  # from the responses: in the assessments' order already
    # Stored rows come in the database's order: put them in the assessments' order.
    position = pd.Series(np.arange(len(ids)), index=ids)
    return Rollup(
        *(
            _in_order(pd.concat([_plain_codes(getattr(p, name)) for p in parts]), position)
            for name in ["recommendations", "areas", "pillars"]
        )
    )


def _in_order(frame: pd.DataFrame, position: pd.Series) -> pd.DataFrame:
    """Rows in the order of the assessments, as the roll-up of all of them would give."""
    order = position.reindex(frame["assessment_id"].to_numpy()).to_numpy()
    return frame.iloc[np.argsort(order, kind="stable")].reset_index(drop=True)


def _stored_rollup(rows: list[tuple]) -> Rollup:
    """The Rollup frames from StoredScores rows (STORED_FIELDS) of one framework version:
    every row lists the same codes in the same order, so each field becomes an array."""
    ids = np.array([row[0] for row in rows], dtype=np.int64)
    pillars = pd.DataFrame(
        {
            "assessment_id": ids,
            "score": np.array([row[1] for row in rows], dtype=float),
            **{
                column: np.array([row[2 + i] for row in rows], dtype=np.int64)
                for i, column in enumerate(COUNT_COLUMNS)
            },
        }
    )

    def long_frame(position: int, code_columns: dict[str, str]) -> pd.DataFrame:
        nodes = [row[position] for row in rows]
        width = len(nodes[0]["codes"])
        frame = {"assessment_id": np.repeat(ids, width)}
        for column, key in code_columns.items():
            frame[column] = np.tile(np.array(nodes[0][key], dtype=object), len(ids))
        frame["score"] = np.array([node["score"] for node in nodes], dtype=float).ravel()
        for column in COUNT_COLUMNS:
            frame[column] = np.array([node[column] for node in nodes], dtype=np.int64).ravel()
        return pd.DataFrame(frame)

    areas = long_frame(5, {"area_code": "codes"})
    recommendations = long_frame(6, {"area_code": "area_codes", "recommendation_code": "codes"})
    return Rollup(recommendations=recommendations, areas=areas, pillars=pillars)


def comparison_assessments(user, query: ComparisonQuery):
    """The assessments of the query's framework (and of the versions it maps from, across
    versions) and rounds whose figures `user` may see."""
    frameworks = version_chain(query.framework) if query.across_versions else [query.framework]
    selected = Assessment.objects.comparable_for(
        user, statuses=query.statuses, include_drafts=query.include_drafts
    ).filter(framework_id__in=[framework.pk for framework in frameworks])
    if query.profile:
        selected = selected.with_profile_facts(query.profile)
    if query.rounds:
        selected = selected.filter(round__in=query.rounds)
    return selected


def _selected_assessments(query: ComparisonQuery, user):
    """The visible assessments of the query, and the saved group's name if grouped by one."""
    selected = comparison_assessments(user, query)
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
    assessment_ids: np.ndarray,
    answered: list[tuple],
    index: FrameworkIndex,
    *,
    indicator_pks: dict[int, int] | None = None,
    percentages: dict[int, float] | None = None,
) -> pd.DataFrame:
    """The complete assessment x indicator grid (aggregate.INDICATOR_COLUMNS) over the
    indicators of `index`.

    `answered` holds (assessment_id, indicator_id, level_id) tuples of the rated and N/A
    responses, level_id None for N/A; every other cell of the grid is missing, as in the
    scoring engine. Answers to other framework versions' indicators count through
    `indicator_pks` (their pk -> the pk in `index`) and `percentages` (level pk ->
    percentage); an answer to an indicator `index` lacks is left out.
    """
    indicators = index.indicators
    n_assessments, n_indicators = len(assessment_ids), len(indicators)
    grid = np.full((n_assessments, n_indicators), np.nan)
    not_applicable = np.zeros((n_assessments, n_indicators), dtype=bool)
    if percentages is None:
        percentages = {pk: float(index.scale[c]) for pk, c in index.level_codes.items()}
    if answered:
        values = np.array(answered, dtype=float)  # None (N/A) becomes NaN
        if indicator_pks is not None:
            values[:, 1] = pd.Series(values[:, 1]).map(indicator_pks).to_numpy(dtype=float)
        row = pd.Index(assessment_ids).get_indexer(values[:, 0])
        column = pd.Index([i.pk for i in indicators]).get_indexer(values[:, 1])
        level = pd.Index(list(percentages)).get_indexer(values[:, 2])
        level_percentages = np.array(list(percentages.values()))
        known = (row >= 0) & (column >= 0)
        is_na = np.isnan(values[:, 2])
        rated = known & (level >= 0)
        grid[row[rated], column[rated]] = level_percentages[level[rated]]
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
            "percentage": grid.ravel(),
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
