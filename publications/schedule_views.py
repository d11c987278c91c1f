"""The team's preview of a public page before publication, and the analysts' scheduling of
publications (assessments and a round's regional reports)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.roles import is_igf_staff
from assessment.access import get_assessment_for_user
from assessment.models import Assessment
from frameworks.models import Framework
from reports.report_context import indicator_sections
from scores.country import country_scores

from .forms import RegionalReportForm, ScheduleForm
from .models import RegionalReport, ScheduledPublication
from .public import PUBLIC_READER
from .regional import regional_report_get_or_create, regional_report_publish
from .scheduling import publication_cancel, publication_schedule
from .views import current_editions

SCHEDULED = _("Scheduled: it will be published on %(when)s UTC.")
CANCELLED = _("The scheduled publication is cancelled. Nothing was published.")
REGIONAL_PUBLISHED = _("The regional report is published; its PDF edition is being written.")
ONLY_STAFF = _("Only IGF analysts publish regional reports.")


def _get_previewable_assessment(user, pk: int) -> Assessment:
    """An assessment its team or IGF may preview: 404 for anybody else (readers included)."""
    assessment, _role = get_assessment_for_user(user, pk)
    return assessment


@login_required
@require_GET
def assessment_preview(request, pk):
    """The public page exactly as readers will see it, for the team and IGF, with the
    "Publishes on …" banner and, for analysts, the schedule."""
    assessment = _get_previewable_assessment(request.user, pk)
    scores = country_scores(assessment, PUBLIC_READER)
    schedule = ScheduledPublication.objects.pending().filter(assessment=assessment).first()
    context = {
        "assessment": assessment,
        "scores": scores,
        "sections": indicator_sections(assessment, scores),
        "current_editions": current_editions(assessment),
        "preview": True,
        "schedule": schedule,
        "can_schedule": is_igf_staff(request.user)
        and assessment.status in (Assessment.Status.VALIDATED, Assessment.Status.CONFIDENTIAL),
        "schedule_form": ScheduleForm(),
    }
    return render(request, "publications/preview.html", context)


@login_required
@require_POST
def assessment_schedule(request, pk):
    assessment = _get_previewable_assessment(request.user, pk)
    form = ScheduleForm(request.POST)
    if form.is_valid():
        try:
            schedule = publication_schedule(user=request.user, assessment=assessment,
                                            publish_at=form.cleaned_data["publish_at"])  # fmt: skip
        except ValueError as error:
            messages.error(request, str(error))
        else:
            when = schedule.publish_at.strftime("%Y-%m-%d %H:%M")
            messages.success(request, SCHEDULED % {"when": when})
    else:
        messages.error(request, "; ".join(str(e) for e in form.errors.get("publish_at", [])))
    return redirect("publications:preview", pk=assessment.pk)


@login_required
@require_POST
def schedule_cancel(request, pk):
    schedule = get_object_or_404(ScheduledPublication.objects.pending(), pk=pk)
    if schedule.assessment_id is not None:
        _get_previewable_assessment(request.user, schedule.assessment_id)
    publication_cancel(user=request.user, schedule=schedule)
    messages.success(request, CANCELLED)
    if schedule.assessment_id is not None:
        return redirect("publications:preview", pk=schedule.assessment_id)
    return redirect("publications:regional_reports")


@login_required
@require_http_methods(["GET", "POST"])
def regional_reports(request):
    """IGF staff publish a round's regional report, now or at a set time."""
    if not is_igf_staff(request.user):
        raise PermissionDenied(ONLY_STAFF)
    form = RegionalReportForm(request.POST or None)
    schedule_form = ScheduleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        framework = get_object_or_404(
            Framework.objects.published(), pk=request.POST.get("framework")
        )
        report = regional_report_get_or_create(framework=framework, user=request.user,
                                               **form.cleaned_data)  # fmt: skip
        if request.POST.get("when") == "later":
            if schedule_form.is_valid():
                try:
                    publication_schedule(user=request.user, regional_report=report,
                                         publish_at=schedule_form.cleaned_data["publish_at"])  # fmt: skip
                except ValueError as error:
                    messages.error(request, str(error))
                else:
                    when = schedule_form.cleaned_data["publish_at"].strftime("%Y-%m-%d %H:%M")
                    messages.success(request, SCHEDULED % {"when": when})
            else:
                messages.error(
                    request, "; ".join(str(e) for e in schedule_form.errors.get("publish_at", []))
                )
        else:
            regional_report_publish(report=report, user=request.user)
            messages.success(request, REGIONAL_PUBLISHED)
        return redirect("publications:regional_reports")
    context = {
        "form": form,
        "schedule_form": ScheduleForm(),
        "frameworks": Framework.objects.published(),
        "reports": RegionalReport.objects.select_related("framework").prefetch_related(
            "editions", "scheduled_publications"
        ),
        "pending": ScheduledPublication.objects.pending().filter(regional_report__isnull=False),
    }
    return render(request, "publications/regional_reports.html", context)
