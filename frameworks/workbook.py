"""Framework files in Excel: the same document as the YAML file, one sheet per kind of node
(see formats.py for the layout), read with the place (sheet, row, column) of each value and
written back from a framework version's document."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from config.spreadsheets import UNREADABLE, WorkbookRefused, open_workbook, write_text

from .formats import (
    _CHILD_LISTS,
    _CODE_LIST_COLUMNS,
    _WHOLE_NUMBER_COLUMNS,
    DUPLICATE_COLUMN,
    DUPLICATE_KEY,
    DUPLICATE_LEVEL_GUIDANCE,
    EXCEL_SHEETS,
    FRAMEWORK_KEYS,
    FRAMEWORK_SHEET,
    FRAMEWORK_TEXTS,
    MISSING_SHEET,
    NOT_A_WORKBOOK,
    OPTIONAL_SHEETS,
    REQUIRED,
    UNKNOWN_COLUMN,
    UNKNOWN_KEY,
    UNKNOWN_LANGUAGE,
    UNKNOWN_REFERENCE,
    NodePath,
    ParsedFile,
    Place,
    did_you_mean,
    either,
    languages,
    plain_number,
)

# Reading Excel ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    """A non-empty row of a sheet: its cells by column name, empty cells as None."""

    file: str
    sheet: str
    number: int
    cells: dict[str, Any]

    def place(self, column: str | None = None) -> Place:
        return Place(self.file, sheet=self.sheet, row=self.number, column=column)


# A framework's longest sheet is its level guidance: indicators × levels.
MAX_ROWS_PER_SHEET = 10_000


def read_workbook(path: Path) -> ParsedFile:
    """Parse an Excel workbook into the same document as its YAML file would give, after the
    checks every workbook read by the application goes through (config/spreadsheets.py)."""
    parsed = ParsedFile(path.name, places={(): Place(path.name, sheet=FRAMEWORK_SHEET)})
    try:
        book = open_workbook(path.read_bytes(), max_rows_per_sheet=MAX_ROWS_PER_SHEET)
    except OSError:
        parsed.report_at(path.name, NOT_A_WORKBOOK)
        return parsed
    except WorkbookRefused as refused:
        unreadable = refused.message == str(UNREADABLE)
        parsed.report_at(path.name, NOT_A_WORKBOOK if unreadable else "{reason}",
                         reason=refused.message)  # fmt: skip
        return parsed
    try:
        sheets = (FRAMEWORK_SHEET, *EXCEL_SHEETS)
        rows = {sheet: _sheet_rows(book, sheet, parsed) for sheet in sheets}
    finally:
        book.close()
    parsed.document = _document_from_rows(rows, parsed)
    return parsed


def _sheet_rows(book: Any, sheet: str, parsed: ParsedFile) -> list[_Row]:
    if sheet not in book.sheetnames:
        if sheet not in OPTIONAL_SHEETS:
            parsed.report_at(Place(parsed.name, sheet=sheet), MISSING_SHEET, sheet=sheet)
        return []
    lines = book[sheet].iter_rows(values_only=True)
    columns = [str(value).strip() if value is not None else "" for value in next(lines, ())]
    _check_columns(parsed, sheet, columns)
    rows = []
    for number, values in enumerate(lines, start=2):
        cells = {
            column: _cell(value) for column, value in zip(columns, values, strict=False) if column
        }
        if any(value is not None for value in cells.values()):
            rows.append(_Row(parsed.name, sheet, number, cells))
    return rows


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip() or None
    return value


def _check_columns(parsed: ParsedFile, sheet: str, columns: list[str]) -> None:
    if sheet == FRAMEWORK_SHEET:
        scalars, texts = ("key", "value"), ()
    else:
        scalars, texts = EXCEL_SHEETS[sheet]
    for column in [column for column in columns if column]:
        place = Place(parsed.name, sheet=sheet, row=1, column=column)
        if columns.count(column) > 1:
            parsed.report_at(place, DUPLICATE_COLUMN, key=column)
        elif column not in sheet_columns(sheet):
            parsed.report_at(place, _unknown_name(column, scalars, texts, UNKNOWN_COLUMN))


def sheet_columns(sheet: str) -> tuple[str, ...]:
    """The columns of a sheet, in the order the exporter writes them."""
    if sheet == FRAMEWORK_SHEET:
        return ("key", "value")
    scalars, texts = EXCEL_SHEETS[sheet]
    return (*scalars, *_text_columns(texts))


def _text_columns(texts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f"{name}_{language}" for name in texts for language in languages())


def _unknown_name(name: str, scalars: tuple, texts: tuple, template: str) -> str:
    """An unknown column or key: an unknown language of a known text, or a typo."""
    text, _, language = name.rpartition("_")
    if text in texts:
        return UNKNOWN_LANGUAGE.format(key=language, languages=either(languages()))
    return template.format(key=name, hint=did_you_mean(name, (*scalars, *_text_columns(texts))))


def _document_from_rows(rows: dict[str, list[_Row]], parsed: ParsedFile) -> dict:
    document = _framework_from_rows(rows[FRAMEWORK_SHEET], parsed)
    levels = _records(rows["Scale"], ("scale", "levels"), "Scale", parsed)
    document.setdefault("scale", {})["levels"] = levels
    document["tags"] = _records(rows["Tags"], ("tags",), "Tags", parsed)
    document["areas"] = _records(rows["Areas"], ("areas",), "Areas", parsed)
    areas = {
        area["code"]: (area, ("areas", index))
        for index, area in reversed(list(enumerate(document["areas"])))
        if isinstance(area.get("code"), str)
    }  # reversed: a code used twice refers to its first area
    recommendations = _attach(rows["Recommendations"], areas, "area", "recommendations", parsed)
    indicators = _attach(
        rows["Indicators"], recommendations, "recommendation", "indicators", parsed
    )
    _attach_level_guidance(rows["LevelGuidance"], indicators, parsed)
    if rows["Crosswalk"] or "crosswalk" in document:
        crosswalk = document.setdefault("crosswalk", {})
        path = ("crosswalk", "indicators")
        crosswalk["indicators"] = _records(rows["Crosswalk"], path, "Crosswalk", parsed)
    return document


def _framework_from_rows(rows: list[_Row], parsed: ParsedFile) -> dict:
    """The framework's own keys, one per row of the Framework sheet."""
    document: dict = {}
    keys: set[str] = set()
    for row in rows:
        key, path = _text_value(row.cells.get("key")), _framework_path(row.cells.get("key"))
        if key in keys:
            parsed.report_at(row.place("key"), DUPLICATE_KEY, key=key)
        elif path is None:
            unknown = _unknown_name(str(key), FRAMEWORK_KEYS, FRAMEWORK_TEXTS, UNKNOWN_KEY)
            parsed.report_at(row.place("key"), REQUIRED if key is None else unknown)
        else:
            keys.add(key)
            parsed.places[path] = row.place("value")
            _put(document, path, _framework_value(key, row.cells.get("value")))
    return document


def _framework_path(key: Any) -> NodePath | None:
    text, _, language = str(key).rpartition("_")
    if key in ("slug", "status", "scoring_method"):
        return (key,)
    if key == "crosswalk_from_version":
        return ("crosswalk", "from_version")
    if key == "not_applicable":
        return ("scale", "not_applicable")
    if text in FRAMEWORK_TEXTS and language in languages():
        return (text, language)
    return None


def _framework_value(key: str, value: Any) -> Any:
    if key == "crosswalk_from_version":
        return _whole_number(value)
    if key != "not_applicable" or not isinstance(value, str | int):
        return _text_value(value)
    answers = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}
    return answers.get(str(value).lower(), value)


def _put(document: dict, path: NodePath, value: Any) -> None:
    if value is None:
        return
    for key in path[:-1]:
        document = document.setdefault(key, {})
    document[path[-1]] = value


def _records(rows: list[_Row], path: NodePath, sheet: str, parsed: ParsedFile) -> list[dict]:
    parsed.places[path] = Place(parsed.name, sheet=sheet)
    return [_record(row, (*path, index), parsed) for index, row in enumerate(rows)]


def _record(row: _Row, path: NodePath, parsed: ParsedFile, reference: str = "") -> dict:
    """A row as a node; the reference column (its parent's code) is left out."""
    scalars, texts = EXCEL_SHEETS[row.sheet]
    node: dict[str, Any] = {_CHILD_LISTS[row.sheet]: []} if row.sheet in _CHILD_LISTS else {}
    for column in scalars:
        value = _column_value(row, column)
        parsed.places[(*path, column)] = row.place(column)
        if column != reference and value is not None:
            node[column] = value
    for column in _CODE_LIST_COLUMNS:
        for index in range(len(node.get(column, []))):
            parsed.places[(*path, column, index)] = row.place(column)
    for name in texts:
        text = _text_cells(row, name, (*path, name), parsed)
        if text:
            node[name] = text
    parsed.places[path] = row.place()
    return node


def _column_value(row: _Row, column: str) -> Any:
    """A cell as the YAML file would hold it (Excel turns "6.1" into a number, for one)."""
    value = row.cells.get(column)
    if value is None:
        return None
    if (row.sheet, column) in _WHOLE_NUMBER_COLUMNS:
        return _whole_number(value)
    if column in ("weight", "percentage"):
        return _number_value(value)
    if column in _CODE_LIST_COLUMNS:
        return [code.strip() for code in str(_text_value(value)).split(",") if code.strip()]
    return _text_value(value)


def _whole_number(value: Any) -> Any:
    is_whole = isinstance(value, float) and value.is_integer()
    return int(value) if is_whole else _number_value(value)


def _number_value(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    try:
        return plain_number(Decimal(value))
    except InvalidOperation:
        return value


def _text_value(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value if value is None or isinstance(value, str) else str(value)


def _text_cells(row: _Row, name: str, path: NodePath, parsed: ParsedFile) -> dict[str, Any]:
    parsed.places[path] = row.place(f"{name}_en")
    text = {}
    for language in languages():
        column = f"{name}_{language}"
        parsed.places[(*path, language)] = row.place(column)
        if row.cells.get(column) is not None:
            text[language] = _text_value(row.cells[column])
    return text


def _attach(
    rows: list[_Row],
    parents: dict[str, tuple[dict, NodePath]],
    reference: str,
    key: str,
    parsed: ParsedFile,
) -> dict[str, tuple[dict, NodePath]]:
    """Put each row in the list (key) of the parent its reference column names.

    Returns the new nodes and their paths by code, the first one for a code used twice.
    """
    children: dict[str, tuple[dict, NodePath]] = {}
    for row in rows:
        parent = _parent(row, reference, parents, parsed)
        if parent is None:
            continue
        parent_node, parent_path = parent
        siblings = parent_node[key]
        path = (*parent_path, key, len(siblings))
        node = _record(row, path, parsed, reference)
        siblings.append(node)
        if isinstance(node.get("code"), str):
            children.setdefault(node["code"], (node, path))
    return children


def _parent(
    row: _Row, reference: str, parents: dict[str, tuple[dict, NodePath]], parsed: ParsedFile
) -> tuple[dict, NodePath] | None:
    code = _text_value(row.cells.get(reference))
    if code is None:
        parsed.report_at(row.place(reference), REQUIRED)
    elif code not in parents:
        parsed.report_at(row.place(reference), UNKNOWN_REFERENCE, kind=reference, code=code)
    return parents.get(code)


def _attach_level_guidance(
    rows: list[_Row], indicators: dict[str, tuple[dict, NodePath]], parsed: ParsedFile
) -> None:
    for row in rows:
        parent = _parent(row, "indicator", indicators, parsed)
        level = _column_value(row, "level")
        if level is None:
            parsed.report_at(row.place("level"), REQUIRED)
        if parent is None or level is None:
            continue
        node, path = parent
        levels = node.setdefault("levels", {})
        if level in levels:
            parsed.report_at(row.place("level"), DUPLICATE_LEVEL_GUIDANCE, code=level)
            continue
        levels[level] = _text_cells(row, "text", (*path, "levels", level), parsed)
        parsed.places[(*path, "levels", level)] = row.place("level")


# Writing Excel ------------------------------------------------------------------------------------


def write_workbook(document: dict, path: Path) -> None:
    """Write a document as a workbook that read_workbook() reads back as the same document."""
    book = openpyxl.Workbook()
    _write_sheet(book.active, FRAMEWORK_SHEET, _framework_rows(document))
    for sheet, nodes in _sheet_nodes(document).items():
        _write_sheet(book.create_sheet(), sheet, [_row_values(sheet, node) for node in nodes])
    book.save(path)


def _framework_rows(document: dict) -> list[list]:
    rows = [
        ["slug", document["slug"]],
        ["status", document["status"]],
        ["not_applicable", document["scale"]["not_applicable"]],
    ]
    if "scoring_method" in document:
        rows.append(["scoring_method", document["scoring_method"]])
    if "crosswalk" in document:
        rows.append(["crosswalk_from_version", document["crosswalk"]["from_version"]])
    for name in FRAMEWORK_TEXTS:
        rows += [[f"{name}_{language}", document[name].get(language)] for language in languages()]
    return rows


def _sheet_nodes(document: dict) -> dict[str, list[dict]]:
    """The nodes of each sheet, with their parent's code under the sheet's reference column."""
    recommendations = [
        {**node, "area": area["code"]}
        for area in document["areas"]
        for node in area["recommendations"]
    ]
    indicators = [
        {**node, "recommendation": recommendation["code"]}
        for recommendation in recommendations
        for node in recommendation["indicators"]
    ]
    guidance = [
        {"indicator": indicator["code"], "level": code, "text": text}
        for indicator in indicators
        for code, text in indicator["levels"].items()
    ]
    sheets = {
        "Scale": document["scale"]["levels"],
        "Tags": document["tags"],
        "Areas": document["areas"],
        "Recommendations": recommendations,
        "Indicators": indicators,
        "LevelGuidance": guidance,
    }
    if "crosswalk" in document:
        sheets["Crosswalk"] = document["crosswalk"]["indicators"]
    return sheets


def _row_values(sheet: str, node: dict) -> list:
    scalars, texts = EXCEL_SHEETS[sheet]
    values = [_cell_of(node, column) for column in scalars]
    return values + [node[name].get(language) for name in texts for language in languages()]


def _cell_of(node: dict, column: str) -> Any:
    if column in _CODE_LIST_COLUMNS:
        return ", ".join(node[column]) or None
    return node.get(column)


def _write_sheet(sheet: Any, title: str, rows: list[list]) -> None:
    sheet.title = title
    columns = sheet_columns(title)
    sheet.append(columns)
    for values in rows:
        sheet.append(values)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            write_text(cell, cell.value)  # texts as texts, never formulas
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        wide = column == "value" or column.rpartition("_")[2] in languages()
        sheet.column_dimensions[get_column_letter(index)].width = 50 if wide else 16
