"""CSV and Excel exports of a comparison and of a country's scores."""

import csv
import io

import pytest
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from scores.comparison import load_comparison
from scores.country import country_scores
from scores.exports import (
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    comparison_csv,
    comparison_group_csv,
    comparison_xlsx,
    country_scores_csv,
    country_scores_xlsx,
)
from scores.models import CountryGroup
from scores.query import ComparisonQuery


def read_csv(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.fixture
def comparison(five_countries, analyst, pillar6):
    return load_comparison(ComparisonQuery(framework=pillar6), analyst)


def test_the_comparison_csv_has_one_row_per_assessment_with_every_score(comparison):
    export = comparison_csv(comparison, "Pillar 6 comparison")
    assert (export.filename, export.content_type) == ("pillar-6-comparison.csv", CSV_CONTENT_TYPE)
    header, *rows = read_csv(export.content)
    assert header[:7] == [
        "ISO3", "Country", "Round", "Status", "Draft", "Group", "Implementation (%)",
    ]  # fmt: skip
    assert header[7] == "6.1 ASM activities in the legal system (%)"
    assert len(header) == 7 + 3 + 12 + 3
    assert len(rows) == 5
    senegal = next(row for row in rows if row[0] == "SEN")
    assert senegal[1:7] == ["Senegal", "2024", "Published", "no", "Africa", "75.0"]
    assert senegal[7:10] == ["100.0", "50.0", "75.0"]
    assert senegal[-3:] == ["51", "0", "0"]


def test_the_group_csv_gives_each_average_with_its_number_of_countries(
    five_countries, focal_a, pillar6
):
    comparison = load_comparison(ComparisonQuery(framework=pillar6), focal_a)
    header, *rows = read_csv(comparison_group_csv(comparison).content)
    assert header == [
        "Group", "Round", "Code", "Area", "Average implementation (%)", "Countries", "Note",
    ]  # fmt: skip
    assert len(rows) == 2 * 4  # two groups x (pillar + three areas)
    lac_6_1 = next(r for r in rows if r[0].startswith("Latin") and r[2] == "6.1")
    assert lac_6_1[4:7] == ["50.0", "3", ""]
    africa_pillar = next(r for r in rows if r[0] == "Africa" and r[2] == "")
    assert africa_pillar[3:] == ["Whole pillar", "", "2", "Not shown: fewer than 3 countries"]


def test_the_comparison_workbook_is_a_real_xlsx_with_a_sheet_per_table(comparison):
    export = comparison_xlsx(comparison)
    assert export.content_type == XLSX_CONTENT_TYPE
    assert export.content[:2] == b"PK"
    workbook = load_workbook(io.BytesIO(export.content))
    assert workbook.sheetnames == ["Assessments", "Group averages", "Ranking", "Trends"]
    assessments = workbook["Assessments"]
    assert assessments.max_row == 1 + 5
    assert assessments["A1"].value == "ISO3" and assessments["A1"].font.bold
    ranking = list(workbook["Ranking"].iter_rows(min_row=2, values_only=True))
    assert ranking[0] == (1, "SEN", "Senegal", "Africa", "2024", 75.0)
    assert [row[0] for row in ranking] == [1, 2, 3, 4, 4]
    trends = list(workbook["Trends"].iter_rows(values_only=True))
    assert trends[0][:4] == ("Group", "Round", "Countries", "Implementation (%)")
    assert len(trends) == 1 + 2


def test_a_text_that_looks_like_a_formula_is_quoted(five_countries, analyst, pillar6):
    group = CountryGroup.objects.create(name="=HYPERLINK(1)", owner=analyst)
    group.countries.set([five_countries["JAM"].country])
    comparison = load_comparison(
        ComparisonQuery(framework=pillar6, grouping=group.grouping), analyst
    )
    _header, row = read_csv(comparison_csv(comparison).content)
    assert row[5] == "'=HYPERLINK(1)"
    workbook = load_workbook(io.BytesIO(comparison_xlsx(comparison).content))
    cell = workbook["Assessments"]["F2"]
    # A text cell with Excel's own leading apostrophe: shown and kept as text.
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("=HYPERLINK(1)", "s", True)


def test_headers_and_titles_follow_the_active_language(five_countries, analyst, pillar6):
    with translation.override("fr"):
        comparison = load_comparison(ComparisonQuery(framework=pillar6), analyst)
        header, *rows = read_csv(comparison_csv(comparison).content)
        assert header[1] == gettext("Country")
        assert header[7].startswith("6.1 Les activités d'EMAPE")
        assert "Sénégal" in {row[1] for row in rows}


def test_the_country_csv_lists_pillar_areas_recommendations_and_indicators(five_countries, analyst):
    scores = country_scores(five_countries["SEN"], analyst)
    export = country_scores_csv(scores)
    assert export.filename == "sen-2024-scores.csv"
    header, *rows = read_csv(export.content)
    assert header[:5] == ["Level", "Code", "Title", "Rating", "Implementation (%)"]
    assert len(rows) == 1 + 3 + 12 + 51
    assert rows[0][:7] == ["Pillar", "", "Whole pillar", "", "75.0", "58.33", "2"]
    assert rows[1][:7] == [
        "Area", "6.1", "ASM activities in the legal system", "", "100.0", "75.0", "2",
    ]  # fmt: skip
    indicator = next(row for row in rows if row[1] == "6.1.1.a")
    assert indicator[3:5] == ["Fully in place", "100.0"]


def test_the_country_workbook_has_scores_and_strengths_and_gaps(five_countries, analyst):
    export = country_scores_xlsx(country_scores(five_countries["SEN"], analyst))
    workbook = load_workbook(io.BytesIO(export.content))
    assert workbook.sheetnames == ["Scores", "Strengths and gaps"]
    assert workbook["Scores"].max_row == 1 + 1 + 3 + 12 + 51
    strengths = list(workbook["Strengths and gaps"].iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in strengths] == ["Strength"] * 3 + ["Gap"] * 3
    assert strengths[0][3] == 100.0


def test_an_export_becomes_a_download(comparison):
    response = comparison_xlsx(comparison).as_response()
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="comparison.xlsx"'
