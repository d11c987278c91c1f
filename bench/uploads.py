"""Workbook uploads: the worst workbooks the limits allow, and bigger ones, through the
assessment's upload page (config/spreadsheets.py sets the limits).

Each workbook starts as the real export of a draft assessment; the area sheets are then
rewritten. The worst allowed ones stay just under every limit at once: (a) the most cells
and XML elements, in the rows and columns the importer reads, without the <dimension>
element, so that openpyxl parses each sheet twice; (b) the most unzipped bytes, as long
texts in the answer columns. The refused ones: the finding (4 million cells in rows the
importer never reads, about 200 KB), a thousand cells over the limit, and a 60 MiB zip bomb.

Time: median of RUNS requests through Django's test client, signed in as the country's
contributor. Memory: the peak resident size of a fresh process during one request, above
its size just before (VmHWM, like the PDF benchmark). Targets: the worst allowed upload in
under 2 s and 150 MB more memory; a bigger one refused in under 1 s.
"""

from __future__ import annotations

import html
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO

RUNS = 5
TARGET_ALLOWED_SECONDS = 2.0
TARGET_ALLOWED_MIB = 150
TARGET_REFUSED_SECONDS = 1.0
ROUND = "upload"
SHEET_NS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@dataclass(frozen=True)
class Case:
    name: str
    content: bytes
    allowed: bool


@dataclass(frozen=True)
class Figures:
    case: Case
    unzipped: int
    outcome: str
    median_s: float
    extra_mib: float

    @property
    def met(self) -> bool:
        if self.case.allowed:
            return (
                self.outcome.startswith("read")
                and self.median_s < TARGET_ALLOWED_SECONDS
                and self.extra_mib < TARGET_ALLOWED_MIB
            )
        return self.outcome.startswith("refused") and self.median_s < TARGET_REFUSED_SECONDS


def run() -> list[str]:
    assessment, user = subject()
    workbook = exported_workbook(assessment, user)
    figures = [measure(case, assessment, user) for case in cases(workbook)]
    return markdown(figures)


def subject():
    """A draft assessment (round "upload" of the first country) and a contributor of it."""
    from accounts.models import Membership, User
    from assessment.models import Assessment
    from assessment.services import assessment_create
    from bench.synthetic import pillar6
    from countries.loading import load_countries
    from countries.models import Country

    framework = pillar6()
    if not Country.objects.exists():
        load_countries()
    country = Country.objects.order_by("iso3").first()
    assessment = Assessment.objects.filter(country=country, round=ROUND).first()
    assessment = assessment or assessment_create(country=country, round=ROUND, framework=framework)
    user, _created = User.objects.get_or_create(username="bench-contributor")
    Membership.objects.get_or_create(user=user, country=country, defaults={"role": "contributor"})
    return assessment, user


def _client(user):
    from django.conf import settings
    from django.test import Client

    settings.ALLOWED_HOSTS = ["testserver"]
    # The benchmark uploads far more often than the rate limit allows a person.
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "workbook_upload": "100000/min"}
    client = Client()
    client.force_login(user)
    return client


def exported_workbook(assessment, user) -> bytes:
    response = _client(user).get(f"/en/assessments/{assessment.pk}/workbook/")
    if response.status_code != 200:
        raise RuntimeError(f"The workbook download answered {response.status_code}")
    return response.content


# The workbooks.


def cases(workbook: bytes) -> list[Case]:
    return [
        Case("worst allowed: most cells and XML elements", most_cells(workbook), True),
        Case("worst allowed: most unzipped bytes (long texts)", most_bytes(workbook), True),
        Case("refused: the finding, 4 million cells in rows never read", finding(workbook), False),
        Case(
            "refused: just over the limits (1,000 cells more)",
            most_cells(workbook, extra=1000),
            False,
        ),  # fmt: skip
        Case("refused: a 60 MiB zip bomb", zip_bomb(workbook), False),
    ]


def area_parts(workbook: bytes) -> list[str]:
    """The zip parts of the area sheets (not the Instructions, not the Profile)."""
    import openpyxl

    from assessment.workbook import INSTRUCTIONS_SHEET
    from assessment.workbook_profile import PROFILE_SHEET

    book = openpyxl.load_workbook(BytesIO(workbook), read_only=True)
    parts = [
        sheet._worksheet_path
        for sheet in book.worksheets
        if sheet.title not in (INSTRUCTIONS_SHEET, PROFILE_SHEET)
    ]
    book.close()
    return parts


def replaced(workbook: bytes, parts: dict[str, bytes]) -> bytes:
    with zipfile.ZipFile(BytesIO(workbook)) as source:
        content = {name: source.read(name) for name in source.namelist()}
    content.update(parts)
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in content.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def sheet(rows) -> bytes:
    """A worksheet without <dimension>: (row number, cells markup) pairs."""
    body = b"".join(b'<row r="%d">%s</row>' % (number, cells) for number, cells in rows)
    return b'<worksheet xmlns="%s"><sheetData>%s</sheetData></worksheet>' % (SHEET_NS, body)


def most_cells(workbook: bytes, extra: int = 0) -> bytes:
    """Every area sheet filled with text cells (three XML elements each) in the columns the
    importer reads and beyond, up to just under the cell and element limits."""
    from config.spreadsheets import MAX_CELLS, MAX_ROWS_PER_SHEET, MAX_XML_ELEMENTS

    parts = area_parts(workbook)
    budget = (MAX_XML_ELEMENTS - _elements_outside(workbook, parts)) // len(parts) - 10
    per_sheet = min((MAX_CELLS - 1) // len(parts), budget // 3)
    # Each sheet: its cells (3 elements each), a row element per 11 cells, 2 more elements.
    while 3 * per_sheet + -(-per_sheet // 11) + 3 > budget:
        per_sheet -= 1
    rows = min(MAX_ROWS_PER_SHEET - 3, per_sheet // 11)
    width = per_sheet // rows
    cell = b'<c t="inlineStr"><is><t>x</t></is></c>'
    content = {}
    for index, part in enumerate(parts):
        more = extra if index == len(parts) - 1 else 0
        numbered = [(3 + n, cell * width) for n in range(rows)]
        numbered.append((3 + rows, cell * (per_sheet - rows * width + more)))
        content[part] = sheet(numbered)
    return replaced(workbook, content)


def _elements_outside(workbook: bytes, parts: list[str]) -> int:
    with zipfile.ZipFile(BytesIO(workbook)) as archive:
        return sum(
            data.count(b"<") - data.count(b"</")
            for name in archive.namelist()
            if name not in parts
            for data in [archive.read(name)]
        )


def most_bytes(workbook: bytes) -> bytes:
    """Long justifications, each area sheet just under the size of a part, all of them just
    under the size of a workbook."""
    from config.spreadsheets import MAX_PART_BYTES, MAX_UNZIPPED_BYTES

    parts = area_parts(workbook)
    with zipfile.ZipFile(BytesIO(workbook)) as archive:
        others = sum(info.file_size for info in archive.infolist() if info.filename not in parts)
    budget = min(MAX_PART_BYTES - 4096, (MAX_UNZIPPED_BYTES - others - 4096) // len(parts))
    words = b"The mining code of 2003 and its decree of 2009 recognise artisanal permits. "
    text = (words * (20_000 // len(words) + 1))[:20_000]
    cell = b'<c r="E%%d" t="inlineStr"><is><t>%s</t></is></c>' % text
    per_row = len(cell) + 40
    rows = [(3 + n, cell % (3 + n)) for n in range(budget // per_row)]
    return replaced(workbook, dict.fromkeys(parts, sheet(rows)))


def finding(workbook: bytes) -> bytes:
    from config.spreadsheets import MAX_ROWS_PER_SHEET

    cells = b'<c t="n"/>' * 1000
    rows = ((MAX_ROWS_PER_SHEET + 100 + n, cells) for n in range(4000))
    return replaced(workbook, {area_parts(workbook)[0]: sheet(rows)})


def zip_bomb(workbook: bytes) -> bytes:
    return replaced(workbook, {"xl/media/padding.bin": b"\0" * (60 * 1024 * 1024)})


# Measuring.


def measure(case: Case, assessment, user) -> Figures:
    client = _client(user)
    url = f"/en/assessments/{assessment.pk}/workbook/upload/"
    outcome, times = "", []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = upload(client, url, case.content)
        times.append(time.perf_counter() - start)
        outcome = outcome_of(response)
    with zipfile.ZipFile(BytesIO(case.content)) as archive:
        unzipped = sum(info.file_size for info in archive.infolist())
    return Figures(case, unzipped, outcome, statistics.median(times),
                   extra_memory(case.content, assessment.pk, user.pk))  # fmt: skip


def upload(client, url: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(url, {"file": SimpleUploadedFile("filled.xlsx", content)})


PROBLEM_ROW = re.compile(
    r'<tr class="workbook-problem"><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>', re.S
)


def outcome_of(response) -> str:
    """What the page says: the file refused (one problem, of no sheet row), the problems of
    the rows it read, or the changes it previews."""
    if response.status_code != 200:
        return f"status {response.status_code}"
    page = response.content.decode()
    problems = PROBLEM_ROW.findall(page)
    if len(problems) == 1 and problems[0][1] == "—":
        return f"refused: “{html.unescape(problems[0][2])}”"
    if problems:
        return f"read, {len(problems):,} rows' problems listed"
    if "invalid-feedback" in page:
        return "refused by the form"
    return "read, changes previewed"


def extra_memory(content: bytes, assessment_pk: int, user_pk: int) -> float:
    """MiB above the process's size just before, at the peak of one upload in a fresh one."""
    from bench.pdf import _database_environment

    with tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False) as file:
        file.write(content)
    try:
        env = {**os.environ, **_database_environment(), "BENCH_UPLOAD_FILE": file.name,
               "BENCH_UPLOAD_ASSESSMENT": str(assessment_pk), "BENCH_UPLOAD_USER": str(user_pk)}  # fmt: skip
        env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        child = subprocess.run(
            [sys.executable, "-c", "from bench.uploads import memory_child; memory_child()"],
            env=env, capture_output=True, text=True, check=True, timeout=300,
        )  # fmt: skip
    finally:
        os.unlink(file.name)
    figures = json.loads(child.stdout.strip().splitlines()[-1])
    return figures["peak"] - figures["before"]


def memory_child() -> None:
    import django

    django.setup()
    from accounts.models import User
    from bench.pdf import _max_rss_mib

    user = User.objects.get(pk=os.environ["BENCH_UPLOAD_USER"])
    client = _client(user)
    url = f"/en/assessments/{os.environ['BENCH_UPLOAD_ASSESSMENT']}/workbook/upload/"
    with open(os.environ["BENCH_UPLOAD_FILE"], "rb") as file:
        content = file.read()
    client.get(url)  # the upload page once: imports and templates loaded before measuring
    before = _max_rss_mib()
    upload(client, url, content)
    print(json.dumps({"before": before, "peak": _max_rss_mib()}))


def markdown(figures: list[Figures]) -> list[str]:
    from config import spreadsheets as limits

    met = {True: "met", False: "NOT met"}
    lines = [
        "## Workbook uploads",
        "",
        f"Run: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; load average (1, 5, 15 min) at the end: "
        f"{', '.join(f'{value:.2f}' for value in os.getloadavg())}.",
        "",
        "The assessment's workbook upload (`config/spreadsheets.py`), with the limits "
        f"{limits.MAX_UNZIPPED_BYTES // limits.MIB} MiB unzipped, "
        f"{limits.MAX_PART_BYTES // limits.MIB} MiB per part, "
        f"{limits.MAX_ROWS_PER_SHEET:,} rows per sheet, {limits.MAX_CELLS:,} cells and "
        f"{limits.MAX_XML_ELEMENTS:,} XML elements per workbook; the file itself at most 5 MB. "
        f"Median of {RUNS} requests; memory: the peak of a fresh process during one request, "
        "above its size just before. Targets: a workbook within the limits in under "
        f"{TARGET_ALLOWED_SECONDS:.0f} s and {TARGET_ALLOWED_MIB} MB more memory; a bigger one "
        f"refused in under {TARGET_REFUSED_SECONDS:.0f} s.",
        "",
        "| Workbook | File | Unzipped | Outcome | Median | Extra memory | Target |",
        "|---|---|---|---|---|---|---|",
    ]
    for figure in figures:
        lines.append(
            f"| {figure.case.name} | {len(figure.case.content) / 1024:,.0f} KiB "
            f"| {figure.unzipped / 2**20:,.1f} MiB | {figure.outcome} "
            f"| {figure.median_s:.2f} s | {figure.extra_mib:+.0f} MiB | {met[figure.met]} |"
        )
    lines += ["", f"All targets: **{met[all(f.met for f in figures)]}**.", ""]
    return lines
