"""Evidence on a response: add and delete (htmx partials, or POST and redirect without
JavaScript), and download of uploaded documents through a permission check."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from accounts.roles import MINISTRY_ROLES

from . import evidence
from .access import (
    get_editable_evidence_for_user,
    get_editable_response_for_user,
    get_evidence_for_user,
)
from .evidence_forms import EvidenceForm
from .models import Evidence
from .views import area_url

EVIDENCE_ADDED = _("Evidence added: %(title)s.")
EVIDENCE_DELETED = _("Evidence removed: %(title)s.")
EVIDENCE_NOT_ADDED = _("The evidence was not added: %(errors)s")


@login_required
@require_POST
def evidence_add(request, pk, response_pk):
    response, role = get_editable_response_for_user(request.user, pk, response_pk)
    form = EvidenceForm.for_response(response, request.POST, request.FILES)
    if not form.is_valid():
        if not request.htmx:
            messages.error(request, EVIDENCE_NOT_ADDED % {"errors": _error_text(form)})
            return redirect(_indicator_url(response))
        return _render_evidence(request, response, role, form=form, status=400)
    item = evidence.evidence_create(response=response, user=request.user, **form.evidence_fields())
    if not request.htmx:
        messages.success(request, EVIDENCE_ADDED % {"title": item.title})
        return redirect(_indicator_url(response))
    return _render_evidence(request, response, role)


@login_required
@require_GET
def evidence_form(request, pk, response_pk):
    """The add-evidence form of one response: fetched by htmx when its section is opened on
    the area page, or as a page of its own without JavaScript."""
    response, _role = get_editable_response_for_user(request.user, pk, response_pk)
    context = {
        "assessment": response.assessment,
        "response": response,
        "form": EvidenceForm.for_response(response),
    }
    if request.htmx:
        return render(request, "assessment/partials/evidence_form.html", context)
    context["area_url"] = _indicator_url(response)
    return render(request, "assessment/evidence_add.html", context)


@login_required
@require_POST
def evidence_delete(request, pk, evidence_pk):
    item, role = get_editable_evidence_for_user(request.user, pk, evidence_pk)
    response = item.response
    evidence.evidence_delete(evidence=item)
    if not request.htmx:
        messages.success(request, EVIDENCE_DELETED % {"title": item.title})
        return redirect(_indicator_url(response))
    return _render_evidence(request, response, role)


@login_required
@require_GET
def evidence_download(request, pk, evidence_pk):
    """An uploaded document, always as an attachment under its original (sanitised) name."""
    item, role = get_evidence_for_user(request.user, pk, evidence_pk, allow_reader=True)
    if item.kind != Evidence.Kind.DOCUMENT or not item.file:
        raise Http404("No file")
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404("File missing from storage") from missing
    answer = FileResponse(
        handle,
        as_attachment=True,
        filename=item.original_name or evidence.FALLBACK_FILENAME,
        content_type=evidence.download_content_type(item),
    )
    answer["X-Content-Type-Options"] = "nosniff"
    answer["Cache-Control"] = "private"
    return answer


def _render_evidence(request, response, role, *, form=None, status=200):
    """The evidence partial of one response, with the add form (fresh, or with errors)."""
    editable = response.assessment.is_editable and role in MINISTRY_ROLES
    if editable:
        response.evidence_form = form if form is not None else EvidenceForm.for_response(response)
    context = {"assessment": response.assessment, "response": response, "editable": editable}
    return render(request, "assessment/partials/evidence.html", context, status=status)


def _indicator_url(response) -> str:
    indicator = response.indicator
    return area_url(response.assessment, indicator.recommendation.area.code, indicator.code)


def _error_text(form) -> str:
    return " ".join(str(error) for errors in form.errors.values() for error in errors)
