"""Writes that touch several models: starting a plan, saving an action with its links,
choosing gaps, notes and comments. Callers check access first (plans/access.py) and pass
values already validated against the country's institutions and the framework's indicators
(the forms and the workbook import restrict their choices to those)."""

from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from assessment.models import Assessment
from frameworks.models import Indicator

from .models import Action, ActionComment, Institution, Plan, PlannedGap, Problem, ProgressNote

EMPTY_TEXT = _("The text is empty.")


class StaleAction(Exception):
    """The action changed since the user loaded it; `current` is what is saved now."""

    def __init__(self, current: Action):
        super().__init__("stale action")
        self.current = current


@dataclass(frozen=True)
class ActionData:
    """The values of an action as a user gives them; the problem by its text."""

    problem: str
    description: str
    impact: str
    expected_result: str = ""
    duration_months: int | None = None
    start_semester: str = ""
    budget_amount: Decimal | None = None
    budget_currency: str = ""
    status: str = Action.Status.PLANNED
    stakeholder_ids: frozenset[int] = field(default_factory=frozenset)
    indicator_ids: frozenset[int] = field(default_factory=frozenset)
    recommendation_ids: frozenset[int] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        object.__setattr__(self, "problem", " ".join(self.problem.split()))
        for name in ("stakeholder_ids", "indicator_ids", "recommendation_ids"):
            object.__setattr__(self, name, frozenset(getattr(self, name)))

    def to_payload(self) -> dict:
        """As JSON-friendly data, e.g. to keep in the session between a preview and apply."""
        payload = asdict(self)
        payload["budget_amount"] = None if self.budget_amount is None else str(self.budget_amount)
        for name in ("stakeholder_ids", "indicator_ids", "recommendation_ids"):
            payload[name] = sorted(payload[name])
        return payload

    @classmethod
    def from_payload(cls, payload: dict) -> "ActionData":
        amount = payload["budget_amount"]
        return cls(**{**payload, "budget_amount": None if amount is None else Decimal(amount)})

    @classmethod
    def of(cls, action: Action) -> "ActionData":
        """What is saved now, to compare with a change (M2M read from prefetches if any)."""
        return cls(
            problem=action.problem.text, description=action.description, impact=action.impact,
            expected_result=action.expected_result, duration_months=action.duration_months,
            start_semester=action.start_semester, budget_amount=action.budget_amount,
            budget_currency=action.budget_currency, status=action.status,
            stakeholder_ids=frozenset(s.pk for s in action.stakeholders.all()),
            indicator_ids=frozenset(i.pk for i in action.indicators.all()),
            recommendation_ids=frozenset(t.pk for t in action.government_recommendations.all()),
        )  # fmt: skip


SCALAR_FIELDS = ("description", "impact", "expected_result", "duration_months",
                 "start_semester", "budget_amount", "budget_currency", "status")  # fmt: skip


def plan_get_or_create(*, assessment: Assessment, user=None) -> Plan:
    plan = Plan.objects.filter(assessment=assessment).first()
    if plan is None:
        plan = Plan(assessment=assessment, created_by=user)
        plan._history_user = user
        plan.save()
    plan.assessment = assessment
    return plan


@transaction.atomic
def plan_vision_save(*, assessment: Assessment, vision: str, language: str, user) -> Plan:
    plan = plan_get_or_create(assessment=assessment, user=user)
    if (plan.vision, plan.vision_language) != (vision, language):
        plan.vision, plan.vision_language = vision, language
        plan._history_user = user
        plan.save()
    return plan


@transaction.atomic
def gap_select(*, assessment: Assessment, indicator: Indicator, user, selected: bool) -> Plan:
    """Choose (or no longer choose) to act on the gap of one indicator."""
    plan = plan_get_or_create(assessment=assessment, user=user)
    existing = PlannedGap.objects.filter(plan=plan, indicator=indicator).first()
    if selected and existing is None:
        gap = PlannedGap(plan=plan, indicator=indicator, selected_by=user)
        gap._history_user = user
        gap.save()
    elif not selected and existing is not None:
        existing._history_user = user
        existing.delete()
    return plan


def _problem_for(plan: Plan, text: str, user) -> Problem:
    """The plan's problem with this text, created at the end of the list if new."""
    problem = Problem.objects.filter(plan=plan, text=text).first()
    if problem is None:
        last = Problem.objects.filter(plan=plan).aggregate(last=Max("order"))["last"]
        problem = Problem(plan=plan, text=text, order=(last or 0) + 1)
        problem._history_user = user
        problem.save()
    return problem


def _drop_if_empty(problem: Problem, user) -> None:
    if not problem.actions.exists():
        problem._history_user = user
        problem.delete()


def _set_links(action: Action, data: ActionData) -> None:
    action.stakeholders.set(data.stakeholder_ids)
    action.indicators.set(data.indicator_ids)
    action.government_recommendations.set(data.recommendation_ids)


def _select_gaps_of(plan: Plan, indicator_ids, user) -> None:
    """An action on an indicator means the team acts on its gap."""
    chosen = set(PlannedGap.objects.filter(plan=plan).values_list("indicator_id", flat=True))
    for indicator_id in sorted(set(indicator_ids) - chosen):
        gap = PlannedGap(plan=plan, indicator_id=indicator_id, selected_by=user)
        gap._history_user = user
        gap.save()


@transaction.atomic
def action_create(*, assessment: Assessment, data: ActionData, user) -> Action:
    plan = plan_get_or_create(assessment=assessment, user=user)
    problem = _problem_for(plan, data.problem, user)
    last = problem.actions.aggregate(last=Max("order"))["last"]
    action = Action(problem=problem, order=(last or 0) + 1, created_by=user, updated_by=user,
                    **{name: getattr(data, name) for name in SCALAR_FIELDS})  # fmt: skip
    action._history_user = user
    action.save()
    _set_links(action, data)
    _select_gaps_of(plan, data.indicator_ids, user)
    return action


@transaction.atomic
def action_update(*, action: Action, data: ActionData, base_version: int, user) -> Action:
    """Save a change unless somebody saved the action since `base_version` (StaleAction);
    a change that changes nothing saves nothing."""
    current = Action.objects.select_for_update().select_related("problem__plan").get(pk=action.pk)
    if current.version != base_version:
        raise StaleAction(current)
    if ActionData.of(current) == data:
        return current
    old_problem = current.problem
    current.problem = _problem_for(old_problem.plan, data.problem, user)
    for name in SCALAR_FIELDS:
        setattr(current, name, getattr(data, name))
    current.version += 1
    current.updated_by = user
    current._history_user = user
    current.save()
    _set_links(current, data)
    _select_gaps_of(old_problem.plan, data.indicator_ids, user)
    if current.problem != old_problem:
        _drop_if_empty(old_problem, user)
    return current


@transaction.atomic
def action_delete(*, action: Action, user) -> None:
    problem = action.problem
    action._history_user = user
    action.delete()
    _drop_if_empty(problem, user)


def progress_note_add(*, action: Action, user, date: date, body: str) -> ProgressNote:
    if not body.strip():
        raise ValueError(EMPTY_TEXT)
    note = ProgressNote(action=action, author=user, date=date, body=body.strip())
    note._history_user = user
    note.save()
    return note


def action_comment_add(*, action: Action, user, body: str) -> ActionComment:
    if not body.strip():
        raise ValueError(EMPTY_TEXT)
    comment = ActionComment(action=action, author=user, body=body.strip())
    comment._history_user = user
    comment.save()
    return comment


def institution_create(*, country, name: str, acronym: str, kind: str, user=None) -> Institution:
    institution = Institution(
        country=country, name=" ".join(name.split()), acronym=acronym.strip(), kind=kind
    )
    institution._history_user = user
    institution.save()
    return institution
