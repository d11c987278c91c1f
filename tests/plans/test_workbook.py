"""The plan as CSV and Excel, and the Excel import: round trip, preview, apply, and every
bad row explained with its sheet and row."""

from datetime import datetime
from decimal import Decimal
from io import BytesIO

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessment.workbook_import import WRONG_COUNTRY
from plans.models import AMOUNT_WITHOUT_CURRENCY, UNKNOWN_CURRENCY, Action
from plans.workbook import ACTIONS_SHEET, FIRST_ROW, INSTRUCTIONS_SHEET, Column
from plans.workbook_import import (
    BAD_AMOUNT,
    BAD_DURATION,
    BAD_START,
    BAD_VERSION,
    DUPLICATE_ACTION,
    MISSING_ACTION,
    MISSING_PROBLEM,
    UNKNOWN_ACTION,
    UNKNOWN_IMPACT,
    UNKNOWN_INDICATOR,
    UNKNOWN_INSTITUTION,
    UNKNOWN_RECOMMENDATION,
    VERSION_AHEAD,
)

pytestmark = pytest.mark.django_db
NEW_ROW = FIRST_ROW + 3  # plan_a has three actions


def export(client, assessment) -> openpyxl.Workbook:
    answer = client.get(reverse("plans:export_xlsx", args=[assessment.pk]))
    return openpyxl.load_workbook(BytesIO(answer.content))


def upload(client, assessment, book: openpyxl.Workbook, name="plan.xlsx"):
    output = BytesIO()
    book.save(output)
    file = SimpleUploadedFile(name, output.getvalue())
    return client.post(reverse("plans:import", args=[assessment.pk]), {"file": file})


def new_row(sheet, values: dict | None = None, row: int = NEW_ROW) -> None:
    cells = {Column.PROBLEM: "Mercury use in processing", Column.IMPACT: "High",
             Column.ACTION: "Buy retorts", Column.DURATION: 6, Column.START: "2028-1",
             Column.RESPONSIBLE: "MMG; Coopérative des orpailleurs de Kédougou",
             Column.BUDGET: 2500, Column.CURRENCY: "USD", Column.STATUS: "Planned",
             Column.INDICATORS: "6.3.2.a, 6.1.1.a", Column.RECOMMENDATIONS: "3, 5"}  # fmt: skip
    for column, value in {**cells, **(values or {})}.items():
        sheet.cell(row, column, value)


@pytest.fixture
def signed_in(client, focal_a):
    client.force_login(focal_a)
    return client


def test_the_workbook_download_is_a_real_xlsx_named_after_the_plan(signed_in, plan_a):
    answer = signed_in.get(reverse("plans:export_xlsx", args=[plan_a.assessment_id]))
    assert answer["Content-Type"].startswith("application/vnd.openxmlformats")
    assert answer["Content-Disposition"] == 'attachment; filename="SEN-2026-plan.xlsx"'
    assert answer.content[:4] == b"PK\x03\x04"
    sheet = openpyxl.load_workbook(BytesIO(answer.content))[ACTIONS_SHEET]
    assert (
        sheet.cell(FIRST_ROW, Column.ACTION).value == "Technical, legal and environmental diagnosis"
    )
    assert sheet.cell(FIRST_ROW, Column.RESPONSIBLE).value == "COOK; MMG"
    assert sheet.cell(FIRST_ROW + 1, Column.INDICATORS).value == "6.1.2.a, 6.2.1.a"


def test_the_csv_export_has_the_seed_columns_and_the_amounts(signed_in, plan_a):
    answer = signed_in.get(reverse("plans:export_csv", args=[plan_a.assessment_id]))
    assert answer["Content-Type"] == "text/csv; charset=utf-8"
    assert answer["Content-Disposition"] == 'attachment; filename="SEN-2026-plan.csv"'
    text = answer.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("Problem or practice,Impact,Action,Expected result")
    assert "12000000.00,XOF" in lines[1] and "50000.00,USD" in lines[2]


def test_an_unchanged_workbook_changes_nothing(signed_in, plan_a):
    answer = upload(signed_in, plan_a.assessment, export(signed_in, plan_a.assessment))
    assert answer.status_code == 200
    assert answer.context["changes"] == []


def test_a_round_trip_changes_one_action_and_adds_another_in_one_apply(signed_in, plan_a):
    book = export(signed_in, plan_a.assessment)
    sheet = book[ACTIONS_SHEET]
    sheet.cell(FIRST_ROW, Column.STATUS, "Done")
    sheet.cell(FIRST_ROW, Column.BUDGET, 15000000)
    new_row(sheet, {Column.START: datetime(2028, 2, 1)})
    preview = upload(signed_in, plan_a.assessment, book)
    changes = preview.context["changes"]
    assert [(c.is_new, c.row) for c in changes] == [(False, FIRST_ROW), (True, NEW_ROW)]
    assert {f.label for f in changes[0].fields} == {"Budget", "Status"}
    assert Action.objects.count() == 3  # nothing saved by the preview
    answer = signed_in.post(
        reverse("plans:import_apply", args=[plan_a.assessment_id, preview.context["token"]])
    )
    assert answer.status_code == 302
    first = Action.objects.get(pk=changes[0].action_id)
    assert (first.status, first.budget_amount, first.version) == ("done", Decimal("15000000"), 1)
    added = Action.objects.get(description="Buy retorts")
    assert added.problem.text == "Mercury use in processing"  # grouped with the existing one
    assert added.start_semester == "2028-2"  # the spreadsheet's date read back as typed
    assert {s.acronym for s in added.stakeholders.all()} == {"MMG", "COOK"}
    assert sorted(i.code for i in added.indicators.all()) == ["6.1.1.a", "6.3.2.a"]
    assert sorted(t.code for t in added.government_recommendations.all()) == ["seed-3", "seed-5"]
    assert (added.budget_amount, added.budget_currency) == (Decimal("2500"), "USD")


def test_a_preview_can_be_applied_only_once(signed_in, plan_a):
    book = export(signed_in, plan_a.assessment)
    new_row(book[ACTIONS_SHEET])
    token = upload(signed_in, plan_a.assessment, book).context["token"]
    url = reverse("plans:import_apply", args=[plan_a.assessment_id, token])
    signed_in.post(url)
    answer = signed_in.post(url, follow=True)
    assert "expired or was already used" in answer.content.decode()
    assert Action.objects.filter(description="Buy retorts").count() == 1


@pytest.mark.parametrize(
    "cells,message",
    [
        ({Column.PROBLEM: None}, MISSING_PROBLEM),
        ({Column.ACTION: " "}, MISSING_ACTION),
        ({Column.IMPACT: "Huge"}, UNKNOWN_IMPACT % {"value": "Huge",
                                                    "choices": "High, Medium, Low"}),
        ({Column.DURATION: "six"}, BAD_DURATION % {"value": "six", "max": 240}),
        ({Column.DURATION: 0}, BAD_DURATION % {"value": "0", "max": 240}),
        ({Column.START: "2028-3"}, BAD_START % {"value": "2028-3"}),
        ({Column.START: datetime(2028, 5, 17)}, BAD_START % {"value": "2028-05-17 00:00:00"}),
        ({Column.RESPONSIBLE: "MMG; Ministry of Magic"},
         UNKNOWN_INSTITUTION % {"name": "Ministry of Magic"}),
        ({Column.BUDGET: "2 500 $"}, BAD_AMOUNT % {"value": "2 500 $"}),
        ({Column.BUDGET: -3}, BAD_AMOUNT % {"value": "-3"}),
        ({Column.CURRENCY: "ZZZ"}, UNKNOWN_CURRENCY % {"code": "ZZZ"}),
        ({Column.CURRENCY: None}, AMOUNT_WITHOUT_CURRENCY),
        ({Column.INDICATORS: "6.1.1.a, 9.9.9"}, UNKNOWN_INDICATOR % {"code": "9.9.9"}),
        ({Column.RECOMMENDATIONS: "3, 8"}, UNKNOWN_RECOMMENDATION % {"value": "8"}),
        ({Column.ID: 999999, Column.VERSION: 0}, UNKNOWN_ACTION % {"id": "999999"}),
    ],
)  # fmt: skip
def test_a_bad_row_is_explained_with_its_sheet_and_row_and_nothing_is_saved(
    signed_in, plan_a, cells, message
):
    book = export(signed_in, plan_a.assessment)
    new_row(book[ACTIONS_SHEET], cells)
    answer = upload(signed_in, plan_a.assessment, book)
    problems = answer.context["problems"]
    assert [(p.sheet, p.row, p.message) for p in problems] == [
        (ACTIONS_SHEET, NEW_ROW, str(message))
    ]
    assert f"<td>{NEW_ROW}</td>" in answer.content.decode()
    assert not Action.objects.filter(description="Buy retorts").exists()


def test_every_bad_row_is_listed_at_once(signed_in, plan_a):
    book = export(signed_in, plan_a.assessment)
    sheet = book[ACTIONS_SHEET]
    new_row(sheet, {Column.IMPACT: "?"})
    new_row(sheet, {Column.START: "soon", Column.CURRENCY: "ZZZ"}, row=NEW_ROW + 2)
    problems = upload(signed_in, plan_a.assessment, book).context["problems"]
    assert [p.row for p in problems] == [NEW_ROW, NEW_ROW + 2, NEW_ROW + 2]


def test_a_changed_hidden_id_or_version_is_refused(signed_in, plan_a):
    book = export(signed_in, plan_a.assessment)
    sheet = book[ACTIONS_SHEET]
    sheet.cell(FIRST_ROW, Column.VERSION).value = None
    sheet.cell(FIRST_ROW + 1, Column.VERSION, 7)
    sheet.cell(FIRST_ROW + 2, Column.ID, sheet.cell(FIRST_ROW, Column.ID).value)
    problems = upload(signed_in, plan_a.assessment, book).context["problems"]
    first_id = sheet.cell(FIRST_ROW, Column.ID).value
    assert [(p.row, p.message) for p in problems] == [
        (FIRST_ROW, str(BAD_VERSION)),
        (FIRST_ROW + 1, str(VERSION_AHEAD)),
        (FIRST_ROW + 2, DUPLICATE_ACTION % {"id": first_id, "row": FIRST_ROW}),
    ]


def test_a_workbook_of_another_country_is_refused(signed_in, plan_a):
    book = export(signed_in, plan_a.assessment)
    book[INSTRUCTIONS_SHEET].cell(3, 2, "ECU")
    problems = upload(signed_in, plan_a.assessment, book).context["problems"]
    assert [(p.sheet, p.row, p.message) for p in problems] == [
        (INSTRUCTIONS_SHEET, 3, WRONG_COUNTRY % {"workbook": "ECU", "assessment": "SEN"})
    ]


def test_a_file_that_is_not_a_workbook_is_refused_before_reading(signed_in, plan_a):
    file = SimpleUploadedFile("plan.xlsx", b"not a zip at all")
    answer = signed_in.post(reverse("plans:import", args=[plan_a.assessment_id]), {"file": file})
    assert "not an Excel workbook" in answer.content.decode()


def test_an_action_saved_online_after_the_download_is_a_conflict_kept_unless_chosen(
    client, signed_in, contributor_a, plan_a
):
    book = export(signed_in, plan_a.assessment)
    first = Action.objects.filter(problem__plan=plan_a).first()
    Action.objects.filter(pk=first.pk).update(version=1, description="Changed online")
    book[ACTIONS_SHEET].cell(FIRST_ROW, Column.STATUS, "Dropped")
    preview = upload(signed_in, plan_a.assessment, book)
    (change,) = preview.context["changes"]
    assert change.conflict and preview.context["conflicts"] == 1
    url = reverse("plans:import_apply", args=[plan_a.assessment_id, preview.context["token"]])
    signed_in.post(url)
    first.refresh_from_db()
    assert first.status == "planned" and first.description == "Changed online"
    preview = upload(signed_in, plan_a.assessment, book)
    url = reverse("plans:import_apply", args=[plan_a.assessment_id, preview.context["token"]])
    signed_in.post(url, {"take": [str(first.pk)]})
    first.refresh_from_db()
    assert first.status == "dropped"
    assert first.description == "Technical, legal and environmental diagnosis"


def test_nothing_is_saved_when_an_action_changes_between_preview_and_apply(signed_in, plan_a):
    book = export(signed_in, plan_a.assessment)
    sheet = book[ACTIONS_SHEET]
    sheet.cell(FIRST_ROW, Column.STATUS, "Done")
    new_row(sheet)
    preview = upload(signed_in, plan_a.assessment, book)
    Action.objects.filter(problem__plan=plan_a).update(version=5)
    url = reverse("plans:import_apply", args=[plan_a.assessment_id, preview.context["token"]])
    answer = signed_in.post(url, follow=True)
    assert "Nothing was changed" in answer.content.decode()
    assert not Action.objects.filter(description="Buy retorts").exists()
    assert not Action.objects.filter(status="done").exists()


def test_labels_and_codes_of_impact_and_status_are_both_accepted(signed_in, plan_a):
    book = export(signed_in, plan_a.assessment)
    new_row(book[ACTIONS_SHEET], {Column.IMPACT: "medium", Column.STATUS: "in_progress"})
    (change,) = upload(signed_in, plan_a.assessment, book).context["changes"]
    assert (change.data.impact, change.data.status) == ("medium", "in_progress")


def test_a_plan_can_be_started_from_an_empty_workbook(client, focal_a, assessment_a, ministry_a):
    client.force_login(focal_a)
    book = export(client, assessment_a)
    new_row(book[ACTIONS_SHEET], {Column.RESPONSIBLE: "mmg"}, row=FIRST_ROW)
    preview = upload(client, assessment_a, book)
    client.post(reverse("plans:import_apply", args=[assessment_a.pk, preview.context["token"]]))
    action = Action.objects.get()
    assert action.problem.plan.assessment == assessment_a
    assert list(action.stakeholders.all()) == [ministry_a]
