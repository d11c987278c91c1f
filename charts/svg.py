"""Chart specs as vector SVG for the PDF reports: `to_svg(spec) -> str`.

Drawn here, without a browser (plotly's static export needs Chrome), with the colours,
fonts, ticks and labels of the web charts (`charts/figures.py`). The SVG has a fixed
viewBox and scales to its box in WeasyPrint. Every text is XML-escaped; the root has
`role="img"`, a `<title>` and a `<desc>` (the spec's description) for tagged PDFs. Text
widths are measured with the embedded font's own metrics (Noto Sans, read with fontTools):
long names are wrapped, then shortened with "…" when they still would not fit (the data
table beside the chart keeps them whole). Maps are drawn from the web map's TopoJSON in the
Equal Earth projection (`charts/geo.py`).
"""

from __future__ import annotations

import hashlib
import itertools
import math
from collections.abc import Sequence
from functools import cache, singledispatch
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from django.utils.translation import gettext as _
from fontTools.ttLib import TTFont

from charts.figures import LAND_COLOUR
from charts.geo import EQUAL_EARTH_X_MAX, country_rings, equal_earth
from charts.specs import (
    FONT_FAMILY,
    FONT_SIZE,
    GRID_COLOUR,
    MUTED_COLOUR,
    NO_DATA,
    TEXT_COLOUR,
    TICKS,
    BarChart,
    Chart,
    ChoroplethMap,
    Heatmap,
    LineChart,
    RadarChart,
    Series,
    format_percent,
    scale_colour,
    series_colour,
    text_colour_on,
)

WIDTH = 720
SMALL = 11
# Labels are measured with the advance widths of the font the reports embed (Noto Sans,
# static/fonts), read once with fontTools; a character the font lacks counts as its
# average glyph.
FONT_FILE = Path(__file__).resolve().parent.parent / "static" / "fonts" / "NotoSans-Regular.ttf"
MARKERS = ("circle", "square", "diamond", "triangle")
# The static map shows latitudes 58° S to 85° N (as the web map), without Antarctica.
MAP_LATITUDES = (-58, 85)
MAP_LEFT_OUT = {"ATA"}
SEA_COLOUR = "#f4f8fa"


def canvas(svg_id: str, width: float = WIDTH) -> _Canvas:
    """An empty drawing for a chart this module has no spec for (the plan's timeline)."""
    drawing = _Canvas(svg_id)
    drawing.width = width
    return drawing


def to_svg(spec: Chart, *, svg_id: str | None = None) -> str:
    """The chart as a standalone <svg> element; `svg_id` prefixes its ids (unique per page)."""
    svg_id = (
        svg_id or "chart-" + hashlib.md5(repr(spec).encode(), usedforsecurity=False).hexdigest()[:8]
    )
    canvas = _Canvas(svg_id)
    _draw(spec, canvas)
    return canvas.render(spec.title, spec.description)


# -- drawing primitives ---------------------------------------------------------------


@cache
def _advances() -> tuple[dict[int, float], float]:
    """{code point: advance in em} of the embedded font, and its average advance."""
    font = TTFont(FONT_FILE, lazy=True)
    units = font["head"].unitsPerEm
    metrics = font["hmtx"].metrics
    advances = {
        code: metrics[name][0] / units for code, name in font.getBestCmap().items()
    }  # fmt: skip
    font.close()
    average = sum(advances.values()) / len(advances)
    return advances, average


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """The width of `text` set in the embedded font at `size`."""
    advances, average = _advances()
    return sum(advances.get(ord(ch), average) for ch in text) * size


def fit(text: str, width: float, size: float = FONT_SIZE) -> str:
    """`text`, shortened with "…" to fit `width` (measured, never guessed)."""
    if text_width(text, size) <= width:
        return text
    room = width - text_width("…", size)
    kept = ""
    for ch in text:
        if text_width(kept + ch, size) > room:
            break
        kept += ch
    return (kept.rstrip() or text[:1]) + "…"


def wrap(text: str, width: float, size: float = FONT_SIZE, lines: int = 2) -> list[str]:
    """`text` broken at spaces into at most `lines` lines of `width`, the last one shortened
    with "…" when the text is longer still."""
    words, result, current = text.split(), [], ""
    for index, word in enumerate(words):
        candidate = f"{current} {word}".strip()
        if text_width(candidate, size) <= width or not current:
            current = candidate
            continue
        result.append(current)
        current = word
        if len(result) == lines - 1:
            current = " ".join(words[index:])
            break
    result.append(fit(current, width, size))
    return [fit(line, width, size) for line in result]


def _text_lines(canvas, x, y, lines: list[str], *, size=FONT_SIZE, anchor="start") -> None:
    """Lines of text centred vertically on `y`."""
    step = size * 1.15
    first = y - step * (len(lines) - 1) / 2
    for index, line in enumerate(lines):
        canvas.text(x, first + index * step, line, size=size, anchor=anchor)


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _attrs(**attributes) -> str:
    return "".join(
        f" {name.rstrip('_').replace('_', '-')}={quoteattr(str(value))}"
        for name, value in attributes.items()
        if value is not None
    )


class _Canvas:
    """An SVG being drawn: elements added in order, `render` wraps them with a title."""

    def __init__(self, svg_id: str) -> None:
        self.id = svg_id
        self.parts: list[str] = []
        self.width = WIDTH
        self.height = 0.0

    def add(self, tag: str, content: str | None = None, **attributes) -> None:
        if content is None:
            self.parts.append(f"<{tag}{_attrs(**attributes)}/>")
        else:
            self.parts.append(f"<{tag}{_attrs(**attributes)}>{escape(content)}</{tag}>")

    def text(self, x, y, content, *, size=FONT_SIZE, anchor="start", fill=TEXT_COLOUR, **extra):
        # y is the middle of the line: baselines sit 0.35em lower (no dominant-baseline,
        # which PDF renderers read unevenly).
        self.add(
            "text", str(content), x=_n(x), y=_n(y + 0.35 * size), font_size=size,
            text_anchor=anchor, fill=fill, **extra,
        )  # fmt: skip

    def line(self, x1, y1, x2, y2, colour=GRID_COLOUR, width=1) -> None:
        self.add(
            "line", x1=_n(x1), y1=_n(y1), x2=_n(x2), y2=_n(y2), stroke=colour, stroke_width=width
        )

    def marker(self, shape: str, x: float, y: float, colour: str, size: float = 7) -> None:
        r = size / 2
        if shape == "square":
            self.add("rect", x=_n(x - r), y=_n(y - r), width=_n(size), height=_n(size), fill=colour)
        elif shape in ("diamond", "triangle"):
            points = (
                [(x, y - r * 1.3), (x + r * 1.3, y), (x, y + r * 1.3), (x - r * 1.3, y)]
                if shape == "diamond"
                else [(x, y - r * 1.3), (x + r * 1.2, y + r), (x - r * 1.2, y + r)]
            )
            self.add("polygon", points=_points(points), fill=colour)
        else:
            self.add("circle", cx=_n(x), cy=_n(y), r=_n(r), fill=colour)

    def render(self, title: str, description: str) -> str:
        height = math.ceil(self.height)
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg"'
            f"{_attrs(width=self.width, height=height, viewBox=f'0 0 {self.width} {height}')}"
            f' role="img"{_attrs(aria_labelledby=f"{self.id}-title {self.id}-desc")}'
            f"{_attrs(font_family=FONT_FAMILY, font_size=FONT_SIZE, fill=TEXT_COLOUR)}>"
            f"<title{_attrs(id=f'{self.id}-title')}>{escape(title)}</title>"
            f"<desc{_attrs(id=f'{self.id}-desc')}>{escape(description)}</desc>"
        )
        return head + "".join(self.parts) + "</svg>"


def _points(points: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in points)


def _legend(canvas: _Canvas, series: Sequence[Series], top: float, markers: bool = False) -> float:
    """Swatches and names in rows from the left; returns the height used."""
    if len(series) < 2:
        return 0
    x, y = 8.0, top + 10
    for i, one in enumerate(series):
        width = 22 + text_width(one.name, SMALL) + 16
        if x + width > canvas.width and x > 8:
            x, y = 8.0, y + 20
        if markers:
            canvas.line(x, y, x + 16, y, series_colour(i), 2)
            canvas.marker(MARKERS[i % len(MARKERS)], x + 8, y, series_colour(i))
        else:
            canvas.add("rect", x=_n(x + 3), y=_n(y - 5), width=10, height=10, fill=series_colour(i))
        canvas.text(x + 22, y, one.name, size=SMALL)
        x += width
    return y - top + 14


def _value_ticks_vertical(canvas: _Canvas, x0, x1, y0, y1, title: str) -> None:
    for tick in TICKS:
        y = y1 - tick / 100 * (y1 - y0)
        canvas.line(x0, y, x1, y, GRID_COLOUR if tick else MUTED_COLOUR)
        canvas.text(x0 - 6, y, f"{tick}%", size=SMALL, anchor="end", fill=MUTED_COLOUR)
    middle = (y0 + y1) / 2
    canvas.text(14, middle, title, anchor="middle", transform=f"rotate(-90 14 {_n(middle)})")


def _bar_label(series: Series, index: int, grouped: bool) -> str:
    count = series.counts[index] if series.counts else None
    if count is None:
        return format_percent(series.values[index])
    n = _("n=%(count)s") % {"count": count}
    return n if grouped else f"{format_percent(series.values[index])} ({n})"


# -- charts ---------------------------------------------------------------------------


@singledispatch
def _draw(spec: Chart, canvas: _Canvas) -> None:
    raise TypeError(f"No SVG for {type(spec).__name__}.")


@_draw.register
def _draw_map(spec: ChoroplethMap, canvas: _Canvas) -> None:
    """The countries in the Equal Earth projection, from the web map's TopoJSON, coloured on
    the same scale as the web map (COLOURSCALE: light to dark, readable without colour
    vision), countries without a value in the land colour; a legend beneath."""
    south, north = equal_earth(0, MAP_LATITUDES[0])[1], equal_earth(0, MAP_LATITUDES[1])[1]
    scale = (canvas.width - 20) / (2 * EQUAL_EARTH_X_MAX)
    left, top = 10 + EQUAL_EARTH_X_MAX * scale, 8 + north * scale

    def point(longitude: float, latitude: float) -> str:
        x, y = equal_earth(longitude, max(min(latitude, 89.9), -89.9))
        return f"{left + x * scale:.1f},{top - y * scale:.1f}"

    # The outline of the projected world (its curved meridians at ±180°), as a pale sea.
    low, high = MAP_LATITUDES
    edge = [(-180, lat) for lat in range(low, high + 1)] + [
        (180, lat) for lat in range(high, low - 1, -1)
    ]
    canvas.add("path", d="M" + "L".join(point(*p) for p in edge) + "Z", fill=SEA_COLOUR)
    values = dict(zip(spec.iso3, spec.values, strict=True))
    names = dict(zip(spec.iso3, spec.names, strict=True))
    for code, rings in country_rings().items():
        if code in MAP_LEFT_OUT:
            continue
        path = "".join("M" + "L".join(point(*p) for p in ring) + "Z" for ring in rings)
        value = values.get(code)
        fill = LAND_COLOUR if value is None else scale_colour(value)
        title = f"{names[code]}: {format_percent(value)}" if value is not None else None
        canvas.add("path", d=path, fill=fill, stroke="#ffffff", stroke_width="0.4",
                   data_name=title)  # fmt: skip
    y = 8 + (north - south) * scale + 18
    canvas.text(10, y, spec.value_title, size=SMALL)
    x = 10 + text_width(spec.value_title, SMALL) + 12
    for tick in TICKS:
        canvas.add("rect", x=_n(x), y=_n(y - 6), width=28, height=12, fill=scale_colour(tick),
                   stroke=GRID_COLOUR)  # fmt: skip
        canvas.text(x + 32, y, f"{tick}%", size=SMALL)
        x += 36 + text_width(f"{tick}%", SMALL) + 10
    canvas.add("rect", x=_n(x), y=_n(y - 6), width=28, height=12, fill=LAND_COLOUR,
               stroke=GRID_COLOUR)  # fmt: skip
    canvas.text(x + 32, y, _("No data"), size=SMALL)
    canvas.height = y + 22


@_draw.register
def _draw_bars(spec: BarChart, canvas: _Canvas) -> None:
    top = 8 + _legend(canvas, spec.series, 8)
    if spec.horizontal:
        _horizontal_bars(spec, canvas, top)
    else:
        _vertical_bars(spec, canvas, top)


def _vertical_bars(spec: BarChart, canvas: _Canvas, top: float) -> None:
    x0, x1, y0, y1 = 72, canvas.width - 16, top + 24, top + 264
    _value_ticks_vertical(canvas, x0, x1, y0, y1, spec.value_title)
    band = (x1 - x0) / max(len(spec.labels), 1)
    bar = band * 0.75 / max(len(spec.series), 1)
    grouped = len(spec.series) > 1
    for i, label in enumerate(spec.full_labels):
        left = x0 + i * band + band * 0.125
        for s, series in enumerate(spec.series):
            value, x = series.values[i], left + s * bar
            text_y = y1 - 8
            if value is not None:
                height = value / 100 * (y1 - y0)
                canvas.add(
                    "rect", x=_n(x + 0.5), y=_n(y1 - height), width=_n(bar - 1),
                    height=_n(height), fill=series_colour(s),
                )  # fmt: skip
                text_y = y1 - height - 8
            text = _bar_label(series, i, grouped) if value is not None else NO_DATA
            canvas.text(x + bar / 2, text_y, fit(text, bar + 8, SMALL), size=SMALL, anchor="middle")
        lines = wrap(label, band - 6, SMALL, lines=3)
        for row, line in enumerate(lines):
            canvas.text(
                x0 + (i + 0.5) * band, y1 + 14 + row * 13, line, size=SMALL, anchor="middle"
            )
    below = (
        y1
        + 14
        + 13
        * max(len(wrap(label, band - 6, SMALL, lines=3)) for label in spec.full_labels or ("",))
    )
    canvas.text((x0 + x1) / 2, below + 10, spec.label_title, anchor="middle")
    canvas.height = below + 24


def _horizontal_bars(spec: BarChart, canvas: _Canvas, top: float) -> None:
    # A PDF has no hover: each bar is named in full ("6.1.1 Legal framework"), on two lines
    # where it needs them.
    labels = spec.full_labels
    label_width = min(max((text_width(label) for label in labels), default=0), canvas.width * 0.38)
    x0, x1 = 36 + label_width + 8, canvas.width - 88
    band = max(len(spec.series) * 16 + 10, 30)
    y0, y1 = top + 4, top + 4 + band * len(labels)
    for tick in TICKS:
        x = x0 + tick / 100 * (x1 - x0)
        canvas.line(x, y0, x, y1, GRID_COLOUR if tick else MUTED_COLOUR)
        canvas.text(x, y1 + 12, f"{tick}%", size=SMALL, anchor="middle", fill=MUTED_COLOUR)
    grouped = len(spec.series) > 1
    for i, label in enumerate(labels):
        y = y0 + i * band + 5
        lines = wrap(label, label_width, SMALL)
        _text_lines(canvas, x0 - 8, y0 + (i + 0.5) * band, lines, size=SMALL, anchor="end")
        for s, series in enumerate(spec.series):
            value, bar_top = series.values[i], y + s * 16
            width = 0 if value is None else value / 100 * (x1 - x0)
            if value is not None:
                canvas.add(
                    "rect", x=_n(x0), y=_n(bar_top), width=_n(width), height=14,
                    fill=series_colour(s),
                )  # fmt: skip
            text = _bar_label(series, i, grouped) if value is not None else NO_DATA
            canvas.text(x0 + width + 4, bar_top + 7, text, size=SMALL)
    canvas.text((x0 + x1) / 2, y1 + 32, spec.value_title, anchor="middle")
    middle = (y0 + y1) / 2
    canvas.text(
        14, middle, spec.label_title, anchor="middle", transform=f"rotate(-90 14 {_n(middle)})"
    )
    canvas.height = y1 + 46


@_draw.register
def _draw_radar(spec: RadarChart, canvas: _Canvas) -> None:
    canvas.width = 560
    top = 8 + _legend(canvas, spec.series, 8, markers=True)
    radius, count = 130, max(len(spec.labels), 1)
    cx, cy = canvas.width / 2, top + 56 + radius

    def at(index: float, value: float) -> tuple[float, float]:
        angle = math.radians(-90 + index * 360 / count)
        return cx + value / 100 * radius * math.cos(angle), cy + value / 100 * radius * math.sin(
            angle
        )

    for tick in TICKS[1:]:
        canvas.add(
            "polygon",
            points=_points([at(i, tick) for i in range(count)]),
            fill="none",
            stroke=GRID_COLOUR,
        )
    for i, label in enumerate(spec.full_labels):
        canvas.line(cx, cy, *at(i, 100))
        x, y = at(i, 112)
        cos = math.cos(math.radians(-90 + i * 360 / count))
        anchor = "start" if cos > 0.3 else "end" if cos < -0.3 else "middle"
        # Named in full (a PDF has no hover), within the canvas beside the spoke's end.
        room = 200 if anchor == "middle" else min(x, canvas.width - x) - 4
        lines = wrap(label, room, SMALL, lines=3)
        if anchor == "middle" and y < cy:
            y -= 13 * (len(lines) - 1) / 2
        _text_lines(canvas, x, y, lines, size=SMALL, anchor=anchor)
    # 0% is the centre; the tick labels sit halfway between the first two spokes, off the data.
    for tick in TICKS[1:]:
        x, y = at(0.5, tick)
        canvas.text(x + 3, y + 4, f"{tick}%", size=SMALL - 1, fill=MUTED_COLOUR)
    for s, series in enumerate(spec.series):
        colour = series_colour(s)
        points = [at(i, v) if v is not None else None for i, v in enumerate(series.values)]
        if all(points):
            canvas.add(
                "polygon", points=_points(points), fill=colour, fill_opacity="0.15",
                stroke=colour, stroke_width=2,
            )  # fmt: skip
        else:
            for a, b in zip(points, points[1:] + points[:1], strict=True):
                if a and b:
                    canvas.line(*a, *b, colour, 2)
        for point in filter(None, points):
            canvas.marker(MARKERS[s % len(MARKERS)], *point, colour)
    canvas.height = cy + radius + 56


@_draw.register
def _draw_heatmap(spec: Heatmap, canvas: _Canvas) -> None:
    label_width = min(max((text_width(row, SMALL) for row in spec.rows), default=0), 200)
    header = max((text_width(column, SMALL) for column in spec.columns), default=0) * 0.71 + 40
    x0, y0 = 8 + label_width + 8, 8 + header
    cell_w = min(56.0, (canvas.width - x0 - 80) / max(len(spec.columns), 1))
    cell_h = 24
    canvas.text(x0 + cell_w * len(spec.columns) / 2, 14, spec.column_title, anchor="middle")
    for j, column in enumerate(spec.columns):
        x = x0 + (j + 0.5) * cell_w
        canvas.text(x, y0 - 8, column, size=SMALL, transform=f"rotate(-45 {_n(x)} {_n(y0 - 8)})")
    for i, (row, values) in enumerate(zip(spec.rows, spec.values, strict=True)):
        y = y0 + i * cell_h
        canvas.text(x0 - 6, y + cell_h / 2, fit(row, label_width, SMALL), size=SMALL, anchor="end")
        for j, value in enumerate(values):
            fill = "#ffffff" if value is None else scale_colour(value)
            canvas.add(
                "rect", x=_n(x0 + j * cell_w + 1), y=_n(y + 1), width=_n(cell_w - 2),
                height=cell_h - 2, fill=fill, stroke=GRID_COLOUR if value is None else None,
            )  # fmt: skip
            if cell_w < 28:  # too narrow for "100%": colour only, the table has the values
                continue
            canvas.text(
                x0 + (j + 0.5) * cell_w, y + cell_h / 2, format_percent(value), size=SMALL - 1,
                anchor="middle", fill=MUTED_COLOUR if value is None else text_colour_on(fill),
            )  # fmt: skip
    bottom = y0 + cell_h * len(spec.rows)
    _colour_bar(canvas, x0 + cell_w * len(spec.columns) + 16, y0, min(bottom, y0 + 200))
    canvas.height = max(bottom, y0 + 200) + 12


def _colour_bar(canvas: _Canvas, x: float, y0: float, y1: float) -> None:
    # Thin slices rather than a <linearGradient>: PDF renderers draw gradients unevenly.
    slices = 40
    height = (y1 - y0) / slices
    for i in range(slices):
        colour = scale_colour(100 - (i + 0.5) * 100 / slices)
        y = y0 + i * height
        canvas.add("rect", x=_n(x), y=_n(y), width=12, height=_n(height + 0.6), fill=colour)
    for tick in TICKS:
        canvas.text(x + 16, y1 - tick / 100 * (y1 - y0), f"{tick}%", size=SMALL, fill=MUTED_COLOUR)


@_draw.register
def _draw_lines(spec: LineChart, canvas: _Canvas) -> None:
    top = 8 + _legend(canvas, spec.series, 8, markers=True)
    x0, x1, y0, y1 = 72, canvas.width - 24, top + 16, top + 256
    _value_ticks_vertical(canvas, x0, x1, y0, y1, spec.value_title)
    step = (x1 - x0) / max(len(spec.rounds), 1)
    xs = [x0 + (i + 0.5) * step for i in range(len(spec.rounds))]
    for x, label in zip(xs, spec.rounds, strict=True):
        canvas.text(x, y1 + 14, fit(label, step - 4), anchor="middle")
    for s, series in enumerate(spec.series):
        colour = series_colour(s)
        points = [
            (x, y1 - v / 100 * (y1 - y0)) if v is not None else None
            for x, v in zip(xs, series.values, strict=True)
        ]
        for a, b in itertools.pairwise(points):
            if a and b:
                canvas.line(*a, *b, colour, 2.5)
        for point in filter(None, points):
            canvas.marker(MARKERS[s % len(MARKERS)], *point, colour, 8)
        # Each point says how many countries it rests on (a PDF has no hover).
        for point, count in zip(points, series.counts, strict=False):
            if point and count is not None:
                label = _("n=%(count)s") % {"count": count}
                canvas.text(point[0] + 7, point[1] - 9, label, size=SMALL - 1, fill=colour)
    canvas.text((x0 + x1) / 2, y1 + 36, spec.round_title, anchor="middle")
    canvas.height = y1 + 50
