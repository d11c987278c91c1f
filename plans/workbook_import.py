"""A filled-in plan workbook read back: the checks and the preview of changes.

As for the assessment workbook (assessment/workbook_import.py, whose file checks and
`Problem` this module reuses): the whole workbook is checked at once and every problem is
reported with its sheet and row in the user's language; nothing is saved until the user
applies the previewed changes (plans.workbook.workbook_apply, one transaction).
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from openpyxl.workbook import Workbook

from assessment.workbook import clean_text
from assessment.workbook_import import (
    LAST_READ_ROW,
    MISSING_SHEET,
    WRONG_COUNTRY,
    WRONG_FRAMEWORK,
    WRONG_ROUND,
    WorkbookInvalid,
    meta_values,
)
from assessment.workbook_import import Problem as SheetProblem
from frameworks.models import Indicator, Tag

from .budget import format_money
from .forms import seed_tags
from .models import (
    MAX_DURATION_MONTHS,
    PROBLEM_MAX_LENGTH,
    Action,
    Institution,
    Plan,
    currency_problem,
)
from .report import babel_locale
from .semesters import is_semester
from .services import ActionData
from .workbook import (
    ACTIONS_SHEET,
    FIRST_ROW,
    INSTRUCTIONS_SHEET,
    META_ROWS,
    META_VALUE_COLUMN,
    Column,
    recommendation_number,
)
from .workbook_practices import practice_changes

NO_META = gettext_lazy(
    "The Instructions sheet does not say which plan this workbook belongs to: download a new "
    "workbook from the plan page."
)
UNKNOWN_ACTION = gettext_lazy(
    "Unknown id %(id)s: this row does not come from this plan. Leave the id empty for a new action."
)
DUPLICATE_ACTION = gettext_lazy("The action with id %(id)s appears twice (also in row %(row)s).")
BAD_VERSION = gettext_lazy(
    "The hidden version of this row is missing or was changed: download a new workbook."
)
VERSION_AHEAD = gettext_lazy(
    "This row does not come from this plan (its version is newer than the saved one): "
    "download a new workbook."
)
MISSING_PROBLEM = gettext_lazy("Write the problem or practice this action addresses.")
PROBLEM_TOO_LONG = gettext_lazy("The problem or practice is longer than %(max)s characters.")
MISSING_ACTION = gettext_lazy("Write the action.")
UNKNOWN_IMPACT = gettext_lazy("Unknown impact %(value)s: use one of %(choices)s.")
UNKNOWN_STATUS = gettext_lazy("Unknown status %(value)s: use one of %(choices)s.")
BAD_DURATION = gettext_lazy(
    "The duration %(value)s is not a whole number of months from 1 to %(max)s."
)
BAD_START = gettext_lazy(
    "Unknown start %(value)s: write the year, a dash and the half-year, e.g. 2027-1 or 2027-2."
)
UNKNOWN_INSTITUTION = gettext_lazy(
    "Unknown institution %(name)s: use a name or acronym from the sheet Institutions (add "
    "new institutions on the plan's Institutions page first)."
)
BAD_AMOUNT = gettext_lazy(
    "The budget %(value)s is not an amount: write a number without a currency sign, e.g. "
    "800000 or 1250.50."
)
UNKNOWN_INDICATOR = gettext_lazy(
    "Unknown indicator %(code)s: use the indicator codes of the framework, e.g. 6.1.1.a."
)
UNKNOWN_RECOMMENDATION = gettext_lazy(
    "Unknown recommendation to governments %(value)s: use the numbers 1 to 7."
)
MAX_AMOUNT = Decimal("1e14")
SEPARATORS = (";", "\n", ",", " ")


@dataclass(frozen=True)
class FieldChange:
    label: str
    online: str
    workbook: str


@dataclass(frozen=True)
class RowChange:
    """A new action, or an action the workbook would change, for the preview."""

    action_id: int | None
    row: int
    description: str
    base_version: int
    conflict: bool
    fields: tuple[FieldChange, ...]
    data: ActionData

    @property
    def is_new(self) -> bool:
        return self.action_id is None


@dataclass(frozen=True)
class Lookups:
    """Cell text (case-folded) -> what it names, for this plan's country and framework."""

    impacts: dict[str, str]
    statuses: dict[str, str]
    institutions: dict[str, int]
    indicators: dict[str, int]
    recommendations: dict[str, int]


def lookups_for(assessment) -> Lookups:
    institutions = {}
    for institution in Institution.objects.filter(country_id=assessment.country_id):
        institutions.setdefault(institution.acronym.casefold(), institution.pk)
        institutions[institution.name.casefold()] = institution.pk
    institutions.pop("", None)
    indicators = Indicator.objects.filter(
        recommendation__area__framework_id=assessment.framework_id
    ).values_list("code", "pk")
    tags = seed_tags(assessment.framework_id)
    return Lookups(
        impacts=_choice_lookup(Action.Impact), statuses=_choice_lookup(Action.Status),
        institutions=institutions, indicators={c.casefold(): pk for c, pk in indicators},
        recommendations={key: tag.pk for tag in tags
                         for key in (tag.code, recommendation_number(tag.code))},
    )  # fmt: skip


def _choice_lookup(choices) -> dict[str, str]:
    """Codes, and labels in every language of the site, so that a workbook downloaded in
    French can be uploaded by a colleague working in English."""
    lookup = {code.casefold(): code for code in choices.values}
    for language, _name in settings.LANGUAGES:
        with override(language):
            lookup.update({str(label).casefold(): code for code, label in choices.choices})
    return lookup


def workbook_changes(book: Workbook, *, assessment, plan: Plan | None) -> list[RowChange]:
    """The actions the workbook would create or change; raises WorkbookInvalid listing
    every problem."""
    problems = _meta_problems(book, assessment)
    if ACTIONS_SHEET not in book.sheetnames:
        problems.append(SheetProblem(MISSING_SHEET % {"sheet": ACTIONS_SHEET}))
    if problems:
        raise WorkbookInvalid(problems)
    saved = {a.pk: a for a in _saved_actions(plan)}
    lookups = lookups_for(assessment)
    # As for the assessment: at most MAX_ROWS_PER_SHEET rows (config/spreadsheets.py).
    cells = book[ACTIONS_SHEET].iter_rows(min_row=FIRST_ROW, max_row=LAST_READ_ROW,
                                          max_col=len(Column), values_only=True)  # fmt: skip
    changes, seen = [], {}
    for number, values in enumerate(cells, start=FIRST_ROW):
        cell = dict(zip(Column, tuple(values) + (None,) * len(Column), strict=False))
        if not any(_text(cell[c]) for c in Column if c not in (Column.ID, Column.VERSION)):
            continue
        row_problems = []
        data = _read_data(cell, lookups, row_problems)
        action_id = _read_identity(cell, saved, seen, number, row_problems)
        problems += [SheetProblem(str(m), ACTIONS_SHEET, number) for m in row_problems]
        if not row_problems:
            change = _row_change(number, data, saved.get(action_id), _as_int(cell[Column.VERSION]))
            changes += [change] if change else []
    if problems:
        raise WorkbookInvalid(problems)
    return changes


def workbook_read(book: Workbook, *, assessment, plan: Plan | None):
    """(the action changes, the practice changes) of the workbook; raises WorkbookInvalid
    listing every problem of both sheets."""
    try:
        changes, problems = workbook_changes(book, assessment=assessment, plan=plan), []
    except WorkbookInvalid as invalid:
        changes, problems = [], list(invalid.problems)
    practices, practice_problems = practice_changes(book, plan)
    if problems or practice_problems:
        raise WorkbookInvalid(problems + practice_problems)
    return changes, practices


def _saved_actions(plan: Plan | None) -> list[Action]:
    if plan is None:
        return []
    return list(Action.objects.filter(problem__plan=plan).for_display())


def _meta_problems(book: Workbook, assessment) -> list[SheetProblem]:
    if INSTRUCTIONS_SHEET not in book.sheetnames:
        return [SheetProblem(MISSING_SHEET % {"sheet": INSTRUCTIONS_SHEET})]
    values = meta_values(book, META_ROWS, sheet=INSTRUCTIONS_SHEET, column=META_VALUE_COLUMN)
    meta = {key: _text(value) for key, value in values.items()}
    if not (meta["country"] and meta["round"] and meta["framework"]):
        return [SheetProblem(str(NO_META), INSTRUCTIONS_SHEET)]
    checks = [
        ("country", meta["country"].upper(), assessment.country.iso3, WRONG_COUNTRY),
        ("round", meta["round"], assessment.round, WRONG_ROUND),
        ("framework", meta["framework"], assessment.framework.slug, WRONG_FRAMEWORK),
    ]
    return [
        SheetProblem(message % {"workbook": mine, "assessment": theirs}, INSTRUCTIONS_SHEET,
                     META_ROWS[key])
        for key, mine, theirs, message in checks
        if mine != theirs
    ]  # fmt: skip


def _read_identity(cell, saved: dict, seen: dict, number: int, problems: list) -> int | None:
    """The id of the saved action the row changes, or None for a new action."""
    text = _text(cell[Column.ID])
    if not text:
        return None
    action_id = _as_int(cell[Column.ID])
    if action_id not in saved:
        problems.append(UNKNOWN_ACTION % {"id": text})
        return None
    if action_id in seen:
        problems.append(DUPLICATE_ACTION % {"id": action_id, "row": seen[action_id]})
    seen.setdefault(action_id, number)
    version = _as_int(cell[Column.VERSION])
    if version is None:
        problems.append(BAD_VERSION)
    elif version > saved[action_id].version:
        problems.append(VERSION_AHEAD)
    return action_id


def _read_data(cell, lookups: Lookups, problems: list) -> ActionData | None:
    problem, description = _text(cell[Column.PROBLEM]), _text(cell[Column.ACTION])
    if not problem:
        problems.append(MISSING_PROBLEM)
    elif len(problem) > PROBLEM_MAX_LENGTH:
        problems.append(PROBLEM_TOO_LONG % {"max": PROBLEM_MAX_LENGTH})
    if not description:
        problems.append(MISSING_ACTION)
    amount = _amount(cell[Column.BUDGET], problems)
    currency = _text(cell[Column.CURRENCY]).upper()
    money_problem = currency_problem(amount, currency)
    if money_problem and not (amount is None and _text(cell[Column.BUDGET])):
        problems.append(money_problem)
    data = dict(
        problem=problem, description=description,
        impact=_choice(cell[Column.IMPACT], lookups.impacts, Action.Impact, UNKNOWN_IMPACT,
                       problems),
        expected_result=_text(cell[Column.RESULT]),
        duration_months=_duration(cell[Column.DURATION], problems),
        start_semester=_semester(cell[Column.START], problems),
        budget_amount=amount, budget_currency=currency,
        status=_choice(cell[Column.STATUS], lookups.statuses, Action.Status, UNKNOWN_STATUS,
                       problems, default=Action.Status.PLANNED),
        stakeholder_ids=_names(cell[Column.RESPONSIBLE], lookups.institutions,
                               UNKNOWN_INSTITUTION, "name", problems, separators=(";", "\n")),
        indicator_ids=_names(cell[Column.INDICATORS], lookups.indicators, UNKNOWN_INDICATOR,
                             "code", problems),
        recommendation_ids=_names(cell[Column.RECOMMENDATIONS], lookups.recommendations,
                                  UNKNOWN_RECOMMENDATION, "value", problems),
    )  # fmt: skip
    return None if problems else ActionData(**data)


def _text(value) -> str:
    """A cell as text; 2026.0 (a number retyped in a spreadsheet) is "2026"."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_text(value)


def _as_int(value) -> int | None:
    text = _text(value)
    return int(text) if text.isascii() and text.isdigit() and len(text) < 19 else None


def _choice(value, lookup, choices, message, problems, default=None) -> str:
    text = _text(value)
    if not text and default is not None:
        return default
    if text.casefold() not in lookup:
        labels = ", ".join(str(label) for label in choices.labels)
        problems.append(message % {"value": text or "—", "choices": labels})
        return ""
    return lookup[text.casefold()]


def _duration(value, problems) -> int | None:
    text = _text(value)
    if not text:
        return None
    months = _as_int(value)
    if months is None or not 1 <= months <= MAX_DURATION_MONTHS:
        problems.append(BAD_DURATION % {"value": text, "max": MAX_DURATION_MONTHS})
    return months


def _semester(value, problems) -> str:
    """ "2027-1"; a spreadsheet that read 2027-1 or 2027-2 as a date gives 1 January or
    1 February 2027, taken back as the semester typed."""
    if isinstance(value, date | datetime) and value.day == 1 and value.month in (1, 2):
        return f"{value.year}-{value.month}"
    text = _text(value)
    if text and not is_semester(text):
        problems.append(BAD_START % {"value": text})
    return text


def _amount(value, problems) -> Decimal | None:
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        amount = Decimal(str(value))
    else:
        text = _text(value).replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
        if not text:
            return None
        try:
            amount = Decimal(text)
        except InvalidOperation:
            amount = None
    if amount is None or not amount.is_finite() or amount < 0 or amount >= MAX_AMOUNT:
        problems.append(BAD_AMOUNT % {"value": _text(value)})
        return None
    return amount.quantize(Decimal("0.01"))


def _names(value, lookup, message, key, problems, separators=SEPARATORS) -> frozenset[int]:
    text = _text(value)
    for separator in separators:
        text = text.replace(separator, "\n")
    found = set()
    for name in filter(None, (part.strip() for part in text.split("\n"))):
        name = name.removesuffix(".0") if key == "value" else name
        if name.casefold() in lookup:
            found.add(lookup[name.casefold()])
        else:
            problems.append(message % {key: name})
    return frozenset(found)


def _row_change(number, data: ActionData, saved: Action | None, version) -> RowChange | None:
    before = ActionData.of(saved) if saved else None
    if before == data:
        return None
    names = _display_names(saved, data)
    online = display_values(before, names) if before else {}
    wanted = display_values(data, names)
    fields = tuple(
        FieldChange(label, online.get(label, ""), text)
        for label, text in wanted.items()
        if online.get(label, "") != text
    )
    return RowChange(
        action_id=saved.pk if saved else None, row=number, description=data.description,
        base_version=saved.version if saved else 0,
        conflict=bool(saved) and version is not None and version < saved.version,
        fields=fields, data=data,
    )  # fmt: skip


def _display_names(saved: Action | None, data: ActionData) -> dict[str, dict[int, str]]:
    """Names of the linked objects, by pk, for the preview (three queries)."""
    institutions = dict(
        Institution.objects.filter(pk__in=data.stakeholder_ids).values_list("pk", "name")
    )
    indicators = dict(Indicator.objects.filter(pk__in=data.indicator_ids).values_list("pk", "code"))
    tags = dict(Tag.objects.filter(pk__in=data.recommendation_ids).values_list("pk", "code"))
    if saved:
        institutions.update({s.pk: s.name for s in saved.stakeholders.all()})
        indicators.update({i.pk: i.code for i in saved.indicators.all()})
        tags.update({t.pk: t.code for t in saved.government_recommendations.all()})
    numbers = {pk: recommendation_number(code) for pk, code in tags.items()}
    return {"institutions": institutions, "indicators": indicators, "recommendations": numbers}


def display_values(data: ActionData, names: dict) -> dict[str, str]:
    """The action's values as the preview shows them, by field label."""
    amount = data.budget_amount
    money = format_money(amount, data.budget_currency, babel_locale()) if amount is not None else ""
    return {
        _("Problem or practice"): data.problem,
        _("Action"): data.description,
        _("Impact"): str(Action.Impact(data.impact).label) if data.impact else "",
        _("Expected result"): data.expected_result,
        _("Duration (months)"): str(data.duration_months or ""),
        _("Start (semester)"): data.start_semester,
        _("Responsible"): "; ".join(sorted(names["institutions"].get(pk, "?")
                                           for pk in data.stakeholder_ids)),
        _("Budget"): money,
        _("Status"): str(Action.Status(data.status).label) if data.status else "",
        _("Indicators"): ", ".join(sorted(names["indicators"].get(pk, "?")
                                          for pk in data.indicator_ids)),
        _("Recommendations to governments"): ", ".join(sorted(
            names["recommendations"].get(pk, "?") for pk in data.recommendation_ids)),
    }  # fmt: skip


def changes_payload(changes: list[RowChange]) -> list[dict]:
    """What workbook_apply needs, as plain data kept in the session until the apply."""
    return [
        {"action_id": c.action_id, "row": c.row, "base_version": c.base_version,
         "conflict": c.conflict, "data": c.data.to_payload()}
        for c in changes
    ]  # fmt: skip
