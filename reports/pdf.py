"""Reports as PDF: the report's HTML rendered by WeasyPrint, tagged (PDF/UA-1) and offline.

WeasyPrint fetches what a page links to (stylesheets, fonts, images). Ours fetches only
files under `static/`, read from disk through the staticfiles finders (or the collected
copies in STATIC_ROOT), and `data:` URLs: anything else — http(s), a file outside the
static folders, a user's evidence link in a report — is refused, and WeasyPrint simply
leaves it out. The fonts (Noto Sans, `static/fonts/`) are embedded, so a report never
depends on the fonts of the machine that renders it.

WeasyPrint itself (`pdf_engine.py`) is loaded only when a PDF is written: without its system
libraries (Pango) the application runs, and the report pages say what the administrator
must install (`PDF_UNAVAILABLE`, `config.system`).
"""

from __future__ import annotations

import logging
import mimetypes
import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from config.system import pdf_engine_problem, pdf_install_command

# Root-relative URLs in the report ("/static/css/report.css") resolve against this base to
# file:///static/..., which the fetcher maps to the static folders; no real file is named.
BASE_URL = "file:///"
PDF_VARIANT = "pdf/ua-1"
REPORT_FONT = "Report Sans"
REFUSED = "Reports may only use files under static/: {url} was refused."
TEMPLATES = {"country": "reports/pdf/country.html", "regional": "reports/pdf/regional.html"}

PDF_UNAVAILABLE = _(
    "PDF reports are not available on this server: the PDF engine (WeasyPrint) needs the Pango "
    "library, which is not installed. The administrator must install it (as root: "
    "%(command)s) and restart the application. The preview shows the same report on screen."
)

# WeasyPrint logs every step of every render at INFO: it would flood the worker's log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

_SVG_FONT = re.compile(r"""font-family=("[^"]*"|'[^']*')""")


class ResourceRefused(ValueError):
    """WeasyPrint catches it, logs a warning and leaves the resource out."""


class PdfEngineMissing(RuntimeError):
    """WeasyPrint cannot load its system libraries on this server."""


def pdf_unavailable_message() -> str:
    """What a reader is told when this server cannot write PDFs, in the active language;
    an empty string when it can."""
    if pdf_engine_problem() is None:
        return ""
    return PDF_UNAVAILABLE % {"command": pdf_install_command()}


def fetch_static_only(url: str) -> tuple[bytes, str] | None:
    """The bytes and type of a file: URL under static/, None for `data:` (WeasyPrint's own);
    ResourceRefused for any other URL."""
    scheme = url.split(":", 1)[0].lower()
    if scheme == "data":
        return None
    path = static_path(url) if scheme == "file" else None
    if path is None:
        raise ResourceRefused(REFUSED.format(url=url[:200]))
    return path.read_bytes(), mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def static_roots() -> list[Path]:
    """Every folder a static file may come from: the finders' folders and STATIC_ROOT."""
    roots = [Path(settings.STATIC_ROOT)]
    for finder in finders.get_finders():
        roots += [Path(storage.location) for storage in getattr(finder, "storages", {}).values()]
    return [root.resolve() for root in roots]


def static_path(url: str) -> Path | None:
    """The file a file: URL names when it lies under static/, else None.

    "/static/<name>" (what {% static %} writes, resolved against BASE_URL) is looked up
    with the finders, then among the collected files; an absolute path must lie inside one
    of the static folders.
    """
    path = unquote(urlsplit(url).path)
    parts = PurePosixPath(path).parts
    if ".." in parts or "\x00" in path:
        return None
    prefix = settings.STATIC_URL
    if path.startswith(prefix):
        name = path[len(prefix) :]
        found = finders.find(name) if name else None
        candidate = Path(found) if found else Path(settings.STATIC_ROOT) / name
    else:
        candidate = Path(path)
    candidate = candidate.resolve()
    if not candidate.is_file():
        return None
    if not any(candidate.is_relative_to(root) for root in static_roots()):
        return None
    return candidate


def embeddable_svg(svg: str) -> str:
    """A chart's SVG drawn with the report's embedded font rather than system fonts."""
    return _SVG_FONT.sub(f'font-family="{REPORT_FONT}, sans-serif"', svg, count=1)


def render_report_html(kind: str, context: dict, *, for_pdf: bool = True, request=None) -> str:
    """The report's HTML, in the report's language; `for_pdf` False gives the screen
    preview (with the `request`, for its form's CSRF token)."""
    with translation.override(context["language"]):
        return render_to_string(TEMPLATES[kind], {**context, "for_pdf": for_pdf}, request=request)


def html_to_pdf(html: str) -> bytes:
    """WeasyPrint alone: a tagged PDF/UA-1 document from the report's HTML; PdfEngineMissing
    when this server cannot load it."""
    if (problem := pdf_engine_problem()) is not None:
        raise PdfEngineMissing(problem)
    from .pdf_engine import write_pdf  # WeasyPrint, loaded now that it is known to load

    return write_pdf(html, base_url=BASE_URL, pdf_variant=PDF_VARIANT)


def report_pdf(kind: str, context: dict) -> bytes:
    """The PDF of a report from its context (reports/report_context.py)."""
    return html_to_pdf(render_report_html(kind, context))
