"""A filled-in assessment workbook read back: the checks and the preview of changes.

The whole workbook is checked at once; each problem is reported with its sheet and row in
the user's language. The preview lists the rows that would change, field by field; a row saved
online after the export is a conflict. workbook.workbook_apply saves the change set.
"""

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from functools import partial

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.workbook import Workbook

from config.spreadsheets import MAX_ROWS_PER_SHEET, UNREADABLE, WorkbookRefused, open_workbook

from .models import Assessment, Response
from .services import ResponseChange
from .workbook import (
    FIRST_ROW,
    INPUT_COLUMNS,
    INSTRUCTIONS_SHEET,
    META_ROWS,
    META_VALUE_COLUMN,
    NOT_APPLICABLE,
    Column,
    clean_text,
    column_headers,
    response_answers,
)
from .workbook_profile import PROFILE_SHEET, ProfileChange, profile_change

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# An area has tens of indicators. A sheet of more rows is refused before it is read
# (config/spreadsheets.py), and rows further down than this are not read: one cell typed at
# row 1,048,576 would otherwise make openpyxl walk a million empty rows.
LAST_READ_ROW = FIRST_ROW + MAX_ROWS_PER_SHEET - 1
XLSX_MAGIC = b"PK\x03\x04"

TOO_LARGE = gettext_lazy("The file is too large: the limit is %(limit)s MB.")
NOT_XLSX = gettext_lazy(
    "This is not an Excel workbook (.xlsx). Upload the workbook downloaded from this "
    "assessment, filled in and saved as .xlsx."
)
CORRUPT = UNREADABLE
MISSING_SHEET = gettext_lazy("The sheet %(sheet)s is missing: download a new workbook.")
NO_META = gettext_lazy(
    "The Instructions sheet does not say which assessment this workbook belongs to: "
    "download a new workbook."
)
WRONG_COUNTRY = gettext_lazy(
    "This workbook belongs to another country (%(workbook)s), not to %(assessment)s."
)
WRONG_ROUND = gettext_lazy(
    "This workbook belongs to another round (%(workbook)s), not to round %(assessment)s."
)
WRONG_FRAMEWORK = gettext_lazy(
    "This workbook was made for the framework %(workbook)s; this assessment uses %(assessment)s."
)
UNKNOWN_INDICATOR = gettext_lazy(
    "Unknown indicator %(code)s: the indicator codes must not be changed."
)
DUPLICATE_INDICATOR = gettext_lazy(
    "Indicator %(code)s appears twice (also in sheet %(sheet)s, row %(row)s)."
)
MISSING_CODE = gettext_lazy("This row has answers but no indicator code.")
UNKNOWN_LEVEL = gettext_lazy("Unknown rating %(value)s: use one of %(choices)s.")
UNKNOWN_TARGET = gettext_lazy(
    "Unknown target level %(value)s: use one of %(choices)s, or leave it empty."
)
NA_NOT_ALLOWED = gettext_lazy("This framework does not allow N/A: use one of %(choices)s.")
NA_WITHOUT_REASON = gettext_lazy(
    "N/A needs a reason: write why the indicator does not apply in the column %(column)s."
)
BAD_VERSION = gettext_lazy(
    "The hidden version of this row is missing or was changed: download a new workbook."
)
VERSION_AHEAD = gettext_lazy(
    "This row does not come from this assessment (its version is newer than the saved one): "
    "download a new workbook."
)


class WorkbookInvalid(Exception):
    """The workbook cannot be applied; `problems` says where and why, every one of them."""

    def __init__(self, problems: list["Problem"]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


@dataclass(frozen=True)
class Problem:
    message: str
    sheet: str = ""
    row: int | None = None

    def __str__(self):
        return f"{self.place}: {self.message}" if self.place else self.message

    @property
    def place(self) -> str:
        if self.sheet and self.row:
            return _("Sheet %(sheet)s, row %(row)s") % {"sheet": self.sheet, "row": self.row}
        return _("Sheet %(sheet)s") % {"sheet": self.sheet} if self.sheet else ""


@dataclass(frozen=True)
class WorkbookMeta:
    """Which assessment a workbook belongs to, as written on its Instructions sheet."""

    country: str
    round: str
    framework: str
    framework_version: int | None
    exported_at: str


@dataclass(frozen=True)
class WorkbookRow:
    """One indicator's answers in the workbook; ratings are level codes as text, or N/A."""

    sheet: str
    row: int
    code: str
    rating: str
    reason: str
    justification: str
    target: str
    version: int | None
    exported: tuple[str, str, str, str]

    @property
    def answers(self) -> tuple[str, str, str, str]:
        return self.rating, self.reason, self.justification, self.target


@dataclass(frozen=True)
class FieldChange:
    label: str
    online: str
    workbook: str


@dataclass(frozen=True)
class RowChange:
    """A response the workbook would change, with the changed fields for the preview."""

    response_id: int
    indicator_code: str
    statement: str
    sheet: str
    row: int
    base_version: int
    workbook_version: int | None
    conflict: bool
    fields: tuple[FieldChange, ...]
    change: ResponseChange


def upload_problem(name: str, size: int, head: bytes) -> str | None:
    """Why an uploaded file is refused before reading it, or None: size, extension, content."""
    if size > MAX_UPLOAD_BYTES:
        return TOO_LARGE % {"limit": MAX_UPLOAD_BYTES // (1024 * 1024)}
    if not name.lower().endswith(".xlsx") or not head.startswith(XLSX_MAGIC):
        return str(NOT_XLSX)
    return None


def workbook_open(data: bytes) -> Workbook:
    """The uploaded workbook, opened read-only once its size and content are checked
    (config/spreadsheets.py); the caller closes it. Raises WorkbookInvalid."""
    if not data.startswith(XLSX_MAGIC):
        raise WorkbookInvalid([Problem(str(NOT_XLSX))])
    try:
        return open_workbook(data)
    except WorkbookRefused as refused:
        raise WorkbookInvalid([Problem(refused.message)]) from refused


def meta_values(
    book: Workbook, meta_rows: dict[str, int], *, sheet=INSTRUCTIONS_SHEET, column=META_VALUE_COLUMN
) -> dict[str, object]:
    """The values of one column in fixed rows of a sheet (by default column B of the
    Instructions), read in one pass: a read-only sheet is parsed again for every cell."""
    last = max(meta_rows.values())
    rows = list(book[sheet].iter_rows(min_row=1, max_row=last, max_col=column, values_only=True))
    rows += [()] * (last - len(rows))
    return {key: _nth(rows[row - 1], column) for key, row in meta_rows.items()}


def _nth(values: tuple, column: int):
    return values[column - 1] if len(values) >= column else None


def workbook_meta(book: Workbook) -> WorkbookMeta:
    if INSTRUCTIONS_SHEET not in book.sheetnames:
        raise WorkbookInvalid([Problem(MISSING_SHEET % {"sheet": INSTRUCTIONS_SHEET})])
    values = meta_values(book, META_ROWS)
    meta = WorkbookMeta(
        country=clean_text(values["country"]).upper(),
        round=_cell_text(values["round"]),
        framework=clean_text(values["framework"]),
        framework_version=_as_int(values["framework_version"]),
        exported_at=clean_text(values["exported_at"]),
    )
    if not (meta.country and meta.round and meta.framework):
        raise WorkbookInvalid([Problem(str(NO_META), INSTRUCTIONS_SHEET)])
    return meta


def workbook_changes(
    book: Workbook, *, assessment: Assessment, use_versions: bool = True
) -> list[RowChange]:
    """The responses the workbook would change; raises WorkbookInvalid listing every problem.

    Only the fields the user edited count (the workbook's value differs from the hidden copy
    of what was exported); the others keep what is saved now, even if a colleague changed them
    online since. Without `use_versions` (an import into a new assessment) every value of the
    workbook counts and nothing is a conflict.
    """
    problems = _meta_problems(workbook_meta(book), assessment)
    if problems:
        raise WorkbookInvalid(problems)
    framework = assessment.framework
    levels = {str(level.code): level for level in framework.levels.all()}
    responses = {
        response.indicator.code: response
        for response in assessment.responses.select_related("indicator", "level", "target_level")
    }
    area_codes = list(framework.areas.values_list("code", flat=True))
    read = partial(_read_row, indicators=responses.keys(), levels=levels,
                   allows_na=framework.allows_not_applicable)  # fmt: skip
    rows, problems = _read_rows(book, area_codes, read)
    changes = []
    for row in rows:
        response = responses[row.code]
        version_problem = _version_problem(row, response) if use_versions else None
        if version_problem:
            problems.append(version_problem)
            continue
        conflict = use_versions and response.version > row.version
        change = _row_change(row, response, levels, conflict=conflict, merge=use_versions)
        if change is not None:
            changes.append(change)
    if problems:
        raise WorkbookInvalid(problems)
    return changes


def workbook_profile_change(
    book: Workbook, *, assessment: Assessment, use_versions: bool = True
) -> ProfileChange | None:
    """The ASM profile change the workbook asks for (None for none); raises WorkbookInvalid
    with every problem of the Profile sheet. Call it after `workbook_changes`, which checks
    that the workbook belongs to the assessment."""
    change, problems = profile_change(book, assessment, merge=use_versions)
    if problems:
        raise WorkbookInvalid([Problem(message, PROFILE_SHEET, row) for row, message in problems])
    return change


def _meta_problems(meta: WorkbookMeta, assessment: Assessment) -> list[Problem]:
    problems = []
    place = partial(Problem, sheet=INSTRUCTIONS_SHEET)
    if meta.country != assessment.country.iso3:
        message = WRONG_COUNTRY % {"workbook": meta.country, "assessment": assessment.country.iso3}
        problems.append(place(message, row=META_ROWS["country"]))
    if meta.round != assessment.round:
        message = WRONG_ROUND % {"workbook": meta.round, "assessment": assessment.round}
        problems.append(place(message, row=META_ROWS["round"]))
    framework = assessment.framework
    if (meta.framework, meta.framework_version) != (framework.slug, framework.version):
        message = WRONG_FRAMEWORK % {
            "workbook": f"{meta.framework} v{meta.framework_version}",
            "assessment": f"{framework.slug} v{framework.version}",
        }
        problems.append(place(message, row=META_ROWS["framework"]))
    return problems


def _read_rows(book: Workbook, area_codes: list[str], read_row) -> tuple[list, list[Problem]]:
    rows, problems, seen = [], [], {}
    for sheet_name in area_codes:
        if sheet_name not in book.sheetnames:
            problems.append(Problem(MISSING_SHEET % {"sheet": sheet_name}))
            continue
        cells = book[sheet_name].iter_rows(min_row=FIRST_ROW, max_row=LAST_READ_ROW,
                                           max_col=len(Column), values_only=True)  # fmt: skip
        for number, values in enumerate(cells, start=FIRST_ROW):
            row, row_problems = read_row(sheet_name, number, values)
            if row is not None and row.code in seen:
                first = seen[row.code]
                row_problems = [*row_problems, Problem(
                    DUPLICATE_INDICATOR % {"code": row.code, "sheet": first.sheet,
                                           "row": first.row}, sheet_name, number)]  # fmt: skip
            problems += row_problems
            if row is not None and not row_problems:
                seen[row.code] = row
                rows.append(row)
    return rows, problems


def _read_row(sheet, number, values, *, indicators, levels, allows_na):
    """(the row, or None for an empty row, and its problems)."""
    cell = dict(zip(Column, tuple(values) + (None,) * len(Column), strict=False))
    place = partial(Problem, sheet=sheet, row=number)
    code = clean_text(cell[Column.CODE])
    if not code:
        has_answers = any(_code_text(cell[column]) for column in INPUT_COLUMNS)
        return None, [place(str(MISSING_CODE))] if has_answers else []
    if code not in indicators:
        return None, [place(UNKNOWN_INDICATOR % {"code": code})]
    row = WorkbookRow(
        sheet=sheet, row=number, code=code, rating=_code_text(cell[Column.RATING]),
        reason=clean_text(cell[Column.NA_REASON]),
        justification=clean_text(cell[Column.JUSTIFICATION]),
        target=_code_text(cell[Column.TARGET]), version=_as_int(cell[Column.VERSION]),
        exported=(_code_text(cell[Column.EXPORTED_RATING]),
                  clean_text(cell[Column.EXPORTED_REASON]),
                  clean_text(cell[Column.EXPORTED_JUSTIFICATION]),
                  _code_text(cell[Column.EXPORTED_TARGET])),
    )  # fmt: skip
    return row, [place(message) for message in _answer_problems(row, levels, allows_na)]


def _answer_problems(row: WorkbookRow, levels: dict, allows_na: bool) -> list[str]:
    codes = ", ".join(levels)
    ratings = f"{codes}, {NOT_APPLICABLE}" if allows_na else codes
    problems = []
    if row.rating == NOT_APPLICABLE and not allows_na:
        problems.append(NA_NOT_ALLOWED % {"choices": codes})
    elif row.rating not in ("", NOT_APPLICABLE, *levels):
        problems.append(UNKNOWN_LEVEL % {"value": row.rating, "choices": ratings})
    if row.rating == NOT_APPLICABLE and allows_na and not row.reason:
        problems.append(NA_WITHOUT_REASON % {"column": column_headers()[Column.NA_REASON]})
    if row.target and row.target not in levels:
        problems.append(UNKNOWN_TARGET % {"value": row.target, "choices": codes})
    return problems


def _version_problem(row: WorkbookRow, response: Response) -> Problem | None:
    if row.version is None:
        return Problem(str(BAD_VERSION), row.sheet, row.row)
    if row.version > response.version:
        return Problem(str(VERSION_AHEAD), row.sheet, row.row)
    return None


def _row_change(row: WorkbookRow, response: Response, levels: dict, *, conflict, merge):
    """The change the row asks for, or None when it matches what is saved."""
    online = response_answers(response)
    wanted = row.answers
    if merge:
        wanted = tuple(
            mine if mine != exported else now
            for mine, exported, now in zip(row.answers, row.exported, online, strict=True)
        )
    rating, reason, justification, target = wanted
    wanted = (rating, reason if rating == NOT_APPLICABLE else "", justification, target)
    if wanted == online:
        return None
    change = ResponseChange(
        level_id=levels[rating].pk if rating in levels else None,
        not_applicable=rating == NOT_APPLICABLE,
        not_applicable_reason=_same_or(response.not_applicable_reason, wanted[1]),
        justification=_same_or(response.justification, justification),
        target_level_id=levels[target].pk if target in levels else None,
        assignee_id=response.assignee_id,
    )
    fields = tuple(_field_changes(online, wanted, levels))
    return RowChange(
        response_id=response.pk, indicator_code=row.code,
        statement=response.indicator.statement, sheet=row.sheet, row=row.row,
        base_version=response.version, workbook_version=row.version, conflict=conflict,
        fields=fields, change=change,
    )  # fmt: skip


def _same_or(saved: str, text: str) -> str:
    """Keep the saved text when it differs only in line ends or surrounding spaces."""
    return saved if clean_text(saved) == text else text


def _field_changes(online: tuple, wanted: tuple, levels: dict) -> Iterable[FieldChange]:
    labels = (_("Rating"), _("Reason it does not apply"), _("Justification"), _("Target level"))
    for index, (label, before, after) in enumerate(zip(labels, online, wanted, strict=True)):
        if before != after:
            shown = (_level_label(before, levels), _level_label(after, levels))
            yield FieldChange(label, *(shown if index in (0, 3) else (before, after)))


def _level_label(code: str, levels: dict) -> str:
    if code == NOT_APPLICABLE:
        return _("Not applicable")
    return f"{code} · {levels[code].label}" if code in levels else ""


def _cell_text(value) -> str:
    """A cell as text; 2026.0 (a number retyped in a spreadsheet) is "2026"."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_text(value)


def _code_text(value) -> str:
    """A rating cell as text: 2, 2.0 and " 2 " are "2"; n/a and NA are "N/A"."""
    text = _cell_text(value)
    if text.upper().replace(".", "").replace("/", "") == "NA":
        return NOT_APPLICABLE
    return str(int(text)) if _is_number(text) else text


def _is_number(text: str) -> bool:
    """Digits int() takes and a database key holds: "²" and 5,000 digits are text."""
    return text.isascii() and text.isdigit() and len(text) < 19


def _as_int(value) -> int | None:
    text = _code_text(value)
    return int(text) if _is_number(text) else None


def changes_payload(changes: list[RowChange]) -> list[dict]:
    """What workbook_apply needs, as plain data to keep between the preview and the apply."""
    return [
        {"response_id": c.response_id, "indicator_code": c.indicator_code,
         "base_version": c.base_version, "conflict": c.conflict, "change": asdict(c.change)}
        for c in changes
    ]  # fmt: skip
