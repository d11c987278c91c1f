"""Writes that touch several models: creating a round, saving a rating, moving the workflow."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history

from accounts.roles import role_in_country
from config.security import audit
from frameworks.models import Framework, Indicator

from .models import AsmProfile, Assessment, Comment, Response, RoundDeadline, Transition
from .rollups import stored_scores_refresh
from .workflow import ACTIONS, can_take

ROUND_EXISTS = _("%(country)s already has an assessment for round %(round)s.")
ACTION_NOT_ALLOWED = _("You cannot %(action)s an assessment that is %(status)s.")
COMMENT_REQUIRED = _("Say what needs to change: a comment is required to return an assessment.")
COMMENT_EMPTY = _("The comment is empty.")


class StaleResponse(Exception):
    """The response changed since the user loaded it; `current` is what is saved now."""

    def __init__(self, current: Response):
        super().__init__("stale response")
        self.current = current


class IncompleteAssessment(Exception):
    """Submission refused: `missing` lists the responses still to answer."""

    def __init__(self, missing: list[Response]):
        super().__init__("incomplete assessment")
        self.missing = missing


class AssessmentExists(Exception):
    pass


@dataclass(frozen=True)
class ResponseChange:
    """New values for the fields of a response that a user edits."""

    level_id: int | None
    not_applicable: bool
    not_applicable_reason: str
    justification: str
    target_level_id: int | None
    assignee_id: int | None


@transaction.atomic
def assessment_create(
    *, country, round: str, framework: Framework, user=None, is_demo: bool = False
) -> Assessment:
    """Start a round: one empty response per indicator, or a copy of the country's latest
    finished round (through the crosswalk when that round used an earlier version)."""
    if Assessment.objects.filter(country=country, round=round).exists():
        raise AssessmentExists(ROUND_EXISTS % {"country": country, "round": round})
    assessment = Assessment(
        country=country, round=round, framework=framework, created_by=user, is_demo=is_demo
    )
    # The country's own latest finished round: its team may read it whatever its status.
    previous = Assessment.objects.countable().earlier_rounds_of(assessment).first()
    assessment.copied_from = previous
    assessment._history_user = user
    assessment.save()
    indicators = Indicator.objects.filter(recommendation__area__framework=framework)
    copied = _copied_values(previous, framework) if previous else {}
    responses = [
        Response(assessment=assessment, indicator=indicator, updated_by=user,
                 **copied.get(indicator.code, {}))
        for indicator in indicators
    ]  # fmt: skip
    bulk_create_with_history(responses, Response, default_user=user)
    return assessment


def _copied_values(previous: Assessment, framework: Framework) -> dict[str, dict]:
    """The previous round's answers by indicator code of this round, mapped onto this
    framework's scale. From a round on an earlier version, only the indicators the crosswalk
    calls the same or reworded are carried over; the others start unanswered, as new."""
    codes = framework.comparable_codes(previous.framework)
    if not codes:
        return {}
    levels = {level.code: level for level in framework.levels.all()}
    values = {}
    for response in previous.responses.select_related("indicator", "level", "target_level"):
        values[response.indicator.code] = {
            "level": levels.get(response.level.code) if response.level else None,
            "target_level": levels.get(response.target_level.code)
            if response.target_level
            else None,
            "not_applicable": response.not_applicable,
            "not_applicable_reason": response.not_applicable_reason,
            "justification": response.justification,
        }
    return {now: values[before] for now, before in codes.items() if before in values}


@transaction.atomic
def response_save(
    *, response: Response, change: ResponseChange, base_version: int, user
) -> Response:
    """Save a user's change unless somebody else saved the response since `base_version`."""
    current = Response.objects.select_for_update().get(pk=response.pk)
    if current.version != base_version:
        raise StaleResponse(current)
    if _values_of(current) == change:
        return current
    rating_changed = (current.level_id, current.not_applicable) != (
        change.level_id,
        change.not_applicable,
    )
    current.level_id = change.level_id
    current.not_applicable = change.not_applicable
    current.not_applicable_reason = change.not_applicable_reason
    current.justification = change.justification
    current.target_level_id = change.target_level_id
    current.assignee_id = change.assignee_id
    current.version += 1
    current.updated_by = user
    current._history_user = user
    current.save()
    if rating_changed:  # the roll-up changes with the ratings only
        assessment = Assessment.objects.select_related("framework").get(pk=current.assessment_id)
        stored_scores_refresh(assessment=assessment)
    return current


def _values_of(response: Response) -> ResponseChange:
    return ResponseChange(
        level_id=response.level_id,
        not_applicable=response.not_applicable,
        not_applicable_reason=response.not_applicable_reason,
        justification=response.justification,
        target_level_id=response.target_level_id,
        assignee_id=response.assignee_id,
    )


def missing_responses(assessment: Assessment) -> list[Response]:
    """Responses that block submission: unrated, or N/A without a reason."""
    responses = assessment.responses.select_related("indicator__recommendation__area").order_by(
        *Response._meta.ordering
    )
    return [response for response in responses if not response.is_answered]


@transaction.atomic
def assessment_transition(
    *, assessment: Assessment, action_name: str, user, comment: str = ""
) -> Transition:
    """Move the assessment through the workflow; raises when the role or state forbids it."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    role = role_in_country(user, assessment.country_id)
    if not can_take(action_name, assessment.status, role):
        action = ACTIONS.get(action_name)
        raise PermissionDenied(
            ACTION_NOT_ALLOWED
            % {"action": action.label.lower() if action else action_name,
               "status": assessment.get_status_display().lower()}
        )  # fmt: skip
    action = ACTIONS[action_name]
    if action.needs_comment and not comment.strip():
        raise ValueError(COMMENT_REQUIRED)
    if action_name == "submit":
        missing = missing_responses(assessment)
        if missing:
            raise IncompleteAssessment(missing)
    transition = Transition.objects.create(
        assessment=assessment, action=action_name, from_status=assessment.status,
        to_status=action.target, user=user, comment=comment.strip(),
    )  # fmt: skip
    assessment.status = action.target
    assessment._history_user = user
    assessment._change_reason = action_name
    assessment.save(update_fields=["status", "updated_at"])
    audit("workflow_transition", user=user, assessment_id=assessment.pk,
          country_id=assessment.country_id, round=assessment.round, action=action_name,
          from_status=transition.from_status, to_status=transition.to_status)  # fmt: skip
    return transition


def comment_add(*, response: Response, user, body: str) -> Comment:
    if not body.strip():
        raise ValueError(COMMENT_EMPTY)
    return Comment.objects.create(response=response, author=user, body=body.strip())


def comment_resolve(*, comment: Comment, user, resolved: bool = True) -> Comment:
    comment.resolved_at = timezone.now() if resolved else None
    comment.resolved_by = user if resolved else None
    comment.save(update_fields=["resolved_at", "resolved_by"])
    return comment


@transaction.atomic
def profile_save(*, assessment: Assessment, values: dict, user) -> AsmProfile:
    """Create or update the round's ASM profile with the given field values."""
    saved = AsmProfile.objects.select_for_update().filter(assessment=assessment).first()
    profile = saved or AsmProfile(assessment=assessment)
    for name, value in values.items():
        setattr(profile, name, value)
    profile.updated_by = user
    profile._history_user = user
    profile.save()
    return profile


@transaction.atomic
def responses_assign(*, responses, assignee, due_date, user) -> int:
    """Give the responses to `assignee` (None: nobody) to answer by `due_date`. Each save
    raises the response's version, so that a colleague's open form cannot silently put the
    old assignee back."""
    for response in responses:
        response.assignee = assignee
        response.due_date = due_date
        response.version += 1
        response.updated_by = user
        response._history_user = user
        response.save(update_fields=["assignee", "due_date", "version", "updated_by", "updated_at"])
    return len(responses)


def round_deadline_set(*, round: str, submission_deadline, user) -> RoundDeadline:
    deadline, _created = RoundDeadline.objects.update_or_create(
        round=round, defaults={"submission_deadline": submission_deadline, "set_by": user}
    )
    return deadline
