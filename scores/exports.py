"""A comparison or a country's scores as CSV and Excel files, headers in the active language.

CSV is UTF-8 with a byte-order mark (Excel then reads accents right) and holds one table;
the Excel workbook holds every table of the export, one sheet each. Percentages are rounded
to PERCENT_DECIMALS; a suppressed group average is an empty cell with a note. Views serve
an `Export` with `export.as_response()`.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

import pandas as pd
from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from charts.specs import displayed_change
from config.spreadsheets import csv_cell, write_text

from .aggregate import PILLAR
from .comparison import MIN_GROUP_SIZE, Comparison
from .country import CountryScores

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PERCENT_DECIMALS = 2

Table = tuple[list[str], list[list]]


@dataclass(frozen=True)
class Export:
    filename: str
    content_type: str
    content: bytes

    def as_response(self) -> HttpResponse:
        response = HttpResponse(self.content, content_type=self.content_type)
        response["Content-Disposition"] = f'attachment; filename="{self.filename}"'
        return response


# Comparison


def comparison_tables(comparison: Comparison) -> dict[str, Table]:
    """Sheet title -> (headers, rows) of every table of a comparison."""
    return {
        _("Assessments"): _assessment_table(comparison),
        _("Group averages"): _group_table(comparison),
        _("Ranking"): _ranking_table(comparison),
        _("Trends"): _trend_table(comparison),
    }


def comparison_csv(comparison: Comparison, stem: str = "comparison") -> Export:
    """The scores of every assessment of the comparison, one row each."""
    return csv_export(_assessment_table(comparison), f"{slugify(stem)}.csv")


def comparison_group_csv(comparison: Comparison, stem: str = "comparison") -> Export:
    """The averages per group, round and area with the number of countries behind each."""
    return csv_export(_group_table(comparison), f"{slugify(stem)}-groups.csv")


def comparison_xlsx(comparison: Comparison, stem: str = "comparison") -> Export:
    return xlsx_export(comparison_tables(comparison), f"{slugify(stem)}.xlsx")


def _assessment_table(comparison: Comparison) -> Table:
    areas, recs = comparison.area_labels, comparison.recommendation_labels
    headers = [
        _("ISO3"), _("Country"), _("Round"), _("Status"), _("Draft"), _("Group"),
        _("Implementation (%)"),
        *[_code_header(code, title) for code, title in areas.items()],
        *[_code_header(code, title) for code, title in recs.items()],
        _("Rated"), _("Not applicable"), _("Missing"),
    ]  # fmt: skip
    area_scores = _wide(comparison.areas, "area_code", list(areas))
    rec_scores = _wide(comparison.recommendations, "recommendation_code", list(recs))
    rows = []
    for row in comparison.assessments.itertuples(index=False):
        rows.append([
            row.iso3, row.country, row.round, row.status_label, _yes_no(row.is_draft),
            row.group_name, _percent(row.pillar),
            *[_percent(v) for v in area_scores.get(row.assessment_id, [None] * len(areas))],
            *[_percent(v) for v in rec_scores.get(row.assessment_id, [None] * len(recs))],
            row.rated, row.not_applicable, row.missing,
        ])  # fmt: skip
    return headers, rows


def _wide(scores, code_column: str, codes: list[str]) -> dict[int, list]:
    """assessment_id -> scores in the order of the codes."""
    wide = scores.pivot(index="assessment_id", columns=code_column, values="score")
    wide = wide.reindex(columns=codes)
    return dict(zip(wide.index, wide.to_numpy().tolist(), strict=True))


def _group_table(comparison: Comparison) -> Table:
    headers = [
        _("Group"), _("Round"), _("Code"), _("Area"), _("Average implementation (%)"),
        _("Countries"), _("Note"),
    ]  # fmt: skip
    rows = [
        [row.group_name, row.round, _area_code(row.area_code), _area_title(comparison, row.area_code),
         _percent(row.mean), row.n_countries, _suppressed_note(row.suppressed)]
        for row in comparison.group_areas.itertuples(index=False)
    ]  # fmt: skip
    return headers, rows


def _ranking_table(comparison: Comparison) -> Table:
    headers = [_("Rank"), _("ISO3"), _("Country"), _("Group"), _("Round"), _("Implementation (%)")]
    rows = [
        [None if row.rank is None or _missing(row.rank) else int(row.rank), row.iso3,
         row.country, row.group_name, row.round, _percent(row.pillar)]
        for row in comparison.ranking.itertuples(index=False)
    ]  # fmt: skip
    return headers, rows


def _trend_table(comparison: Comparison) -> Table:
    areas = comparison.area_labels
    headers = [
        _("Group"), _("Round"), _("Countries"), _("Implementation (%)"),
        *[_code_header(code, title) for code, title in areas.items()], _("Note"),
    ]  # fmt: skip
    rows = []
    for row in comparison.trends.to_dict("records"):
        rows.append([
            row["group_name"], row["round"], row["n_countries"], _percent(row[PILLAR]),
            *[_percent(row.get(code)) for code in areas], _suppressed_note(row["suppressed"]),
        ])  # fmt: skip
    return headers, rows


def _area_code(code: str) -> str:
    return "" if code == PILLAR else code


def _area_title(comparison: Comparison, code: str) -> str:
    return _("Whole pillar") if code == PILLAR else comparison.area_labels.get(code, code)


def _suppressed_note(suppressed) -> str:
    if not suppressed:
        return ""
    return _("Not shown: fewer than %(count)d countries") % {"count": MIN_GROUP_SIZE}


# A country's scores


def country_scores_table(scores: CountryScores) -> Table:
    """Pillar, areas, recommendations and indicators, one row each."""
    headers = [
        _("Level"), _("Code"), _("Title"), _("Rating"), _("Implementation (%)"),
        _("Region average (%)"), _("Countries in the region average"),
        _("Previous round (%)"), _("Change (points)"),
    ]  # fmt: skip
    rows = [[
        _("Pillar"), "", _("Whole pillar"), "", _percent(scores.pillar),
        _percent(scores.region_pillar), scores.region_pillar_n or None,
        _percent(scores.previous_pillar),
        displayed_change(scores.previous_pillar, scores.compared_pillar, PERCENT_DECIMALS),
    ]]  # fmt: skip
    for area in scores.areas.to_dict("records"):
        rows.append([
            _("Area"), area["area_code"], area["title"], "", _percent(area["score"]),
            _percent(area["region_mean"]), area["region_n"] or None,
            _percent(area["previous_score"]),
            displayed_change(
                _number(area["previous_score"]), _number(area["compared_score"]), PERCENT_DECIMALS
            ),
        ])  # fmt: skip
    for rec in scores.recommendations.to_dict("records"):
        rows.append([
            _("Recommendation"), rec["recommendation_code"], rec["title"], "",
            _percent(rec["score"]), None, None, _percent(rec["previous_score"]),
            displayed_change(
                _number(rec["previous_score"]), _number(rec["compared_score"]), PERCENT_DECIMALS
            ),
        ])  # fmt: skip
    for indicator in scores.indicators.to_dict("records"):
        rows.append([
            _("Indicator"), indicator["indicator_code"], indicator["statement"],
            _rating(indicator), _percent(indicator["score"]), None, None,
            _percent(indicator["previous_score"]),
            displayed_change(
                _number(indicator["previous_score"]), _number(indicator["score"]), PERCENT_DECIMALS
            ),
        ])  # fmt: skip
    return headers, rows


def strengths_and_gaps_table(scores: CountryScores) -> Table:
    headers = [_("Kind"), _("Code"), _("Indicator"), _("Implementation (%)")]
    rows = [
        [kind, indicator.code, scores.titles.indicators.get(indicator.code, indicator.code),
         _percent(indicator.score)]
        for kind, indicators in ((_("Strength"), scores.strengths), (_("Gap"), scores.gaps))
        for indicator in indicators
    ]  # fmt: skip
    return headers, rows


def country_scores_csv(scores: CountryScores) -> Export:
    return csv_export(country_scores_table(scores), f"{_stem(scores)}.csv")


def country_scores_xlsx(scores: CountryScores) -> Export:
    tables = {
        _("Scores"): country_scores_table(scores),
        _("Strengths and gaps"): strengths_and_gaps_table(scores),
    }
    return xlsx_export(tables, f"{_stem(scores)}.xlsx")


def _stem(scores: CountryScores) -> str:
    return slugify(f"{scores.iso3}-{scores.round}-scores")


def _rating(indicator: dict) -> str:
    if indicator["status"] == "not_applicable":
        return _("Not applicable")
    if indicator["status"] == "missing":
        return _("Missing")
    return indicator["level_label"]


# Writers


def csv_export(table: Table, filename: str) -> Export:
    headers, rows = table
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([csv_cell(header) for header in headers])
    writer.writerows([csv_cell(_plain(value)) for value in row] for row in rows)
    return Export(filename, CSV_CONTENT_TYPE, buffer.getvalue().encode("utf-8-sig"))


def xlsx_export(tables: dict[str, Table], filename: str) -> Export:
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, (headers, rows) in tables.items():
        sheet = workbook.create_sheet(_sheet_title(title))
        sheet.freeze_panes = "A2"
        header_cells = []
        for header in headers:
            cell = WriteOnlyCell(sheet)
            write_text(cell, header)
            cell.font = bold
            header_cells.append(cell)
        sheet.append(header_cells)
        for row in rows:
            sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return Export(filename, XLSX_CONTENT_TYPE, buffer.getvalue())


def _plain(value):
    """None for a missing value, a Python number for a numpy one, else the value."""
    if _missing(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _xlsx_cell(sheet, value):
    """Texts as text cells, never formulas (config/spreadsheets.py); numbers as they are."""
    value = _plain(value)
    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(sheet)
    write_text(cell, value)
    return cell


def _sheet_title(title: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", " ", title)[:31]


def _number(value) -> float | None:
    return None if _missing(value) else float(value)


def _missing(value) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def _percent(value) -> float | None:
    return None if _missing(value) else round(float(value), PERCENT_DECIMALS)


def _yes_no(value) -> str:
    return _("yes") if value else _("no")


def _code_header(code: str, title: str) -> str:
    return f"{code} {title} (%)"
