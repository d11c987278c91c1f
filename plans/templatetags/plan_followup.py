"""On an assessment's pages, what the previous round's plan did about each indicator.

A template tag, so that the assessment app's pages show the plans' follow-up without the
assessment app knowing about plans (apps depend one way: plans on assessment).
"""

from django import template

from plans.followup import actions_by_indicator

register = template.Library()


@register.inclusion_tag("plans/includes/indicator_actions.html", takes_context=True)
def previous_plan_actions(context, assessment, response):
    """The previous plan's actions on the response's indicator, as the page's user may read
    them. Read once per page: four queries, whatever the number of indicators shown."""
    user = context["request"].user
    cached = getattr(assessment, "_previous_plan_actions", None)
    if cached is None or cached[0] != user.pk:
        known = context.get("known_ratings")
        cached = (user.pk, actions_by_indicator(assessment, user=user, known_ratings=known))
        assessment._previous_plan_actions = cached
    return {"actions": cached[1].get(response.indicator.code, []), "response": response}
