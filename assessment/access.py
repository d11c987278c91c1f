"""The one place where access to assessments and their parts is decided.

Every view reaches an assessment, a response or an evidence file through these helpers:
somebody with no role in the assessment's country gets 404 (its existence is not revealed);
somebody who may read but not do the thing asked gets 403 with the reason.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from .models import Assessment, Evidence, Response
from .roles import MINISTRY_ROLES, Role, role_in_country

ONLY_MINISTRY_RATES = _(
    "Only the country's own team rates indicators; IGF analysts read and comment."
)
NOT_EDITABLE = _("This assessment is %(status)s: it can no longer be changed.")


def get_assessment_for_user(
    user, pk: int, *, allow_reader: bool = False
) -> tuple[Assessment, Role]:
    """The assessment and the user's role in its country; 404 without a role.

    With `allow_reader`, anybody signed in may read a published assessment (role READER);
    its discussion and history stay with the country team and IGF.
    """
    assessment = get_object_or_404(Assessment.objects.select_related("country", "framework"), pk=pk)
    role = role_in_country(user, assessment.country_id)
    if role is None and allow_reader and assessment.status == Assessment.Status.PUBLISHED:
        role = Role.READER
    if role is None:
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


def readable_assessments(user):
    """What a user may see listed: their own countries' and IGF's as below, and everyone's
    published assessments (readers need no account for those)."""
    published = Assessment.objects.published()
    if not user.is_authenticated:
        return published.select_related("framework")
    return (visible_assessments(user) | published).distinct().select_related("framework")


def visible_assessments(user):
    """Assessments the user may open: all for IGF staff, their countries' for ministry staff."""
    assessments = Assessment.objects.select_related("country", "framework")
    if user.is_superuser or user.is_analyst:
        return assessments
    return assessments.filter(country__memberships__user=user)
