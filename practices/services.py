"""Writes of the practices app: a draft plan action made from a peer's example."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from assessment.models import Assessment
from frameworks.models import Indicator
from plans.models import PROBLEM_MAX_LENGTH, Action
from plans.services import ActionData, action_create

from .peers import PeerExample


def legal_reference_text(evidence) -> str:
    """ "Mining Code, art. 12 (3 May 2016)": instrument (or title), article, date."""
    text = evidence.instrument or evidence.title
    if evidence.article:
        text = _("%(instrument)s, %(article)s") % {"instrument": text, "article": evidence.article}
    if evidence.date:
        text = f"{text} ({date_format(evidence.date, 'DATE_FORMAT')})"
    return text


def peer_action_create(
    *, assessment: Assessment, indicator: Indicator, example: PeerExample, user
) -> Action:
    """A planned action on `indicator` in the plan of `assessment`, worded in the user's
    language after the peer's example; the team then completes it (cost, timing, who)."""
    references = "; ".join(legal_reference_text(e) for e in example.legal_references)
    values = {"country": example.country.name, "round": example.assessment.round}
    if references:
        values["references"] = references
        description = _("Adapt %(country)s's practice (round %(round)s): %(references)s.")
    else:
        description = _("Adapt %(country)s's practice (round %(round)s).")
    problem = f"{indicator.code} {indicator.statement}"
    if len(problem) > PROBLEM_MAX_LENGTH:
        problem = problem[: PROBLEM_MAX_LENGTH - 1] + "…"
    data = ActionData(
        problem=problem,
        description=description % values,
        impact=Action.Impact.HIGH,
        expected_result=_("%(code)s reaches at least “%(level)s”.")
        % {"code": indicator.code, "level": example.response.level.label},
        indicator_ids=frozenset({indicator.pk}),
    )
    return action_create(assessment=assessment, data=data, user=user)
