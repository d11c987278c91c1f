"""Workbook bombs: an uploaded .xlsx is checked before openpyxl parses it (its parts' sizes,
rows, cells and XML elements, config/spreadsheets.py), then read read-only, only the sheets
and columns the importer needs. Refusals name the sheet and the limit, in the user's
language, and save nothing. (How fast: `make bench`, docs/benchmarks.md.)"""

import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from assessment.models import Response
from assessment.services import assessment_create
from config import spreadsheets
from config.spreadsheets import (
    MAX_CELLS,
    MAX_ROWS_PER_SHEET,
    SHEET_TOO_BIG,
    TOO_MANY_CELLS,
    TOO_MANY_ROWS,
    UNREADABLE,
    WORKBOOK_TOO_BIG_AT,
    WorkbookRefused,
    open_workbook,
)
from plans import services as plan_services

pytestmark = pytest.mark.django_db

SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def sheet_xml(rows) -> bytes:
    """A worksheet part: `rows` is an iterable of (row number, cells markup)."""
    body = b"".join(b'<row r="%d">%s</row>' % (number, cells) for number, cells in rows)
    return b'<worksheet xmlns="%s"><sheetData>%s</sheetData></worksheet>' % (
        SHEET_NS.encode(),
        body,
    )


def with_part(workbook: bytes, part: str, content: bytes) -> bytes:
    """The workbook with one zip part replaced (deflated, as spreadsheet programs do)."""
    with zipfile.ZipFile(io.BytesIO(workbook)) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts[part] = content
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def part_of(workbook: bytes, title: str) -> str:
    book = openpyxl.load_workbook(io.BytesIO(workbook), read_only=True)
    path = book[title]._worksheet_path
    book.close()
    return path


def four_million_cells(workbook: bytes, title: str) -> bytes:
    """The finding: 4 million cells in rows the importer never reads. About 200 KB, it
    unzips to under the old 60 MiB limit."""
    cells = b'<c t="n"/>' * 1000
    rows = ((MAX_ROWS_PER_SHEET + 100 + n, cells) for n in range(4000))
    return with_part(workbook, part_of(workbook, title), sheet_xml(rows))


def upload(client, url: str, content: bytes):
    file = SimpleUploadedFile("filled.xlsx", content)
    return client.post(url, {"file": file})


@pytest.fixture
def draft(senegal, pillar6):
    return assessment_create(country=senegal, round="2026", framework=pillar6)


@pytest.fixture
def assessment_workbook(client, contributor_a, draft) -> bytes:
    client.force_login(contributor_a)
    return client.get(reverse("assessment:workbook_download", args=[draft.pk])).content


def answers(draft) -> list:
    return list(Response.objects.filter(assessment=draft).values_list("version", flat=True))


def test_four_million_cells_in_rows_never_read_are_refused_naming_the_sheet(
    client, contributor_a, draft, assessment_workbook
):
    bomb = four_million_cells(assessment_workbook, "6.1")
    assert len(bomb) < 400_000
    before = answers(draft)
    response = upload(client, f"/fr/assessments/{draft.pk}/workbook/upload/", bomb)
    assert response.status_code == 200
    [problem] = response.context["problems"]
    with translation.override("fr"):
        expected = str(WORKBOOK_TOO_BIG_AT % {"limit": 24, "sheet": "6.1"})
    assert problem.message == expected
    assert "changes" not in response.context
    assert answers(draft) == before


def test_the_same_bomb_in_a_plan_import_is_refused(client, focal_a, draft):
    plan_services.action_create(assessment=draft, user=focal_a, data=plan_services.ActionData(
        problem="Informal mining", description="Map the sites", impact="high"))  # fmt: skip
    client.force_login(focal_a)
    workbook = client.get(reverse("plans:export_xlsx", args=[draft.pk])).content
    response = upload(client, reverse("plans:import", args=[draft.pk]),
                      four_million_cells(workbook, "Actions"))  # fmt: skip
    [problem] = response.context["problems"]
    assert "Actions" in problem.message
    assert "changes" not in response.context


def test_a_sheet_of_too_many_rows_is_refused_with_the_sheet_and_the_limit(assessment_workbook):
    rows = ((n, b"") for n in range(1, MAX_ROWS_PER_SHEET + 2))
    content = with_part(assessment_workbook, part_of(assessment_workbook, "6.2"), sheet_xml(rows))
    with pytest.raises(WorkbookRefused) as refused:
        open_workbook(content)
    assert refused.value.message == TOO_MANY_ROWS % {"sheet": "6.2", "limit": "2,000"}
    assert refused.value.sheet == "6.2"


def test_too_many_cells_in_the_rows_that_are_read_are_refused(assessment_workbook):
    cells = b'<c t="n"><v>1</v></c>' * 30
    rows = ((n, cells) for n in range(1, MAX_CELLS // 30 + 2))
    content = with_part(assessment_workbook, part_of(assessment_workbook, "6.3"), sheet_xml(rows))
    with pytest.raises(WorkbookRefused) as refused:
        open_workbook(content)
    assert refused.value.message == TOO_MANY_CELLS % {"sheet": "6.3", "limit": "40,000"}


def test_a_sheet_too_large_once_unzipped_is_refused(assessment_workbook, monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_PART_BYTES", 64 * 1024)
    long_text = b'<c t="inlineStr"><is><t>' + b"x" * 70_000 + b"</t></is></c>"
    content = with_part(assessment_workbook, part_of(assessment_workbook, "6.1"),
                        sheet_xml([(3, long_text)]))  # fmt: skip
    with pytest.raises(WorkbookRefused) as refused:
        open_workbook(content)
    assert refused.value.message == SHEET_TOO_BIG % {"sheet": "6.1", "limit": 0}


def test_elements_hidden_in_a_part_that_is_not_a_sheet_count_too(assessment_workbook):
    """openpyxl parses the shared strings and styles at once: their elements count."""
    bomb = b"<sst>" + b"<si><t>x</t></si>" * 100_000 + b"</sst>"
    with pytest.raises(WorkbookRefused):
        open_workbook(with_part(assessment_workbook, "xl/sharedStrings.xml", bomb))


@pytest.mark.parametrize(
    "start",
    ['<?xml version="1.0" encoding="UTF-16"?>'.encode("utf-16"),
     b'<?xml version="1.0" encoding="cp500"?>'],
)  # fmt: skip
def test_a_sheet_in_an_encoding_the_count_cannot_read_is_refused(assessment_workbook, start):
    content = with_part(assessment_workbook, part_of(assessment_workbook, "6.1"),
                        start + sheet_xml([(3, b"<c/>")]))  # fmt: skip
    with pytest.raises(WorkbookRefused) as refused:
        open_workbook(content)
    assert refused.value.message == str(UNREADABLE)


def test_a_sheet_without_its_dimension_is_read_all_the_same(client, draft, assessment_workbook):
    """Read-only sheets only know their size from a <dimension> element, which a workbook
    may lack: the importer never relies on it."""
    part = part_of(assessment_workbook, "6.1")
    with zipfile.ZipFile(io.BytesIO(assessment_workbook)) as archive:
        xml = archive.read(part)
    start = xml.index(b"<dimension")
    stripped = xml[:start] + xml[xml.index(b"/>", start) + 2 :]
    response = upload(client, reverse("assessment:workbook_upload", args=[draft.pk]),
                      with_part(assessment_workbook, part, stripped))  # fmt: skip
    assert response.context.get("problems") is None
    assert response.context["changes"] == []


def test_a_real_workbook_passes_the_checks(assessment_workbook):
    book = open_workbook(assessment_workbook)
    assert book.read_only and book.sheetnames == ["Instructions", "6.1", "6.2", "6.3", "Profile"]
    book.close()
