"""The chart specs of `charts/builders.py`: frozen dataclasses, value formatting, the look
(palette, fonts) shared by every renderer, and the data table beneath each chart.

A spec says what a chart shows, with no drawing detail: its title, axis titles, a
one-sentence description for screen readers, and values in 0..100 or None ("no data",
never 0). Renderers: `charts.figures.to_plotly` (browser), `charts.svg.to_svg` (PDF),
`table` (below).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import singledispatch
from typing import Any

import pandas as pd
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

BRAND = "#0b5563"
# Categorical colours, each at least 3:1 against white (WCAG 1.4.11) and told apart by the
# common colour-vision deficiencies (after Okabe & Ito). The brand colour comes first.
PALETTE = ("#0b5563", "#d55e00", "#6a3d9a", "#0072b2", "#cc79a7", "#7a5c00", "#5f6b73", "#b8004f")
# Sequential scale for 0..100 (heatmap, map): from sand to the brand colour, so that low
# values stand apart from blank cells (white) and countries without data (grey land).
COLOURSCALE = (
    (0.0, "#f2e4b8"),
    (0.25, "#b8d9a9"),
    (0.5, "#62b0a6"),
    (0.75, "#2b7f8c"),
    (1.0, "#0b5563"),
)
TEXT_COLOUR = "#212529"
MUTED_COLOUR = "#5f6b73"
GRID_COLOUR = "#dee2e6"
NO_DATA_COLOUR = "#ffffff"
# Bootstrap's system font stack, so that charts read like the page around them.
FONT_FAMILY = (
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", '
    '"Liberation Sans", Arial, sans-serif'
)
FONT_SIZE = 13
TICKS = (0, 25, 50, 75, 100)
NO_DATA = "—"

LENGTH_MISMATCH = "{what} has {actual} values for {expected} labels."
OUT_OF_RANGE = "{value} is not a percentage between 0 and 100."


def series_colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def scale_colour(value: float) -> str:
    """The colour of `value` (0..100) on COLOURSCALE, interpolated in RGB as plotly does."""
    position = min(max(value / 100, 0.0), 1.0)
    for (low, low_colour), (high, high_colour) in itertools.pairwise(COLOURSCALE):
        if position <= high:
            share = (position - low) / (high - low)
            channels = [
                round(a + (b - a) * share)
                for a, b in zip(_rgb(low_colour), _rgb(high_colour), strict=True)
            ]
            return "#{:02x}{:02x}{:02x}".format(*channels)
    return COLOURSCALE[-1][1]


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def text_colour_on(background: str) -> str:
    """Black or white text, whichever contrasts more with `background` (WCAG luminance)."""

    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(background))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return TEXT_COLOUR if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#ffffff"


# -- values ---------------------------------------------------------------------------


def percentage(value: Any) -> float | None:
    """A float in 0..100, or None for None, NaN and pandas' NA (no data is never 0)."""
    if value is None or value is pd.NA:
        return None
    number = float(value)
    if math.isnan(number):
        return None
    if not 0 <= number <= 100:
        raise ValueError(OUT_OF_RANGE.format(value=value))
    return number


def rounded_percent(value: float) -> int:
    """A percentage as displayed: rounded half up to a whole number, like floatformat."""
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def displayed_change(before: float | None, now: float | None, decimals: int = 0) -> float | None:
    """The change between two percentages as a reader works it out: the difference of the
    two figures as displayed (each rounded half up to `decimals`), never of the unrounded
    scores, which could read "27% → 35%: +7.3". None when either is unknown."""
    if before is None or now is None:
        return None
    step = Decimal(1).scaleb(-decimals)

    def shown(value: float) -> Decimal:
        return Decimal(str(value)).quantize(step, rounding=ROUND_HALF_UP)

    return float(shown(now) - shown(before))


def format_percent(value: float | None) -> str:
    """'23%', rounded half up like Django's floatformat; '—' for no data."""
    if value is None:
        return NO_DATA
    return f"{rounded_percent(value)}%"


def format_count(count: int | None) -> str:
    return NO_DATA if count is None else str(count)


def _count(value: Any) -> int | None:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return int(value)


def _check_length(what: str, values: Sequence, expected: int) -> None:
    if len(values) != expected:
        raise ValueError(LENGTH_MISMATCH.format(what=what, actual=len(values), expected=expected))


# -- specs ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    """One named row of values; `counts` (optional) is the n behind each value."""

    name: str
    values: tuple[float | None, ...]
    counts: tuple[int | None, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", str(self.name))
        object.__setattr__(self, "values", tuple(percentage(v) for v in self.values))
        object.__setattr__(self, "counts", tuple(_count(c) for c in self.counts))
        if self.counts:
            _check_length(f"The counts of {self.name!r}", self.counts, len(self.values))


def _labels(values: Sequence[Any]) -> tuple[str, ...]:
    return tuple(str(v) for v in values)


@dataclass(frozen=True, kw_only=True)
class _Categorical:
    """Series of values over categories (bars, radar): `labels` are the short tick labels,
    `full_labels` (defaults to labels) name each category in hover text and tables."""

    title: str
    description: str
    labels: tuple[str, ...]
    series: tuple[Series, ...]
    label_title: str
    value_title: str
    full_labels: tuple[str, ...] = ()
    count_title: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "labels", _labels(self.labels))
        object.__setattr__(self, "full_labels", _labels(self.full_labels or self.labels))
        object.__setattr__(self, "series", tuple(self.series))
        _check_length("full_labels", self.full_labels, len(self.labels))
        for series in self.series:
            _check_length(f"Series {series.name!r}", series.values, len(self.labels))


@dataclass(frozen=True, kw_only=True)
class BarChart(_Categorical):
    horizontal: bool = False


@dataclass(frozen=True, kw_only=True)
class RadarChart(_Categorical):
    pass


@dataclass(frozen=True, kw_only=True)
class Heatmap:
    """`values[i][j]` is row i, column j; `full_columns` name the columns in hover text."""

    title: str
    description: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    values: tuple[tuple[float | None, ...], ...]
    row_title: str
    column_title: str
    value_title: str
    full_columns: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "rows", _labels(self.rows))
        object.__setattr__(self, "columns", _labels(self.columns))
        object.__setattr__(self, "full_columns", _labels(self.full_columns or self.columns))
        values = tuple(tuple(percentage(v) for v in row) for row in self.values)
        object.__setattr__(self, "values", values)
        _check_length("The matrix", values, len(self.rows))
        _check_length("full_columns", self.full_columns, len(self.columns))
        for name, row in zip(self.rows, values, strict=True):
            _check_length(f"Row {name!r}", row, len(self.columns))


@dataclass(frozen=True, kw_only=True)
class LineChart:
    """One line per series across `rounds` (the x axis, in order)."""

    title: str
    description: str
    rounds: tuple[str, ...]
    series: tuple[Series, ...]
    round_title: str
    value_title: str
    count_title: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "rounds", _labels(self.rounds))
        object.__setattr__(self, "series", tuple(self.series))
        for series in self.series:
            _check_length(f"Series {series.name!r}", series.values, len(self.rounds))


@dataclass(frozen=True, kw_only=True)
class ChoroplethMap:
    """A value per country, keyed by ISO 3166-1 alpha-3 code."""

    title: str
    description: str
    iso3: tuple[str, ...]
    names: tuple[str, ...]
    values: tuple[float | None, ...]
    location_title: str
    value_title: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "iso3", tuple(str(code).upper() for code in self.iso3))
        object.__setattr__(self, "names", _labels(self.names))
        object.__setattr__(self, "values", tuple(percentage(v) for v in self.values))
        _check_length("names", self.names, len(self.iso3))
        _check_length("values", self.values, len(self.iso3))


Chart = BarChart | RadarChart | Heatmap | LineChart | ChoroplethMap


# -- descriptions for screen readers --------------------------------------------------


def describe_extremes(title: str, points: Sequence[tuple[str, float | None]]) -> str:
    """One sentence: the title, the highest and lowest labelled values, how many lack data."""
    known = [(label, value) for label, value in points if value is not None]
    missing = len(points) - len(known)
    if not known:
        return _("%(title)s: no data.") % {"title": title}
    high = max(known, key=lambda point: point[1])
    low = min(known, key=lambda point: point[1])
    values = {
        "title": title,
        "high_label": high[0],
        "high": format_percent(high[1]),
        "low_label": low[0],
        "low": format_percent(low[1]),
        "missing": missing,
    }
    if not missing:
        return (
            _("%(title)s: highest %(high_label)s (%(high)s), lowest %(low_label)s (%(low)s).")
            % values
        )
    return (
        ngettext(
            "%(title)s: highest %(high_label)s (%(high)s), lowest %(low_label)s (%(low)s); "
            "%(missing)s value without data.",
            "%(title)s: highest %(high_label)s (%(high)s), lowest %(low_label)s (%(low)s); "
            "%(missing)s values without data.",
            missing,
        )
        % values
    )


def series_points(labels: Sequence[str], series: Sequence[Series]) -> list[tuple[str, Any]]:
    if len(series) == 1:
        return list(zip(labels, series[0].values, strict=True))
    return [
        (f"{one.name}, {label}", value)
        for one in series
        for label, value in zip(labels, one.values, strict=True)
    ]


def describe_per_label(title: str, labels: Sequence[str], series: Sequence[Series]) -> str:
    """'Title: 6.1 Senegal 45%, Africa 30%; 6.2 ...' for charts with few categories."""
    items = "; ".join(
        f"{label} " + ", ".join(f"{one.name} {format_percent(one.values[i])}" for one in series)
        for i, label in enumerate(labels)
    )
    return _("%(title)s: %(items)s.") % {"title": title, "items": items}


def describe_trends(title: str, rounds: Sequence[str], series: Sequence[Series]) -> str:
    items = []
    for one in series:
        known = [(r, v) for r, v in zip(rounds, one.values, strict=True) if v is not None]
        if not known:
            items.append(_("%(series)s no data") % {"series": one.name})
        elif len(known) == 1:
            items.append(f"{one.name} {format_percent(known[0][1])} ({known[0][0]})")
        else:
            items.append(
                _("%(series)s from %(first)s (%(first_round)s) to %(last)s (%(last_round)s)")
                % {
                    "series": one.name,
                    "first": format_percent(known[0][1]),
                    "first_round": known[0][0],
                    "last": format_percent(known[-1][1]),
                    "last_round": known[-1][0],
                }
            )
    if not items:
        return _("%(title)s: no data.") % {"title": title}
    return _("%(title)s: %(items)s.") % {"title": title, "items": "; ".join(items)}


# -- the data table beneath each chart ------------------------------------------------


@singledispatch
def table(spec: Chart) -> tuple[list[str], list[list[str]]]:
    """(headers, rows) of the data table shown beneath the chart; cells are text."""
    raise TypeError(f"No table for {type(spec).__name__}.")


def _series_headers(series: Sequence[Series], value_title: str, count_title: str) -> list[str]:
    headers = []
    for one in series:
        headers.append(one.name or value_title)
        if one.counts:
            headers.append(f"{count_title or 'n'} ({one.name})" if one.name else count_title or "n")
    return headers


def _series_cells(series: Sequence[Series], index: int) -> list[str]:
    cells = []
    for one in series:
        cells.append(format_percent(one.values[index]))
        if one.counts:
            cells.append(format_count(one.counts[index]))
    return cells


@table.register(BarChart)
@table.register(RadarChart)
def _categorical_table(spec: _Categorical) -> tuple[list[str], list[list[str]]]:
    headers = [spec.label_title, *_series_headers(spec.series, spec.value_title, spec.count_title)]
    rows = [[label, *_series_cells(spec.series, i)] for i, label in enumerate(spec.full_labels)]
    return headers, rows


@table.register
def _heatmap_table(spec: Heatmap) -> tuple[list[str], list[list[str]]]:
    headers = [spec.row_title, *spec.columns]
    rows = [
        [name, *map(format_percent, values)]
        for name, values in zip(spec.rows, spec.values, strict=True)
    ]
    return headers, rows


@table.register
def _line_table(spec: LineChart) -> tuple[list[str], list[list[str]]]:
    headers = [spec.round_title, *_series_headers(spec.series, spec.value_title, spec.count_title)]
    rows = [[label, *_series_cells(spec.series, i)] for i, label in enumerate(spec.rounds)]
    return headers, rows


@table.register
def _map_table(spec: ChoroplethMap) -> tuple[list[str], list[list[str]]]:
    rows = [
        [name, format_percent(value)] for name, value in zip(spec.names, spec.values, strict=True)
    ]
    return [spec.location_title, spec.value_title], rows
