"""Every role × every workflow action × every state: one table, one test."""

import pytest
from django.core.exceptions import PermissionDenied

from assessment.models import Assessment, Transition
from assessment.services import IncompleteAssessment, assessment_transition
from assessment.workflow import ACTIONS

from .conftest import rate_everything

S = Assessment.Status
ROLES = ["contributor_a", "focal_a", "focal_b", "analyst", "administrator"]

# (action, from state) -> the roles that may take it; every other pair is refused.
ALLOWED = {
    ("submit", S.DRAFT): {"focal_a"},
    ("start_review", S.SUBMITTED): {"analyst", "administrator"},
    ("return", S.SUBMITTED): {"analyst", "administrator"},
    ("return", S.IN_REVIEW): {"analyst", "administrator"},
    ("validate", S.IN_REVIEW): {"analyst", "administrator"},
    ("publish", S.VALIDATED): {"analyst", "administrator"},
    ("publish", S.CONFIDENTIAL): {"analyst", "administrator"},
    ("keep_confidential", S.VALIDATED): {"analyst", "administrator"},
    ("keep_confidential", S.PUBLISHED): {"analyst", "administrator"},
}
CASES = [
    (action, state, role, role in ALLOWED.get((action, state), set()))
    for action in ACTIONS
    for state in S.values
    for role in ROLES
]


@pytest.mark.django_db
@pytest.mark.parametrize("action,state,role,allowed", CASES)
def test_only_the_right_role_in_the_right_state_moves_the_assessment(
    request, draft_a, action, state, role, allowed
):
    user = request.getfixturevalue(role)
    rate_everything(draft_a)
    Assessment.objects.filter(pk=draft_a.pk).update(status=state)
    if allowed:
        assessment_transition(assessment=draft_a, action_name=action, user=user, comment="Why")
        draft_a.refresh_from_db()
        assert draft_a.status == ACTIONS[action].target
        assert Transition.objects.get(assessment=draft_a).from_status == state
    else:
        with pytest.raises(PermissionDenied):
            assessment_transition(assessment=draft_a, action_name=action, user=user, comment="x")
        draft_a.refresh_from_db()
        assert draft_a.status == state
        assert not Transition.objects.filter(assessment=draft_a).exists()


@pytest.mark.django_db
def test_submission_is_refused_while_an_indicator_is_unrated(draft_a, focal_a):
    with pytest.raises(IncompleteAssessment) as refused:
        assessment_transition(assessment=draft_a, action_name="submit", user=focal_a)
    assert len(refused.value.missing) == draft_a.responses.count()
    draft_a.refresh_from_db()
    assert draft_a.status == S.DRAFT


@pytest.mark.django_db
def test_not_applicable_without_a_reason_blocks_submission(draft_a, focal_a):
    rate_everything(draft_a)
    response = draft_a.responses.first()
    draft_a.responses.filter(pk=response.pk).update(level=None, not_applicable=True)
    with pytest.raises(IncompleteAssessment) as refused:
        assessment_transition(assessment=draft_a, action_name="submit", user=focal_a)
    assert [r.pk for r in refused.value.missing] == [response.pk]


@pytest.mark.django_db
def test_not_applicable_with_a_reason_allows_submission(draft_a, focal_a):
    rate_everything(draft_a)
    draft_a.responses.filter(pk=draft_a.responses.first().pk).update(
        level=None, not_applicable=True, not_applicable_reason="No gold is mined."
    )
    assessment_transition(assessment=draft_a, action_name="submit", user=focal_a)
    draft_a.refresh_from_db()
    assert draft_a.status == S.SUBMITTED


@pytest.mark.django_db
def test_returning_requires_a_comment(draft_a, analyst):
    Assessment.objects.filter(pk=draft_a.pk).update(status=S.IN_REVIEW)
    with pytest.raises(ValueError):
        assessment_transition(assessment=draft_a, action_name="return", user=analyst, comment=" ")
    draft_a.refresh_from_db()
    assert draft_a.status == S.IN_REVIEW


@pytest.mark.django_db
def test_each_transition_is_recorded_in_the_history(draft_a, focal_a, analyst):
    rate_everything(draft_a)
    assessment_transition(assessment=draft_a, action_name="submit", user=focal_a)
    assessment_transition(assessment=draft_a, action_name="start_review", user=analyst)
    statuses = list(draft_a.history.order_by("history_date").values_list("status", flat=True))
    assert statuses[-2:] == [S.SUBMITTED, S.IN_REVIEW]
    assert draft_a.history.latest().history_user == analyst
