"""Follow-up between rounds: what the previous round's plan did about each indicator, and
the rating the indicator had when that plan was made."""

import copy

from assessment.models import Assessment
from assessment.roles import role_in_country
from assessment.scores import titles_of

from .models import Action, Plan

NOT_APPLICABLE = "na"


def previous_plan(assessment: Assessment, *, user=None) -> Plan | None:
    """The plan of the country's latest earlier round that has one. With `user`, only a plan
    that user may read (their country, IGF, or a published assessment)."""
    plans = Plan.objects.filter(
        assessment__country_id=assessment.country_id, assessment__round__lt=assessment.round
    ).select_related("assessment__framework")
    if user is not None and role_in_country(user, assessment.country_id) is None:
        plans = plans.filter(assessment__status=Assessment.Status.PUBLISHED)
    return plans.order_by("-assessment__round").first()


def actions_by_indicator(assessment: Assessment, *, user=None) -> dict[str, list[Action]]:
    """{indicator code: the previous plan's actions on it}, in the plan's order.

    Each action in a list is a copy annotated for that indicator: `plan_round` (the round of
    the plan), `rating_then` (the level code in that round, "na" or None) and
    `rating_then_label`. Four queries, whatever the number of actions.
    """
    plan = previous_plan(assessment, user=user)
    if plan is None:
        return {}
    ratings = _ratings(plan.assessment)
    actions = (
        Action.objects.filter(problem__plan=plan)
        .select_related("problem")
        .prefetch_related("indicators")
    )
    result: dict[str, list[Action]] = {}
    for action in actions:
        for indicator in action.indicators.all():
            annotated = copy.copy(action)
            annotated.plan_round = plan.assessment.round
            annotated.rating_then, annotated.rating_then_label = ratings.get(
                indicator.code, (None, "")
            )
            result.setdefault(indicator.code, []).append(annotated)
    return result


def _ratings(assessment: Assessment) -> dict[str, tuple[int | str | None, str]]:
    labels = titles_of(assessment.framework).levels
    rows = assessment.responses.values_list("indicator__code", "level__code", "not_applicable")
    return {
        code: (NOT_APPLICABLE, "") if not_applicable else (level, labels.get(level, ""))
        for code, level, not_applicable in rows
    }
