"""Offline work: download the assessment as a workbook, upload it, preview and apply changes.

The parsed changes wait in the user's session between the preview and the apply, under a
random token, with the assessment and the user they belong to, for an hour at most.
"""

import secrets
import time
from contextlib import closing

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from config.ratelimit import rate_limit

from . import workbook
from .access import audit_export, get_assessment_for_user, get_editable_assessment_for_user
from .workbook import CONTENT_TYPE, PreviewOutdated, workbook_build, workbook_filename
from .workbook_import import (
    MAX_UPLOAD_BYTES,
    XLSX_MAGIC,
    WorkbookInvalid,
    changes_payload,
    upload_problem,
    workbook_changes,
    workbook_meta,
    workbook_open,
    workbook_profile_change,
)

PREVIEW_SESSION_KEY = "workbook_previews"
PREVIEW_SECONDS = 3600
PREVIEWS_KEPT = 5

UPDATED = ngettext_lazy(
    "%(count)d indicator updated from the workbook.",
    "%(count)d indicators updated from the workbook.",
    "count",
)
PROFILE_UPDATED = _("The ASM profile is updated from the workbook.")
TAKE_PROFILE = "profile"  # the "take" value that takes the workbook's profile in a conflict
PREVIEW_EXPIRED = _("This preview has expired or was already used: upload the workbook again.")
PREVIEW_OUTDATED = _(
    "Nothing was changed: indicator %(code)s was saved online after the preview. Upload the "
    "workbook again to see the differences as they are now."
)


class WorkbookUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Filled-in workbook (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_file(self) -> bytes:
        """The file's bytes, refused by size, extension and content before being parsed."""
        upload = self.cleaned_data["file"]
        head = upload.read(len(XLSX_MAGIC))
        problem = upload_problem(upload.name, upload.size, head)
        if problem:
            raise forms.ValidationError(problem)
        upload.seek(0)
        return upload.read(MAX_UPLOAD_BYTES + 1)


@login_required
@require_GET
def workbook_download(request, pk):
    assessment, _role = get_assessment_for_user(request.user, pk)
    audit_export(request, assessment, "assessment workbook")
    response = HttpResponse(workbook_build(assessment), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{workbook_filename(assessment)}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
@rate_limit("workbook_upload")
def workbook_upload(request, pk):
    assessment, role = get_editable_assessment_for_user(request.user, pk)
    form = WorkbookUploadForm(request.POST or None, request.FILES or None)
    context = {"assessment": assessment, "role": role, "form": form}
    if not form.is_valid():
        return render(request, "assessment/workbook_upload.html", context)
    try:
        with closing(workbook_open(form.cleaned_data["file"])) as book:
            meta = workbook_meta(book)
            changes = workbook_changes(book, assessment=assessment)
            profile = workbook_profile_change(book, assessment=assessment)
    except WorkbookInvalid as invalid:
        context["problems"] = invalid.problems
        return render(request, "assessment/workbook_upload.html", context)
    anything = bool(changes or profile)
    context.update(
        meta=meta,
        changes=changes,
        profile_change=profile,
        conflicts=sum(change.conflict for change in changes),
        token=_keep_preview(request, assessment.pk, changes, profile) if anything else None,
        file_name=request.FILES["file"].name,
    )
    return render(request, "assessment/workbook_preview.html", context)


@login_required
@require_POST
def workbook_apply(request, pk, token):
    assessment, _role = get_editable_assessment_for_user(request.user, pk)
    preview = _take_preview(request, assessment.pk, token)
    if preview is None:
        messages.error(request, PREVIEW_EXPIRED)
        return redirect("assessment:workbook_upload", pk=assessment.pk)
    take = {int(v) for v in request.POST.getlist("take") if _is_key(v)}
    profile = preview["profile"]
    if profile and profile["conflict"] and TAKE_PROFILE not in request.POST.getlist("take"):
        profile = None  # the online profile is kept unless the user takes the workbook's
    try:
        updated = workbook.workbook_apply(
            assessment=assessment, changes=preview["changes"], user=request.user,
            take_workbook=take, profile=profile["values"] if profile else None,
        )  # fmt: skip
    except PreviewOutdated as outdated:
        messages.error(request, PREVIEW_OUTDATED % {"code": outdated.args[0]})
        return redirect("assessment:workbook_upload", pk=assessment.pk)
    if preview["changes"] or not profile:
        messages.success(request, UPDATED % {"count": updated})
    if profile:
        messages.success(request, PROFILE_UPDATED)
    return redirect(assessment)


def _is_key(value: str) -> bool:
    """A response's or action's key as posted: ASCII digits a database key holds."""
    return value.isascii() and value.isdigit() and len(value) < 19


def _keep_preview(request, assessment_pk: int, changes, profile=None) -> str:
    """Store the change set in the session; returns the token that the apply form posts."""
    now = time.time()
    previews = {
        token: preview
        for token, preview in request.session.get(PREVIEW_SESSION_KEY, {}).items()
        if preview["expires"] > now
    }
    token = secrets.token_urlsafe(16)
    previews[token] = {
        "assessment": assessment_pk,
        "user": request.user.pk,
        "expires": now + PREVIEW_SECONDS,
        "changes": changes_payload(changes),
        "profile": {"values": profile.values, "conflict": profile.conflict} if profile else None,
    }
    newest = sorted(previews.items(), key=lambda item: item[1]["expires"])[-PREVIEWS_KEPT:]
    request.session[PREVIEW_SESSION_KEY] = dict(newest)
    return token


def _take_preview(request, assessment_pk: int, token: str) -> dict | None:
    """The stored change set ({"changes", "profile"}), removed from the session (used
    once), or None."""
    previews = request.session.get(PREVIEW_SESSION_KEY, {})
    preview = previews.pop(token, None)
    request.session[PREVIEW_SESSION_KEY] = previews
    if preview is None or preview["expires"] <= time.time():
        return None
    if (preview["assessment"], preview["user"]) != (assessment_pk, request.user.pk):
        return None
    return {"changes": preview["changes"], "profile": preview.get("profile")}
