"""Evidence on a response: checking uploaded files, creating and deleting evidence items.

An upload is accepted only when its extension and its content agree on one of a few
document types. The content is sniffed here from magic bytes and zip parts (no libmagic),
and the stored content type is ours, never the browser's.
"""

import codecs
import os
import re
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .citations import normalised_article
from .models import Evidence, Response

DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
FALLBACK_CONTENT_TYPE = "application/octet-stream"
FALLBACK_FILENAME = "document"

FILE_EMPTY = _("The file is empty.")
FILE_TOO_LARGE = _("The file is %(size)s; files of up to %(limit)s can be uploaded.")
FILE_TYPE_NOT_ALLOWED = _(
    "Files of this type cannot be uploaded. Use PDF, Word (.docx), Excel (.xlsx), "
    "OpenDocument (.odt, .ods), PNG, JPEG, plain text or CSV."
)
FILE_CONTENT_MISMATCH = _(
    "“%(name)s” is not really a %(kind)s file: its content does not match its extension. "
    "Save it again in that format, or upload it under its real extension."
)
FILE_HAS_MACROS = _("Documents with macros cannot be uploaded: save the file without them.")


def max_upload_bytes() -> int:
    """The largest accepted upload; read on each call so a settings change applies at once."""
    return getattr(settings, "EVIDENCE_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES)


# --- Content sniffing -------------------------------------------------------------------

PDF_MAGIC = b"%PDF-"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
ZIP_MAGIC = b"PK\x03\x04"
MACRO_PARTS = re.compile(r"(^|/)vbaProject\.bin$|^(Basic|Scripts)/", re.IGNORECASE)
ODF_MIMETYPE_MAX = 100
TEXT_CHUNK = 64 * 1024


def _starts_with(magic: bytes) -> Callable:
    def sniff(file) -> bool:
        file.seek(0)
        return file.read(len(magic)) == magic

    return sniff


def _zip_names(file) -> list[str] | None:
    """The part names of a zip archive, or None when the file is not a readable zip."""
    if not _starts_with(ZIP_MAGIC)(file):
        return None
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        return None


def _ooxml(main_part: str) -> Callable:
    def sniff(file) -> bool:
        names = _zip_names(file)
        return names is not None and "[Content_Types].xml" in names and main_part in names

    return sniff


def _odf(mimetype: str) -> Callable:
    """ODF files hold their own type in a `mimetype` part, stored first and uncompressed."""

    def sniff(file) -> bool:
        names = _zip_names(file)
        if names is None or "mimetype" not in names:
            return False
        file.seek(0)
        try:
            with zipfile.ZipFile(file) as archive, archive.open("mimetype") as part:
                return part.read(ODF_MIMETYPE_MAX).strip() == mimetype.encode("ascii")
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
            return False

    return sniff


def _is_utf8_text(file) -> bool:
    """Decodes as UTF-8 (a BOM is fine) and holds no NUL byte; read in chunks."""
    file.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := file.read(TEXT_CHUNK):
            if b"\x00" in chunk:
                return False
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


@dataclass(frozen=True)
class FileType:
    label: str
    content_type: str
    sniff: Callable


PDF = FileType("PDF", "application/pdf", _starts_with(PDF_MAGIC))
PNG = FileType("PNG", "image/png", _starts_with(PNG_MAGIC))
JPEG = FileType("JPEG", "image/jpeg", _starts_with(JPEG_MAGIC))
DOCX = FileType(
    "Word (.docx)",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    _ooxml("word/document.xml"),
)
XLSX = FileType(
    "Excel (.xlsx)",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    _ooxml("xl/workbook.xml"),
)
ODT = FileType(
    "OpenDocument text (.odt)",
    "application/vnd.oasis.opendocument.text",
    _odf("application/vnd.oasis.opendocument.text"),
)
ODS = FileType(
    "OpenDocument spreadsheet (.ods)",
    "application/vnd.oasis.opendocument.spreadsheet",
    _odf("application/vnd.oasis.opendocument.spreadsheet"),
)
# Text is always served as an attachment with nosniff: an HTML page renamed .txt is
# harmless plain text here.
TEXT = FileType("plain text", "text/plain; charset=utf-8", _is_utf8_text)
CSV = FileType("CSV", "text/csv; charset=utf-8", _is_utf8_text)

FILE_TYPES_BY_EXTENSION = {
    ".pdf": PDF,
    ".png": PNG,
    ".jpg": JPEG,
    ".jpeg": JPEG,
    ".docx": DOCX,
    ".xlsx": XLSX,
    ".odt": ODT,
    ".ods": ODS,
    ".txt": TEXT,
    ".csv": CSV,
}
ALLOWED_CONTENT_TYPES = {file_type.content_type for file_type in FILE_TYPES_BY_EXTENSION.values()}
ACCEPT_ATTRIBUTE = ",".join(FILE_TYPES_BY_EXTENSION)


# --- Checking an upload -----------------------------------------------------------------


@dataclass(frozen=True)
class CheckedUpload:
    """An accepted upload with what we store about it."""

    file: object
    original_name: str
    content_type: str
    size: int


def check_upload(upload) -> CheckedUpload:
    """Accept the upload or raise ValidationError with the reason the user can act on."""
    if not upload.size:
        raise ValidationError(FILE_EMPTY, code="empty")
    limit = max_upload_bytes()
    if upload.size > limit:
        raise ValidationError(
            FILE_TOO_LARGE,
            code="too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )
    name = clean_filename(upload.name or "")
    extension = os.path.splitext(name)[1].lower()
    file_type = FILE_TYPES_BY_EXTENSION.get(extension)
    if file_type is None:
        raise ValidationError(FILE_TYPE_NOT_ALLOWED, code="type")
    if not file_type.sniff(upload):
        raise ValidationError(
            FILE_CONTENT_MISMATCH,
            code="mismatch",
            params={"name": name, "kind": file_type.label},
        )
    if extension in {".docx", ".xlsx", ".odt", ".ods"} and _has_macros(upload):
        raise ValidationError(FILE_HAS_MACROS, code="macros")
    upload.seek(0)
    return CheckedUpload(upload, name, file_type.content_type, upload.size)


def _has_macros(file) -> bool:
    return any(MACRO_PARTS.search(name) for name in _zip_names(file) or [])


UNSAFE_FILENAME_CHARACTERS = re.compile(r'[<>:"/\\|?*]')


def clean_filename(name: str, max_length: int = 255) -> str:
    """The user's file name made safe to show and to send back: no path, no control or
    reserved characters, at most `max_length` characters with the extension kept."""
    name = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    name = "".join(c for c in name if not unicodedata.category(c).startswith("C"))
    name = " ".join(UNSAFE_FILENAME_CHARACTERS.sub("_", name).split()).lstrip(". ")
    stem, extension = os.path.splitext(name)
    stem, extension = stem or FALLBACK_FILENAME, extension[:16]
    return stem[: max_length - len(extension)].rstrip() + extension


# --- Writes -----------------------------------------------------------------------------


@transaction.atomic
def evidence_create(
    *,
    response: Response,
    user,
    kind: str,
    title: str,
    instrument: str = "",
    article: str = "",
    date=None,
    url: str = "",
    upload: CheckedUpload | None = None,
) -> Evidence:
    """Add an evidence item; an upload is stored under a server-made name. The article is
    stored without the word "article" ("Art. 12" → "12"): reports write it once."""
    evidence = Evidence(
        response=response, kind=kind, title=title, instrument=instrument,
        article=normalised_article(article),
        date=date, url=url, created_by=user,
    )  # fmt: skip
    if upload is not None:
        evidence.original_name = upload.original_name
        evidence.content_type = upload.content_type
        evidence.size = upload.size
        evidence.file = upload.file
    evidence._history_user = user
    try:
        evidence.save()
    except Exception:
        if evidence.file and evidence.file._committed:  # stored, but the row failed
            _delete_stored_file(evidence.file.name)
        raise
    return evidence


@transaction.atomic
def evidence_delete(*, evidence: Evidence) -> None:
    """Remove an item; its stored file goes once the deletion is committed."""
    stored_name = evidence.file.name if evidence.file else ""
    evidence.delete()
    transaction.on_commit(lambda: _delete_stored_file(stored_name))


def _delete_stored_file(name: str) -> None:
    if name:
        Evidence._meta.get_field("file").storage.delete(name)


def download_content_type(evidence: Evidence) -> str:
    """The stored type when it is one we accept; anything else is served as bytes."""
    if evidence.content_type in ALLOWED_CONTENT_TYPES:
        return evidence.content_type
    return FALLBACK_CONTENT_TYPE
