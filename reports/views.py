"""PDF reports: the HTML preview, the request (queued in the background), its status and the
permission-checked download."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from accounts.roles import visibility_class
from assessment.access import get_assessment_for_user
from assessment.models import Assessment
from config.ratelimit import rate_limit
from config.security import audit
from scores.forms import ComparisonForm
from scores.query import ComparisonQuery, InvalidComparison

from .models import ReportFile
from .pdf import pdf_unavailable_message, render_report_html
from .report_context import country_report_context, regional_report_context
from .tasks import BUILD_FAILED, request_country_report, request_regional_report, retry_report

LANGUAGES = {code for code, _name in settings.LANGUAGES}
BAD_PARAMETER = gettext_lazy("The comparison's settings are not valid: %(problem)s")


def _get_report_for_user(user, pk: int) -> ReportFile:
    """A report file the user may download: 404 unless it was built for readers who see
    exactly what this user sees and, for a country report, the user may read the
    assessment (the assessment helper decides)."""
    report = get_object_or_404(ReportFile.objects.select_related("assessment"), pk=pk)
    if report.visibility != visibility_class(user):
        raise Http404("No such report")
    if report.assessment_id is not None:
        get_assessment_for_user(user, report.assessment_id, allow_reader=True)
    return report


def _language(data) -> str:
    """The report's language: the one asked for, else the page's."""
    language = data.get("language")
    return language if language in LANGUAGES else (get_language() or settings.LANGUAGE_CODE)


def _pdf_unavailable(request):
    """The page that says this server cannot write PDFs (503: the server lacks something),
    or None when it can."""
    message = pdf_unavailable_message()
    if not message:
        return None
    return render(request, "reports/unavailable.html", {"message": message}, status=503)


def _after_request(report: ReportFile, queued_now: bool):
    """A report built before is served at once; a new one's status page follows its build."""
    if report.is_done and not queued_now:
        return redirect("reports:download", report.pk)
    return redirect(report)


@login_required
@require_GET
def country_report_preview(request, pk):
    assessment, _role = get_assessment_for_user(request.user, pk, allow_reader=True)
    language = _language(request.GET)
    context = country_report_context(assessment, user=request.user, language=language)
    context["preview"] = {
        "back_url": assessment.get_absolute_url(),
        "request_url": reverse("reports:country_pdf", args=[assessment.pk]),
        "fields": [],
    }
    return HttpResponse(render_report_html("country", context, for_pdf=False, request=request))


@login_required
@require_POST
@rate_limit("pdf")
def country_report_request(request, pk):
    assessment, _role = get_assessment_for_user(request.user, pk, allow_reader=True)
    if unavailable := _pdf_unavailable(request):
        return unavailable
    report, queued_now = request_country_report(
        assessment=assessment, user=request.user, language=_language(request.POST)
    )
    return _after_request(report, queued_now)


def _comparison_query(request, data) -> ComparisonQuery:
    """The comparison of the request's parameters, read by the comparison page's own form;
    InvalidComparison names what is wrong."""
    form = ComparisonForm(data, user=request.user)
    if not form.is_valid():
        raise InvalidComparison(
            {name: [str(message) for message in messages] for name, messages in form.errors.items()}
        )
    return form.comparison_query()


@login_required
@require_GET
def regional_report_preview(request):
    try:
        query = _comparison_query(request, request.GET)
    except InvalidComparison as error:
        return _bad_request(error)
    language = _language(request.GET)
    context = regional_report_context(query, user=request.user, language=language)
    context["preview"] = {
        "back_url": _local_url(request, request.GET.get("back")) or reverse("home"),
        "request_url": reverse("reports:regional_pdf"),
        "fields": _query_fields(query.as_parameters()),
    }
    return HttpResponse(render_report_html("regional", context, for_pdf=False, request=request))


@login_required
@require_POST
@rate_limit("pdf")
def regional_report_request(request):
    try:
        query = _comparison_query(request, request.POST)
    except InvalidComparison as error:
        return _bad_request(error)
    if unavailable := _pdf_unavailable(request):
        return unavailable
    report, queued_now = request_regional_report(
        query=query, user=request.user, language=_language(request.POST)
    )
    return _after_request(report, queued_now)


@login_required
@require_GET
def report_status(request, pk):
    report = _get_report_for_user(request.user, pk)
    template = "reports/partials/report_status.html" if request.htmx else "reports/status.html"
    context = {
        "report": report,
        "failed_message": BUILD_FAILED,
        "pdf_unavailable": "" if report.is_done else pdf_unavailable_message(),
    }
    return render(request, template, context)


@login_required
@require_POST
@rate_limit("pdf")
def report_retry(request, pk):
    report = _get_report_for_user(request.user, pk)
    if unavailable := _pdf_unavailable(request):
        return unavailable
    try:
        report, queued_now = retry_report(report=report, user=request.user)
    except ValueError as error:
        return _bad_request(error)
    return _after_request(report, queued_now)


@login_required
@require_GET
def report_download(request, pk):
    report = _get_report_for_user(request.user, pk)
    if not report.is_done or not report.file:
        return redirect(report)
    _audit_unpublished(request, report)
    response = FileResponse(
        report.file.open("rb"),
        as_attachment=True,
        filename=report.filename,
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _audit_unpublished(request, report: ReportFile) -> None:
    """A report with unpublished figures goes to the audit trail: a country report of an
    unpublished assessment, or a regional report made for readers who see more than the
    public (it may hold unpublished figures)."""
    if report.assessment_id is not None:
        if report.assessment.status != Assessment.Status.PUBLISHED:
            audit("report_downloaded", request, country_id=report.assessment.country_id,
                  assessment_id=report.assessment_id, status=report.assessment.status,
                  report=report.pk, language=report.language)  # fmt: skip
    elif report.visibility != "public":
        audit("report_downloaded", request, report=report.pk, kind=report.kind,
              language=report.language, parameters=report.parameters)  # fmt: skip


def _bad_request(error: ValueError) -> HttpResponseBadRequest:
    """The reason, as plain text: it may quote a parameter as typed (never read as HTML)."""
    message = BAD_PARAMETER % {"problem": error}
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


def _query_fields(parameters: dict) -> list[tuple[str, str]]:
    """The comparison as hidden form fields (for the preview's PDF button)."""
    fields = [("framework", str(parameters["framework"])), ("grouping", parameters["grouping"])]
    fields += [("round", round_) for round_ in parameters["rounds"]]
    if parameters["include_drafts"]:
        fields.append(("include_drafts", "1"))
    fields += [("profile", fact) for fact in parameters.get("profile", ())]
    return fields


def _local_url(request, url: str | None) -> str | None:
    """`url` when it leads back into this site, else None."""
    allowed = url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()})
    return url if allowed else None
