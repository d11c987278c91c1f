"""Small framework documents for the loader and exporter tests: 2 areas, 3 recommendations,
5 indicators, 3 scale levels and 2 tags, in the format of fixtures/frameworks/*.yaml."""

from pathlib import Path

import openpyxl
import yaml

from frameworks.loading import FrameworkFileError, read_framework_file

VALID_YAML = """\
# A small framework for tests.
slug: test-pillar
status: draft
title:
  en: "Test pillar"
  fr: "Pilier de test"
  es: "Pilar de prueba"
  pt: "Pilar de teste"
description:
  en: "A framework to test the loader."
scale:
  not_applicable: true
  levels:
    - code: 0
      percentage: 0
      label: {en: "Not in place", fr: "Inexistant", es: "No existe", pt: "Inexistente"}
    - code: 1
      percentage: 50
      label: {en: "Partly in place", fr: "En partie en place"}
      description: {en: "Some of it exists."}
    - code: 2
      percentage: 100
      label: {en: "Fully in place", fr: "Pleinement en place"}
tags:
  - code: seed-1
    label: {en: "Recommendation 1", fr: "Recommandation 1"}
  - code: minamata-c-b
    label: {en: "Minamata Annex C (b)"}
areas:
  - code: "6.1"
    weight: 1
    title: {en: "Legal system", fr: "Système juridique", es: "Sistema jurídico", pt: "Sistema jurídico"}
    recommendations:
      - code: "6.1.1"
        weight: 1
        title: {en: "Legal framework", fr: "Cadre juridique"}
        description: {en: "The law covers ASM.", fr: "La loi couvre l'EMAPE."}
        source: {en: "MPF 2013, Pillar 6."}
        indicators:
          - code: "6.1.1.a"
            weight: 1
            tags: [seed-1]
            statement:
              en: "The mining law defines ASM."
              fr: "La loi minière définit l'EMAPE."
              es: "La ley minera define la MAPE."
              pt: "A lei de mineração define a MAPE."
            guidance: {en: "Cite the articles."}
            levels:
              0: {en: "The law does not mention ASM.", fr: "La loi ne mentionne pas l'EMAPE."}
              2: {en: "ASM is defined with graduated permits."}
          - code: "6.1.1.b"
            weight: 1
            statement: {en: "ASM permits are simple to obtain."}
      - code: "6.1.2"
        weight: 1
        title: {en: "Technical support"}
        indicators:
          - code: "6.1.2.a"
            weight: 1
            statement: {en: "The regulator has staff in the mining regions."}
  - code: "6.2"
    weight: 2
    title: {en: "Economic system"}
    recommendations:
      - code: "6.2.1"
        weight: 1
        title: {en: "Mapping"}
        indicators:
          - code: "6.2.1.a"
            weight: 0.5
            tags: [minamata-c-b, seed-1]
            statement: {en: "ASM activity is mapped.", fr: "L'activité d'EMAPE est cartographiée."}
          - code: "6.2.1.b"
            weight: 1.5
            statement: {en: "Geological data are public."}
"""

# Version 2 of the test framework: 6.1.1.b reworded, 6.1.2.a split, 6.2.1.a and .b merged,
# 6.2.1.d new; its crosswalk from version 1 says so.
CROSSWALK = """\
crosswalk:
  from_version: 1
  indicators:
    - {kind: same, from: "6.1.1.a", to: "6.1.1.a"}
    - {kind: reworded, from: "6.1.1.b", to: "6.1.1.b", note: {en: "Clearer.", fr: "Plus clair."}}
    - {kind: split, from: "6.1.2.a", to: ["6.1.2.b", "6.1.2.c"]}
    - {kind: merged, from: ["6.2.1.a", "6.2.1.b"], to: "6.2.1.c"}
    - {kind: new, to: "6.2.1.d"}
"""
VERSION_2_YAML = (
    VALID_YAML.replace(
        'statement: {en: "ASM permits are simple to obtain."}',
        'statement: {en: "ASM permits are simple and cheap to obtain."}',
    )
    .replace(
        """\
          - code: "6.1.2.a"
            weight: 1
            statement: {en: "The regulator has staff in the mining regions."}
""",
        """\
          - code: "6.1.2.b"
            weight: 1
            statement: {en: "The regulator has staff in the mining regions."}
          - code: "6.1.2.c"
            weight: 1
            statement: {en: "The regulator has a budget in the mining regions."}
""",
    )
    .replace(
        """\
          - code: "6.2.1.a"
            weight: 0.5
            tags: [minamata-c-b, seed-1]
            statement: {en: "ASM activity is mapped.", fr: "L'activité d'EMAPE est cartographiée."}
          - code: "6.2.1.b"
            weight: 1.5
            statement: {en: "Geological data are public."}
""",
        """\
          - code: "6.2.1.c"
            weight: 1
            statement: {en: "ASM activity is mapped and geological data are public."}
          - code: "6.2.1.d"
            weight: 1
            statement: {en: "ASM supply chains are mapped."}
""",
    )
    + CROSSWALK
)

# A workbook made by hand in the layout the loader documents (not by our exporter).
HAND_MADE_SHEETS = {
    "Framework": [
        ["key", "value"],
        ["slug", "hand-made"],
        ["status", "published"],
        ["not_applicable", "no"],
        ["title_en", "Hand-made"],
        ["title_fr", "Fait main"],
    ],
    "Scale": [["code", "percentage", "label_en"], [0, 0, "No"], [1, 100, "Yes"]],
    "Tags": [["code", "label_en"]],
    "Areas": [["code", "weight", "title_en"], [6.1, 1, "Legal"]],
    "Recommendations": [["area", "code", "title_en"], ["6.1", "6.1.1", "Law"]],
    "Indicators": [
        ["recommendation", "code", "weight", "tags", "statement_en", "statement_pt"],
        ["6.1.1", "6.1.1.a", 2, None, "The law exists.", "A lei existe."],
    ],
    "LevelGuidance": [["indicator", "level", "text_en"], ["6.1.1.a", 1, "It is applied."]],
}

COUNTS = {"areas": 2, "recommendations": 3, "indicators": 5, "levels": 3, "tags": 2}


def write_text(directory: Path, text: str = VALID_YAML, name: str = "mpf.yaml") -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def replaced(old: str, new: str, text: str = VALID_YAML) -> str:
    """The valid file with one exact fragment replaced (it must be there once)."""
    assert text.count(old) == 1, f"{old!r} is in the test file {text.count(old)} times"
    return text.replace(old, new)


def line_of(text: str, fragment: str) -> int:
    """The number of the first line of text that holds fragment."""
    return next(n for n, line in enumerate(text.splitlines(), start=1) if fragment in line)


def problems_of(path: Path) -> list[str]:
    """The problems the loader reports for a file that must be rejected."""
    try:
        read_framework_file(path)
    except FrameworkFileError as error:
        return [str(problem) for problem in error.problems]
    raise AssertionError(f"{path.name} was accepted")


def framework_document() -> dict:
    return yaml.safe_load(VALID_YAML)


def set_cell(path: Path, sheet: str, row: int, column: str, value: object) -> None:
    """Change one cell of a workbook, the column named by its header."""
    book = openpyxl.load_workbook(path)
    header = [cell.value for cell in book[sheet][1]]
    book[sheet].cell(row=row, column=header.index(column) + 1).value = value
    book.save(path)


def write_rows(path: Path, sheets: dict[str, list[list]]) -> None:
    """Write a workbook with one sheet per key, its rows as given."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
