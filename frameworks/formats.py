"""Framework files in YAML and Excel: reading them into a plain document with the place of
each node, and writing a framework version back in either format.

The document is dicts and lists as in the YAML file; loading.py checks it and loads it.
Excel layout, one row per node: sheet Framework (key | value rows: slug, status,
not_applicable, scoring_method, crosswalk_from_version, title_en, ...), Scale, Tags, Areas,
Recommendations (with its area's code), Indicators (with its recommendation's code, tags
comma-separated), LevelGuidance (indicator, level, text_en, ...) and, for a version with a
crosswalk, Crosswalk (kind, from, to: codes comma-separated, note_en, ...); every text has
one column per language, e.g. title_en ... title_pt.
"""

import difflib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.db.models import Prefetch

from .models import Area, Framework, Indicator, ScaleLevel

NodePath = tuple[str | int, ...]

YAML_SUFFIXES = (".yaml", ".yml")
EXCEL_SUFFIX = ".xlsx"

FILE_NOT_FOUND = "file not found"
UNSUPPORTED_FILE_TYPE = 'unsupported file type "{suffix}": use .yaml, .yml or .xlsx'
INVALID_YAML = "not valid YAML: {problem}"
NOT_UTF8 = "not a UTF-8 text file"
NOT_A_WORKBOOK = "not a readable Excel workbook"
MISSING_SHEET = 'sheet "{sheet}" is missing'
DUPLICATE_KEY = 'key "{key}" is given twice'
DUPLICATE_COLUMN = 'column "{key}" is given twice'
UNKNOWN_KEY = 'unknown key "{key}"{hint}'
UNKNOWN_COLUMN = 'unknown column "{key}"{hint}'
UNKNOWN_LANGUAGE = 'unknown language "{key}" (use {languages})'
UNKNOWN_REFERENCE = 'unknown {kind} "{code}"'
DUPLICATE_LEVEL_GUIDANCE = "level {code} of this indicator is given twice"
REQUIRED = "is required"

FRAMEWORK_SHEET = "Framework"
FRAMEWORK_KEYS = ("slug", "status", "not_applicable", "scoring_method", "crosswalk_from_version")
FRAMEWORK_TEXTS = ("title", "description")
# Each sheet's columns: plain ones, then one per language of each text.
EXCEL_SHEETS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Scale": (("code", "percentage"), ("label", "description")),
    "Tags": (("code",), ("label",)),
    "Areas": (("code", "weight"), ("title", "description")),
    "Recommendations": (("area", "code", "weight"), ("title", "description", "source")),
    "Indicators": (("recommendation", "code", "weight", "tags"), ("statement", "guidance")),
    "LevelGuidance": (("indicator", "level"), ("text",)),
    "Crosswalk": (("kind", "from", "to"), ("note",)),
}
# Sheets a workbook may leave out: a framework without a crosswalk needs no Crosswalk sheet.
OPTIONAL_SHEETS = ("Crosswalk",)
_CHILD_LISTS = {"Areas": "recommendations", "Recommendations": "indicators"}
_WHOLE_NUMBER_COLUMNS = {("Scale", "code"), ("LevelGuidance", "level")}
_CODE_LIST_COLUMNS = {"tags", "from", "to"}  # comma-separated in a cell
_SECTIONS = ("areas", "recommendations", "indicators")


def languages() -> tuple[str, ...]:
    """The language codes every text may have; English first."""
    return tuple(code for code, _ in settings.LANGUAGES)


@dataclass(frozen=True)
class Place:
    """Where a node is: file + line for YAML, file + sheet + row (+ column) for Excel."""

    file: str
    line: int | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        parts = [self.file]
        parts += [f"line {self.line}"] if self.line is not None else []
        parts += [f"sheet {self.sheet}"] if self.sheet else []
        parts += [f"row {self.row}"] if self.row is not None else []
        parts += [f"column {self.column}"] if self.column else []
        return ", ".join(parts)


@dataclass(frozen=True)
class Problem:
    where: str
    message: str
    line: int | None = field(default=None, compare=False)  # to list YAML problems in order

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class FrameworkFileError(Exception):
    """A framework file that cannot be loaded, with every problem found in it."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


@dataclass
class ParsedFile:
    """A parsed file: its document, the place of each node path, and problems found so far."""

    name: str
    document: Any = None
    places: dict[NodePath, Place] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def report(self, path: NodePath, template: str, **values: Any) -> None:
        line = self._nearest(path)[0].line
        self.problems.append(Problem(self.where(path), template.format(**values), line))

    def report_at(self, place: Place | str, template: str, **values: Any) -> None:
        line = place.line if isinstance(place, Place) else None
        self.problems.append(Problem(str(place), template.format(**values), line))

    def where(self, path: NodePath) -> str:
        """The nearest known place of a node, with the field when the place is less precise."""
        place, size = self._nearest(path)
        if place.line is not None:
            return f"{place}, {_short_path(path)}" if path else str(place)
        rest = path[size:]
        return f"{place}, {_dotted(rest)}" if rest else str(place)

    def _nearest(self, path: NodePath) -> tuple[Place, int]:
        """The place of the node or of its nearest ancestor, and that ancestor's depth."""
        size = len(path)
        while size > 0 and path[:size] not in self.places:
            size -= 1
        return self.places.get(path[:size], Place(self.name)), size


def _dotted(path: NodePath) -> str:
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path)[1:]


def _short_path(path: NodePath) -> str:
    """The path from the innermost area, recommendation or indicator: the line says the rest."""
    starts = [index for index, part in enumerate(path[:-1]) if part in _SECTIONS]
    return _dotted(path[max(starts, default=0) :])


def did_you_mean(word: Any, choices: tuple[str, ...]) -> str:
    """' (did you mean "weight"?)' for a misspelt key, or nothing."""
    matches = difflib.get_close_matches(str(word), choices, n=1)
    return f' (did you mean "{matches[0]}"?)' if matches else ""


def either(words: tuple[str, ...]) -> str:
    """'en, fr, es or pt'."""
    *first, last = words
    return f"{', '.join(first)} or {last}" if first else last


def plain_number(number: Decimal | None) -> int | float | None:
    """A decimal as the int or float a YAML file would hold."""
    if number is None:
        return None
    return int(number) if number == number.to_integral_value() else float(number)


# Reading YAML -------------------------------------------------------------------------------------


class _PlacedLoader(yaml.SafeLoader):
    """A safe loader that records the line of every mapping key and list item."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self.lines: dict[int, tuple[int, dict[Any, int]]] = {}
        self.duplicate_keys: list[tuple[int, Any]] = []

    def construct_placed_mapping(self, node: yaml.MappingNode):
        data: dict = {}
        yield data
        data.update(self.construct_mapping(node))
        key_lines: dict[Any, int] = {}
        for key_node, _ in node.value:
            key, line = self.construct_object(key_node), key_node.start_mark.line + 1
            if key in key_lines:
                self.duplicate_keys.append((line, key))
            key_lines[key] = line
        self.lines[id(data)] = (node.start_mark.line + 1, key_lines)

    def construct_placed_sequence(self, node: yaml.SequenceNode):
        data: list = []
        yield data
        data.extend(self.construct_sequence(node))
        item_lines = {index: item.start_mark.line + 1 for index, item in enumerate(node.value)}
        self.lines[id(data)] = (node.start_mark.line + 1, item_lines)


_PlacedLoader.add_constructor("tag:yaml.org,2002:map", _PlacedLoader.construct_placed_mapping)
_PlacedLoader.add_constructor("tag:yaml.org,2002:seq", _PlacedLoader.construct_placed_sequence)


def parse_yaml(path: Path) -> ParsedFile:
    """Parse a YAML file, keeping the line of each node; syntax errors become problems."""
    parsed = ParsedFile(path.name)
    try:
        loader = _PlacedLoader(path.read_text(encoding="utf-8"))
        try:
            parsed.document = loader.get_single_data()
        finally:
            loader.dispose()
    except UnicodeDecodeError:
        parsed.report_at(path.name, NOT_UTF8)
        return parsed
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        place = Place(path.name, line=mark.line + 1) if mark else Place(path.name)
        problem = getattr(error, "problem", None) or str(error)
        parsed.report_at(place, INVALID_YAML, problem=problem)
        return parsed
    for line, key in loader.duplicate_keys:
        parsed.report_at(Place(path.name, line=line), DUPLICATE_KEY, key=key)
    _collect_places(parsed, parsed.document, (), loader.lines)
    parsed.places.setdefault((), Place(path.name, line=1))
    return parsed


def _collect_places(
    parsed: ParsedFile, node: Any, path: NodePath, lines: dict, seen: set[int] | None = None
) -> None:
    """Record the line of each node under path; a YAML alias (a node seen before) is skipped,
    which keeps recursive or exponential aliases from looping."""
    seen = set() if seen is None else seen
    entry = lines.get(id(node)) if isinstance(node, dict | list) else None
    if entry is None or id(node) in seen:
        return
    seen.add(id(node))
    line, child_lines = entry
    parsed.places.setdefault(path, Place(parsed.name, line=line))
    for key, child in node.items() if isinstance(node, dict) else enumerate(node):
        parsed.places[(*path, key)] = Place(parsed.name, line=child_lines.get(key, line))
        _collect_places(parsed, child, (*path, key), lines, seen)


def parse_framework_file(path: Path) -> ParsedFile:
    """Parse a .yaml, .yml or .xlsx framework file without checking its content."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (*YAML_SUFFIXES, EXCEL_SUFFIX):
        return ParsedFile(path.name, problems=[_problem(path, UNSUPPORTED_FILE_TYPE, suffix)])
    if not path.is_file():
        return ParsedFile(path.name, problems=[_problem(path, FILE_NOT_FOUND)])
    if suffix == EXCEL_SUFFIX:
        from .workbook import read_workbook  # workbook.py builds on this module

        return read_workbook(path)
    return parse_yaml(path)


def _problem(path: Path, template: str, suffix: str = "") -> Problem:
    return Problem(str(path), template.format(suffix=suffix))


# A framework version as a document, and writing YAML ----------------------------------------------


def framework_document(framework: Framework) -> dict:
    """A framework version as the normalized document validate_framework() returns."""
    areas = framework.areas.prefetch_related(
        "recommendations__indicators__tags", "recommendations__indicators__level_guidance"
    )
    document = {
        "slug": framework.slug,
        "status": framework.status,
        "title": _text_of(framework, "title"),
        "description": _text_of(framework, "description"),
        "scale": {
            "not_applicable": framework.allows_not_applicable,
            "levels": [_level_document(level) for level in framework.levels.order_by("code")],
        },
        "tags": [
            {"code": tag.code, "label": _text_of(tag, "label")}
            for tag in framework.tags.order_by("code")
        ],
    }
    if framework.scoring_method != Framework.ScoringMethod.NESTED_MEANS:
        document["scoring_method"] = framework.scoring_method
    document["areas"] = [_area_document(area) for area in areas]
    if framework.previous_version_id is not None:
        document["crosswalk"] = _crosswalk_document(framework)
    return document


def _crosswalk_document(framework: Framework) -> dict:
    placed = Indicator.objects.select_related("recommendation__area")
    entries = framework.crosswalk_entries.prefetch_related(
        Prefetch("previous_indicators", queryset=placed), Prefetch("indicators", queryset=placed)
    )
    return {
        "from_version": framework.previous_version.version,
        "indicators": [
            {
                "kind": entry.kind,
                "from": _codes_in_order(entry.previous_indicators.all()),
                "to": _codes_in_order(entry.indicators.all()),
                "note": _text_of(entry, "note"),
            }
            for entry in entries.order_by("order")
        ],
    }


def _codes_in_order(indicators) -> list[str]:
    return [indicator.code for indicator in sorted(indicators, key=_indicator_position)]


def _indicator_position(indicator: Indicator) -> tuple:
    return (indicator.recommendation.area.order, indicator.recommendation.order, indicator.order)


def _text_of(instance: Any, name: str) -> dict[str, str]:
    """The stored translations of a field, without fallback: only languages that have text."""
    values = {language: getattr(instance, f"{name}_{language}") for language in languages()}
    return {language: value for language, value in values.items() if value}


def _level_document(level: ScaleLevel) -> dict:
    return {
        "code": level.code,
        "percentage": plain_number(level.percentage),
        "label": _text_of(level, "label"),
        "description": _text_of(level, "description"),
    }


def _area_document(area: Area) -> dict:
    return {
        "code": area.code,
        "weight": plain_number(area.weight),
        "title": _text_of(area, "title"),
        "description": _text_of(area, "description"),
        "recommendations": [
            {
                "code": recommendation.code,
                "weight": plain_number(recommendation.weight),
                "title": _text_of(recommendation, "title"),
                "description": _text_of(recommendation, "description"),
                "source": _text_of(recommendation, "source"),
                "indicators": [_indicator_document(i) for i in recommendation.indicators.all()],
            }
            for recommendation in area.recommendations.all()
        ],
    }


def _indicator_document(indicator: Indicator) -> dict:
    return {
        "code": indicator.code,
        "weight": plain_number(indicator.weight),
        "tags": sorted(tag.code for tag in indicator.tags.all()),
        "statement": _text_of(indicator, "statement"),
        "guidance": _text_of(indicator, "guidance"),
        "levels": {
            guidance.level_code: _text_of(guidance, "text")
            for guidance in sorted(indicator.level_guidance.all(), key=lambda g: g.level_code)
        },
    }


class _IndentedDumper(yaml.SafeDumper):
    """Indents list items under their key, as in the hand-written framework files."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


def write_yaml(document: dict, path: Path, comment: str = "") -> None:
    """Write a document as readable YAML, leaving out empty optional texts and lists.

    Each text stays on one line (no width limit), so that a change shows as one changed line.
    """
    text = yaml.dump(
        _without_empty(document),
        Dumper=_IndentedDumper,
        allow_unicode=True,
        sort_keys=False,
        width=1_000_000,
    )
    header = f"# {comment}\n" if comment else ""
    Path(path).write_text(header + text, encoding="utf-8")


def _without_empty(node: Any) -> Any:
    if isinstance(node, dict):
        return {key: _without_empty(value) for key, value in node.items() if value not in ({}, [])}
    if isinstance(node, list):
        return [_without_empty(item) for item in node]
    return node
