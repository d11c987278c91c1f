"""A country's dashboard: one assessment's figures as `scores/page.py` builds them for every
page and report, and the same figures as CSV and Excel files.

Whoever may read the assessment may read its dashboard (`assessment/access.py`); the
region's averages and the previous round are cut down to what the reader may see.
"""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from assessment.access import audit_export, get_assessment_for_user
from assessment.models import AsmProfile
from charts.builders import chart_context

from .country import country_scores
from .exports import country_scores_csv, country_scores_xlsx
from .page import CHART_IDS, country_page
from .summary import executive_summary, summary_inputs

DRAFT_WARNING = gettext_lazy("Draft: figures may change.")


def _get_scores_for_user(user, pk: int):
    """The assessment (404 unless the user may read it) and its scores as the user sees them."""
    assessment, role = get_assessment_for_user(user, pk, allow_reader=True)
    return assessment, role, country_scores(assessment, user)


@require_GET
def dashboard(request, pk):
    assessment, role, scores = _get_scores_for_user(request.user, pk)
    context = dashboard_context(assessment, scores)
    context["role"] = role
    return render(request, "scores/dashboard.html", context)


def dashboard_context(assessment, scores) -> dict:
    """What the dashboard template shows of `scores` (the figures as the reader may see
    them): the signed-in dashboard and the public results page share it."""
    page = country_page(scores)
    references, plan = summary_inputs(assessment)
    return {
        "summary": executive_summary(page, references=references, plan=plan),
        "assessment": assessment,
        "scores": scores,
        "page": page,
        "is_draft": not assessment.is_countable,
        "draft_warning": DRAFT_WARNING,
        "pillar": page.pillar,
        "region_pillar": page.region_pillar,
        "region_note": page.region_note,
        "missing": scores.counts.missing,
        "charts": {key: chart_context(CHART_IDS[key], spec) for key, spec in page.charts.items()},
        "not_shown": _("Not shown"),
        "indicator_lists": page.indicator_lists,
        "changes": page.changes,
        "level_changes": page.level_changes,
        "profile": AsmProfile.objects.filter(assessment=assessment).first(),
    }


@require_GET
def dashboard_csv(request, pk):
    assessment, _role, scores = _get_scores_for_user(request.user, pk)
    audit_export(request, assessment, "scores CSV")
    return country_scores_csv(scores).as_response()


@require_GET
def dashboard_xlsx(request, pk):
    assessment, _role, scores = _get_scores_for_user(request.user, pk)
    audit_export(request, assessment, "scores workbook")
    return country_scores_xlsx(scores).as_response()
