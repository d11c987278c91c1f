"""How full each page of a PDF is, measured from the PDF's own content: the lowest text and
drawing on the page, within the page's body (between the running header and the footer).

pypdf walks each page's content stream with its current transformation matrix: text is
placed where its text matrix puts it, paths (lines, curves, rectangles: the charts' SVG,
table rules, tinted boxes) where their points are. Pages are A4 with the margins of
static/css/report.css.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from pypdf import PdfReader

MM = 72 / 25.4
TOP_MARGIN = 22 * MM
BOTTOM_MARGIN = 20 * MM
_PATH_OPERATORS = {b"m", b"l", b"c", b"v", b"y", b"re"}


@dataclass(frozen=True)
class PageFill:
    number: int  # from 1
    fill: float  # from the top of the body to its lowest mark, as a share of the body
    chapter_start: bool


def _apply(matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = (float(v) for v in matrix)
    return a * x + c * y + e, b * x + d * y + f


def page_fills(pdf: bytes) -> list[PageFill]:
    reader = PdfReader(BytesIO(pdf))
    starts = {reader.get_destination_page_number(item) for item in _top_level(reader.outline)}
    fills = []
    for index, page in enumerate(reader.pages):
        top, bottom = float(page.mediabox.height) - TOP_MARGIN, BOTTOM_MARGIN
        lowest = _lowest_mark(page, top, bottom)
        fills.append(PageFill(index + 1, (top - lowest) / (top - bottom), index in starts))
    return fills


def _lowest_mark(page, top: float, bottom: float) -> float:
    """The lowest y of any text or path in the page's body (`top` for an empty page)."""
    lows: list[float] = []

    def keep(y: float) -> None:
        if bottom - 1 <= y <= top + 1:  # leave the running header and the footer out
            lows.append(y)

    def on_text(text, cm, tm, font, size):
        if text.strip():
            _x, y = _apply(cm, *_apply(tm, 0, 0))
            keep(y - 0.25 * float(size or 0) * abs(float(cm[3]) or 1))  # the descenders

    def on_operator(operator, args, cm, tm):
        if operator not in _PATH_OPERATORS or not args:
            return
        numbers = [float(v) for v in args]
        points = list(zip(numbers[0::2], numbers[1::2], strict=False))
        if operator == b"re":
            x, y, width, height = numbers
            points = [(x, y), (x + width, y + height)]
        for x, y in points:
            keep(_apply(cm, x, y)[1])

    page.extract_text(visitor_text=on_text, visitor_operand_before=on_operator)
    return min(lows) if lows else top


def _top_level(outline) -> list:
    return [item for item in outline if not isinstance(item, list)]


def mostly_empty_pages(pdf: bytes, *, threshold: float = 0.4) -> list[PageFill]:
    """Pages less than `threshold` full, except the cover and each chapter's last page
    (the page before a chapter starts, and the last page)."""
    fills = page_fills(pdf)
    last_of_chapter = {fill.number - 1 for fill in fills if fill.chapter_start}
    last_of_chapter.add(len(fills))
    return [
        fill for fill in fills[1:] if fill.fill < threshold and fill.number not in last_of_chapter
    ]
