"""The plan as CSV and Excel, and the Excel import: upload, preview, apply.

As for the assessment workbook, the parsed changes wait in the user's session between the
preview and the apply, under a random token, with the assessment and the user they belong
to, for an hour at most.
"""

import secrets
import time
from contextlib import closing

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessment.access import audit_export
from assessment.workbook_import import WorkbookInvalid, workbook_open
from assessment.workbook_views import WorkbookUploadForm
from config.ratelimit import rate_limit

from . import workbook
from .access import get_editable_plan_for_user, get_plan_for_user
from .workbook import (
    CONTENT_TYPE,
    PracticeOutdated,
    PreviewOutdated,
    csv_build,
    export_filename,
    workbook_build,
)
from .workbook_import import changes_payload, workbook_read

PREVIEW_SESSION_KEY = "plan_workbook_previews"
PREVIEW_SECONDS = 3600
PREVIEWS_KEPT = 5

APPLIED = ngettext_lazy(
    "%(count)d change saved from the workbook.",
    "%(count)d changes saved from the workbook.",
    "count",
)
PREVIEW_EXPIRED = _("This preview has expired or was already used: upload the workbook again.")
PREVIEW_OUTDATED = _(
    "Nothing was changed: the action of row %(row)s was saved online after the preview. "
    "Upload the workbook again to see the differences as they are now."
)
PRACTICE_OUTDATED = _(
    "Nothing was changed: the practice of row %(row)s of the sheet Practices can no longer be "
    "saved as previewed (the plan changed since). Upload the workbook again."
)


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def export_csv(request, pk):
    access = get_plan_for_user(request.user, pk, allow_reader=True)
    audit_export(request, access.assessment, "plan CSV")
    return _attachment(csv_build(access.plan), "text/csv; charset=utf-8",
                       export_filename(access.assessment, "csv"))  # fmt: skip


@login_required
@require_GET
def export_xlsx(request, pk):
    access = get_plan_for_user(request.user, pk, allow_reader=True)
    audit_export(request, access.assessment, "plan workbook")
    return _attachment(workbook_build(access.assessment, access.plan), CONTENT_TYPE,
                       export_filename(access.assessment, "xlsx"))  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
@rate_limit("workbook_upload")
def import_upload(request, pk):
    access = get_editable_plan_for_user(request.user, pk)
    form = WorkbookUploadForm(request.POST or None, request.FILES or None)
    context = {"access": access, "assessment": access.assessment, "form": form}
    if not form.is_valid():
        return render(request, "plans/import_upload.html", context)
    try:
        with closing(workbook_open(form.cleaned_data["file"])) as book:
            changes, practices = workbook_read(book, assessment=access.assessment,
                                               plan=access.plan)  # fmt: skip
    except WorkbookInvalid as invalid:
        context["problems"] = invalid.problems
        return render(request, "plans/import_upload.html", context)
    context.update(
        changes=changes,
        conflicts=sum(change.conflict for change in changes),
        practice_changes=practices,
        token=_keep_preview(request, access.assessment.pk, changes, practices)
        if changes or practices
        else None,
        file_name=request.FILES["file"].name,
    )
    return render(request, "plans/import_preview.html", context)


@login_required
@require_POST
def import_apply(request, pk, token):
    access = get_editable_plan_for_user(request.user, pk)
    preview = _take_preview(request, access.assessment.pk, token)
    if preview is None:
        messages.error(request, PREVIEW_EXPIRED)
        return redirect("plans:import", pk=pk)
    take = {int(v) for v in request.POST.getlist("take") if _is_key(v)}
    try:
        saved = workbook.workbook_apply(assessment=access.assessment, changes=preview["changes"],
                                        user=request.user, take_workbook=take,
                                        practices=preview.get("practices", []))  # fmt: skip
    except PracticeOutdated as outdated:
        messages.error(request, PRACTICE_OUTDATED % {"row": outdated.args[0]})
        return redirect("plans:import", pk=pk)
    except PreviewOutdated as outdated:
        messages.error(request, PREVIEW_OUTDATED % {"row": outdated.args[0]})
        return redirect("plans:import", pk=pk)
    messages.success(request, APPLIED % {"count": saved})
    return redirect("plans:detail", pk=pk)


def _is_key(value: str) -> bool:
    """A response's or action's key as posted: ASCII digits a database key holds."""
    return value.isascii() and value.isdigit() and len(value) < 19


def _keep_preview(request, assessment_pk: int, changes, practices=()) -> str:
    """Store the change set in the session; returns the token that the apply form posts."""
    now = time.time()
    previews = {
        token: preview
        for token, preview in request.session.get(PREVIEW_SESSION_KEY, {}).items()
        if preview["expires"] > now
    }
    token = secrets.token_urlsafe(16)
    previews[token] = {"assessment": assessment_pk, "user": request.user.pk,
                       "expires": now + PREVIEW_SECONDS, "changes": changes_payload(changes),
                       "practices": [p.to_payload() for p in practices]}  # fmt: skip
    newest = sorted(previews.items(), key=lambda item: item[1]["expires"])[-PREVIEWS_KEPT:]
    request.session[PREVIEW_SESSION_KEY] = dict(newest)
    return token


def _take_preview(request, assessment_pk: int, token: str) -> dict | None:
    """The stored change set ("changes" to actions, "practices"), removed from the session
    (used once), or None."""
    previews = request.session.get(PREVIEW_SESSION_KEY, {})
    preview = previews.pop(token, None)
    request.session[PREVIEW_SESSION_KEY] = previews
    if preview is None or preview["expires"] <= time.time():
        return None
    if (preview["assessment"], preview["user"]) != (assessment_pk, request.user.pk):
        return None
    return preview
