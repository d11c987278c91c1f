"""The plan's practices table: classification, regulations and actions, gap flags, the
pages, the workbook round trip with bad input, and its place in the plan chapter."""

from io import BytesIO

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans.models import Action, Practice
from plans.practices import (
    ACTION_NOT_IN_PLAN,
    ARTICLE_WITHOUT_LAW,
    PRACTICE_EXISTS,
    PracticeData,
    practice_save,
)
from plans.workbook_practices import (
    DUPLICATE_PRACTICE,
    FIRST_ROW,
    MISSING_PRACTICE,
    PRACTICES_SHEET,
    UNKNOWN_ACTION_TEXT,
    UNKNOWN_CLASSIFICATION,
    UNKNOWN_PRACTICE,
    PracticeColumn,
)

pytestmark = pytest.mark.django_db

AMALGAMATION = "Whole-ore amalgamation with mercury"
NOT_ACCEPTED = Practice.Classification.NOT_ACCEPTED


@pytest.fixture
def practices_a(plan_a, focal_a):
    """Three practices: one banned by law, one accepted, one not accepted with nothing (a gap)."""

    def save(*args):
        return practice_save(plan=plan_a, data=PracticeData(*args), user=focal_a)

    return [
        save("Cyanide leaching of mercury-laden tailings", NOT_ACCEPTED, "Mining Code", "art. 80"),
        save("Cooperative-based alluvial mining", "accepted", "Mining Code", "art. 12"),
        save(AMALGAMATION, NOT_ACCEPTED),
    ]


def test_an_unaccepted_practice_without_regulation_or_action_is_a_gap(practices_a, plan_a):
    assert [p.is_gap for p in practices_a] == [False, False, True]
    action = Action.objects.filter(problem__plan=plan_a).first()
    practices_a[2].action = action
    assert not practices_a[2].is_gap
    conditional = Practice(classification="conditional")
    assert not conditional.is_gap


def test_the_team_classifies_a_practice_and_links_it_to_the_law_that_bans_it(
    client, focal_a, plan_a
):
    client.force_login(focal_a)
    url = reverse("plans:practices", args=[plan_a.assessment_id])
    answer = client.post(url, {"name": AMALGAMATION, "classification": "not_accepted",
                               "instrument": "Décret n° 2013-1234", "article": "art. 5"})  # fmt: skip
    assert answer.status_code == 302
    practice = Practice.objects.get(plan=plan_a)
    assert (practice.classification, practice.instrument, practice.article) == (
        "not_accepted", "Décret n° 2013-1234", "art. 5")  # fmt: skip
    assert not practice.is_gap
    page = client.get(url).content.decode()
    assert AMALGAMATION in page and "Décret n° 2013-1234, art. 5" in page


def test_a_practice_can_point_to_the_action_that_will_create_its_regulation(
    client, focal_a, plan_a, practices_a
):
    client.force_login(focal_a)
    action = Action.objects.get(description="Pilot mercury-free processing")
    url = reverse("plans:practice_edit", args=[plan_a.assessment_id, practices_a[2].pk])
    answer = client.post(url, {"name": AMALGAMATION, "classification": "not_accepted",
                               "action": action.pk})  # fmt: skip
    assert answer.status_code == 302
    practices_a[2].refresh_from_db()
    assert practices_a[2].action == action and not practices_a[2].is_gap


def test_bad_input_is_explained_and_nothing_is_saved(
    client, focal_a, plan_a, practices_a, assessment_b, focal_b
):
    client.force_login(focal_a)
    url = reverse("plans:practices", args=[plan_a.assessment_id])
    taken = client.post(url, {"name": AMALGAMATION.upper(), "classification": "accepted"})
    assert taken.status_code == 400
    assert str(PRACTICE_EXISTS % {"name": AMALGAMATION.upper()}) in taken.content.decode()
    orphan = client.post(url, {"name": "Dredging", "classification": "accepted",
                               "article": "art. 3"})  # fmt: skip
    assert str(ARTICLE_WITHOUT_LAW) in orphan.content.decode()
    unknown = client.post(url, {"name": "Dredging", "classification": "maybe"})
    assert unknown.status_code == 400
    assert Practice.objects.count() == 3


def test_an_action_of_another_plan_cannot_be_linked(plan_a, practices_a, assessment_b, focal_b):
    from plans.practices import practice_problems
    from plans.services import ActionData, action_create

    other = action_create(assessment=assessment_b, user=focal_b, data=ActionData(
        problem="x", description="Other country's action", impact="low"))  # fmt: skip
    data = PracticeData("Dredging", "accepted", action_id=other.pk)
    assert practice_problems(plan_a, data) == [str(ACTION_NOT_IN_PLAN % {"id": other.pk})]


def test_only_the_country_team_changes_practices(client, analyst, focal_b, plan_a, practices_a):
    url = reverse("plans:practices", args=[plan_a.assessment_id])
    edit = reverse("plans:practice_edit", args=[plan_a.assessment_id, practices_a[0].pk])
    remove = reverse("plans:practice_delete", args=[plan_a.assessment_id, practices_a[0].pk])
    client.force_login(analyst)
    assert client.get(url).status_code == 200
    assert client.post(url, {"name": "x", "classification": "accepted"}).status_code == 403
    assert client.post(remove).status_code == 403
    assert client.get(edit).status_code == 403
    client.force_login(focal_b)
    assert client.get(url).status_code == 404
    assert Practice.objects.count() == 3


def test_the_team_removes_a_practice(client, focal_a, plan_a, practices_a):
    client.force_login(focal_a)
    remove = reverse("plans:practice_delete", args=[plan_a.assessment_id, practices_a[0].pk])
    assert client.get(remove).status_code == 405
    assert client.post(remove).status_code == 302
    assert Practice.objects.count() == 2


def test_the_practices_page_reads_in_a_fixed_number_of_queries(
    client, focal_a, plan_a, practices_a, django_assert_max_num_queries
):
    client.force_login(focal_a)
    with django_assert_max_num_queries(16):
        client.get(reverse("plans:practices", args=[plan_a.assessment_id]))


def test_the_plan_chapter_shows_the_practices_with_their_gap(client, focal_a, plan_a, practices_a):
    from django.template.loader import render_to_string

    from plans.report import plan_report_context

    html = render_to_string("plans/report_chapter.html",
                            {"plan_chapter": plan_report_context(plan_a)})  # fmt: skip
    assert html.index("Practices") < html.index("plan-table")
    assert "Mining Code, art. 80" in html and AMALGAMATION in html
    assert html.count("practice-gap") == 1


# The workbook round trip.


def export(client, assessment) -> openpyxl.Workbook:
    answer = client.get(reverse("plans:export_xlsx", args=[assessment.pk]))
    return openpyxl.load_workbook(BytesIO(answer.content))


def upload(client, assessment, book: openpyxl.Workbook):
    output = BytesIO()
    book.save(output)
    file = SimpleUploadedFile("plan.xlsx", output.getvalue())
    return client.post(reverse("plans:import", args=[assessment.pk]), {"file": file})


def test_the_workbook_has_the_practices_sheet(client, focal_a, plan_a, practices_a):
    client.force_login(focal_a)
    sheet = export(client, plan_a.assessment)[PRACTICES_SHEET]
    rows = list(sheet.iter_rows(min_row=FIRST_ROW, max_row=FIRST_ROW + 2, values_only=True))
    assert rows[0][1:5] == ("Cyanide leaching of mercury-laden tailings", "Not accepted",
                            "Mining Code", "art. 80")  # fmt: skip
    assert rows[2][1] == AMALGAMATION
    assert sheet.column_dimensions["A"].hidden


def test_a_round_trip_classifies_and_links_practices(client, focal_a, plan_a, practices_a):
    client.force_login(focal_a)
    book = export(client, plan_a.assessment)
    sheet = book[PRACTICES_SHEET]
    sheet.cell(FIRST_ROW + 2, PracticeColumn.ACTION, "Pilot mercury-free processing")
    new = FIRST_ROW + 3
    sheet.cell(new, PracticeColumn.NAME, "Child labour at processing sites")
    sheet.cell(new, PracticeColumn.CLASSIFICATION, "non acceptée")  # in any language and case
    sheet.cell(new, PracticeColumn.INSTRUMENT, "Code du travail")
    sheet.cell(new, PracticeColumn.ARTICLE, "art. L.145")
    preview = upload(client, plan_a.assessment, book)
    assert "problems" not in preview.context
    changes = preview.context["practice_changes"]
    assert [(c.row, c.is_new) for c in changes] == [(FIRST_ROW + 2, False), (new, True)]
    assert Practice.objects.count() == 3  # nothing saved by the preview
    client.post(reverse("plans:import_apply", args=[plan_a.assessment_id,
                                                    preview.context["token"]]))  # fmt: skip
    amalgamation = Practice.objects.get(name=AMALGAMATION)
    assert amalgamation.action.description == "Pilot mercury-free processing"
    child = Practice.objects.get(name="Child labour at processing sites")
    assert (child.classification, child.instrument, child.article) == (
        "not_accepted", "Code du travail", "art. L.145")  # fmt: skip


def test_an_unchanged_practices_sheet_changes_nothing(client, focal_a, plan_a, practices_a):
    client.force_login(focal_a)
    preview = upload(client, plan_a.assessment, export(client, plan_a.assessment))
    assert preview.context["practice_changes"] == []


NEW = FIRST_ROW + 3


@pytest.mark.parametrize(
    "cells,message",
    [
        ({PracticeColumn.NAME: None}, MISSING_PRACTICE),
        ({PracticeColumn.CLASSIFICATION: "Tolerated"}, UNKNOWN_CLASSIFICATION % {
            "value": "Tolerated",
            "choices": "Accepted, Accepted under conditions, Not accepted"}),
        ({PracticeColumn.ARTICLE: "art. 3", PracticeColumn.INSTRUMENT: None},
         ARTICLE_WITHOUT_LAW),
        ({PracticeColumn.ACTION: "Buy a helicopter"},
         UNKNOWN_ACTION_TEXT % {"text": "Buy a helicopter"}),
        ({PracticeColumn.ID: 999999}, UNKNOWN_PRACTICE % {"id": "999999"}),
        ({PracticeColumn.NAME: AMALGAMATION}, DUPLICATE_PRACTICE % {
            "name": AMALGAMATION, "row": FIRST_ROW + 2}),
    ],
)  # fmt: skip
def test_a_bad_practice_row_is_explained_with_its_row_and_nothing_is_saved(
    client, focal_a, plan_a, practices_a, cells, message
):
    client.force_login(focal_a)
    book = export(client, plan_a.assessment)
    sheet = book[PRACTICES_SHEET]
    values = {PracticeColumn.NAME: "Dredging rivers", PracticeColumn.CLASSIFICATION: "Accepted",
              PracticeColumn.INSTRUMENT: "Water Code", **cells}  # fmt: skip
    for column, value in values.items():
        sheet.cell(NEW, column, value)
    answer = upload(client, plan_a.assessment, book)
    problems = [(p.sheet, p.row, p.message) for p in answer.context["problems"]]
    assert problems == [(PRACTICES_SHEET, NEW, str(message))]
    assert "token" not in answer.context
    assert Practice.objects.count() == 3


def test_a_workbook_without_the_practices_sheet_still_uploads(client, focal_a, plan_a, practices_a):
    client.force_login(focal_a)
    book = export(client, plan_a.assessment)
    del book[PRACTICES_SHEET]
    answer = upload(client, plan_a.assessment, book)
    assert answer.status_code == 200 and answer.context["practice_changes"] == []
    assert Practice.objects.count() == 3
