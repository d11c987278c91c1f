"""Offline work with Excel: download, fill, upload, preview, apply; and the two commands."""

import io
import zipfile

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from accounts.roles import Role
from assessment import services, workbook
from assessment.models import Assessment, Response, Transition
from assessment.services import ResponseChange
from assessment.workbook import FIRST_ROW, INSTRUCTIONS_SHEET, META_ROWS, Column, PreviewOutdated
from assessment.workbook_import import (
    BAD_VERSION,
    CORRUPT,
    MISSING_SHEET,
    NA_WITHOUT_REASON,
    NOT_XLSX,
    TOO_LARGE,
    UNKNOWN_INDICATOR,
    UNKNOWN_LEVEL,
    UNKNOWN_TARGET,
    VERSION_AHEAD,
    WRONG_COUNTRY,
    WRONG_ROUND,
)
from assessment.workbook_views import PREVIEW_EXPIRED, PREVIEW_OUTDATED, UPDATED

from .conftest import rate_everything

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RATINGS = "0, 1, 2, 3, 4, N/A"


# Helpers -----------------------------------------------------------------------------------


def download(client, assessment) -> bytes:
    answer = client.get(reverse("assessment:workbook_download", args=[assessment.pk]))
    assert answer.status_code == 200
    return answer.content


def exported(client, user, assessment) -> openpyxl.Workbook:
    client.force_login(user)
    return openpyxl.load_workbook(io.BytesIO(download(client, assessment)))


def as_bytes(book) -> bytes:
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def upload(client, assessment, data, name="SEN-2026.xlsx", language="en"):
    with translation.override(language):
        url = reverse("assessment:workbook_upload", args=[assessment.pk])
    file = SimpleUploadedFile(name, data if isinstance(data, bytes) else as_bytes(data), XLSX)
    return client.post(url, {"file": file})


def apply(client, assessment, preview, take=()):
    url = reverse("assessment:workbook_apply", args=[assessment.pk, preview.context["token"]])
    return client.post(url, {"take": [str(pk) for pk in take]})


def codes_of(assessment) -> list[str]:
    responses = assessment.responses.order_by(*Response._meta.ordering)
    return list(responses.values_list("indicator__code", flat=True))


def cell(book, code, column):
    """The cell of an indicator's row in its area sheet."""
    for sheet in book.worksheets[1:]:
        for row in range(FIRST_ROW, sheet.max_row + 1):
            if sheet.cell(row, Column.CODE).value == code:
                return sheet.cell(row, column)
    raise LookupError(code)


def response_of(assessment, code) -> Response:
    return assessment.responses.select_related("level").get(indicator__code=code)


def save_online(assessment, code, level_code, user):
    response = response_of(assessment, code)
    level = assessment.framework.levels.get(code=level_code)
    change = ResponseChange(level_id=level.pk, not_applicable=False, not_applicable_reason="",
                            justification="Saved online.", target_level_id=None, assignee_id=None)  # fmt: skip
    return services.response_save(
        response=response, change=change, base_version=response.version, user=user
    )


def problems(answer) -> list[str]:
    return [str(problem) for problem in answer.context["problems"]]


def messages_of(answer) -> list[str]:
    return [str(message) for message in get_messages(answer.wsgi_request)]


# Download ----------------------------------------------------------------------------------


def test_the_download_is_an_xlsx_attachment_named_after_the_country_and_round(
    client, contributor_a, draft_a
):
    client.force_login(contributor_a)
    answer = client.get(reverse("assessment:workbook_download", args=[draft_a.pk]))
    assert answer.status_code == 200
    assert answer["Content-Type"] == XLSX
    assert answer["Content-Disposition"] == 'attachment; filename="SEN-2026-mpf-pillar-6.xlsx"'
    assert answer.content[:4] == b"PK\x03\x04"


def test_the_workbook_has_instructions_and_a_protected_sheet_per_area(
    client, contributor_a, draft_a
):
    book = exported(client, contributor_a, draft_a)
    assert book.sheetnames == [INSTRUCTIONS_SHEET, "6.1", "6.2", "6.3", "Profile"]
    instructions = book[INSTRUCTIONS_SHEET]
    assert instructions.cell(META_ROWS["country"], 2).value == "SEN"
    assert instructions.cell(META_ROWS["round"], 2).value == "2026"
    assert instructions.cell(META_ROWS["framework"], 2).value == "mpf-pillar-6"
    assert instructions.cell(META_ROWS["exported_at"], 2).value
    rows = sum(sheet.max_row - FIRST_ROW + 1 for sheet in book.worksheets[1:4])
    assert rows == 51
    sheet = book["6.1"]
    assert sheet.protection.sheet
    assert sheet.cell(FIRST_ROW, Column.CODE).protection.locked
    assert not sheet.cell(FIRST_ROW, Column.RATING).protection.locked
    assert not sheet.cell(FIRST_ROW, Column.JUSTIFICATION).protection.locked
    assert sheet.column_dimensions["G"].hidden
    lists = {dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert lists == {'"0,1,2,3,4,N/A"', '"0,1,2,3,4"'}


def test_the_workbook_follows_the_users_language(client, contributor_a, draft_a):
    client.force_login(contributor_a)
    with translation.override("fr"):
        data = client.get(reverse("assessment:workbook_download", args=[draft_a.pk])).content
    book = openpyxl.load_workbook(io.BytesIO(data))
    indicator = response_of(draft_a, "6.1.1.a").indicator
    assert cell(book, "6.1.1.a", Column.STATEMENT).value == indicator.statement_fr.strip()
    assert "Inexistant" in [c.value for c in book[INSTRUCTIONS_SHEET]["B"]]


def test_a_justification_that_looks_like_a_formula_is_exported_as_text(
    client, contributor_a, draft_a
):
    draft_a.responses.filter(indicator__code="6.1.1.a").update(justification="=1+1")
    book = exported(client, contributor_a, draft_a)
    assert cell(book, "6.1.1.a", Column.JUSTIFICATION).data_type == "s"


def test_the_download_costs_the_same_queries_whatever_the_number_of_indicators(
    client, analyst, draft_a, django_assert_max_num_queries
):
    client.force_login(analyst)
    download(client, draft_a)  # warm the session
    # 51 indicators: any query per indicator would go far past this ceiling.
    with django_assert_max_num_queries(8):
        download(client, draft_a)


# Round trip --------------------------------------------------------------------------------


def test_a_round_trip_previews_exactly_the_changed_rows_and_applies_them(
    client, contributor_a, draft_a
):
    book = exported(client, contributor_a, draft_a)
    first, second, third = codes_of(draft_a)[:2] + codes_of(draft_a)[-1:]
    cell(book, first, Column.RATING).value = 3
    cell(book, first, Column.JUSTIFICATION).value = "Mining Code 2016, art. 12."
    cell(book, second, Column.RATING).value = "N/A"
    cell(book, second, Column.NA_REASON).value = "No artisanal gold here."
    cell(book, third, Column.TARGET).value = 4

    preview = upload(client, draft_a, book)

    assert preview.status_code == 200
    changes = preview.context["changes"]
    assert [c.indicator_code for c in changes] == [first, second, third]
    assert not any(c.conflict for c in changes)
    assert [f.workbook for f in changes[0].fields] == [
        "3 · Largely in place",
        "Mining Code 2016, art. 12.",
    ]
    assert response_of(draft_a, first).level is None  # nothing saved yet

    answer = apply(client, draft_a, preview)

    assert answer.status_code == 302
    assert answer["Location"] == draft_a.get_absolute_url()
    assert messages_of(answer) == [UPDATED % {"count": 3}]
    rated = response_of(draft_a, first)
    assert (rated.level.code, rated.justification, rated.version) == (
        3,
        "Mining Code 2016, art. 12.",
        1,
    )
    assert rated.updated_by == contributor_a
    not_applicable = response_of(draft_a, second)
    assert not_applicable.not_applicable and not_applicable.not_applicable_reason
    assert response_of(draft_a, third).target_level.code == 4
    record = rated.history.latest()
    assert (record.level.code, record.history_user) == (3, contributor_a)


def test_a_workbook_left_as_downloaded_changes_nothing(client, contributor_a, draft_a):
    book = exported(client, contributor_a, draft_a)
    preview = upload(client, draft_a, book)
    assert preview.status_code == 200
    assert preview.context["changes"] == []
    assert "changes nothing" in preview.content.decode()


def test_a_preview_is_applied_only_once(client, contributor_a, draft_a):
    book = exported(client, contributor_a, draft_a)
    cell(book, codes_of(draft_a)[0], Column.RATING).value = 1
    preview = upload(client, draft_a, book)
    client.get(apply(client, draft_a, preview)["Location"])  # shows the success message
    again = apply(client, draft_a, preview)
    assert again["Location"] == reverse("assessment:workbook_upload", args=[draft_a.pk])
    assert messages_of(again) == [str(PREVIEW_EXPIRED)]
    assert response_of(draft_a, codes_of(draft_a)[0]).version == 1


def test_another_users_preview_token_is_refused(client, contributor_a, focal_a, draft_a):
    book = exported(client, contributor_a, draft_a)
    cell(book, codes_of(draft_a)[0], Column.RATING).value = 1
    preview = upload(client, draft_a, book)
    client.force_login(focal_a)
    answer = apply(client, draft_a, preview)
    assert messages_of(answer) == [str(PREVIEW_EXPIRED)]
    assert response_of(draft_a, codes_of(draft_a)[0]).version == 0


# Conflicts and atomicity -------------------------------------------------------------------


def test_a_row_saved_online_after_the_export_is_a_conflict_and_keeps_the_online_value(
    client, contributor_a, focal_a, draft_a
):
    book = exported(client, contributor_a, draft_a)
    contested, plain, untouched = codes_of(draft_a)[:3]
    save_online(draft_a, contested, 1, focal_a)
    save_online(draft_a, untouched, 2, focal_a)  # edited online only: not a change
    cell(book, contested, Column.RATING).value = 3
    cell(book, plain, Column.RATING).value = 2

    preview = upload(client, draft_a, book)

    changes = {c.indicator_code: c for c in preview.context["changes"]}
    assert set(changes) == {contested, plain}
    assert changes[contested].conflict and not changes[plain].conflict
    assert preview.context["conflicts"] == 1
    # Only the field edited offline differs: the online justification is not contested.
    assert [f.label for f in changes[contested].fields] == ["Rating"]
    page = preview.content.decode()
    assert "1 · Initiated" in page and "3 · Largely in place" in page
    assert f'name="take" value="{changes[contested].response_id}"' in page

    answer = apply(client, draft_a, preview)

    assert messages_of(answer) == [UPDATED % {"count": 1}]
    assert response_of(draft_a, contested).level.code == 1
    assert response_of(draft_a, plain).level.code == 2
    assert response_of(draft_a, untouched).level.code == 2


def test_a_conflict_takes_the_workbook_value_when_the_user_ticks_it(
    client, contributor_a, focal_a, draft_a
):
    book = exported(client, contributor_a, draft_a)
    contested = codes_of(draft_a)[0]
    save_online(draft_a, contested, 1, focal_a)
    cell(book, contested, Column.RATING).value = 3
    preview = upload(client, draft_a, book)
    change = preview.context["changes"][0]

    apply(client, draft_a, preview, take=[change.response_id])

    response = response_of(draft_a, contested)
    assert (response.level.code, response.version) == (3, 2)
    assert response.justification == "Saved online."  # the colleague's text survives


def test_a_save_online_between_preview_and_apply_refuses_the_whole_apply(
    client, contributor_a, focal_a, draft_a
):
    book = exported(client, contributor_a, draft_a)
    first, second = codes_of(draft_a)[:2]
    cell(book, first, Column.RATING).value = 3
    cell(book, second, Column.RATING).value = 3
    preview = upload(client, draft_a, book)
    save_online(draft_a, second, 1, focal_a)

    answer = apply(client, draft_a, preview)

    assert answer["Location"] == reverse("assessment:workbook_upload", args=[draft_a.pk])
    assert messages_of(answer) == [PREVIEW_OUTDATED % {"code": second}]
    assert response_of(draft_a, first).level is None
    assert response_of(draft_a, first).version == 0
    assert response_of(draft_a, second).level.code == 1


def test_a_failure_in_the_middle_of_an_apply_leaves_nothing_changed(
    client, contributor_a, draft_a, monkeypatch
):
    book = exported(client, contributor_a, draft_a)
    for code in codes_of(draft_a)[:3]:
        cell(book, code, Column.RATING).value = 4
    preview = upload(client, draft_a, book)
    changes = [
        {"response_id": c.response_id, "indicator_code": c.indicator_code,
         "base_version": c.base_version, "conflict": c.conflict,
         "change": c.change.__dict__} for c in preview.context["changes"]
    ]  # fmt: skip
    real_save, calls = services.response_save, []

    def failing_save(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real_save(**kwargs)

    monkeypatch.setattr(workbook.services, "response_save", failing_save)
    with pytest.raises(RuntimeError):
        workbook.workbook_apply(assessment=draft_a, changes=changes, user=contributor_a)
    assert not draft_a.responses.filter(version__gt=0).exists()
    assert not draft_a.responses.filter(level__isnull=False).exists()


def test_a_change_based_on_an_old_version_raises_preview_outdated(contributor_a, focal_a, draft_a):
    code = codes_of(draft_a)[0]
    save_online(draft_a, code, 2, focal_a)
    change = ResponseChange(level_id=None, not_applicable=False, not_applicable_reason="",
                            justification="Mine", target_level_id=None, assignee_id=None)  # fmt: skip
    stale = {"response_id": response_of(draft_a, code).pk, "indicator_code": code,
             "base_version": 0, "conflict": False, "change": change.__dict__}  # fmt: skip
    with pytest.raises(PreviewOutdated):
        workbook.workbook_apply(assessment=draft_a, changes=[stale], user=contributor_a)
    assert response_of(draft_a, code).justification == "Saved online."


# Bad workbooks -----------------------------------------------------------------------------


def test_each_bad_row_is_explained_with_its_sheet_and_row(client, contributor_a, draft_a):
    book = exported(client, contributor_a, draft_a)
    sheet = book["6.1"]
    sheet.cell(FIRST_ROW, Column.RATING).value = 7
    sheet.cell(FIRST_ROW + 1, Column.RATING).value = "N/A"
    sheet.cell(FIRST_ROW + 2, Column.CODE).value = "6.1.9.z"
    sheet.cell(FIRST_ROW + 3, Column.TARGET).value = "high"

    answer = upload(client, draft_a, book)

    assert answer.status_code == 200
    assert "changes" not in answer.context
    column = "Reason it does not apply (N/A)"
    assert problems(answer) == [
        f"Sheet 6.1, row {FIRST_ROW}: " + UNKNOWN_LEVEL % {"value": "7", "choices": RATINGS},
        f"Sheet 6.1, row {FIRST_ROW + 1}: " + NA_WITHOUT_REASON % {"column": column},
        f"Sheet 6.1, row {FIRST_ROW + 2}: " + UNKNOWN_INDICATOR % {"code": "6.1.9.z"},
        f"Sheet 6.1, row {FIRST_ROW + 3}: "
        + UNKNOWN_TARGET % {"value": "high", "choices": "0, 1, 2, 3, 4"},
    ]
    page = answer.content.decode()
    assert escape(UNKNOWN_LEVEL % {"value": "7", "choices": RATINGS}) in page
    assert not draft_a.responses.filter(version__gt=0).exists()


def test_a_bad_row_is_flagged_in_french_too(client, contributor_a, draft_a):
    book = exported(client, contributor_a, draft_a)
    book["6.2"].cell(FIRST_ROW + 2, Column.RATING).value = "beaucoup"
    answer = upload(client, draft_a, book, language="fr")
    assert answer.status_code == 200
    [problem] = answer.context["problems"]
    assert (problem.sheet, problem.row) == ("6.2", FIRST_ROW + 2)
    assert 'class="workbook-problem"' in answer.content.decode()


def test_a_workbook_of_another_country_is_refused(client, contributor_a, analyst, draft_a, draft_b):
    other = exported(client, analyst, draft_b)
    client.force_login(contributor_a)
    answer = upload(client, draft_a, other)
    row = META_ROWS["country"]
    assert problems(answer) == [
        f"Sheet Instructions, row {row}: "
        + WRONG_COUNTRY % {"workbook": "ECU", "assessment": "SEN"}
    ]


def test_a_workbook_of_another_round_is_refused(client, contributor_a, draft_a):
    book = exported(client, contributor_a, draft_a)
    book[INSTRUCTIONS_SHEET].cell(META_ROWS["round"], 2).value = "2024"
    answer = upload(client, draft_a, book)
    row = META_ROWS["round"]
    assert problems(answer) == [
        f"Sheet Instructions, row {row}: "
        + WRONG_ROUND % {"workbook": "2024", "assessment": "2026"}
    ]


def test_a_workbook_without_an_area_sheet_is_refused(client, contributor_a, draft_a):
    book = exported(client, contributor_a, draft_a)
    del book["6.2"]
    answer = upload(client, draft_a, book)
    assert problems(answer) == [MISSING_SHEET % {"sheet": "6.2"}]


@pytest.mark.parametrize(
    "version,message", [(None, BAD_VERSION), ("five", BAD_VERSION), (7, VERSION_AHEAD)]
)
def test_a_changed_hidden_version_is_refused(client, contributor_a, draft_a, version, message):
    book = exported(client, contributor_a, draft_a)
    book["6.1"].cell(FIRST_ROW, Column.VERSION).value = version
    answer = upload(client, draft_a, book)
    assert problems(answer) == [f"Sheet 6.1, row {FIRST_ROW}: {message}"]


@pytest.mark.parametrize(
    "name,data,message",
    [
        ("notes.xlsx", b"Just some text, not a workbook.", NOT_XLSX),
        ("SEN-2026.xls", b"PK\x03\x04 but named .xls", NOT_XLSX),
        ("archive.xlsx", "zip", CORRUPT),
        ("huge.xlsx", b"PK\x03\x04" + b"0" * (5 * 1024 * 1024), TOO_LARGE % {"limit": 5}),
    ],
)
def test_a_file_that_is_not_a_usable_xlsx_is_refused(
    client, contributor_a, draft_a, name, data, message
):
    if data == "zip":
        output = io.BytesIO()
        with zipfile.ZipFile(output, "w") as archive:
            archive.writestr("readme.txt", "not a workbook")
        data = output.getvalue()
    client.force_login(contributor_a)
    answer = upload(client, draft_a, data, name=name)
    assert answer.status_code == 200
    errors = (
        answer.context["form"].errors.get("file", [])
        if "problems" not in answer.context
        else problems(answer)
    )
    assert errors == [str(message)]
    assert escape(str(message)) in answer.content.decode()


# Permissions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "person,download_status,upload_status",
    [
        ("contributor_a", 200, 200),
        ("focal_a", 200, 200),
        ("analyst", 200, 403),
        ("administrator", 200, 403),
        ("focal_b", 404, 404),
    ],
)
def test_each_role_may_download_and_upload_as_its_role_allows(
    request, client, draft_a, person, download_status, upload_status
):
    client.force_login(request.getfixturevalue(person))
    download_url = reverse("assessment:workbook_download", args=[draft_a.pk])
    upload_url = reverse("assessment:workbook_upload", args=[draft_a.pk])
    assert client.get(download_url).status_code == download_status
    assert client.get(upload_url).status_code == upload_status
    if upload_status != 200:
        assert upload(client, draft_a, b"PK\x03\x04").status_code == upload_status


@pytest.mark.parametrize(
    "role,shows_upload", [(Role.CONTRIBUTOR, True), (Role.FOCAL_POINT, True), (Role.ANALYST, False)]
)
def test_the_detail_page_actions_offer_the_upload_only_to_the_country_team(
    draft_a, role, shows_upload
):
    html = render_to_string(
        "assessment/includes/workbook_actions.html", {"assessment": draft_a, "role": role}
    )
    assert reverse("assessment:workbook_download", args=[draft_a.pk]) in html
    assert (reverse("assessment:workbook_upload", args=[draft_a.pk]) in html) == shows_upload


def test_another_countrys_member_gets_404_when_applying(client, focal_b, draft_a):
    client.force_login(focal_b)
    url = reverse("assessment:workbook_apply", args=[draft_a.pk, "token"])
    assert client.post(url).status_code == 404


def test_a_validated_assessment_can_be_downloaded_but_not_uploaded(client, contributor_a, draft_a):
    Assessment.objects.filter(pk=draft_a.pk).update(status=Assessment.Status.VALIDATED)
    client.force_login(contributor_a)
    assert client.get(reverse("assessment:workbook_download", args=[draft_a.pk])).status_code == 200
    assert client.get(reverse("assessment:workbook_upload", args=[draft_a.pk])).status_code == 403
    url = reverse("assessment:workbook_apply", args=[draft_a.pk, "token"])
    assert client.post(url).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, draft_a):
    answer = client.get(reverse("assessment:workbook_download", args=[draft_a.pk]))
    assert answer.status_code == 302
    assert "/accounts/sign-in/" in answer["Location"]


def test_the_wrong_method_gets_405(client, contributor_a, draft_a):
    client.force_login(contributor_a)
    assert (
        client.post(reverse("assessment:workbook_download", args=[draft_a.pk])).status_code == 405
    )
    url = reverse("assessment:workbook_apply", args=[draft_a.pk, "token"])
    assert client.get(url).status_code == 405


# Commands ----------------------------------------------------------------------------------


def export_to(tmp_path, country="SEN", round="2026", name="book.xlsx"):
    path = tmp_path / name
    call_command(
        "export_workbook", "--country", country, "--round", round, str(path), stdout=io.StringIO()
    )
    return path


def test_export_workbook_writes_the_assessment_to_a_file(tmp_path, draft_a):
    path = export_to(tmp_path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [INSTRUCTIONS_SHEET, "6.1", "6.2", "6.3", "Profile"]
    assert book[INSTRUCTIONS_SHEET].cell(META_ROWS["country"], 2).value == "SEN"


def test_export_workbook_of_an_unknown_assessment_fails(tmp_path, draft_a):
    with pytest.raises(CommandError, match="No assessment of SEN for round 1999"):
        export_to(tmp_path, round="1999")


def test_import_workbook_updates_the_assessment_the_workbook_names(
    tmp_path, contributor_a, draft_a
):
    path = export_to(tmp_path)
    book = openpyxl.load_workbook(path)
    code = codes_of(draft_a)[0]
    cell(book, code, Column.RATING).value = 2
    book.save(path)

    call_command("import_workbook", str(path), "--user", "alice", stdout=io.StringIO())

    response = response_of(draft_a, code)
    assert (response.level.code, response.version, response.updated_by) == (2, 1, contributor_a)


def test_import_workbook_reports_each_problem_and_changes_nothing(tmp_path, draft_a):
    path = export_to(tmp_path)
    book = openpyxl.load_workbook(path)
    book["6.1"].cell(FIRST_ROW, Column.RATING).value = 9
    cell(book, codes_of(draft_a)[-1], Column.RATING).value = 1
    book.save(path)
    stderr = io.StringIO()

    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_workbook", str(path), stdout=io.StringIO(), stderr=stderr)

    assert (
        f"Sheet 6.1, row {FIRST_ROW}: " + UNKNOWN_LEVEL % {"value": "9", "choices": RATINGS}
        in stderr.getvalue()
    )
    assert not draft_a.responses.filter(version__gt=0).exists()


def test_import_workbook_refuses_conflicts_unless_told_to_overwrite(tmp_path, focal_a, draft_a):
    path = export_to(tmp_path)
    code = codes_of(draft_a)[0]
    save_online(draft_a, code, 1, focal_a)
    book = openpyxl.load_workbook(path)
    cell(book, code, Column.RATING).value = 4
    book.save(path)

    with pytest.raises(CommandError):
        call_command("import_workbook", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert response_of(draft_a, code).level.code == 1

    call_command("import_workbook", str(path), "--overwrite", stdout=io.StringIO())
    assert response_of(draft_a, code).level.code == 4


def test_import_workbook_creates_the_assessment_when_it_does_not_exist(tmp_path, draft_a):
    path = export_to(tmp_path)
    book = openpyxl.load_workbook(path)
    book[INSTRUCTIONS_SHEET].cell(META_ROWS["round"], 2).value = "2019"
    cell(book, codes_of(draft_a)[0], Column.RATING).value = 3
    book.save(path)

    call_command("import_workbook", str(path), stdout=io.StringIO())

    created = Assessment.objects.get(country__iso3="SEN", round="2019")
    assert created.status == Assessment.Status.DRAFT
    assert created.framework == draft_a.framework
    assert response_of(created, codes_of(draft_a)[0]).level.code == 3


def test_import_workbook_as_validated_records_an_import_transition(
    tmp_path, administrator, draft_a
):
    rate_everything(draft_a, level_code=3)
    path = export_to(tmp_path)
    book = openpyxl.load_workbook(path)
    book[INSTRUCTIONS_SHEET].cell(META_ROWS["round"], 2).value = "2018"
    book.save(path)

    call_command(
        "import_workbook", str(path), "--status", "validated", "--user", "root",
        stdout=io.StringIO(),
    )  # fmt: skip

    imported = Assessment.objects.get(country__iso3="SEN", round="2018")
    assert imported.status == Assessment.Status.VALIDATED
    transition = Transition.objects.get(assessment=imported)
    assert (transition.action, transition.from_status, transition.to_status, transition.user) == (
        "import", "draft", "validated", administrator,
    )  # fmt: skip
    assert not imported.responses.filter(level__isnull=True).exists()


def test_import_workbook_as_validated_refuses_an_incomplete_workbook(
    tmp_path, administrator, draft_a
):
    path = export_to(tmp_path)
    book = openpyxl.load_workbook(path)
    book[INSTRUCTIONS_SHEET].cell(META_ROWS["round"], 2).value = "2018"
    book.save(path)
    stderr = io.StringIO()

    with pytest.raises(CommandError):
        call_command(
            "import_workbook", str(path), "--status", "validated", "--user", "root",
            stdout=io.StringIO(), stderr=stderr,
        )  # fmt: skip

    assert "has no answer" in stderr.getvalue()
    assert not Assessment.objects.filter(round="2018").exists()


@pytest.mark.parametrize("user_args", [[], ["--user", "alice"]])
def test_import_workbook_as_validated_needs_an_administrator(
    tmp_path, contributor_a, draft_a, user_args
):
    path = export_to(tmp_path)
    with pytest.raises(CommandError, match="administrator"):
        call_command(
            "import_workbook", str(path), "--status", "validated", *user_args, stdout=io.StringIO()
        )
    assert Assessment.objects.get(pk=draft_a.pk).status == Assessment.Status.DRAFT


def test_import_workbook_refuses_an_assessment_that_is_no_longer_a_draft(tmp_path, draft_a):
    path = export_to(tmp_path)
    Assessment.objects.filter(pk=draft_a.pk).update(status=Assessment.Status.SUBMITTED)
    stderr = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_workbook", str(path), stdout=io.StringIO(), stderr=stderr)
    assert "it cannot be changed" in stderr.getvalue()
