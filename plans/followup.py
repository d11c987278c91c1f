"""Follow-up between rounds: what the previous round's plan did about each indicator, and
the rating the indicator had when that plan was made."""

import copy

from assessment.models import Assessment
from assessment.rounds import NOT_APPLICABLE, ratings_of
from assessment.scores import titles_of

from .models import Action, Plan


def previous_plan(assessment: Assessment, *, user) -> Plan | None:
    """The plan of the country's latest earlier round that has one, of an assessment that
    `user` may read (None: an anonymous visitor)."""
    readable = Assessment.objects.readable_by(user).earlier_rounds_of(assessment)
    plans = Plan.objects.filter(assessment__in=readable).select_related("assessment__framework")
    return plans.order_by("-assessment__round").first()


def actions_by_indicator(
    assessment: Assessment, *, user, known_ratings: dict | None = None
) -> dict[str, list[Action]]:
    """{indicator code: the previous plan's actions on it}, in the plan's order.

    Each action in a list is a copy annotated for that indicator: `plan_round` (the round of
    the plan), `rating_then` (the level code in that round, "na" or None) and
    `rating_then_label`. Four queries, whatever the number of actions (a few more when the
    plan was made on an earlier version of the framework). `known_ratings` {assessment pk:
    assessment.rounds.ratings_of(it)}: ratings the page has read already, not read again.
    """
    plan = previous_plan(assessment, user=user)
    if plan is None:
        return {}
    # A plan made on an earlier version of the framework follows its indicators through the
    # crosswalk: an action on an indicator that was split shows on each of its parts.
    earlier = plan.assessment.framework
    same = earlier.pk == assessment.framework_id
    lineage = {} if same else assessment.framework.descendant_codes(earlier) or {}
    ratings = _ratings(plan.assessment, (known_ratings or {}).get(plan.assessment.pk))
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
            for code in [indicator.code] if same else lineage.get(indicator.code, ()):
                result.setdefault(code, []).append(annotated)
    return result


def _ratings(assessment: Assessment, known: dict | None) -> dict[str, tuple[int | str | None, str]]:
    labels = titles_of(assessment.framework).levels
    ratings = ratings_of(assessment) if known is None else known
    return {
        code: (NOT_APPLICABLE, "") if level == NOT_APPLICABLE else (level, labels.get(level, ""))
        for code, level in ratings.items()
    }
