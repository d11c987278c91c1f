"""Charts: built in Python from plain data, drawn by plotly.js on the web and as SVG in PDFs.

Pure functions, no ORM, no request. A builder (`area_bars`, `recommendation_bars`,
`radar`, `group_area_bars`, `heatmap`, `trend_lines`, `world_map`) turns lists, mappings or
pandas DataFrames into a frozen spec (`BarChart`, `RadarChart`, `Heatmap`, `LineChart`,
`ChoroplethMap`, defined in `charts/specs.py`), which is rendered by
`to_plotly(spec)` (a figure dict drawn in the browser by `static/js/charts.js`),
`to_svg(spec)` (vector SVG for WeasyPrint, no browser) and `table(spec)` (the data table
shown beneath every chart). Views call `chart_context(chart_id, spec)` and include
`templates/charts/chart.html` with it.

Strings are translated when a builder runs: build specs with the reader's language active.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessment.scoring import code_sort_key
from charts.figures import to_plotly
from charts.specs import (
    BarChart,
    Chart,
    ChoroplethMap,
    Heatmap,
    LineChart,
    RadarChart,
    Series,
    describe_extremes,
    describe_per_label,
    describe_trends,
    percentage,
    series_points,
    table,
)

BAD_CHART_ID = "{chart_id!r} is not a valid HTML id (letters, digits, - and _)."
MISSING_COLUMNS = "The data frame lacks the columns {columns}."
PILLAR = gettext_lazy("Pillar")
PILLAR_TRENDS = gettext_lazy("Pillar implementation across rounds")


def chart_context(chart_id: str, spec: Chart) -> dict:
    """What `charts/chart.html` needs to render one chart and its table."""
    if not re.fullmatch(r"[A-Za-z][\w-]*", chart_id):
        raise ValueError(BAD_CHART_ID.format(chart_id=chart_id))
    headers, rows = table(spec)
    return {
        "id": chart_id,
        "figure_id": f"{chart_id}-figure",
        "spec": spec,
        "figure": to_plotly(spec),
        "table": {"headers": headers, "rows": rows},
        "is_map": isinstance(spec, ChoroplethMap),
    }


def bar_chart(
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    label_title: str,
    horizontal: bool = False,
    full_labels: Sequence[str] = (),
    count_title: str = "",
    description: str | None = None,
) -> BarChart:
    """Bars of one or several series over categories; the other bar builders use it."""
    series = tuple(series)
    full_labels = tuple(full_labels) or tuple(labels)
    if description is None:
        description = describe_extremes(title, series_points(full_labels, series))
    return BarChart(
        title=title,
        description=description,
        labels=labels,
        series=series,
        label_title=label_title,
        value_title=_("Implementation"),
        horizontal=horizontal,
        full_labels=full_labels,
        count_title=count_title,
    )


def _with_comparison(
    values: Sequence[Any], name: str, comparison: tuple[str, Sequence[Any]] | None
) -> tuple[Series, ...]:
    series = [Series(name, tuple(values))]
    if comparison is not None:
        series.append(Series(comparison[0], tuple(comparison[1])))
    return tuple(series)


def area_bars(
    labels: Sequence[str],
    values: Sequence[float | None],
    title: str | None = None,
    *,
    full_labels: Sequence[str] = (),
    name: str = "",
    comparison: tuple[str, Sequence[float | None]] | None = None,
) -> BarChart:
    """Vertical bars of implementation % per area (labels "6.1", ...), optionally beside a
    `comparison` series such as (region name, the region's values)."""
    return bar_chart(
        labels,
        _with_comparison(values, name or _("Implementation"), comparison),
        title=title or _("Implementation by area"),
        label_title=_("Area"),
        full_labels=full_labels,
    )


def recommendation_bars(
    labels: Sequence[str],
    values: Sequence[float | None],
    title: str | None = None,
    *,
    full_labels: Sequence[str] = (),
    name: str = "",
    comparison: tuple[str, Sequence[float | None]] | None = None,
) -> BarChart:
    """Horizontal bars of implementation % per recommendation, first at the top."""
    return bar_chart(
        labels,
        _with_comparison(values, name or _("Implementation"), comparison),
        title=title or _("Implementation by recommendation"),
        label_title=_("Recommendation"),
        horizontal=True,
        full_labels=full_labels,
    )


def radar(
    areas: Sequence[str],
    country_values: Sequence[float | None],
    region_values: Sequence[float | None] | None,
    names: tuple[str, str],
    *,
    full_labels: Sequence[str] = (),
    title: str | None = None,
) -> RadarChart:
    """The country's areas against its region's average; `region_values` None when the
    average is not shown (suppressed or unknown). `names` = (country name, region name)."""
    series = [Series(names[0], tuple(country_values))]
    if region_values is not None:
        series.append(Series(names[1], tuple(region_values)))
    title = title or _("Areas against the regional average")
    full_labels = tuple(full_labels) or tuple(areas)
    return RadarChart(
        title=title,
        description=describe_per_label(title, full_labels, series),
        labels=areas,
        series=tuple(series),
        label_title=_("Area"),
        value_title=_("Implementation"),
        full_labels=full_labels,
    )


def _require(frame: pd.DataFrame, *columns: str) -> None:
    absent = [column for column in columns if column not in frame.columns]
    if absent:
        raise ValueError(MISSING_COLUMNS.format(columns=", ".join(absent)))


def _group_column(frame: pd.DataFrame) -> str:
    return "group_name" if "group_name" in frame.columns else "group"


def _latest_round(frame: pd.DataFrame, round_: str | None) -> pd.DataFrame:
    if "round" not in frame.columns or frame.empty:
        return frame
    rounds = frame["round"].astype(str)
    return frame[rounds == str(round_ or max(rounds, key=code_sort_key))]


def _area_label(code: str, area_labels: Mapping[str, str]) -> str:
    return str(PILLAR) if code == "pillar" else str(area_labels.get(code, code))


def group_area_bars(
    group_areas: pd.DataFrame,
    *,
    area_labels: Mapping[str, str] | None = None,
    round: str | None = None,
    title: str | None = None,
) -> BarChart:
    """Average implementation per group (one series each) and area (the categories, the
    pillar last), with the number of countries behind each bar.

    Columns: `group_name` (or `group`), `area_code` ("pillar" for the pillar), `mean` (None
    or NaN when suppressed), `n_countries`; with a `round` column, only `round` (default:
    the latest) is drawn. Groups and areas keep their order of first appearance.
    """
    _require(group_areas, _group_column(group_areas), "area_code", "mean", "n_countries")
    frame = _latest_round(group_areas, round)
    group = _group_column(frame)
    codes = [code for code in dict.fromkeys(frame["area_code"]) if code != "pillar"]
    if "pillar" in set(frame["area_code"]):
        codes.append("pillar")
    cells = {(row[group], row["area_code"]): row for row in frame.to_dict("records")}
    series = []
    for name in dict.fromkeys(frame[group]):
        rows = [cells.get((name, code), {}) for code in codes]
        series.append(
            Series(
                name,
                tuple(row.get("mean") for row in rows),
                tuple(row.get("n_countries") for row in rows),
            )
        )
    area_labels = area_labels or {}
    return bar_chart(
        [str(PILLAR) if code == "pillar" else code for code in codes],
        series,
        title=title or _("Average implementation by group and area"),
        label_title=_("Area"),
        full_labels=[_area_label(code, area_labels) for code in codes],
        count_title=_("Countries"),
    )


def heatmap(
    matrix: pd.DataFrame,
    *,
    column_labels: Mapping[str, str] | None = None,
    title: str | None = None,
    row_title: str | None = None,
    column_title: str | None = None,
) -> Heatmap:
    """Rows × columns of percentages, e.g. countries × recommendations: the frame's index
    labels the rows, its columns (codes) the columns; NaN is shown blank."""
    column_labels = column_labels or {}
    rows = [str(label) for label in matrix.index]
    columns = [str(code) for code in matrix.columns]
    values = [[percentage(v) for v in row] for row in matrix.itertuples(index=False)]
    title = title or _("Implementation by country and recommendation")
    full_columns = [
        f"{code} {column_labels[code]}" if code in column_labels else code for code in columns
    ]
    points = [
        (f"{row}, {column}", value)
        for row, row_values in zip(rows, values, strict=True)
        for column, value in zip(columns, row_values, strict=True)
    ]
    return Heatmap(
        title=title,
        description=describe_extremes(title, points),
        rows=rows,
        columns=columns,
        values=values,
        row_title=row_title or _("Country"),
        column_title=column_title or _("Recommendation"),
        value_title=_("Implementation"),
        full_columns=full_columns,
    )


def trend_lines(
    trends: pd.DataFrame, *, area: str = "pillar", title: str | None = None
) -> LineChart:
    """One line per group across rounds.

    Columns: `group_name` (or `group`), `round`, `n_countries` (optional), and either
    `area_code` + `mean` (long form: rows where area_code == `area` are drawn) or a column
    named `area` holding the values (wide form, e.g. "pillar", "6.1").
    """
    group = _group_column(trends)
    _require(trends, group, "round")
    if "area_code" in trends.columns:
        _require(trends, "mean")
        frame, value = trends[trends["area_code"] == area], "mean"
    else:
        _require(trends, area)
        frame, value = trends, area
    rounds = sorted({str(r) for r in frame["round"]}, key=code_sort_key)
    series = []
    for name, rows in frame.groupby(group, sort=False):
        by_round = {str(row["round"]): row for row in rows.to_dict("records")}
        values = tuple(by_round.get(r, {}).get(value) for r in rounds)
        counts = ()
        if "n_countries" in rows.columns:
            counts = tuple(by_round.get(r, {}).get("n_countries") for r in rounds)
        series.append(Series(str(name), values, counts))
    if title is None:
        title = (
            str(PILLAR_TRENDS)
            if area == "pillar"
            else (_("Implementation of area %(area)s across rounds") % {"area": area})
        )
    return LineChart(
        title=title,
        description=describe_trends(title, rounds, series),
        rounds=rounds,
        series=tuple(series),
        round_title=_("Round"),
        value_title=_("Implementation"),
        count_title=_("Countries") if any(s.counts for s in series) else "",
    )


def world_map(
    iso3_values: Mapping[str, float | None],
    *,
    names: Mapping[str, str] | None = None,
    title: str | None = None,
) -> ChoroplethMap:
    """Countries coloured by their value (ISO3 → 0..100); `names` (ISO3 → name) label the
    hover text and the table, which lists countries by name."""
    names = {iso3.upper(): name for iso3, name in (names or {}).items()}
    entries = []
    for iso3, value in iso3_values.items():
        code = iso3.upper()
        entries.append((str(names.get(code, code)), code, percentage(value)))
    entries.sort(key=lambda entry: entry[0].casefold())
    title = title or _("Pillar implementation by country")
    return ChoroplethMap(
        title=title,
        description=describe_extremes(title, [(name, value) for name, _iso3, value in entries]),
        iso3=[iso3 for _name, iso3, _value in entries],
        names=[name for name, _iso3, _value in entries],
        values=[value for _name, _iso3, value in entries],
        location_title=_("Country"),
        value_title=_("Implementation"),
    )
