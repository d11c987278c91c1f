"""The ASM profile in the offline workbook: its sheet, and the change a filled-in copy asks for.

Sheet "Profile": a title row, a header row, then one row per field of the profile (the
form's fields, in its order): the field's key, its label, the value (the only unlocked
cell), how to write it, and a hidden copy of the value as downloaded. As for the indicators,
only the values the user edited count, so a colleague's online edit of another field
survives; an edited field that was also changed online since the download is a conflict,
applied only when the user says so. The whole profile is checked by the web form's rules
(`AsmProfileForm`): a figure needs its source and year. A workbook without the sheet (made
before profiles existed) changes no profile.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl.styles import Alignment, Font

from .forms import AsmProfileForm
from .models import AsmProfile, Assessment

PROFILE_SHEET = "Profile"
TITLE_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3
KEY, LABEL, VALUE, HELP, EXPORTED = 1, 2, 3, 4, 5
FIELDS = tuple(AsmProfileForm.Meta.fields)


@dataclass(frozen=True)
class ProfileFieldChange:
    label: str
    online: str
    workbook: str


@dataclass(frozen=True)
class ProfileChange:
    """The profile fields the workbook changes: `values` as form text, by field name."""

    values: dict[str, str]
    fields: tuple[ProfileFieldChange, ...]
    conflict: bool


def value_text(value) -> str:
    """A profile value (or a cell) as the form reads it: dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    text = str(value).replace("\r\n", "\n").strip()
    return text


def saved_texts(profile: AsmProfile | None) -> dict[str, str]:
    return {name: value_text(getattr(profile, name, None)) for name in FIELDS}


def fill_profile_sheet(sheet, assessment: Assessment, set_text, unlocked, fill) -> None:
    """Write the profile sheet (`set_text`, `unlocked` and `fill` as workbook.py uses them)."""
    sheet.title = PROFILE_SHEET
    sheet.cell(TITLE_ROW, 1, _("ASM profile")).font = Font(bold=True, size=12)
    headers = [_("Field (do not change)"), _("Figure"), _("Value"), _("How to write it"),
               _("As downloaded (do not change)")]  # fmt: skip
    for column, header in enumerate(headers, start=1):
        sheet.cell(HEADER_ROW, column, header).font = Font(bold=True)
    texts = saved_texts(AsmProfile.objects.filter(assessment=assessment).first())
    form_fields = AsmProfileForm.base_fields
    for row, name in enumerate(FIELDS, start=FIRST_ROW):
        set_text(sheet.cell(row, KEY), name)
        set_text(sheet.cell(row, LABEL), str(form_fields[name].label))
        for column in (VALUE, EXPORTED):
            set_text(sheet.cell(row, column), texts[name])
        set_text(sheet.cell(row, HELP), _how_to_write(name))
        value = sheet.cell(row, VALUE)
        value.protection, value.fill = unlocked, fill
        value.alignment = Alignment(wrap_text=True, vertical="top")
    for column, width in ((KEY, 24), (LABEL, 40), (VALUE, 50), (HELP, 50)):
        sheet.column_dimensions[chr(64 + column)].width = width
    sheet.column_dimensions[chr(64 + EXPORTED)].hidden = True
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


def _how_to_write(name: str) -> str:
    field = AsmProfile._meta.get_field(name)
    if field.choices:
        separator = pgettext("between the items of a list", "; ")
        return separator.join(f"{value} = {label}" for value, label in field.choices)
    if isinstance(field, models.DateField):
        return _("A date: YYYY-MM-DD")
    if name.endswith("_year"):
        return _("A year, e.g. 2025")
    if name == "formalised_share":
        return _("A percentage from 0 to 100")
    if name.startswith("workforce_") and not name.endswith("_source"):
        return _("A whole number of people")
    return ""


def profile_change(book, assessment: Assessment, *, merge: bool = True):
    """The profile change the workbook asks for, None when it asks for none, with the
    problems found: (change or None, [(row, message)])."""
    if PROFILE_SHEET not in book.sheetnames:
        return None, []
    rows = _sheet_rows(book[PROFILE_SHEET])
    profile = AsmProfile.objects.filter(assessment=assessment).first()
    online = saved_texts(profile)
    edited = {
        name: value
        for name, (row, value, exported) in rows.items()
        if value != (exported if merge else online[name])
    }
    if not edited:
        return None, []
    data = {**online, **{name: _choice_code(name, value) for name, value in edited.items()}}
    form = AsmProfileForm(data=data, instance=profile or AsmProfile(assessment=assessment))
    if not form.is_valid():
        problems = [
            (rows[name][0] if name in rows else None, f"{form.fields[name].label}: {error}")
            for name, errors in form.errors.items()
            if name in form.fields
            for error in errors
        ]
        return None, problems
    labels = {name: str(form.fields[name].label) for name in FIELDS}
    fields = tuple(
        ProfileFieldChange(labels[name], online[name], value) for name, value in edited.items()
    )
    conflict = merge and any(online[name] != rows[name][2] for name in edited)
    values = {name: data[name] for name in edited}
    return ProfileChange(values=values, fields=fields, conflict=conflict), []


def _sheet_rows(sheet) -> dict[str, tuple[int, str, str]]:
    """Field name -> (row, value, value as downloaded), for the rows naming a known field."""
    rows = {}
    cells = sheet.iter_rows(min_row=FIRST_ROW, max_row=FIRST_ROW + 2 * len(FIELDS),
                            max_col=EXPORTED, values_only=True)  # fmt: skip
    for number, values in enumerate(cells, start=FIRST_ROW):
        values = tuple(values) + (None,) * EXPORTED
        name = value_text(values[KEY - 1])
        if name in FIELDS and name not in rows:
            rows[name] = (number, value_text(values[VALUE - 1]), value_text(values[EXPORTED - 1]))
    return rows


def _choice_code(name: str, text: str) -> str:
    """A choice written as its code or as its label in any language, as its code."""
    field = AsmProfile._meta.get_field(name)
    if not field.choices or not text:
        return text
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for value, label in field.choices:
                if text.casefold() in (value.casefold(), str(label).casefold()):
                    return value
    return text


def profile_values(texts: dict[str, str]) -> dict:
    """The stored change's form texts as model values."""
    fields = AsmProfileForm.base_fields
    return {name: fields[name].to_python(text) for name, text in texts.items()}
