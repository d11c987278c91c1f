"""Spreadsheets in and out, safely. Every app that writes a CSV or Excel file, or reads an
uploaded workbook, goes through this module.

Writing: a text cell that a spreadsheet would run as a formula (it begins with = + - @, a
tab or a carriage return) is written so that it stays text: with a leading apostrophe in a
CSV file (`csv_cell`), and in an Excel file as a text cell with Excel's own leading
apostrophe, the quote prefix (`write_text`). The quote prefix is what Excel stores when
somebody types '=1+1: the formula bar shows the apostrophe, the cell shows and keeps the
text even when edited, and the value read back is the text itself, so the workbooks that
come back to the platform (assessments, plans) keep every answer exactly.

Reading: `open_workbook` opens an uploaded .xlsx in openpyxl's read-only mode, and only
after checking what openpyxl would have to parse, from the zip directory and a fast count
of the XML elements of every part (bytes, not parsing): each part's unzipped size, the
whole workbook's, and the rows, cells and XML elements it holds. A 200 KB file can unzip
to millions of cells; parsing them costs seconds and gigabytes, counting them does not.
Refusals name the sheet and the limit, in the user's language.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from io import BytesIO

import openpyxl
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.packaging.relationship import get_rels_path
from openpyxl.reader.excel import ExcelReader
from openpyxl.workbook import Workbook
from openpyxl.xml.constants import ARC_WORKBOOK, XLSM, XLSX, XLTM, XLTX

# Writing -------------------------------------------------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value) -> bool:
    """Whether a spreadsheet could read this value as a formula (CSV or formula injection)."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_cell(value):
    """A value as a CSV file should hold it: a text a spreadsheet would run as a formula
    gets a leading apostrophe; anything else (numbers, other texts) is unchanged."""
    if isinstance(value, Promise):
        value = str(value)
    return "'" + value if looks_like_formula(value) else value


def write_text(cell, value) -> None:
    """Put `value` into an openpyxl cell (normal or write-only). Texts stay texts, never
    formulas; those that look like a formula also get Excel's leading apostrophe (the quote
    prefix, see the module's docstring). Control characters Excel refuses are dropped."""
    if isinstance(value, Promise):
        value = str(value)
    if not isinstance(value, str):
        cell.value = value
        return
    text = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.value = text
    cell.data_type = "s"
    if looks_like_formula(text):
        cell.quotePrefix = True


# Reading -------------------------------------------------------------------------------

MIB = 1024 * 1024
# A real assessment or plan workbook holds a few thousand cells and well under 1 MB of XML;
# these limits leave room for long texts and many rows while bounding what openpyxl parses
# (docs/benchmarks.md: the worst workbook they allow is read in well under 2 seconds).
MAX_UNZIPPED_BYTES = 24 * MIB
MAX_PART_BYTES = 8 * MIB
MAX_ROWS_PER_SHEET = 2000
MAX_CELLS = 40_000
MAX_XML_ELEMENTS = 100_000
SCAN_CHUNK = 1 * MIB
# XML encodings in which the markup is plain ASCII, so that counting bytes counts elements.
ASCII_COMPATIBLE = {"utf-8", "utf8", "us-ascii", "ascii", "iso-8859-1", "latin-1", "latin1",
                    "windows-1252", "cp1252"}  # fmt: skip
XML_DECLARATION = re.compile(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([^\"']+)[\"']")

SHEET_TOO_BIG = _(
    "The sheet %(sheet)s is too large to read: once unzipped it takes more than %(limit)s MB."
)
WORKBOOK_TOO_BIG = _(
    "The workbook is too large to read: once unzipped it takes more than %(limit)s MB."
)
WORKBOOK_TOO_BIG_AT = _(
    "The workbook is too large to read: once unzipped it takes more than %(limit)s MB, most of "
    "it in the sheet %(sheet)s."
)
TOO_MANY_ROWS = _("The sheet %(sheet)s has more than %(limit)s rows, the most a sheet may have.")
TOO_MANY_CELLS = _(
    "The workbook has more than %(limit)s cells, the most a workbook may have: the sheet "
    "%(sheet)s takes it past the limit."
)
SHEET_TOO_COMPLEX = _(
    "The sheet %(sheet)s makes the workbook too complex to read: all in all it would hold more "
    "than %(limit)s cells, texts and formats."
)
TOO_COMPLEX = _(
    "The workbook is too complex to read: it holds more than %(limit)s cells, texts and "
    "formats in all."
)
UNREADABLE = _("The workbook cannot be read: the file is damaged or is not an .xlsx file.")


class WorkbookRefused(Exception):
    """The workbook is not opened; `message` says why (translated), `sheet` where."""

    def __init__(self, message, sheet: str = ""):
        super().__init__(str(message))
        self.message = str(message)
        self.sheet = sheet


@dataclass
class _Counts:
    rows: int = 0
    cells: int = 0
    elements: int = 0


def open_workbook(data: bytes, *, max_rows_per_sheet: int = MAX_ROWS_PER_SHEET) -> Workbook:
    """The uploaded workbook, checked (see the module's docstring) and opened read-only with
    the values of formulas rather than the formulas. Raises WorkbookRefused; the caller
    closes the workbook (`book.close()`)."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise WorkbookRefused(UNREADABLE) from error
    with archive:
        scan = _Scan(archive, max_rows_per_sheet)
        scan.find_sheets(data)
        scan.check_total_size()
        for info in archive.infolist():
            scan.count(info)
    try:
        return openpyxl.load_workbook(BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # a damaged file fails in many ways inside openpyxl
        raise WorkbookRefused(UNREADABLE) from error


class _Scan:
    """Counts the rows, cells and XML elements of each part, refusing as soon as a limit is
    passed. The parts that say where the sheets are come first, so that every other limit
    names its sheet.

    Counting bytes is exact for the markup openpyxl parses as long as the markup is ASCII:
    other encodings (UTF-16, or an XML declaration naming one) are refused. A "<" that opens
    no element (a comment, a processing instruction) only counts one element too many. The
    sizes the zip directory declares are binding: Python's zipfile stops there."""

    def __init__(self, archive: zipfile.ZipFile, max_rows: int):
        self.archive = archive
        self.max_rows = max_rows
        self.sheets: dict[str, str] = {}  # part name -> sheet title
        self.parts: dict[str, _Counts] = {}
        self.cells = self.elements = 0

    def find_sheets(self, data: bytes) -> None:
        """The sheets' titles by part, found the way openpyxl finds them: the content types,
        the workbook part and its relationships, each counted (bounded) before it is read."""
        try:
            self.count(self.archive.getinfo("[Content_Types].xml"))
            reader = ExcelReader(BytesIO(data), read_only=True)
            reader.read_manifest()
            workbook_part = _workbook_part(reader.package)
            self.count(self.archive.getinfo(workbook_part))
            relationships = get_rels_path(workbook_part)
            if relationships in self.archive.namelist():
                self.count(self.archive.getinfo(relationships))
            reader.read_workbook()
            found = reader.parser.find_sheets()
            self.sheets = {rel.target: sheet.name for sheet, rel in found if rel}
        except WorkbookRefused:
            raise
        except Exception as error:  # not a workbook inside, or a damaged one
            raise WorkbookRefused(UNREADABLE) from error

    def check_total_size(self) -> None:
        """From the zip directory: what the whole workbook unzips to."""
        infos = self.archive.infolist()
        if sum(info.file_size for info in infos) <= MAX_UNZIPPED_BYTES:
            return
        biggest = max(infos, key=lambda info: info.file_size).filename
        limit = MAX_UNZIPPED_BYTES // MIB
        if biggest in self.sheets:
            sheet = self.sheets[biggest]
            raise WorkbookRefused(WORKBOOK_TOO_BIG_AT % {"limit": limit, "sheet": sheet}, sheet)
        raise WorkbookRefused(WORKBOOK_TOO_BIG % {"limit": limit})

    def count(self, info: zipfile.ZipInfo) -> None:
        if info.filename in self.parts:
            return
        sheet = self.sheets.get(info.filename, "")
        if info.file_size > MAX_PART_BYTES:
            limit = MAX_PART_BYTES // MIB
            if sheet:
                raise WorkbookRefused(SHEET_TOO_BIG % {"sheet": sheet, "limit": limit}, sheet)
            raise WorkbookRefused(WORKBOOK_TOO_BIG % {"limit": limit})
        part = self.parts[info.filename] = _Counts()
        carry = b""
        with self.archive.open(info) as stream:
            first = True
            while chunk := stream.read(SCAN_CHUNK):
                if first:
                    _check_encoding(chunk)
                    first = False
                text = carry + chunk
                cut = text.rfind(b"<")  # a tag cut in two is counted with the next chunk
                text, carry = (text[:cut], text[cut:]) if cut > 0 else (text, b"")
                self._add(text, part, sheet)
        self._add(carry, part, sheet)

    def _add(self, text: bytes, part: _Counts, sheet: str) -> None:
        elements = text.count(b"<") - text.count(b"</")
        cells = text.count(b"<c ") + text.count(b"<c>") + text.count(b"<c/>")
        part.rows += text.count(b"<row ") + text.count(b"<row>") + text.count(b"<row/>")
        part.cells += cells
        part.elements += elements
        self.cells += cells
        self.elements += elements
        if sheet and part.rows > self.max_rows:
            limit = number_format(self.max_rows, force_grouping=True)
            raise WorkbookRefused(TOO_MANY_ROWS % {"sheet": sheet, "limit": limit}, sheet)
        if self.cells > MAX_CELLS:
            limit = number_format(MAX_CELLS, force_grouping=True)
            raise WorkbookRefused(TOO_MANY_CELLS % {"sheet": sheet or "?", "limit": limit}, sheet)
        if self.elements > MAX_XML_ELEMENTS:
            limit = number_format(MAX_XML_ELEMENTS, force_grouping=True)
            if sheet:
                raise WorkbookRefused(SHEET_TOO_COMPLEX % {"sheet": sheet, "limit": limit}, sheet)
            raise WorkbookRefused(TOO_COMPLEX % {"limit": limit})


def _workbook_part(package) -> str:
    """The workbook's part, found as openpyxl finds it (by its content type)."""
    for content_type in (XLTM, XLTX, XLSM, XLSX):
        part = package.find(content_type)
        if part:
            return part.PartName.lstrip("/")
    if {default.ContentType for default in package.Default} & {XLTM, XLTX, XLSM, XLSX}:
        return ARC_WORKBOOK
    raise WorkbookRefused(UNREADABLE)


def _check_encoding(start: bytes) -> None:
    if start.startswith(b"\xef\xbb\xbf"):
        start = start[3:]
    if start.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00<", b"<\x00")):
        raise WorkbookRefused(UNREADABLE)
    declaration = XML_DECLARATION.match(start.lstrip())
    if declaration and declaration.group(1).decode("ascii", "replace").lower() not in (
        ASCII_COMPATIBLE
    ):
        raise WorkbookRefused(UNREADABLE)
