"""The one place where access to action plans is decided, on top of assessment.access.

A plan follows its assessment: nobody without a role in the country learns it exists (404),
except that anybody signed in may read the plan of a published assessment. The country's
team (focal points and contributors) changes the plan whatever the assessment's status (a
plan is carried out over years, after the assessment was validated); IGF analysts and
administrators read it and comment on its actions; readers only read.
"""

from typing import NamedTuple

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from accounts.roles import MINISTRY_ROLES, PARTICIPANT_ROLES, Role
from assessment.access import get_assessment_for_user
from assessment.models import Assessment

from .models import Action, Plan

ONLY_MINISTRY_PLANS = _(
    "Only the country's own team changes its action plan; IGF analysts read and comment."
)


class PlanAccess(NamedTuple):
    """An assessment, its plan (None until the team starts it) and the user's role."""

    assessment: Assessment
    plan: Plan | None
    role: Role

    @property
    def can_edit(self) -> bool:
        return self.role in MINISTRY_ROLES

    @property
    def can_comment(self) -> bool:
        """Comments, progress discussion and history stay with the country team and IGF."""
        return self.role in PARTICIPANT_ROLES


def get_plan_for_user(user, pk: int, *, allow_reader: bool = False) -> PlanAccess:
    """The plan of assessment `pk`; 404 without a role in its country (see the module)."""
    assessment, role = get_assessment_for_user(user, pk, allow_reader=allow_reader)
    plan = Plan.objects.filter(assessment=assessment).first()
    if plan is not None:
        plan.assessment = assessment
    return PlanAccess(assessment, plan, role)


def get_editable_plan_for_user(user, pk: int) -> PlanAccess:
    """As above, and the user may change the plan (403 otherwise)."""
    access = get_plan_for_user(user, pk)
    ensure_can_edit_plan(access.role)
    return access


def ensure_can_edit_plan(role: Role) -> None:
    if role not in MINISTRY_ROLES:
        raise PermissionDenied(ONLY_MINISTRY_PLANS)


def get_action_for_user(
    user, pk: int, action_pk: int, *, allow_reader: bool = False
) -> tuple[Action, PlanAccess]:
    """One action of the plan of assessment `pk`; 404 when it is not in that plan."""
    access = get_plan_for_user(user, pk, allow_reader=allow_reader)
    if access.plan is None:
        raise Http404("No plan")
    action = (
        Action.objects.select_related("problem", "created_by", "updated_by")
        .filter(pk=action_pk, problem__plan=access.plan)
        .first()
    )
    if action is None:
        raise Http404("No such action")
    action.problem.plan = access.plan
    return action, access


def get_editable_action_for_user(user, pk: int, action_pk: int) -> tuple[Action, PlanAccess]:
    action, access = get_action_for_user(user, pk, action_pk)
    ensure_can_edit_plan(access.role)
    return action, access
