"""What the plan page, its exports and the PDF report show of a plan, gathered once.

`plan_report_context(plan)` is shared by the HTML plan page and the PDF chapter
(`templates/plans/report_chapter.html`): the vision, the actions grouped by problem in the
layout of docs/action-plans.md, and the budget totals per currency, year, area and stakeholder.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext as _

from assessment.scores import titles_of

from .budget import (
    BudgetLine,
    Totals,
    format_money,
    totals_by_area,
    totals_by_currency,
    totals_by_stakeholder,
    totals_by_year,
)
from .models import Action, Plan
from .timeline import Timeline, TimelineRow, timeline, timeline_svg

NO_VALUE = "—"


@dataclass(frozen=True)
class ProblemGroup:
    """A problem and its actions: one block of rows of the plan table."""

    number: int
    text: str
    actions: list[Action]


@dataclass(frozen=True)
class BudgetTable:
    """Totals of one breakdown: a row per key, a column per currency, amounts formatted."""

    title: str
    key_title: str
    currencies: list[str]
    rows: list[tuple[str, list[str]]]


def babel_locale() -> str:
    """The active language as a Babel locale, e.g. "pt" or "en"."""
    return to_locale(get_language() or settings.LANGUAGE_CODE)


def plan_actions(plan: Plan, *, pk: int | None = None) -> list[Action]:
    """The plan's actions (or the one with `pk`) in its order, with what the table shows
    (four queries)."""
    actions = Action.objects.filter(problem__plan=plan).for_display()
    return list(actions.filter(pk=pk) if pk is not None else actions)


def problem_groups(actions: list[Action]) -> list[ProblemGroup]:
    groups: dict[int, ProblemGroup] = {}
    for action in actions:
        if action.problem_id not in groups:
            groups[action.problem_id] = ProblemGroup(len(groups) + 1, action.problem.text, [])
        group = groups[action.problem_id]
        group.actions.append(action)
        action.number = f"{group.number}.{len(group.actions)}"
    return list(groups.values())


def budget_lines(actions: list[Action]) -> list[BudgetLine]:
    """The budgeted actions as the budget maths needs them (dropped actions left out)."""
    return [
        BudgetLine(
            amount=action.budget_amount,
            currency=action.budget_currency,
            start_semester=action.start_semester,
            duration_months=action.duration_months,
            areas=tuple(sorted({i.recommendation.area.code for i in action.indicators.all()})),
            stakeholders=tuple(s.short_name for s in action.stakeholders.all()),
        )
        for action in actions
        if action.budget_amount is not None and action.status != Action.Status.DROPPED
    ]


def budget_tables(actions: list[Action], area_titles: dict[str, str]) -> dict[str, BudgetTable]:
    lines = budget_lines(actions)
    locale = babel_locale()
    overall = {_("All actions"): totals_by_currency(lines)} if lines else {}
    by_year = _labelled(totals_by_year(lines), _("Not scheduled"))
    by_area = _labelled(totals_by_area(lines), _("No indicator linked"), area_titles)
    return {
        "currency": _table(_("Total"), "", overall, locale),
        "year": _table(_("Per year"), _("Year"), by_year, locale),
        "area": _table(_("Per area"), _("Area"), by_area, locale),
        "stakeholder": _table(
            _("Per stakeholder"),
            _("Responsible"),
            _labelled(totals_by_stakeholder(lines), _("Nobody named")),
            locale,
        ),  # fmt: skip
    }


def _labelled(totals: Totals, none_label: str, titles: dict | None = None) -> dict:
    def label(key) -> str:
        if key is None:
            return none_label
        return f"{key} {titles[key]}" if titles and key in titles else str(key)

    return {label(key): amounts for key, amounts in totals.items()}


def _table(title: str, key_title: str, totals: dict, locale: str) -> BudgetTable:
    currencies = sorted({currency for amounts in totals.values() for currency in amounts})
    rows = [
        (key, [format_money(amounts[c], c, locale) if c in amounts else NO_VALUE
               for c in currencies])
        for key, amounts in totals.items()
    ]  # fmt: skip
    return BudgetTable(title, key_title, currencies, rows)


def timeline_rows(actions: list[Action]) -> list[TimelineRow]:
    return [
        TimelineRow(
            problem=action.problem.text,
            action=action.description,
            start_semester=action.start_semester,
            duration_months=action.duration_months,
            status=action.status,
            status_label=action.get_status_display(),
            responsible=", ".join(s.short_name for s in action.stakeholders.all()),
        )  # fmt: skip
        for action in actions
    ]


def plan_timeline(actions: list[Action]) -> Timeline:
    return timeline(timeline_rows(actions), title=_("Timeline of the actions"))


def plan_timeline_svg(actions: list[Action]) -> str:
    """The timeline as vector SVG for the report ("" when nothing is scheduled)."""
    return timeline_svg(timeline_rows(actions), title=_("Timeline of the actions"))


def acronyms(actions: list[Action]) -> list[tuple[str, str]]:
    """(acronym, full name) of the institutions responsible for the actions, alphabetical,
    each once; an institution whose short name is its name needs no entry."""
    names = {
        institution.short_name: institution.name
        for action in actions
        for institution in action.stakeholders.all()
        if institution.short_name and institution.short_name != institution.name
    }
    return sorted(names.items(), key=lambda item: item[0].casefold())


def budget_text(action: Action) -> str:
    """The action's budget in the active language's format, or "—"."""
    if action.budget_amount is None:
        return NO_VALUE
    return format_money(action.budget_amount, action.budget_currency, babel_locale())


def plan_report_context(plan: Plan) -> dict:
    """Everything the plan chapter shows; `plan.assessment` should be loaded with its
    country and framework (as the access helpers load it)."""
    actions = plan_actions(plan)
    for action in actions:
        action.budget_text = budget_text(action)
    area_titles = titles_of(plan.assessment.framework).areas
    return {
        "plan": plan,
        "assessment": plan.assessment,
        "actions": actions,
        "groups": problem_groups(actions),
        "budget": budget_tables(actions, area_titles),
        "has_budget": any(action.budget_amount is not None for action in actions),
        "acronyms": acronyms(actions),
    }
