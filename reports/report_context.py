"""The content of the reports, gathered once for the HTML preview and the PDF alike.

`country_report_context(assessment, user=, language=)` and
`regional_report_context(query, user=, language=)` return everything the templates
`reports/pdf/country.html` and `reports/pdf/regional.html` show, in the reader's language
and under the reader's visibility: a country's figures come from `scores/page.py`, the same
builder as the web dashboard's, a comparison from `scores/comparison.py`; charts are drawn
as vector SVG from the same specs as the web's. The caller has checked that the user may
read the assessment.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace

import pandas as pd
from django.conf import settings
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from accounts.roles import is_igf_staff
from assessment.citations import legal_citation
from assessment.models import AsmProfile, Assessment, Evidence, Response
from charts import builders
from charts.specs import format_percent, table
from charts.svg import to_svg
from frameworks.models import Framework
from plans.models import Plan
from plans.report import plan_report_context, plan_timeline_svg
from scores.comparison import MIN_GROUP_SIZE, load_comparison
from scores.country import CountryScores, country_scores
from scores.models import CountryGroup
from scores.page import (
    CHART_IDS,
    comparison_trend_note,
    comparison_trend_title,
    country_page,
)
from scores.query import GROUPINGS, PROFILE_FACTS, ComparisonQuery
from scores.regional import (
    countries_by_group,
    membership_changes,
    recommendation_gaps,
    regional_summary,
)
from scores.summary import executive_summary, summary_inputs

from .pdf import embeddable_svg


@dataclass
class IndicatorEntry:
    code: str
    statement: str
    status: str
    rating: str
    percent: str
    target: str
    justification: str
    not_applicable_reason: str
    previous: str
    evidence: list[dict] = field(default_factory=list)

    @property
    def legal_references(self) -> list[dict]:
        """The legal references, cited once each, in the order they were entered."""
        return [item for item in self.evidence if item.get("citation")]

    @property
    def other_evidence(self) -> list[dict]:
        return [item for item in self.evidence if not item.get("citation")]


@dataclass
class RecommendationSection:
    code: str
    title: str
    percent: str
    indicators: list[IndicatorEntry]


@dataclass
class AreaSection:
    code: str
    title: str
    percent: str
    recommendations: list[RecommendationSection]


def country_report_context(assessment: Assessment, *, user, language: str) -> dict:
    """Everything the country report shows, in `language`, as `user` may see it."""
    with translation.override(language):
        scores = country_scores(assessment, user)
        page = country_page(scores)
        references, plan = summary_inputs(assessment)
        title = _("%(country)s: Pillar 6 self-assessment %(round)s") % {
            "country": scores.country,
            "round": assessment.round,
        }
        return {
            "kind": "country",
            "language": language,
            "title": title,
            "assessment": assessment,
            "framework": assessment.framework,
            "country": scores.country,
            "status_label": str(assessment.get_status_display()),
            "is_draft": not assessment.is_countable,
            "is_demo": assessment.is_demo,
            "organisation": report_organisation(),
            "generated_at": timezone.now(),
            "scores": scores,
            "page": page,
            "summary": executive_summary(page, references=references, plan=plan),
            "charts": [chart_block(CHART_IDS[key], spec) for key, spec in page.charts.items()],
            "sections": indicator_sections(assessment, scores),
            "plan_chapter": plan_chapter(assessment),
            "profile": AsmProfile.objects.filter(assessment=assessment).first(),
            **methodology_context(assessment.framework),
        }


def report_organisation() -> dict:
    """The organisation named on the covers (settings; none by default)."""
    return {
        "name": settings.REPORT_ORGANISATION_NAME,
        "logo": settings.REPORT_ORGANISATION_LOGO,
    }


def chart_block(chart_id: str, spec) -> dict:
    """A chart as the report shows it: inline SVG, then its data table."""
    headers, rows = table(spec)
    svg = embeddable_svg(to_svg(spec, svg_id=chart_id))
    return {
        "id": chart_id,
        "title": spec.title,
        "description": spec.description,
        "svg": mark_safe(svg),  # noqa: S308 - built by charts/svg.py, every text escaped
        "headers": headers,
        "rows": rows,
        "key": chart_key(spec),
    }


def chart_key(spec) -> dict | None:
    """What the codes of a chart's columns stand for, when the chart shows only codes (the
    heatmap): on paper there is no hover to name them."""
    full = getattr(spec, "full_columns", ())
    columns = getattr(spec, "columns", ())
    names = [name for code, name in zip(columns, full, strict=False) if name != code]
    return {"title": spec.column_title, "names": names} if names else None


def indicator_sections(assessment: Assessment, scores: CountryScores) -> list[AreaSection]:
    """Areas > recommendations > indicators with their rating, justification and evidence."""
    answers = _answers(assessment)
    evidence = _evidence(assessment)
    levels = scores.titles.levels
    recommendations = scores.recommendations.set_index("recommendation_code")
    by_recommendation: dict[str, list[IndicatorEntry]] = defaultdict(list)
    for row in scores.indicators.to_dict("records"):
        code = row["indicator_code"]
        answer = answers.get(code, {})
        by_recommendation[row["recommendation_code"]].append(
            IndicatorEntry(
                code=code,
                statement=row["statement"],
                status=row["status"],
                rating=_rating_text(row, levels),
                percent=format_percent(_number(row["score"])),
                target=levels.get(_level(row["target"]), ""),
                justification=answer.get("justification", ""),
                not_applicable_reason=answer.get("not_applicable_reason", ""),
                previous=levels.get(_level(row["previous_level"]), ""),
                evidence=evidence.get(code, []),
            )
        )
    codes_by_area: dict[str, list[str]] = defaultdict(list)
    for code, area_code in recommendations["area_code"].items():
        codes_by_area[area_code].append(code)
    sections = []
    for area in scores.areas.to_dict("records"):
        codes = codes_by_area[area["area_code"]]
        sections.append(
            AreaSection(
                code=area["area_code"],
                title=area["title"],
                percent=format_percent(_number(area["score"])),
                recommendations=[
                    RecommendationSection(
                        code=code,
                        title=recommendations.at[code, "title"],
                        percent=format_percent(_number(recommendations.at[code, "score"])),
                        indicators=by_recommendation[code],
                    )
                    for code in codes
                ],
            )
        )
    return sections


def _rating_text(row: dict, levels: dict[int, str]) -> str:
    if row["status"] == "not_applicable":
        return _("Not applicable")
    if row["status"] == "missing":
        return _("Not rated")
    return levels.get(_level(row["level"]), "")


def _answers(assessment: Assessment) -> dict[str, dict]:
    rows = Response.objects.filter(assessment=assessment).order_by()
    rows = rows.values("indicator__code", "justification", "not_applicable_reason")
    return {row.pop("indicator__code"): row for row in rows}


def _evidence(assessment: Assessment) -> dict[str, list[dict]]:
    rows = Evidence.objects.filter(response__assessment=assessment).order_by("created_at", "pk")
    kinds = dict(Evidence.Kind.choices)
    by_indicator: dict[str, list[dict]] = defaultdict(list)
    for row in rows.values(
        "response__indicator__code", "kind", "title", "instrument", "article", "date", "url",
        "original_name",
    ):  # fmt: skip
        row["kind_label"] = str(kinds.get(row["kind"], row["kind"]))
        if row["kind"] == Evidence.Kind.LEGAL:
            row["citation"] = legal_citation(
                title=row["title"], instrument=row["instrument"], article=row["article"],
                day=row["date"],
            )  # fmt: skip
        by_indicator[row.pop("response__indicator__code")].append(row)
    return by_indicator


def plan_chapter(assessment: Assessment) -> dict | None:
    """What the action plan's chapter (templates/plans/report_chapter.html) shows, or None
    when the country has no plan for this round."""
    plan = Plan.objects.filter(assessment=assessment).first()
    if plan is None:
        return None
    plan.assessment = assessment
    chapter = plan_report_context(plan)
    svg = plan_timeline_svg(chapter["actions"])
    chapter["timeline_svg"] = mark_safe(embeddable_svg(svg)) if svg else ""  # noqa: S308 - escaped by charts/svg.py
    return chapter


def methodology_context(framework: Framework) -> dict:
    """The annex: the rating scale of the framework, its scoring method and the rules of the
    roll-up."""
    return {
        "scale": list(framework.levels.order_by("code")),
        "scoring_method": framework.scoring_method,
        "scoring_method_label": framework.get_scoring_method_display(),
        "allows_not_applicable": framework.allows_not_applicable,
        "min_group_size": MIN_GROUP_SIZE,
    }


# The regional report.


def regional_report_context(query: ComparisonQuery, *, user, language: str) -> dict:
    """The comparison as a document, in `language`, under `user`'s visibility."""
    with translation.override(language):
        comparison = load_comparison(query, user)
        # The trends run over every round up to the last one compared, not only those.
        history = load_comparison(query.with_rounds(()).trend(), user)
        up_to = max(query.rounds) if query.rounds else None
        history = _up_to(history, up_to)
        grouping_name = _grouping_name(query)
        return {
            "kind": "regional",
            "language": language,
            "title": _("Pillar 6 implementation compared by %(grouping)s")
            % {"grouping": grouping_name},
            "framework": query.framework,
            "grouping_name": grouping_name,
            "profile_facts": [str(PROFILE_FACTS[fact]) for fact in query.profile],
            "rounds": list(comparison.rounds),
            "is_draft": query.include_drafts,
            "is_demo": _compares_demo_data(comparison),
            "organisation": report_organisation(),
            "generated_at": timezone.now(),
            "shows_small_groups": comparison.shows_small_groups or is_igf_staff(user),
            "assessment_count": len(comparison.assessments),
            "area_headers": list(comparison.area_labels.items()),
            "group_rows": _group_rows(comparison),
            "charts": _regional_charts(comparison, history),
            "trend_note": comparison_trend_note(history) if len(history.rounds) > 1 else "",
            "ranking": _ranking_rows(comparison),
            "summary": regional_summary(comparison, grouping_name=grouping_name),
            "map": _map_block(comparison),
            "membership_changes": membership_changes(history),
            "countries_by_group": countries_by_group(comparison),
            "recommendation_gaps": recommendation_gaps(comparison),
            "assessments": _assessment_rows(comparison),
            **methodology_context(query.framework),
        }


def _up_to(history, last_round: str | None):
    """The comparison across rounds cut to the rounds up to `last_round` (all when None)."""
    if last_round is None:
        return history
    keep = [r for r in history.rounds if str(r) <= last_round]
    return replace(
        history,
        rounds=tuple(keep),
        trends=history.trends[history.trends["round"].astype(str) <= last_round],
        assessments=history.assessments[history.assessments["round"].astype(str) <= last_round],
    )


def _map_block(comparison) -> dict | None:
    """The choropleth of the countries' pillar scores (each at its latest round compared)."""
    ranking = comparison.ranking
    if ranking.empty:
        return None
    spec = builders.world_map(
        dict(zip(ranking["iso3"], ranking["pillar"], strict=True)),
        names=dict(zip(ranking["iso3"], ranking["country"], strict=True)),
    )
    return chart_block("world-map", spec)


def _compares_demo_data(comparison) -> bool:
    """Whether any assessment compared is demo data: the report then says so on its cover."""
    ids = [int(pk) for pk in comparison.assessments.get("assessment_id", [])]
    return Assessment.objects.filter(pk__in=ids, is_demo=True).exists() if ids else False


def _grouping_name(query: ComparisonQuery) -> str:
    if query.saved_group_id is not None:
        name = CountryGroup.objects.filter(pk=query.saved_group_id).values_list("name", flat=True)
        return name.first() or ""
    return str(GROUPINGS[query.grouping])


def _group_rows(comparison) -> list[dict]:
    """Group × round, with the pillar and each area's mean and the count behind it."""
    frame = comparison.group_areas
    rows: dict[tuple, dict] = {}
    for row in frame.to_dict("records"):
        key = (row["group_name"], str(row["round"]))
        entry = rows.setdefault(key, {"group": key[0], "round": key[1], "cells": {}})
        entry["cells"][row["area_code"]] = {
            "mean": format_percent(_number(row["mean"])),
            "n": int(row["n_countries"]),
            "suppressed": bool(row["suppressed"]),
        }
    codes = ["pillar", *comparison.area_labels]
    for entry in rows.values():
        entry["cells"] = [entry["cells"].get(code, {"mean": "—", "n": 0}) for code in codes]
    return list(rows.values())


def _regional_charts(comparison, history) -> list[dict]:
    """The group bars and heatmap of the comparison, then the trends of `history`: the same
    comparison across the framework's versions."""
    blocks = []
    if not comparison.group_areas.empty:
        bars = builders.group_area_bars(comparison.group_areas, area_labels=comparison.area_labels)
        blocks.append(chart_block("group-bars", bars))
    matrix = comparison.matrix("recommendations")
    if not matrix.empty:
        heat = builders.heatmap(matrix, column_labels=comparison.recommendation_labels)
        blocks.append(chart_block("heatmap", heat))
    if len(history.rounds) > 1 and not history.trends.empty:
        lines = builders.trend_lines(history.trends, title=comparison_trend_title(history))
        blocks.append(chart_block("trends", lines))
    return blocks


def _ranking_rows(comparison) -> list[dict]:
    return [
        {
            "rank": "" if pd.isna(row["rank"]) else int(row["rank"]),
            "country": row["country"],
            "round": row["round"],
            "group": row["group_name"],
            "percent": format_percent(_number(row["pillar"])),
            "is_draft": bool(row["is_draft"]),
        }
        for row in comparison.ranking.to_dict("records")
    ]


def _assessment_rows(comparison) -> list[dict]:
    return [
        {
            "country": row["country"],
            "round": row["round"],
            "status": row["status_label"],
            "is_draft": bool(row["is_draft"]),
            "percent": format_percent(_number(row["pillar"])),
        }
        for row in comparison.assessments.to_dict("records")
    ]


# Small helpers.


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _level(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)
