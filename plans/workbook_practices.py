"""The sheet "Practices" of the plan workbook: written by plans.workbook, read back here
with the same checks as the practices page (plans/practices.py).

Columns: a hidden id (empty for a new practice), the practice, its classification (from a
list, in any language of the site), the law, the article, and the action that will create
the regulation, named by its text as in the sheet Actions. Rows taken out of the sheet
delete nothing, as for actions.
"""

from dataclasses import dataclass
from enum import IntEnum

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from assessment.workbook import clean_text
from assessment.workbook_import import LAST_READ_ROW
from assessment.workbook_import import Problem as SheetProblem

from .models import Plan, Practice
from .practices import (
    PracticeData,
    plan_actions_qs,
    plan_practices,
    practice_problems,
    practice_save,
)

PRACTICES_SHEET = "Practices"
# As in the sheet Actions (plans.workbook), whose list helper this sheet uses.
TITLE_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3

MISSING_PRACTICE = gettext_lazy("Write the practice.")
UNKNOWN_CLASSIFICATION = gettext_lazy("Unknown classification %(value)s: use one of %(choices)s.")
UNKNOWN_PRACTICE = gettext_lazy(
    "Unknown id %(id)s: this row does not come from this plan. Leave the id empty for a new "
    "practice."
)
DUPLICATE_PRACTICE = gettext_lazy("The practice “%(name)s” appears twice (also in row %(row)s).")
UNKNOWN_ACTION_TEXT = gettext_lazy(
    "No action of the plan reads “%(text)s”: copy the action's text from the sheet Actions "
    "(a new action must be uploaded and saved first)."
)
AMBIGUOUS_ACTION_TEXT = gettext_lazy(
    "Several actions of the plan read “%(text)s”: make their texts different first."
)


class PracticeColumn(IntEnum):
    ID = 1
    NAME = 2
    CLASSIFICATION = 3
    INSTRUMENT = 4
    ARTICLE = 5
    ACTION = 6


WIDTHS = {PracticeColumn.NAME: 40, PracticeColumn.CLASSIFICATION: 24,
          PracticeColumn.INSTRUMENT: 36, PracticeColumn.ARTICLE: 12, PracticeColumn.ACTION: 48}  # fmt: skip


def practice_headers() -> dict[PracticeColumn, str]:
    return {
        PracticeColumn.ID: _("Id (do not change)"),
        PracticeColumn.NAME: _("Practice"),
        PracticeColumn.CLASSIFICATION: _("Classification"),
        PracticeColumn.INSTRUMENT: _("Regulation (law)"),
        PracticeColumn.ARTICLE: _("Article"),
        PracticeColumn.ACTION: _("Or the action that will create the regulation"),
    }


def fill_practices(sheet, plan: Plan | None, *, set_text, add_list) -> None:
    """The sheet, with `set_text(cell, value)` and `add_list(sheet, column, last_row,
    choices)` of plans.workbook."""
    sheet.cell(TITLE_ROW, 1, _("Practices")).font = Font(bold=True, size=12)
    for column, header in practice_headers().items():
        cell = sheet.cell(HEADER_ROW, column, header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    practices = plan_practices(plan)
    for row, practice in enumerate(practices, start=FIRST_ROW):
        values = {
            PracticeColumn.ID: practice.pk,
            PracticeColumn.NAME: practice.name,
            PracticeColumn.CLASSIFICATION: practice.get_classification_display(),
            PracticeColumn.INSTRUMENT: practice.instrument,
            PracticeColumn.ARTICLE: practice.article,
            PracticeColumn.ACTION: practice.action.description if practice.action else "",
        }
        for column, value in values.items():
            set_text(sheet.cell(row, column), value)
    last_row = FIRST_ROW + len(practices) + 100
    labels = [str(label) for label in Practice.Classification.labels]
    add_list(sheet, PracticeColumn.CLASSIFICATION, last_row, labels)
    for column, width in WIDTHS.items():
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.column_dimensions[get_column_letter(PracticeColumn.ID)].hidden = True


@dataclass(frozen=True)
class PracticeChange:
    """A new practice, or a practice the workbook would change, for the preview."""

    practice_id: int | None
    row: int
    data: PracticeData
    classification_label: str
    action_text: str

    @property
    def is_new(self) -> bool:
        return self.practice_id is None

    def to_payload(self) -> dict:
        return {"practice_id": self.practice_id, "row": self.row, "data": self.data.to_payload()}


def practice_changes(book, plan: Plan | None) -> tuple[list[PracticeChange], list[SheetProblem]]:
    """The practices the sheet would add or change, and its problems. A workbook without
    the sheet (downloaded before it existed) changes no practice."""
    if PRACTICES_SHEET not in book.sheetnames:
        return [], []
    saved = {p.pk: p for p in plan_practices(plan)}
    actions = _actions_by_text(plan)
    classifications = _classification_lookup()
    rows = book[PRACTICES_SHEET].iter_rows(min_row=FIRST_ROW, max_row=LAST_READ_ROW,
                                           max_col=len(PracticeColumn), values_only=True)  # fmt: skip
    changes, problems, names = [], [], {}
    for number, values in enumerate(rows, start=FIRST_ROW):
        cell = dict(zip(PracticeColumn, tuple(values) + (None,) * len(PracticeColumn),
                        strict=False))  # fmt: skip
        text = {column: _text(cell[column]) for column in PracticeColumn}
        if not any(text[c] for c in PracticeColumn if c != PracticeColumn.ID):
            continue
        row_problems: list = []
        practice_id = _identity(text[PracticeColumn.ID], saved, row_problems)
        if not text[PracticeColumn.NAME]:
            row_problems.append(MISSING_PRACTICE)
        classification = classifications.get(text[PracticeColumn.CLASSIFICATION].casefold())
        if classification is None:
            choices = ", ".join(str(label) for label in Practice.Classification.labels)
            value = text[PracticeColumn.CLASSIFICATION] or "—"
            row_problems.append(UNKNOWN_CLASSIFICATION % {"value": value, "choices": choices})
        action_id = _action(text[PracticeColumn.ACTION], actions, row_problems)
        data = PracticeData(text[PracticeColumn.NAME], classification or "",
                            text[PracticeColumn.INSTRUMENT], text[PracticeColumn.ARTICLE],
                            action_id)  # fmt: skip
        key = data.name.casefold()
        if key and key in names:
            row_problems.append(DUPLICATE_PRACTICE % {"name": data.name, "row": names[key]})
        names.setdefault(key, number)
        if not row_problems:
            row_problems += practice_problems(plan, data, pk=practice_id)
        problems += [SheetProblem(str(m), PRACTICES_SHEET, number) for m in row_problems]
        before = saved.get(practice_id)
        if not row_problems and (before is None or PracticeData.of(before) != data):
            label = str(Practice.Classification(classification).label)
            changes.append(PracticeChange(practice_id, number, data, label,
                                          text[PracticeColumn.ACTION]))  # fmt: skip
    return changes, problems


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(clean_text(value).split())


def _identity(text: str, saved: dict, problems: list) -> int | None:
    if not text:
        return None
    pk = int(text) if text.isascii() and text.isdigit() and len(text) < 19 else None
    if pk not in saved:
        problems.append(UNKNOWN_PRACTICE % {"id": text})
        return None
    return pk


def _actions_by_text(plan: Plan | None) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for action in plan_actions_qs(plan):
        found.setdefault(" ".join(action.description.split()).casefold(), []).append(action.pk)
    return found


def _action(text: str, actions: dict, problems: list) -> int | None:
    if not text:
        return None
    matches = actions.get(text.casefold(), [])
    if len(matches) != 1:
        message = AMBIGUOUS_ACTION_TEXT if matches else UNKNOWN_ACTION_TEXT
        problems.append(message % {"text": text[:80]})
        return None
    return matches[0]


def _classification_lookup() -> dict[str, str]:
    """Codes, and labels in every language of the site."""
    lookup = {code.casefold(): code for code in Practice.Classification.values}
    for language, _name in settings.LANGUAGES:
        with override(language):
            lookup.update({str(label).casefold(): code
                           for code, label in Practice.Classification.choices})  # fmt: skip
    return lookup


def practice_apply(*, plan: Plan, item: dict, user) -> bool:
    """Save one previewed practice change; False when the plan changed since the preview
    in a way that forbids it (the practice or the action gone, the name taken)."""
    data = PracticeData(**item["data"])
    practice = None
    if item["practice_id"] is not None:
        practice = Practice.objects.filter(pk=item["practice_id"], plan=plan).first()
        if practice is None:
            return False
    if practice_problems(plan, data, pk=practice.pk if practice else None):
        return False
    practice_save(plan=plan, data=data, user=user, practice=practice)
    return True
