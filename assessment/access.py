"""The one place where views reach an assessment and its parts.

Every view reaches an assessment, a response or an evidence file through these helpers,
which read through the one visibility policy (`Assessment.objects.readable_by`): somebody
who may not read the assessment gets 404 (its existence is not revealed); somebody who may
read it but not do the thing asked gets 403 with the reason.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from accounts.roles import MINISTRY_ROLES, Role, role_in_country
from config.security import audit

from .models import Assessment, Evidence, Response

ONLY_MINISTRY_RATES = _(
    "Only the country's own team rates indicators; IGF analysts read and comment."
)
NOT_EDITABLE = _("This assessment is %(status)s: it can no longer be changed.")


def get_assessment_for_user(
    user, pk: int, *, allow_reader: bool = False
) -> tuple[Assessment, Role]:
    """The assessment and the user's role in its country; 404 unless the user may read it.

    Without a role in the country, a reader of a published assessment gets the role READER,
    but only with `allow_reader`: its discussion and history stay with the country team and
    IGF, so their views leave `allow_reader` off.
    """
    readable = Assessment.objects.readable_by(user).select_related("country", "framework")
    assessment = get_object_or_404(readable, pk=pk)
    role = role_in_country(user, assessment.country_id) or Role.READER
    if role == Role.READER and not allow_reader:
        raise Http404("No such assessment")
    return assessment, role


def get_editable_assessment_for_user(user, pk: int) -> tuple[Assessment, Role]:
    """As above, and the user may change its ratings now (their country's draft)."""
    assessment, role = get_assessment_for_user(user, pk)
    ensure_can_edit(assessment, role)
    return assessment, role


def ensure_can_edit(assessment: Assessment, role: Role) -> None:
    if role not in MINISTRY_ROLES:
        raise PermissionDenied(ONLY_MINISTRY_RATES)
    if not assessment.is_editable:
        raise PermissionDenied(NOT_EDITABLE % {"status": assessment.get_status_display()})


def get_response_for_user(
    user, assessment_pk: int, response_pk: int, *, allow_reader: bool = False
) -> tuple[Response, Role]:
    assessment, role = get_assessment_for_user(user, assessment_pk, allow_reader=allow_reader)
    response = get_object_or_404(
        Response.objects.select_related("indicator", "level"),
        pk=response_pk,
        assessment=assessment,
    )
    response.assessment = assessment
    return response, role


def get_editable_response_for_user(user, assessment_pk: int, response_pk: int):
    response, role = get_response_for_user(user, assessment_pk, response_pk)
    ensure_can_edit(response.assessment, role)
    return response, role


def get_evidence_for_user(
    user, assessment_pk: int, evidence_pk: int, *, allow_reader: bool = False
) -> tuple[Evidence, Role]:
    assessment, role = get_assessment_for_user(user, assessment_pk, allow_reader=allow_reader)
    evidence = get_object_or_404(
        Evidence.objects.select_related("response"), pk=evidence_pk, response__assessment=assessment
    )
    evidence.response.assessment = assessment
    return evidence, role


def get_editable_evidence_for_user(user, assessment_pk: int, evidence_pk: int):
    """As `get_evidence_for_user`, and the user may change the assessment now."""
    evidence, role = get_evidence_for_user(user, assessment_pk, evidence_pk)
    ensure_can_edit(evidence.response.assessment, role)
    return evidence, role


def audit_export(request, assessment: Assessment, what: str) -> None:
    """A file of an unpublished assessment's data (a workbook, an export, a report) goes to
    the audit trail, among that country's events; a published one's is anybody's to read."""
    if assessment.status != Assessment.Status.PUBLISHED:
        audit("export_unpublished", request, country_id=assessment.country_id,
              assessment_id=assessment.pk, round=assessment.round, status=assessment.status,
              what=what)  # fmt: skip
