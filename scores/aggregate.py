"""The scoring roll-up over many assessments at once, in vectorised pandas (no ORM).

`roll_up` gives, for every assessment, exactly what `assessment.scoring.score_assessment`
gives for one (a test compares them on random data, for each scoring method): by default
each recommendation, area and pillar scores the weighted mean of its child nodes' scores,
N/A and missing indicators left out and counted. Group averages, the ranking and the trends are plain means over countries, with the
number of countries behind each figure; a group too small for the viewer is suppressed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from assessment.scoring import Method, code_sort_key

INDICATOR_COLUMNS = [
    "assessment_id",
    "area_code",
    "recommendation_code",
    "indicator_code",
    "area_weight",
    "recommendation_weight",
    "indicator_weight",
    "percentage",  # NaN when unrated
    "not_applicable",
]
COUNT_COLUMNS = ["rated", "not_applicable", "missing"]
PILLAR = "pillar"  # the area_code of the pillar rows in group averages
GROUP_KEYS = ["group", "group_name", "round"]


@dataclass(frozen=True)
class Rollup:
    """Scores per assessment, each frame with rated/not_applicable/missing counts.

    recommendations: assessment_id, area_code, recommendation_code, score, counts
    areas: assessment_id, area_code, score, counts
    pillars: assessment_id, score, counts
    """

    recommendations: pd.DataFrame
    areas: pd.DataFrame
    pillars: pd.DataFrame


def roll_up(indicators: pd.DataFrame, method: Method | str = Method.NESTED_MEANS) -> Rollup:
    """Score every recommendation, area and pillar of the assessments in `indicators`, by
    the framework's method (`assessment.scoring.Method`).

    Rows are one per assessment and indicator (INDICATOR_COLUMNS); an indicator without a
    row is not counted at all, so callers complete the grid to count it as missing.
    """
    method = Method(method)
    not_applicable = indicators["not_applicable"].to_numpy(dtype=bool)
    percentage = indicators["percentage"].to_numpy(dtype=float)
    rated = ~not_applicable & ~np.isnan(percentage)
    weight = indicators["indicator_weight"].to_numpy(dtype=float)
    counts = {
        "rated": rated,
        "not_applicable": not_applicable,
        "missing": ~rated & ~not_applicable,
    }

    def indicator_means(keys: list[str], carry: list[str]) -> pd.DataFrame:
        scores, weights = np.where(rated, percentage, 0.0), np.where(rated, weight, 0.0)
        return _weighted_means(indicators, keys, scores, weights, counts, carry)

    recommendations = indicator_means(
        ["assessment_id", "recommendation_code"],
        carry=["area_code", "area_weight", "recommendation_weight"],
    )
    area_keys = ["assessment_id", "area_code"]
    if method is Method.INDICATOR_MEAN:
        areas = indicator_means(area_keys, carry=["area_weight"])
        pillars = indicator_means(["assessment_id"], carry=[])
    elif method is Method.RECOMMENDATION_MEAN:
        areas = _child_means(recommendations, area_keys, "recommendation_weight", ["area_weight"])
        pillars = _child_means(recommendations, ["assessment_id"], "recommendation_weight", [])
    else:
        areas = _child_means(recommendations, area_keys, "recommendation_weight", ["area_weight"])
        pillars = _child_means(areas, ["assessment_id"], "area_weight", [])
    return Rollup(
        recommendations=recommendations[
            ["assessment_id", "area_code", "recommendation_code", "score", *COUNT_COLUMNS]
        ],
        areas=areas[["assessment_id", "area_code", "score", *COUNT_COLUMNS]],
        pillars=pillars[["assessment_id", "score", *COUNT_COLUMNS]],
    )


def _weighted_means(
    frame: pd.DataFrame,
    keys: list[str],
    scores: np.ndarray,
    weights: np.ndarray,
    counts: dict[str, np.ndarray],
    carry: list[str],
) -> pd.DataFrame:
    """Per distinct combination of the key columns (in order of first appearance): the
    weighted mean of `scores` (NaN when the weights sum to 0), the summed counts, and the
    `carry` columns' values (the same on every row of a combination)."""
    combined, shape = np.zeros(len(frame), dtype=np.int64), []
    uniques = []
    for key in keys:
        codes, distinct = pd.factorize(frame[key], sort=False)
        combined = combined * len(distinct) + codes
        shape.append(len(distinct))
        uniques.append(distinct)
    size = int(np.prod(shape))
    present = np.flatnonzero(np.bincount(combined, minlength=size))
    weight_sums = np.bincount(combined, weights=weights, minlength=size)[present]
    score_sums = np.bincount(combined, weights=scores * weights, minlength=size)[present]
    result = {
        key: np.asarray(distinct.take(codes))
        for key, distinct, codes in zip(
            keys, uniques, np.unravel_index(present, shape), strict=True
        )
    }
    last_row = np.empty(size, dtype=np.intp)
    last_row[combined] = np.arange(len(frame))
    for column in carry:
        result[column] = frame[column].to_numpy()[last_row[present]]
    with np.errstate(invalid="ignore", divide="ignore"):
        result["score"] = np.where(weight_sums > 0, score_sums / weight_sums, np.nan)
    for column, flags in counts.items():
        result[column] = np.bincount(combined, weights=flags, minlength=size)[present].astype(
            np.int64
        )
    return pd.DataFrame(result)


def _child_means(
    children: pd.DataFrame, keys: list[str], weight_column: str, carry: list[str]
) -> pd.DataFrame:
    """Weighted mean of the children's scores, leaving out children without a score."""
    score = children["score"].to_numpy()
    has_score = ~np.isnan(score)
    weight = children[weight_column].to_numpy(dtype=float)
    counts = {column: children[column].to_numpy() for column in COUNT_COLUMNS}
    return _weighted_means(
        children,
        keys,
        np.where(has_score, score, 0.0),
        np.where(has_score, weight, 0.0),
        counts,
        carry,
    )


# Groups, ranking and trends over assessment-level scores.


def group_means(
    scores: pd.DataFrame, value_columns: list[str], *, show_small_groups: bool, min_size: int
) -> pd.DataFrame:
    """Mean of each value column per group and round, with the number of countries behind it.

    `scores` has one row per assessment (at most one per country and round): group,
    group_name, round, and the value columns (NaN where the assessment has no score).
    Returns group, group_name, round, area_code (the value column), mean, n_countries,
    suppressed: the mean is NaN and `suppressed` True when fewer than `min_size` countries
    stand behind it and small groups are not shown.
    """
    grouped = scores.groupby(GROUP_KEYS, sort=False)[value_columns]
    means, counts = grouped.mean().reset_index(), grouped.count().reset_index()
    result = means.melt(id_vars=GROUP_KEYS, var_name="area_code", value_name="mean")
    result["n_countries"] = counts[value_columns].to_numpy().ravel(order="F")
    small = (result["n_countries"] < min_size) & (result["n_countries"] > 0)
    result["suppressed"] = small & (not show_small_groups)
    result.loc[result["suppressed"], "mean"] = np.nan
    order = {code: position for position, code in enumerate(value_columns)}
    return _sorted(result, ["group_name", "round"], extra=result["area_code"].map(order))


def ranking(assessments: pd.DataFrame) -> pd.DataFrame:
    """Countries by pillar score, highest first, each at its latest round in the selection.

    Ties share a rank; countries without a score come last, unranked.
    """
    if assessments.empty:
        return assessments.reindex(columns=["rank", *assessments.columns])
    latest = assessments.loc[_latest_round_rows(assessments)]
    latest = latest.sort_values(["pillar", "iso3"], ascending=[False, True], na_position="last")
    latest.insert(0, "rank", latest["pillar"].rank(method="min", ascending=False).astype("Int64"))
    return latest.reset_index(drop=True)


def latest_per_country(assessments: pd.DataFrame) -> pd.DataFrame:
    """Each country's row of its latest round in the selection."""
    return assessments.loc[_latest_round_rows(assessments)].reset_index(drop=True)


def _latest_round_rows(assessments: pd.DataFrame) -> np.ndarray:
    round_order = natural_rank(assessments["round"])
    return round_order.groupby(assessments["iso3"], sort=False).idxmax().to_numpy()


def trends(group_areas: pd.DataFrame, area_codes: list[str]) -> pd.DataFrame:
    """One row per group and round: the pillar mean, its n_countries and suppressed flag, and
    one column per area code with the area's mean."""
    columns = ["group", "group_name", "round", PILLAR, "n_countries", "suppressed", *area_codes]
    if group_areas.empty:
        return pd.DataFrame(columns=columns)
    wide = group_areas.set_index([*GROUP_KEYS, "area_code"])["mean"].unstack("area_code")
    pillar = group_areas[group_areas["area_code"] == PILLAR].set_index(GROUP_KEYS)
    wide = wide.reindex(columns=[PILLAR, *area_codes])
    wide["n_countries"] = pillar["n_countries"]
    wide["suppressed"] = pillar["suppressed"]
    result = wide.reset_index()
    result.columns.name = None
    return _sorted(result[columns], ["group_name", "round"])


def natural_rank(values: pd.Series) -> pd.Series:
    """Each value's position among the distinct values in natural order ("6.1.2" < "6.1.10")."""
    distinct = sorted(values.dropna().unique(), key=lambda value: code_sort_key(str(value)))
    return values.map({value: position for position, value in enumerate(distinct)})


def _sorted(
    frame: pd.DataFrame, columns: list[str], extra: pd.Series | None = None
) -> pd.DataFrame:
    """Sort by the columns in natural order (rounds and codes as numbers)."""
    sort_keys = pd.DataFrame({column: natural_rank(frame[column]) for column in columns})
    if extra is not None:
        sort_keys["_extra"] = extra.to_numpy()
    order = sort_keys.sort_values(list(sort_keys.columns), kind="stable").index
    return frame.loc[order].reset_index(drop=True)
