"""Hostile workbooks: the assessment's and the plan's Excel imports fed random bytes,
damaged and malicious .xlsx files (zip bombs, XML entity bombs, a sheet a million rows
high) and real workbooks whose cells were overwritten with hostile values."""

import io
import math
import re
import time
import zipfile
from datetime import datetime

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from .conftest import changed_tables, check_answer, check_refusal, send, snapshot
from .strategies import (
    DIGITS,
    NUMBERS,
    file_names,
    hostile_text,
    languages,
    random_bytes,
    upload_name,
)

BOUNDED = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TOKEN = re.compile(r"/(?:workbook/apply|import)/([\w-]{16,})/")
BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 or "")) * 10}">' for i in range(1, 10))
    + ']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetData><row r="3"><c r="A3" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    "</sheetData></worksheet>"
)


def cell_values() -> st.SearchStrategy:
    """What a spreadsheet cell may hold after somebody (or something) edited it."""
    return st.one_of(
        hostile_text().map(lambda text: ILLEGAL_CHARACTERS_RE.sub("", text)[:32_000]),
        st.sampled_from(DIGITS + NUMBERS),
        st.integers(min_value=-(10**20), max_value=10**20),
        st.floats(allow_nan=False, allow_infinity=False),
        st.booleans(),
        st.just(datetime(2027, 1, 1)),
        st.none(),
    )


def edits(max_row: int, max_column: int) -> st.SearchStrategy[list]:
    return st.lists(
        st.tuples(
            st.integers(min_value=1, max_value=max_row),
            st.integers(min_value=1, max_value=max_column),
            cell_values(),
        ),
        min_size=1,
        max_size=6,
    )


def edited(workbook: bytes, sheet_names: list[str], choice, changes: list) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(workbook))
    for sheet_index, (row, column, value) in zip(choice, changes, strict=False):
        sheet = book[sheet_names[sheet_index % len(sheet_names)]]
        cell = sheet.cell(row, column)
        if type(cell).__name__ == "MergedCell":
            continue
        cell.value = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client, url: str, content: bytes, name: str = "filled.xlsx"):
    # A browser always sends the CSRF field too: the form is bound even when Django drops
    # a file whose name is unprintable.
    data = {"file": SimpleUploadedFile(name, content, XLSX), "csrfmiddlewaretoken": "x"}
    return send(client, "post", url, data)


def zipped(parts: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def replaced_part(workbook: bytes, part: str, data: str) -> bytes:
    """The workbook with one of its zip parts replaced."""
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts[part] = data
    return zipped(parts)


def zip_bomb_xlsx(workbook: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
        with archive.open("xl/media/padding.bin", "w", force_zip64=True) as padding:
            for _megabyte in range(100):
                padding.write(b"\0" * (1024 * 1024))
    return buffer.getvalue()


def huge_sheet(workbook: bytes, sheet_name: str) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(workbook))
    book[sheet_name].cell(1_048_576, 16_384, "far away")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# The assessment's workbook.


def assessment_workbook(client, draft) -> tuple[bytes, str]:
    response = client.get(f"/en/assessments/{draft.pk}/workbook/")
    assert response.status_code == 200
    return response.content, f"/{{language}}/assessments/{draft.pk}/workbook/upload/"


@BOUNDED
@given(
    sheets=st.lists(st.integers(min_value=0, max_value=3), min_size=6, max_size=6),
    changes=edits(max_row=30, max_column=12),
    take=st.lists(st.one_of(st.sampled_from(DIGITS + NUMBERS), hostile_text()), max_size=4),
    language=languages(),
)
def test_an_edited_assessment_workbook_is_previewed_or_refused_never_a_server_error(
    client, contributor_a, draft, sheets, changes, take, language
):
    client.force_login(contributor_a)
    workbook, url = assessment_workbook(client, draft)
    names = [
        "Instructions",
        *draft.framework.areas.order_by("order").values_list("code", flat=True),
    ]
    before = snapshot()
    response = upload(
        client, url.format(language=language), edited(workbook, names, sheets, changes)
    )
    check_answer(response, language=language)
    assert changed_tables(before, snapshot()) == []  # a preview changes nothing
    token = TOKEN.search(response.content.decode())
    if token:  # apply it, with hostile choices of which conflicts take the workbook's side
        apply = f"/{language}/assessments/{draft.pk}/workbook/apply/{token.group(1)}/"
        check_answer(send(client, "post", apply, {"take": take}))


@BOUNDED
@given(name=file_names(), content=random_bytes(), language=languages())
def test_random_bytes_as_an_assessment_workbook_are_refused_with_a_message(
    client, contributor_a, draft, name, content, language
):
    client.force_login(contributor_a)
    url = f"/{language}/assessments/{draft.pk}/workbook/upload/"
    before = snapshot()
    response = upload(client, url, content, name=upload_name(name))
    assert check_refusal(response, before, language=language), (name, content)


def malicious_workbooks(workbook: bytes, first_area: str) -> dict[str, bytes]:
    return {
        "truncated": workbook[: len(workbook) // 2],
        "zip bomb": zip_bomb_xlsx(workbook),
        "entity bomb": replaced_part(workbook, "xl/worksheets/sheet2.xml", BILLION_LAUGHS),
        "external entity": replaced_part(
            workbook,
            "xl/worksheets/sheet2.xml",
            '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<sheetData><row r="3"><c r="A3" t="inlineStr"><is><t>&e;</t></is></c></row>'
            "</sheetData></worksheet>",
        ),  # fmt: skip
        "not a workbook inside": zipped({"[Content_Types].xml": "<Types/>", "a.txt": "hello"}),
        "a million rows": huge_sheet(workbook, first_area),
    }


def test_malicious_assessment_workbooks_are_refused_quickly_and_change_nothing(
    client, contributor_a, draft
):
    client.force_login(contributor_a)
    workbook, url = assessment_workbook(client, draft)
    first_area = draft.framework.areas.order_by("order").first().code
    for label, content in malicious_workbooks(workbook, first_area).items():
        before = snapshot()
        started = time.monotonic()
        response = upload(client, url.format(language="fr"), content)
        assert time.monotonic() - started < 10, label
        check_answer(response, language="fr")
        assert "root:" not in response.content.decode(), label
        assert changed_tables(before, snapshot()) == [], label


# The plan's workbook.


@BOUNDED
@given(
    sheets=st.lists(st.integers(min_value=0, max_value=3), min_size=6, max_size=6),
    changes=edits(max_row=12, max_column=14),
    take=st.lists(st.one_of(st.sampled_from(DIGITS + NUMBERS), hostile_text()), max_size=4),
    language=languages(),
)
def test_an_edited_plan_workbook_is_previewed_or_refused_never_a_server_error(
    client, focal_a, plan_action, sheets, changes, take, language
):
    client.force_login(focal_a)
    pk = plan_action.problem.plan.assessment_id
    workbook = client.get(f"/en/plans/{pk}/export.xlsx").content
    before = snapshot()
    content = edited(workbook, ["Instructions", "Actions", "Institutions", "Practices"], sheets,
                     changes)  # fmt: skip
    response = upload(client, f"/{language}/plans/{pk}/import/", content)
    check_answer(response, language=language)
    assert changed_tables(before, snapshot()) == []
    token = TOKEN.search(response.content.decode())
    if token:
        check_answer(send(client, "post", f"/{language}/plans/{pk}/import/{token.group(1)}/",
                          {"take": take}))  # fmt: skip


@BOUNDED
@given(name=file_names(), content=random_bytes(), language=languages())
def test_random_bytes_as_a_plan_workbook_are_refused_with_a_message(
    client, focal_a, plan_action, name, content, language
):
    client.force_login(focal_a)
    pk = plan_action.problem.plan.assessment_id
    before = snapshot()
    response = upload(client, f"/{language}/plans/{pk}/import/", content, name=upload_name(name))
    assert check_refusal(response, before, language=language)


def test_malicious_plan_workbooks_are_refused_quickly_and_change_nothing(
    client, focal_a, plan_action
):
    client.force_login(focal_a)
    pk = plan_action.problem.plan.assessment_id
    workbook = client.get(f"/en/plans/{pk}/export.xlsx").content
    for label, content in malicious_workbooks(workbook, "Actions").items():
        before = snapshot()
        started = time.monotonic()
        response = upload(client, f"/es/plans/{pk}/import/", content)
        assert time.monotonic() - started < 10, label
        check_answer(response, language="es")
        assert changed_tables(before, snapshot()) == [], label


def test_a_nan_or_infinite_number_in_a_workbook_is_refused(client, contributor_a, draft):
    client.force_login(contributor_a)
    workbook, url = assessment_workbook(client, draft)
    area = draft.framework.areas.order_by("order").first().code
    for value in (math.inf, -math.inf):
        book = openpyxl.load_workbook(io.BytesIO(workbook))
        book[area].cell(3, 3, value)
        buffer = io.BytesIO()
        book.save(buffer)
        response = upload(client, url.format(language="pt"), buffer.getvalue())
        check_answer(response, language="pt")
