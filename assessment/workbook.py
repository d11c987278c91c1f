"""An assessment as an Excel workbook for offline work: the layout, the export, and
applying the changes that workbook_import.py read from a filled-in copy.

The importer (workbook_import.py) reads what this module writes, through the same constants:

- "Instructions": what to fill and the scale, in the user's language, and in column B of
  fixed rows the country, round, framework and export time (read back on upload);
- one sheet per area, titled with the area code ("6.1"): a title row, a header row, then one
  row per indicator; then the sheet "Profile" with the round's ASM profile
  (workbook_profile.py). Only the answer columns are unlocked. The sheets are protected without a
  password: protection prevents accidents, not tampering, so the upload checks everything;
- hidden, locked columns per row: the response's version at export, to detect rows saved
  online since, and a copy of the exported answers, so that only the fields the user edited
  count as changes (a colleague's online justification survives an offline rating change).

Applying goes through services.response_save, so versions and history behave as for an online
save, in one transaction: all the changes or none.
"""

from collections.abc import Iterable
from datetime import UTC
from enum import IntEnum
from io import BytesIO

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from config.spreadsheets import write_text

from . import services
from .access import NOT_EDITABLE
from .models import Assessment, Response, Transition
from .services import ResponseChange
from .workbook_profile import fill_profile_sheet, profile_values

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
INSTRUCTIONS_SHEET = "Instructions"
NOT_APPLICABLE = "N/A"
TITLE_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3
META_VALUE_COLUMN = 2
# Rows of the Instructions sheet whose column B identifies the assessment.
META_ROWS = {"country": 3, "round": 4, "framework": 5, "framework_version": 6, "exported_at": 7}


class Column(IntEnum):
    CODE = 1
    STATEMENT = 2
    RATING = 3
    NA_REASON = 4
    JUSTIFICATION = 5
    TARGET = 6
    VERSION = 7
    # Hidden copies of the answers as exported, in the order of INPUT_COLUMNS.
    EXPORTED_RATING = 8
    EXPORTED_REASON = 9
    EXPORTED_JUSTIFICATION = 10
    EXPORTED_TARGET = 11


INPUT_COLUMNS = (Column.RATING, Column.NA_REASON, Column.JUSTIFICATION, Column.TARGET)
EXPORTED_COLUMNS = (Column.EXPORTED_RATING, Column.EXPORTED_REASON, Column.EXPORTED_JUSTIFICATION,
                    Column.EXPORTED_TARGET)  # fmt: skip
HIDDEN_COLUMNS = (Column.VERSION, *EXPORTED_COLUMNS)
WIDTHS = {Column.CODE: 11, Column.STATEMENT: 60, Column.RATING: 9, Column.NA_REASON: 30,
          Column.JUSTIFICATION: 60, Column.TARGET: 9}  # fmt: skip
WRAPPED = (Column.STATEMENT, Column.NA_REASON, Column.JUSTIFICATION)
BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="E6F0F2")
INPUT_FILL = PatternFill("solid", fgColor="FFFDE7")
UNLOCKED = Protection(locked=False)
IMPORT_ACTION = "import"  # Transition.action of an administrator's historical import

IMPORT_NEEDS_ADMIN = gettext_lazy(
    "Only an administrator can import an assessment as already validated."
)


class PreviewOutdated(Exception):
    """An indicator was saved online between the preview and the apply: nothing was saved."""


def column_headers() -> dict[Column, str]:
    """Headers in the active language; the importer reads columns by position, not by name."""
    return {
        Column.CODE: _("Indicator"),
        Column.STATEMENT: _("Statement"),
        Column.RATING: _("Rating"),
        Column.NA_REASON: _("Reason it does not apply (N/A)"),
        Column.JUSTIFICATION: _("Justification"),
        Column.TARGET: _("Target level"),
        Column.VERSION: _("Version (do not change)"),
        **{column: _("As downloaded (do not change)") for column in EXPORTED_COLUMNS},
    }


def clean_text(value) -> str:
    """Cell text as the platform stores it: no control characters, \\n line ends, trimmed."""
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return ILLEGAL_CHARACTERS_RE.sub("", text).strip()


def response_answers(response: Response) -> tuple[str, str, str, str]:
    """Rating, N/A reason, justification and target as the workbook holds them, as text."""
    rating = rating_code(response)
    reason = clean_text(response.not_applicable_reason) if response.not_applicable else ""
    target = str(response.target_level.code) if response.target_level else ""
    return rating, reason, clean_text(response.justification), target


def workbook_filename(assessment: Assessment) -> str:
    """E.g. SEN-2026-mpf-pillar-6.xlsx."""
    round_part = slugify(assessment.round) or "round"
    return f"{assessment.country.iso3}-{round_part}-{assessment.framework.slug}.xlsx"


def workbook_build(assessment: Assessment) -> bytes:
    """The assessment's current answers as an .xlsx file, in the active language.

    Five queries whatever the number of indicators: areas, levels, responses with their
    tree, the ASM profile.
    """
    framework = assessment.framework
    levels = list(framework.levels.all())
    areas = list(framework.areas.all())
    responses = assessment.responses.select_related(
        "indicator__recommendation__area", "level", "target_level"
    ).order_by(*Response._meta.ordering)
    by_area = {area.pk: [] for area in areas}
    for response in responses:
        by_area[response.indicator.recommendation.area_id].append(response)
    book = Workbook()
    _fill_instructions(book.active, assessment, levels)
    for area in areas:
        _fill_area(book.create_sheet(area.code), area, by_area[area.pk], levels, framework)
    fill_profile_sheet(book.create_sheet(), assessment, _set_text, UNLOCKED, INPUT_FILL)
    output = BytesIO()
    book.save(output)
    return output.getvalue()


def _fill_instructions(sheet, assessment: Assessment, levels) -> None:
    sheet.title = INSTRUCTIONS_SHEET
    framework = assessment.framework
    sheet["A1"] = _("%(country)s: assessment %(round)s, offline workbook") % {
        "country": assessment.country.name, "round": assessment.round}  # fmt: skip
    sheet["A1"].font = Font(bold=True, size=14)
    meta = {
        "country": (_("Country (ISO3 code)"), assessment.country.iso3),
        "round": (_("Round"), assessment.round),
        "framework": (_("Framework"), framework.slug),
        "framework_version": (_("Framework version"), framework.version),
        "exported_at": (_("Exported at (UTC)"), _export_time()),
    }
    for key, (label, value) in meta.items():
        row = META_ROWS[key]
        sheet.cell(row, 1, label).font = BOLD
        _set_text(sheet.cell(row, META_VALUE_COLUMN), value)
    row = max(META_ROWS.values()) + 2
    for line in _instruction_lines(framework):
        sheet.cell(row, 1, line).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
        sheet.row_dimensions[row].height = 32
        row += 1
    _fill_scale(sheet, row + 1, levels, framework.allows_not_applicable)
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 28
    sheet.column_dimensions["C"].width = 14
    sheet.column_dimensions["D"].width = 70
    sheet.protection.sheet = True


def _export_time() -> str:
    return timezone.now().astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def _instruction_lines(framework) -> list[str]:
    lines = [
        _("Each sheet is one area of the framework; each row is one indicator."),
        _(
            "Rating: choose a level code from the list in the column Rating (see the scale "
            "below), or leave it empty if you have not rated the indicator yet."
        ),  # fmt: skip
    ]
    if framework.allows_not_applicable:
        lines.append(
            _(
                "N/A: choose N/A when the indicator does not apply to your country, and write "
                "why in the column Reason it does not apply: N/A needs a reason."
            )  # fmt: skip
        )
    lines += [
        _("Justification: what the rating rests on (laws, programmes, facts). Target level: "
          "optional, the level your country aims for."),
        _("Do not change the indicator codes, the sheet names, this sheet or the hidden "
          "columns: they let the platform match your answers to the assessment."),
        _("Upload the file on the assessment page. You will see every change before anything "
          "is saved; indicators saved online after this download are shown as conflicts."),
        _("The sheets are protected without a password so that only the answer columns can be "
          "edited by mistake."),
    ]  # fmt: skip
    return lines


def _fill_scale(sheet, row: int, levels, allows_not_applicable: bool) -> None:
    sheet.cell(row, 1, _("Rating scale")).font = Font(bold=True, size=12)
    headers = [_("Code"), _("Level"), _("Percentage"), _("Description")]
    for column, header in enumerate(headers, start=1):
        sheet.cell(row + 1, column, header).font = BOLD
    row += 2
    for level in levels:
        sheet.cell(row, 1, level.code)
        _set_text(sheet.cell(row, 2), level.label)
        sheet.cell(row, 3, f"{level.percentage.normalize():f}%")
        _set_text(sheet.cell(row, 4), level.description)
        sheet.cell(row, 4).alignment = Alignment(wrap_text=True, vertical="top")
        row += 1
    if allows_not_applicable:
        sheet.cell(row, 1, NOT_APPLICABLE)
        sheet.cell(row, 2, _("Not applicable"))
        sheet.cell(row, 4, _("Left out of the scores; a reason is required."))


def _fill_area(sheet, area, responses, levels, framework) -> None:
    sheet.cell(TITLE_ROW, 1, f"{area.code} {area.title}").font = Font(bold=True, size=12)
    for column, header in column_headers().items():
        cell = sheet.cell(HEADER_ROW, column, header)
        cell.font, cell.fill = BOLD, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row, response in enumerate(responses, start=FIRST_ROW):
        _fill_row(sheet, row, response)
    last_row = max(FIRST_ROW, FIRST_ROW + len(responses) - 1)
    codes = [str(level.code) for level in levels]
    ratings = codes + [NOT_APPLICABLE] if framework.allows_not_applicable else codes
    _add_list_validation(sheet, Column.RATING, last_row, ratings)
    _add_list_validation(sheet, Column.TARGET, last_row, codes)
    for column, width in WIDTHS.items():
        sheet.column_dimensions[get_column_letter(column)].width = width
    for column in HIDDEN_COLUMNS:
        sheet.column_dimensions[get_column_letter(column)].hidden = True
    sheet.freeze_panes = sheet.cell(FIRST_ROW, Column.RATING)
    sheet.protection.sheet = True
    # Protected sheets still let people resize rows and columns to read long texts.
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


def _fill_row(sheet, row: int, response: Response) -> None:
    rating, reason, justification, target = response_answers(response)
    answers = [_code_cell(rating), reason or None, justification or None, _code_cell(target)]
    values = {
        Column.CODE: response.indicator.code,
        Column.STATEMENT: response.indicator.statement,
        **dict(zip(INPUT_COLUMNS, answers, strict=True)),
        Column.VERSION: response.version,
        **dict(zip(EXPORTED_COLUMNS, answers, strict=True)),
    }
    for column, value in values.items():
        cell = sheet.cell(row, column)
        if isinstance(value, str):
            _set_text(cell, value)
        else:
            cell.value = value
        if column in WRAPPED:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        if column in INPUT_COLUMNS:
            cell.protection, cell.fill = UNLOCKED, INPUT_FILL


def _code_cell(code: str) -> int | str | None:
    """Level codes as numbers, as Excel stores a value picked from the list."""
    return int(code) if code.isdigit() else code or None


def rating_code(response: Response) -> str:
    """The rating as written in the workbook: a level code, "N/A", or "" when not rated."""
    if response.not_applicable:
        return NOT_APPLICABLE
    return str(response.level.code) if response.level else ""


def _set_text(cell, value) -> None:
    """Texts as the platform stores them, written as texts, never formulas."""
    write_text(cell, clean_text(value) if isinstance(value, str) else value)


def _add_list_validation(sheet, column: Column, last_row: int, choices: list[str]) -> None:
    validation = DataValidation(
        type="list",
        formula1='"{}"'.format(",".join(choices)),
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=_("Not in the list"),
        error=_("Choose one of: %(choices)s.") % {"choices": ", ".join(choices)},
    )
    letter = get_column_letter(column)
    validation.add(f"{letter}{FIRST_ROW}:{letter}{last_row}")
    sheet.add_data_validation(validation)


@transaction.atomic
def workbook_apply(
    *,
    assessment: Assessment,
    changes: list[dict],
    user,
    take_workbook: Iterable[int] = (),
    profile: dict | None = None,
) -> int:
    """Save the previewed changes (conflicts only when chosen) and the profile's changed
    fields (`profile`: field -> form text, or None); returns how many responses were saved.

    All or nothing: if any response was saved by somebody else since the preview, raises
    PreviewOutdated and the transaction leaves every response as it was.
    """
    if profile:
        values = profile_values(profile)
        services.profile_save(assessment=assessment, values=values, user=user)
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if not assessment.is_editable:
        raise PermissionDenied(NOT_EDITABLE % {"status": assessment.get_status_display()})
    take = set(take_workbook)
    chosen = [c for c in changes if not c["conflict"] or c["response_id"] in take]
    responses = assessment.responses.in_bulk([c["response_id"] for c in chosen])
    updated = 0
    for item in chosen:
        if item["response_id"] not in responses:
            raise PreviewOutdated(item["indicator_code"])
        try:
            saved = services.response_save(
                response=responses[item["response_id"]],
                change=ResponseChange(**item["change"]),
                base_version=item["base_version"],
                user=user,
            )
        except services.StaleResponse as stale:
            raise PreviewOutdated(item["indicator_code"]) from stale
        updated += saved.version != item["base_version"]
    return updated


@transaction.atomic
def assessment_import_validated(*, assessment: Assessment, user, comment: str = "") -> Transition:
    """Mark an imported historical assessment as validated, recorded as an "import" transition.

    Only for administrators; the assessment must be complete, as for a submission.
    """
    if user is None or not user.is_superuser:
        raise PermissionDenied(IMPORT_NEEDS_ADMIN)
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    missing = services.missing_responses(assessment)
    if missing:
        raise services.IncompleteAssessment(missing)
    transition = Transition.objects.create(
        assessment=assessment, action=IMPORT_ACTION, from_status=assessment.status,
        to_status=Assessment.Status.VALIDATED, user=user, comment=comment,
    )  # fmt: skip
    assessment.status = Assessment.Status.VALIDATED
    assessment._change_reason = IMPORT_ACTION
    assessment.save(update_fields=["status", "updated_at"])
    return transition
