"""A country's dashboard: one assessment's scores beside its region, its strengths and gaps,
its change since the last round, and the same figures as CSV and Excel files.

Whoever may read the assessment may read its dashboard (assessment/access.py decides:
the country's team and IGF staff any status, everybody else published assessments only).
The region's averages and the previous round are cut down to what the reader may see by
reports/data.py.
"""

from __future__ import annotations

import pandas as pd
from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from assessment.access import get_assessment_for_user

from . import charts
from .chart_specs import format_percent
from .data import CountryScores, country_scores
from .exports import country_scores_csv, country_scores_xlsx
from .visibility import MIN_GROUP_SIZE

DRAFT_WARNING = gettext_lazy("Draft: figures may change.")
REGION_SUPPRESSED = gettext_lazy(
    "Not shown: fewer than %(count)s countries of %(region)s have figures for round %(round)s."
)
REGION_MISSING = gettext_lazy("No average of %(region)s for round %(round)s yet.")
REGION_SHOWN = gettext_lazy(
    "The average of %(region)s is the mean of %(count)s countries' assessments of round %(round)s."
)
CHANGE_UP = gettext_lazy("up %(points)s points")
CHANGE_DOWN = gettext_lazy("down %(points)s points")
NO_CHANGE = gettext_lazy("no change")


def _get_scores_for_user(user, pk: int):
    """The assessment (404 unless the user may read it) and its scores as the user sees them."""
    assessment, role = get_assessment_for_user(user, pk, allow_reader=True)
    return assessment, role, country_scores(assessment, user)


@require_GET
def dashboard(request, pk):
    assessment, role, scores = _get_scores_for_user(request.user, pk)
    context = {
        "assessment": assessment,
        "role": role,
        "scores": scores,
        "is_draft": not assessment.is_countable,
        "draft_warning": DRAFT_WARNING,
        "pillar": format_percent(_number(scores.pillar)),
        "region_pillar": format_percent(scores.region_pillar),
        "region_note": region_note(scores),
        "missing": scores.score.counts.missing,
        "charts": dashboard_charts(scores),
        "not_shown": _("Not shown"),
        "indicator_lists": indicator_lists(scores),
        "changes": change_rows(scores),
        "level_changes": level_changes(scores),
    }
    return render(request, "reports/dashboard.html", context)


@require_GET
def dashboard_csv(request, pk):
    _assessment, _role, scores = _get_scores_for_user(request.user, pk)
    return country_scores_csv(scores).as_response()


@require_GET
def dashboard_xlsx(request, pk):
    _assessment, _role, scores = _get_scores_for_user(request.user, pk)
    return country_scores_xlsx(scores).as_response()


def region_note(scores: CountryScores) -> str:
    """One sentence on the region's average: how many countries, or why it is not shown."""
    values = {"region": scores.region_name, "round": scores.round, "count": MIN_GROUP_SIZE}
    if scores.region_pillar_suppressed:
        return REGION_SUPPRESSED % values
    if scores.region_pillar is None:
        return REGION_MISSING % values
    return REGION_SHOWN % {**values, "count": scores.region_pillar_n}


def dashboard_charts(scores: CountryScores) -> dict[str, dict]:
    """The area bars (beside the previous round's), the radar of the areas against the
    region (when its average is shown) and the recommendation bars, each with its table."""
    areas, recs = scores.areas, scores.recommendations
    codes = list(areas["area_code"])
    values = [_number(v) for v in areas["score"]]
    region = [_number(v) for v in areas["region_mean"]]
    has_region = any(v is not None for v in region)
    area_labels = _coded(codes, areas["title"])
    return {
        "areas": charts.chart_context(
            "area-bars",
            charts.area_bars(codes, values, full_labels=area_labels, **_rounds_series(scores)),
        ),
        "radar": charts.chart_context(
            "area-radar",
            charts.radar(
                codes,
                values,
                region if has_region else None,
                (scores.country, scores.region_name),
                full_labels=area_labels,
            ),
        ),
        "recommendations": charts.chart_context(
            "recommendation-bars",
            charts.recommendation_bars(
                list(recs["recommendation_code"]),
                [_number(v) for v in recs["score"]],
                full_labels=_coded(recs["recommendation_code"], recs["title"]),
                name=scores.country,
            ),
        ),
    }


def _rounds_series(scores: CountryScores) -> dict:
    """This round's bars named by their round, beside the previous round's if any."""
    if scores.previous_round is None:
        return {"name": scores.country}
    before = [_number(v) for v in scores.areas["previous_score"]]
    title = _("Implementation by area in %(round)s and %(previous)s") % {
        "round": scores.round,
        "previous": scores.previous_round,
    }
    return {
        "name": scores.round,
        "comparison": (scores.previous_round, before),
        "title": title,
    }


def _coded(codes, titles) -> list[str]:
    return [f"{code} {title}" for code, title in zip(codes, titles, strict=True)]


def indicator_lists(scores: CountryScores) -> list[dict]:
    """The strengths (highest rated indicators) and the gaps (lowest)."""
    return [
        {
            "id": "strengths",
            "title": _("Strengths"),
            "help": _("The indicators rated highest."),
            "icon": "bi-hand-thumbs-up",
            "items": indicator_entries(scores, scores.strengths),
        },
        {
            "id": "gaps",
            "title": _("Gaps"),
            "help": _("The indicators rated lowest."),
            "icon": "bi-exclamation-triangle",
            "items": indicator_entries(scores, scores.gaps),
        },
    ]


def indicator_entries(scores: CountryScores, indicators) -> list[dict]:
    """Strengths or gaps: each indicator's statement, rating and percentage."""
    return [
        {
            "code": indicator.code,
            "statement": scores.titles.indicators.get(indicator.code, indicator.code),
            "rating": scores.titles.levels.get(indicator.level, ""),
            "percent": format_percent(indicator.score),
        }
        for indicator in indicators
    ]


def change_rows(scores: CountryScores) -> list[dict]:
    """The pillar and each area: before, now and the change in points (empty without a
    previous round)."""
    if scores.previous_round is None:
        return []
    rows = [
        _change_row(_("Whole pillar"), "", scores.previous_pillar, scores.pillar),
    ]
    for area in scores.areas.to_dict("records"):
        rows.append(
            _change_row(
                area["title"],
                area["area_code"],
                _number(area["previous_score"]),
                _number(area["score"]),
            )
        )
    return rows


def _change_row(title: str, code: str, before: float | None, now: float | None) -> dict:
    change = None if before is None or now is None else now - before
    return {
        "code": code,
        "title": title,
        "before": format_percent(before),
        "now": format_percent(now),
        **describe_change(change),
    }


def describe_change(change: float | None) -> dict:
    """The direction ("up", "down", "same" or "" when unknown), the change in words, and
    its colour (never the only sign: the words and the arrow say it too)."""
    if change is None:
        return {"direction": "", "text": "—", "css": "text-muted"}
    rounded = round(change, 1)
    points = number_format(abs(rounded), decimal_pos=0 if rounded == int(rounded) else 1)
    if rounded > 0:
        return {"direction": "up", "text": CHANGE_UP % {"points": points}, "css": "text-success"}
    if rounded < 0:
        return {"direction": "down", "text": CHANGE_DOWN % {"points": points}, "css": "text-danger"}
    return {"direction": "same", "text": str(NO_CHANGE), "css": "text-muted"}


def level_changes(scores: CountryScores) -> list[dict]:
    """Indicators whose rating moved since the previous round, biggest moves first."""
    if scores.previous_round is None:
        return []
    indicators = scores.indicators
    moved = indicators[indicators["level_change"].fillna(0) != 0]
    moved = moved.sort_values("level_change", key=abs, ascending=False, kind="stable")
    levels = scores.titles.levels
    return [
        {
            "code": row["indicator_code"],
            "statement": row["statement"],
            "before": levels.get(_level(row["previous_level"]), "—"),
            "now": levels.get(_level(row["level"]), "—"),
            "direction": "up" if row["level_change"] > 0 else "down",
        }
        for row in moved.to_dict("records")
    ]


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _level(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)
