"""From a country's figures (`CountryScores`) to what its pages show: the one builder that
the web dashboard and the country report (PDF) both use.

Everything a reader sees about one assessment's figures is decided here: the headline
with its completeness, the region's average and what it rests on, the charts (as specs: the
web draws them with plotly, the PDF as SVG), the strengths and gaps, and the change since
the last round. Pure: no ORM, no request; build it with the reader's language active.

Two rules make the figures honest:
- an assessment that is not complete says so first ("20 of 51 indicators answered"), and
  its score is called provisional;
- a change compares like with like (`CountryScores`): when it rests on part of the
  framework it says on how many indicators. A displayed change is the difference of the
  displayed, rounded figures, so that readers can check it by subtraction.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from charts import builders
from charts.specs import Chart, displayed_change, format_percent

from .comparison import MIN_GROUP_SIZE, Comparison
from .country import CountryScores

REGION_SUPPRESSED = gettext_lazy(
    "Not shown: fewer than %(count)s countries of %(region)s have figures for round %(round)s."
)
REGION_MISSING = gettext_lazy("No average of %(region)s for round %(round)s yet.")
REGION_SHOWN = gettext_lazy(
    "The average of %(region)s is the mean of %(count)s countries' assessments of round %(round)s."
)
# The HTML id of each chart in CountryPage.charts, on the web page and in the report.
CHART_IDS = {
    "areas": "area-bars",
    "radar": "area-radar",
    "recommendations": "recommendation-bars",
    "trend": "round-trend",
}
TREND_TITLE = gettext_lazy("Implementation across rounds")
DRAFT_ROUND = gettext_lazy("%(round)s (draft)")
VERSION_ROUNDS = gettext_lazy("version %(version)s in %(rounds)s")
CHANGE_UP = gettext_lazy("up %(points)s points")
CHANGE_DOWN = gettext_lazy("down %(points)s points")
NO_CHANGE = gettext_lazy("no change")


@dataclass(frozen=True)
class CountryPage:
    """What a page or report shows of one assessment's figures (see the module)."""

    scores: CountryScores
    pillar: str
    is_provisional: bool
    completeness: str
    region_pillar: str
    region_note: str
    change_note: str
    trend_note: str
    charts: dict[str, Chart]
    area_rows: list[dict]
    indicator_lists: list[dict]
    changes: list[dict]
    level_changes: list[dict]

    @property
    def pillar_change(self) -> dict | None:
        """The whole pillar's change (the first row of `changes`), None without one."""
        return self.changes[0] if self.changes else None


def country_page(scores: CountryScores) -> CountryPage:
    return CountryPage(
        scores=scores,
        pillar=format_percent(scores.pillar),
        is_provisional=not (scores.is_complete and scores.is_countable),
        completeness=completeness_text(scores),
        region_pillar=format_percent(scores.region_pillar),
        region_note=region_note(scores),
        change_note=change_note(scores),
        trend_note=trend_note(scores),
        charts={**country_charts(scores), **trend_chart(scores)},
        area_rows=area_rows(scores),
        indicator_lists=indicator_lists(scores),
        changes=change_rows(scores),
        level_changes=level_changes(scores),
    )


def completeness_text(scores: CountryScores) -> str:
    """ "51 of 51 indicators answered", with how many of those are not applicable."""
    text = ngettext(
        "%(answered)s of %(total)s indicator answered",
        "%(answered)s of %(total)s indicators answered",
        scores.indicator_total,
    ) % {"answered": scores.answered, "total": scores.indicator_total}
    not_applicable = scores.counts.not_applicable
    if not_applicable:
        text += " " + ngettext(
            "(%(count)s not applicable)", "(%(count)s not applicable)", not_applicable
        ) % {"count": not_applicable}
    return text


def region_note(scores: CountryScores) -> str:
    """One sentence on the region's average: how many countries, or why it is not shown."""
    values = {"region": scores.region_name, "round": scores.round, "count": MIN_GROUP_SIZE}
    if scores.region_pillar_suppressed:
        return str(REGION_SUPPRESSED % values)
    if scores.region_pillar is None:
        return str(REGION_MISSING % values)
    return str(REGION_SHOWN % {**values, "count": scores.region_pillar_n})


def change_note(scores: CountryScores) -> str:
    """What the change since the last round rests on ("" when it rests on everything)."""
    if scores.previous_round is None or not scores.change_is_partial:
        return ""
    if scores.previous_version != scores.framework_version:
        return ngettext(
            "Compared on the %(count)s indicator that version %(version)s shares with version "
            "%(before_version)s and that both %(before)s and %(now)s rate, out of %(total)s.",
            "Compared on the %(count)s indicators that version %(version)s shares with version "
            "%(before_version)s and that both %(before)s and %(now)s rate, out of %(total)s.",
            scores.compared_on,
        ) % {
            "count": scores.compared_on,
            "version": scores.framework_version,
            "before_version": scores.previous_version,
            "before": scores.previous_round,
            "now": scores.round,
            "total": scores.indicator_total,
        }
    return ngettext(
        "Partial comparison: on the %(count)s indicator rated in both %(before)s and %(now)s, "
        "out of %(total)s.",
        "Partial comparison: on the %(count)s indicators rated in both %(before)s and "
        "%(now)s, out of %(total)s.",
        scores.compared_on,
    ) % {
        "count": scores.compared_on,
        "before": scores.previous_round,
        "now": scores.round,
        "total": scores.indicator_total,
    }


def compared_on_text(count: int, total: int) -> str:
    """ "compared on 43 of 59 indicators" """
    return ngettext(
        "compared on %(count)s of %(total)s indicator",
        "compared on %(count)s of %(total)s indicators",
        total,
    ) % {"count": count, "total": total}


def trend_note(scores: CountryScores) -> str:
    """What the trend across rounds rests on, when the rounds used different versions."""
    versions = scores.trend_versions
    if len(versions) < 2:
        return ""
    by_version = [
        str(VERSION_ROUNDS)
        % {
            "version": version,
            "rounds": ", ".join(row["round"] for row in scores.trend if row["version"] == version),
        }
        for version in versions
    ]
    return _(
        "These rounds used different versions of the framework (%(versions)s). Every round is "
        "scored on the same %(count)s of %(total)s indicators: those that the crosswalk "
        "between the versions calls the same or reworded. New, split, merged and removed "
        "indicators are left out."
    ) % {
        "versions": pgettext("between the items of a list", "; ").join(by_version),
        "count": scores.trend_comparable,
        "total": scores.indicator_total,
    }


def comparison_trend_title(comparison: Comparison) -> str:
    """The title of a comparison's trend chart, with what it rests on when that is not
    every indicator of the framework compared on."""
    title = str(builders.PILLAR_TRENDS)
    if comparison.compared_on < comparison.indicator_total:
        title += ", " + compared_on_text(comparison.compared_on, comparison.indicator_total)
    return title


def comparison_trend_note(comparison: Comparison) -> str:
    """Why a comparison's trends rest on fewer indicators: rounds on several versions."""
    if len(comparison.versions) < 2:
        return ""
    return _(
        "The rounds shown were rated against versions %(versions)s of the framework. Every "
        "assessment is scored on the %(count)s of %(total)s indicators of version %(version)s "
        "that the crosswalk between the versions calls the same or reworded, with the "
        "scoring method of version %(version)s."
    ) % {
        "versions": ", ".join(str(v) for v in comparison.versions),
        "count": comparison.compared_on,
        "total": comparison.indicator_total,
        "version": max(comparison.versions),
    }


def trend_chart(scores: CountryScores) -> dict[str, Chart]:
    """The pillar and each area across the rounds the reader may see ({} for one round),
    titled with what it is compared on when that is not every indicator."""
    if len(scores.trend) < 2:
        return {}
    title = str(TREND_TITLE)
    if scores.trend_comparable < scores.indicator_total:
        title += ", " + compared_on_text(scores.trend_comparable, scores.indicator_total)
    series = [("pillar", _("Whole pillar"))] + [
        (row["area_code"], f"{row['area_code']} {row['title']}")
        for row in scores.areas.to_dict("records")
    ]
    rows = [
        {"group_name": name, "round": _round_label(point), "value": point.get(code)}
        for code, name in series
        for point in scores.trend
    ]
    return {"trend": builders.trend_lines(pd.DataFrame(rows), area="value", title=title)}


def _round_label(point: dict) -> str:
    return str(DRAFT_ROUND % {"round": point["round"]}) if point["is_draft"] else point["round"]


def country_charts(scores: CountryScores) -> dict[str, Chart]:
    """The area bars and the radar (the country beside its region's average when shown)
    and the recommendation bars."""
    areas, recs = scores.areas, scores.recommendations
    codes = list(areas["area_code"])
    values = [_number(v) for v in areas["score"]]
    region = [_number(v) for v in areas["region_mean"]]
    has_region = any(v is not None for v in region)
    area_labels = _coded(codes, areas["title"])
    return {
        "areas": builders.area_bars(
            codes,
            values,
            full_labels=area_labels,
            name=scores.country,
            comparison=(scores.region_name, region) if has_region else None,
        ),
        "radar": builders.radar(
            codes,
            values,
            region if has_region else None,
            (scores.country, scores.region_name),
            full_labels=area_labels,
        ),
        "recommendations": builders.recommendation_bars(
            list(recs["recommendation_code"]),
            [_number(v) for v in recs["score"]],
            full_labels=_coded(recs["recommendation_code"], recs["title"]),
            name=scores.country,
        ),
    }


def area_rows(scores: CountryScores) -> list[dict]:
    """Each area: its score, how many indicators it rests on, the region's average."""
    return [
        {
            "code": row["area_code"],
            "title": row["title"],
            "percent": format_percent(_number(row["score"])),
            "rated": int(row["rated"]),
            "answered": int(row["rated"] + row["not_applicable"]),
            "total": int(row["rated"] + row["not_applicable"] + row["missing"]),
            "region": format_percent(_number(row["region_mean"])),
            "region_n": int(row["region_n"]),
            "region_suppressed": bool(row["region_suppressed"]),
        }
        for row in scores.areas.to_dict("records")
    ]


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
    """The pillar, then each area: before, now (like for like) and the change in points,
    with how many indicators each rests on. Empty without a previous round."""
    if scores.previous_round is None:
        return []
    rows = [
        _change_row(
            _("Whole pillar"),
            "",
            scores.previous_pillar,
            scores.compared_pillar,
            scores.compared_on,
        )
    ]
    for area in scores.areas.to_dict("records"):
        rows.append(
            _change_row(
                area["title"],
                area["area_code"],
                _number(area["previous_score"]),
                _number(area["compared_score"]),
                int(area["compared_on"]),
            )
        )
    return rows


def _change_row(
    title: str, code: str, before: float | None, now: float | None, compared_on: int
) -> dict:
    return {
        "code": code,
        "title": title,
        "before": format_percent(before),
        "now": format_percent(now),
        "compared_on": compared_on,
        **describe_change(before, now),
    }


def describe_change(before: float | None, now: float | None) -> dict:
    """The change between two displayed percentages: its direction ("up", "down", "same"
    or "" when unknown), in words, as signed points ("+8 pp") and its colour (never the only
    sign: the words and the arrow say it too). It is the difference of the rounded figures."""
    if before is None or now is None:
        return {"direction": "", "text": "—", "points": "—", "css": "text-muted", "delta": None}
    change = int(displayed_change(before, now))  # whole points, as displayed
    points = number_format(abs(change), decimal_pos=0)
    if change > 0:
        text, direction, css = CHANGE_UP % {"points": points}, "up", "text-success"
    elif change < 0:
        text, direction, css = CHANGE_DOWN % {"points": points}, "down", "text-danger"
    else:
        text, direction, css = NO_CHANGE, "same", "text-muted"
    sign = "+" if change > 0 else "−" if change < 0 else "±"
    signed = _("%(sign)s%(points)s pp") % {"sign": sign, "points": points}
    return {
        "direction": direction,
        "text": str(text),
        "points": signed,
        "css": css,
        "delta": change,
    }


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


def _coded(codes, titles) -> list[str]:
    return [f"{code} {title}" for code, title in zip(codes, titles, strict=True)]


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _level(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)
