"""The scores' figures (pandas frames, dataclasses) as plain dicts for the serializers."""

from assessment.models import AsmProfile
from scores.aggregate import PILLAR
from scores.comparison import MIN_GROUP_SIZE, Comparison, frame_records
from scores.country import CountryScores
from scores.query import ComparisonQuery


def comparison_payload(comparison: Comparison, query: ComparisonQuery, grouping_name: str) -> dict:
    """Per group and round: the pillar's and each area's mean with its number of countries."""
    drafts = comparison.assessments.groupby(["group", "round"])["is_draft"].sum().to_dict()
    groups: dict[tuple, dict] = {}
    for row in frame_records(comparison.group_areas):
        key = (row["group"], row["round"])
        group = groups.setdefault(key, _group(row, int(drafts.get(key, 0))))
        figure = {
            "mean": row["mean"],
            "n_countries": int(row["n_countries"]),
            "suppressed": bool(row["suppressed"]),
        }
        if row["area_code"] == PILLAR:
            group["pillar"] = figure
        else:
            title = comparison.area_labels.get(row["area_code"], row["area_code"])
            group["areas"].append({"area": row["area_code"], "title": title, **figure})
    return {
        "framework": query.framework.slug,
        "version": query.framework.version,
        "rounds": [str(round_) for round_ in comparison.rounds],
        "grouping": query.grouping,
        "grouping_name": grouping_name,
        "include_drafts": query.include_drafts,
        "profile": list(query.profile),
        "scoring_method": comparison.scoring_method,
        "min_group_size": MIN_GROUP_SIZE,
        "groups": list(groups.values()),
    }


def _group(row: dict, n_drafts: int) -> dict:
    empty = {"mean": None, "n_countries": 0, "suppressed": False}
    return {
        "group": str(row["group"]),
        "name": str(row["group_name"]),
        "round": str(row["round"]),
        "n_drafts": n_drafts,
        "pillar": empty,
        "areas": [],
    }


def scores_payload(scores: CountryScores, assessment) -> dict:
    """One assessment's figures beside its region's averages and its previous round."""
    counts = scores.score.counts
    return {
        "assessment": assessment,
        "scoring_method": scores.scoring_method,
        "region": scores.region,
        "region_name": scores.region_name,
        "previous_round": scores.previous_round,
        "previous_version": scores.previous_version,
        "pillar": {
            "score": scores.pillar,
            "rated": counts.rated,
            "not_applicable": counts.not_applicable,
            "missing": counts.missing,
            "region_mean": scores.region_pillar,
            "region_n": scores.region_pillar_n,
            "region_suppressed": scores.region_pillar_suppressed,
            "is_complete": scores.is_complete,
            "compared_on": scores.compared_on,
            "comparable": scores.comparable,
            "compared_score": scores.compared_pillar,
            "previous_score": scores.previous_pillar,
            "change": scores.pillar_change,
            "change_is_partial": scores.change_is_partial,
        },
        "areas": frame_records(scores.areas),
        "recommendations": frame_records(scores.recommendations),
        "indicators": frame_records(scores.indicators),
        "strengths": [_highlight(indicator) for indicator in scores.strengths],
        "gaps": [_highlight(indicator) for indicator in scores.gaps],
        "trend": {
            "compared_on": scores.trend_comparable,
            "rounds": [_trend_point(row, scores) for row in scores.trend],
        },
        "profile": _profile(assessment),
    }


def _trend_point(row: dict, scores: CountryScores) -> dict:
    areas = scores.areas["area_code"]
    return {
        "round": row["round"],
        "version": row["version"],
        "is_draft": row["is_draft"],
        "rated": row["rated"],
        "pillar": row[PILLAR],
        "areas": [{"area": code, "score": row.get(code)} for code in areas],
    }


def _profile(assessment) -> AsmProfile | None:
    """The round's profile (selected with the assessment), None when it is not filled in."""
    profile = getattr(assessment, "profile", None)
    return None if profile is None or profile.is_empty else profile


def _highlight(indicator) -> dict:
    return {"indicator": indicator.code, "score": indicator.score}
