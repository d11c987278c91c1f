"""An assessment as an Excel workbook for offline work: the layout and the export.

The importer (workbook_import.py) reads what this module writes, through the same constants:

- "Instructions": what to fill and the scale, in the user's language, and in column B of
  fixed rows the country, round, framework and export time (read back on upload);
- one sheet per area, titled with the area code ("6.1"): a title row, a header row, then one
  row per indicator. Only the answer columns are unlocked. The sheets are protected without a
  password: protection prevents accidents, not tampering, so the upload checks everything;
- two hidden, locked columns per row: the response's version at export, to detect rows saved
  online since, and a fingerprint of the exported answers, to tell rows the user left alone.
"""

import hashlib
from datetime import UTC
from enum import IntEnum
from io import BytesIO

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .models import Assessment, Response

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
    FINGERPRINT = 8


INPUT_COLUMNS = (Column.RATING, Column.NA_REASON, Column.JUSTIFICATION, Column.TARGET)
WIDTHS = {Column.CODE: 11, Column.STATEMENT: 60, Column.RATING: 9, Column.NA_REASON: 30,
          Column.JUSTIFICATION: 60, Column.TARGET: 9, Column.VERSION: 8, Column.FINGERPRINT: 18}  # fmt: skip
WRAPPED = (Column.STATEMENT, Column.NA_REASON, Column.JUSTIFICATION)
BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="E6F0F2")
INPUT_FILL = PatternFill("solid", fgColor="FFFDE7")
UNLOCKED = Protection(locked=False)


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
        Column.FINGERPRINT: _("Check (do not change)"),
    }


def clean_text(value) -> str:
    """Cell text as the platform stores it: no control characters, \\n line ends, trimmed."""
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return ILLEGAL_CHARACTERS_RE.sub("", text).strip()


def answer_fingerprint(rating: str, reason: str, justification: str, target: str) -> str:
    """A short digest of a row's answers as exported, to recognise rows left unchanged."""
    joined = "\x1f".join([rating, clean_text(reason), clean_text(justification), target])
    return hashlib.sha256(joined.encode()).hexdigest()[:16]


def workbook_filename(assessment: Assessment) -> str:
    """E.g. SEN-2026-mpf-pillar-6.xlsx."""
    round_part = slugify(assessment.round) or "round"
    return f"{assessment.country.iso3}-{round_part}-{assessment.framework.slug}.xlsx"


def workbook_build(assessment: Assessment) -> bytes:
    """The assessment's current answers as an .xlsx file, in the active language.

    Four queries whatever the number of indicators: areas, levels, responses with their tree.
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
        _("Rating: choose a level code from the list in the column Rating (see the scale "
          "below), or leave it empty if you have not rated the indicator yet."),  # fmt: skip
    ]
    if framework.allows_not_applicable:
        lines.append(
            _("N/A: choose N/A when the indicator does not apply to your country, and write "
              "why in the column Reason it does not apply: N/A needs a reason.")  # fmt: skip
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
        sheet.cell(row, 3, f"{level.percentage:g}%")
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
    for column in (Column.VERSION, Column.FINGERPRINT):
        sheet.column_dimensions[get_column_letter(column)].hidden = True
    sheet.freeze_panes = sheet.cell(FIRST_ROW, Column.RATING)
    sheet.protection.sheet = True
    # Protected sheets still let people resize rows and columns to read long texts.
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


def _fill_row(sheet, row: int, response: Response) -> None:
    rating = rating_code(response)
    target = str(response.target_level.code) if response.target_level else ""
    values = {
        Column.CODE: response.indicator.code,
        Column.STATEMENT: response.indicator.statement,
        Column.RATING: int(rating) if rating.isdigit() else rating or None,
        Column.NA_REASON: clean_text(response.not_applicable_reason),
        Column.JUSTIFICATION: clean_text(response.justification),
        Column.TARGET: int(target) if target else None,
        Column.VERSION: response.version,
        Column.FINGERPRINT: answer_fingerprint(
            rating, response.not_applicable_reason, response.justification, target
        ),
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


def rating_code(response: Response) -> str:
    """The rating as written in the workbook: a level code, "N/A", or "" when not rated."""
    if response.not_applicable:
        return NOT_APPLICABLE
    return str(response.level.code) if response.level else ""


def _set_text(cell, value) -> None:
    """Write text as text, so an answer starting with "=" never becomes a formula."""
    cell.value = clean_text(value) if isinstance(value, str) else value
    if isinstance(value, str):
        cell.data_type = "s"


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
