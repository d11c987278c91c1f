"""A plan as a spreadsheet: the CSV export, the Excel workbook for offline work, and applying
the changes that workbook_import.py read from a filled-in copy.

The workbook, read back by workbook_import.py through the same constants:

- "Instructions": what to fill, in the user's language, and in column B of fixed rows the
  country, round and framework (checked on upload) and the export time; then the lists of
  impacts, statuses and the 7 recommendations to governments;
- "Actions": a title row, a header row, then one row per action in the plan table's column order
  (problem or practice, impact, action, expected result, duration, start, responsible,
  budget, currency, status, indicators, recommendations). Two hidden columns hold the
  action's id and version: a row without an id is a new action; a row whose action was
  saved online after the export is a conflict, shown in the preview;
- "Institutions": the country's institutions, whose names or acronyms the column
  Responsible uses;
- "Practices": the practices table (plans/workbook_practices.py).

Applying goes through plans.services, so versions and history behave as for an online
save, in one transaction: all the changes or none.
"""

import csv
import io
from datetime import UTC
from enum import IntEnum

from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from assessment.models import Assessment
from assessment.workbook import clean_text
from config.spreadsheets import csv_cell, write_text

from . import services
from .forms import seed_tags
from .models import Action, Institution, Plan
from .report import plan_actions
from .workbook_practices import PRACTICES_SHEET, fill_practices, practice_apply

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
INSTRUCTIONS_SHEET = "Instructions"
ACTIONS_SHEET = "Actions"
INSTITUTIONS_SHEET = "Institutions"
TITLE_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3
META_VALUE_COLUMN = 2
META_ROWS = {"country": 3, "round": 4, "framework": 5, "exported_at": 6}
LIST_SEPARATOR = "; "
SPARE_ROWS = 200  # rows below the actions that keep the lists and the text format
BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="E6F0F2")


class Column(IntEnum):
    ID = 1
    VERSION = 2
    PROBLEM = 3
    IMPACT = 4
    ACTION = 5
    RESULT = 6
    DURATION = 7
    START = 8
    RESPONSIBLE = 9
    BUDGET = 10
    CURRENCY = 11
    STATUS = 12
    INDICATORS = 13
    RECOMMENDATIONS = 14


HIDDEN_COLUMNS = (Column.ID, Column.VERSION)
WIDTHS = {Column.PROBLEM: 32, Column.IMPACT: 11, Column.ACTION: 48, Column.RESULT: 32,
          Column.DURATION: 10, Column.START: 10, Column.RESPONSIBLE: 28, Column.BUDGET: 14,
          Column.CURRENCY: 9, Column.STATUS: 13, Column.INDICATORS: 18,
          Column.RECOMMENDATIONS: 14}  # fmt: skip
WRAPPED = (Column.PROBLEM, Column.ACTION, Column.RESULT, Column.RESPONSIBLE)


class PreviewOutdated(Exception):
    """An action was saved online between the preview and the apply: nothing was saved."""


class PracticeOutdated(PreviewOutdated):
    """A practice can no longer be saved as previewed: nothing was saved."""


def column_headers() -> dict[Column, str]:
    """Headers in the active language; the importer reads columns by position, not by name."""
    return {
        Column.ID: _("Id (do not change)"),
        Column.VERSION: _("Version (do not change)"),
        Column.PROBLEM: _("Problem or practice"),
        Column.IMPACT: _("Impact"),
        Column.ACTION: _("Action"),
        Column.RESULT: _("Expected result"),
        Column.DURATION: _("Duration (months)"),
        Column.START: _("Start (semester)"),
        Column.RESPONSIBLE: _("Responsible"),
        Column.BUDGET: _("Budget"),
        Column.CURRENCY: _("Currency"),
        Column.STATUS: _("Status"),
        Column.INDICATORS: _("Indicators"),
        Column.RECOMMENDATIONS: _("Recommendations to governments"),
    }


def recommendation_number(code: str) -> str:
    """ "seed-3" is written 3."""
    return code.rsplit("-", 1)[-1]


def action_values(action: Action) -> dict[Column, object]:
    """One action's cells, as the workbook and the CSV write them."""
    return {
        Column.ID: action.pk,
        Column.VERSION: action.version,
        Column.PROBLEM: action.problem.text,
        Column.IMPACT: action.get_impact_display(),
        Column.ACTION: action.description,
        Column.RESULT: action.expected_result,
        Column.DURATION: action.duration_months,
        Column.START: action.start_semester,
        Column.RESPONSIBLE: LIST_SEPARATOR.join(s.short_name for s in action.stakeholders.all()),
        Column.BUDGET: action.budget_amount,
        Column.CURRENCY: action.budget_currency,
        Column.STATUS: action.get_status_display(),
        Column.INDICATORS: ", ".join(i.code for i in action.indicators.all()),
        Column.RECOMMENDATIONS: ", ".join(
            recommendation_number(t.code) for t in action.government_recommendations.all()
        ),
    }


def export_filename(assessment: Assessment, extension: str) -> str:
    """E.g. SEN-2026-plan.xlsx."""
    return f"{assessment.country.iso3}-{slugify(assessment.round) or 'round'}-plan.{extension}"


def csv_build(plan: Plan | None) -> bytes:
    """The plan's actions as CSV (UTF-8 with a byte order mark, so that Excel reads accents)."""
    output = io.StringIO()
    writer = csv.writer(output)
    columns = [column for column in Column if column not in HIDDEN_COLUMNS]
    headers = column_headers()
    writer.writerow([csv_cell(headers[column]) for column in columns])
    for action in plan_actions(plan) if plan else []:
        values = action_values(action)
        writer.writerow(["" if values[c] is None else csv_cell(values[c]) for c in columns])
    return ("\ufeff" + output.getvalue()).encode()


def workbook_build(assessment: Assessment, plan: Plan | None) -> bytes:
    """The plan as an .xlsx file in the active language (five queries)."""
    book = Workbook()
    _fill_instructions(book.active, assessment, plan)
    actions = plan_actions(plan) if plan else []
    _fill_actions(book.create_sheet(ACTIONS_SHEET), assessment, actions)
    _fill_institutions(book.create_sheet(INSTITUTIONS_SHEET), assessment)
    fill_practices(book.create_sheet(PRACTICES_SHEET), plan, set_text=_set_text,
                   add_list=_add_list)  # fmt: skip
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def _fill_instructions(sheet, assessment: Assessment, plan: Plan | None) -> None:
    sheet.title = INSTRUCTIONS_SHEET
    sheet["A1"] = _("%(country)s: action plan %(round)s") % {
        "country": assessment.country.name, "round": assessment.round}  # fmt: skip
    sheet["A1"].font = Font(bold=True, size=14)
    meta = {
        "country": (_("Country (ISO3 code)"), assessment.country.iso3),
        "round": (_("Round"), assessment.round),
        "framework": (_("Framework"), assessment.framework.slug),
        "exported_at": (_("Exported at (UTC)"),
                        timezone.now().astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")),
    }  # fmt: skip
    for key, (label, value) in meta.items():
        sheet.cell(META_ROWS[key], 1, label).font = BOLD
        _set_text(sheet.cell(META_ROWS[key], META_VALUE_COLUMN), value)
    row = max(META_ROWS.values()) + 2
    if plan and plan.vision:
        sheet.cell(row, 1, _("Vision")).font = BOLD
        _set_text(sheet.cell(row, 2), plan.vision)
        sheet.cell(row, 2).alignment = Alignment(wrap_text=True, vertical="top")
        row += 2
    for line in _instruction_lines():
        sheet.cell(row, 1, line).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
        sheet.row_dimensions[row].height = 32
        row += 1
    _fill_lists(sheet, row + 1, assessment)
    for letter, width in zip("ABCD", (30, 40, 20, 40), strict=True):
        sheet.column_dimensions[letter].width = width


def _instruction_lines() -> list[str]:
    return [
        _("The sheet Actions has one row per action, in the columns of the plan. Change the "
          "rows, or add new rows at the end: a row without an id is a new action."),
        _("Rows with the same problem or practice are grouped together. Impact and status: "
          "choose from the list. Duration: a number of months. Start: the year, a dash and the "
          "half-year, e.g. 2027-1 (from January) or 2027-2 (from July)."),
        _("Responsible: names or acronyms from the sheet Institutions, separated by ';'. "
          "Budget: a number, with its ISO 4217 currency code (e.g. XOF, USD)."),
        _("Indicators: indicator codes (e.g. 6.1.1.a) separated by commas. Recommendations "
          "to governments: their numbers 1 to 7, separated by commas."),
        _("The sheet Practices lists the country's ASM practices: classify each as accepted, "
          "accepted under conditions or not accepted, and give the law and article that "
          "regulate it, or the text of the action (from the sheet Actions) that will create "
          "that regulation."),
        _("Do not change the hidden columns, the sheet names or this sheet. To stop an "
          "action, set its status to Dropped: removing a row deletes nothing."),
        _("Upload the file on the plan page. You will see every change before anything is "
          "saved; actions saved online after this download are shown as conflicts."),
    ]  # fmt: skip


def _fill_lists(sheet, row: int, assessment: Assessment) -> None:
    lists = [
        (_("Impact"), [(label, "") for _code, label in Action.Impact.choices]),
        (_("Status"), [(label, "") for _code, label in Action.Status.choices]),
        (_("Recommendations to governments"),
         [(recommendation_number(tag.code), tag.label)
          for tag in seed_tags(assessment.framework_id)]),
    ]  # fmt: skip
    for title, items in lists:
        sheet.cell(row, 1, title).font = Font(bold=True, size=12)
        row += 1
        for value, description in items:
            _set_text(sheet.cell(row, 1), value)
            _set_text(sheet.cell(row, 2), description)
            row += 1
        row += 1


def _fill_actions(sheet, assessment: Assessment, actions: list[Action]) -> None:
    sheet.cell(TITLE_ROW, 1, _("Action plan %(round)s") % {"round": assessment.round}).font = Font(
        bold=True, size=12
    )
    for column, header in column_headers().items():
        cell = sheet.cell(HEADER_ROW, column, header)
        cell.font, cell.fill = BOLD, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row, action in enumerate(actions, start=FIRST_ROW):
        for column, value in action_values(action).items():
            cell = sheet.cell(row, column)
            _set_text(cell, value)
            if column in WRAPPED:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    last_row = FIRST_ROW + len(actions) + SPARE_ROWS
    for row in range(FIRST_ROW, last_row + 1):
        sheet.cell(row, Column.START).number_format = "@"  # "2027-1" stays text, not a date
    _add_list(sheet, Column.IMPACT, last_row, [str(label) for label in Action.Impact.labels])
    _add_list(sheet, Column.STATUS, last_row, [str(label) for label in Action.Status.labels])
    for column, width in WIDTHS.items():
        sheet.column_dimensions[get_column_letter(column)].width = width
    for column in HIDDEN_COLUMNS:
        sheet.column_dimensions[get_column_letter(column)].hidden = True
    sheet.freeze_panes = sheet.cell(FIRST_ROW, Column.IMPACT)


def _fill_institutions(sheet, assessment: Assessment) -> None:
    headers = [_("Name"), _("Acronym"), _("Kind")]
    for column, header in enumerate(headers, start=1):
        sheet.cell(1, column, header).font = BOLD
    institutions = Institution.objects.filter(country_id=assessment.country_id).order_by("name")
    for row, institution in enumerate(institutions, start=2):
        _set_text(sheet.cell(row, 1), institution.name)
        _set_text(sheet.cell(row, 2), institution.acronym)
        _set_text(sheet.cell(row, 3), institution.get_kind_display())
    for letter, width in zip("ABC", (50, 14, 28), strict=True):
        sheet.column_dimensions[letter].width = width


def _set_text(cell, value) -> None:
    """Texts as the platform stores them, written as texts, never formulas."""
    value = str(value) if isinstance(value, Promise) else value
    write_text(cell, clean_text(value) if isinstance(value, str) else value)


def _add_list(sheet, column: Column, last_row: int, choices: list[str]) -> None:
    validation = DataValidation(
        type="list", formula1='"{}"'.format(",".join(choices)), allow_blank=True,
        showErrorMessage=True, errorTitle=_("Not in the list"),
        error=_("Choose one of: %(choices)s.") % {"choices": ", ".join(choices)},
    )  # fmt: skip
    letter = get_column_letter(column)
    validation.add(f"{letter}{FIRST_ROW}:{letter}{last_row}")
    sheet.add_data_validation(validation)


@transaction.atomic
def workbook_apply(
    *, assessment: Assessment, changes: list[dict], user, take_workbook=(), practices=()
) -> int:
    """Save the previewed changes (conflicts only when chosen); returns how many were saved.

    All or nothing: if an action was saved by somebody else since the preview, raises
    PreviewOutdated and the transaction leaves the whole plan as it was.
    """
    Assessment.objects.select_for_update().filter(pk=assessment.pk).first()
    take = set(take_workbook)
    saved = 0
    for item in changes:
        data = services.ActionData.from_payload(item["data"])
        if item["action_id"] is None:
            services.action_create(assessment=assessment, data=data, user=user)
            saved += 1
            continue
        if item["conflict"] and item["action_id"] not in take:
            continue
        action = Action.objects.filter(
            pk=item["action_id"], problem__plan__assessment=assessment
        ).first()
        if action is None:
            raise PreviewOutdated(item["row"])
        try:
            services.action_update(action=action, data=data, base_version=item["base_version"],
                                   user=user)  # fmt: skip
        except services.StaleAction as stale:
            raise PreviewOutdated(item["row"]) from stale
        saved += 1
    if practices:
        plan = services.plan_get_or_create(assessment=assessment, user=user)
        for item in practices:
            if not practice_apply(plan=plan, item=item, user=user):
                raise PracticeOutdated(item["row"])
            saved += 1
    return saved
