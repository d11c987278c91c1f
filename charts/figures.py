"""Chart specs as plotly.js figure dicts: `to_plotly(spec) -> {"data", "layout", "config"}`.

The dict is JSON-serialisable and drawn by `static/js/charts.js`, which adds the settings
that depend on the page (locale, topojson URL). Every axis of a percentage runs 0..100
with a "%" suffix; hover texts and bar labels are formatted here (rounded like the tables)
so that the browser shows exactly the numbers of the data table beneath the chart. Labels
reach plotly's pseudo-HTML text renderer, so `<`, `>` and `&` are escaped as entities.
"""

from __future__ import annotations

from functools import singledispatch

from django.utils.text import slugify
from django.utils.translation import gettext as _

from charts.specs import (
    COLOURSCALE,
    FONT_FAMILY,
    FONT_SIZE,
    GRID_COLOUR,
    MUTED_COLOUR,
    PALETTE,
    TEXT_COLOUR,
    BarChart,
    Chart,
    ChoroplethMap,
    Heatmap,
    LineChart,
    RadarChart,
    Series,
    format_count,
    format_percent,
    series_colour,
)

MARKERS = ("circle", "square", "diamond", "triangle-up", "x", "star", "cross", "pentagon")
LAND_COLOUR = "#e9ecef"
WHITE = "#ffffff"
CARTESIAN_TRACES = {"bar", "scatter", "heatmap"}
MAX_LABELLED_COLUMNS = 16
# Ticks every 25% (the steps of the default scale); tickvals would drop the "%" suffix.
_PERCENT_TICKS = {"tickmode": "linear", "tick0": 0, "dtick": 25, "ticksuffix": "%"}
REMOVED_BUTTONS = [
    "zoom2d",
    "pan2d",
    "select2d",
    "lasso2d",
    "zoomIn2d",
    "zoomOut2d",
    "autoScale2d",
    "resetScale2d",
    "hoverClosestCartesian",
    "hoverCompareCartesian",
]


def to_plotly(spec: Chart) -> dict:
    """The figure for plotly.js: {"data": [...], "layout": {...}, "config": {...}}."""
    data, layout = _figure(spec)
    base = _base_layout()
    if any(trace["type"] in CARTESIAN_TRACES for trace in data):
        base["plot_bgcolor"] = WHITE  # only x/y charts have a plot area (plotly.js validates)
    return {"data": data, "layout": {**base, **layout}, "config": _config(spec)}


def plotly_text(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _config(spec: Chart) -> dict:
    return {
        "displaylogo": False,
        "responsive": True,
        "showTips": False,
        "modeBarButtonsToRemove": REMOVED_BUTTONS,
        "toImageButtonOptions": {"filename": slugify(spec.title) or "chart"},
    }


def _base_layout() -> dict:
    return {
        "font": {"family": FONT_FAMILY, "size": FONT_SIZE, "color": TEXT_COLOUR},
        "paper_bgcolor": WHITE,
        "colorway": list(PALETTE),
        "hoverlabel": {"font": {"family": FONT_FAMILY}},
        "margin": {"l": 8, "r": 24, "t": 16, "b": 8, "pad": 4},
        "showlegend": False,
    }


def _legend_layout(series: tuple[Series, ...]) -> dict:
    if len(series) < 2:
        return {}
    return {
        "showlegend": True,
        "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": 1.02, "yanchor": "bottom"},
        "margin": {"l": 8, "r": 24, "t": 48, "b": 8, "pad": 4},
    }


def _value_axis(title: str) -> dict:
    return {
        "title": {"text": plotly_text(title)},
        "range": [0, 100],
        **_PERCENT_TICKS,
        "gridcolor": GRID_COLOUR,
        "zeroline": False,
        "fixedrange": True,
        "automargin": True,
    }


def _category_axis(title: str, **extra) -> dict:
    return {
        "type": "category",
        "title": {"text": plotly_text(title)},
        "fixedrange": True,
        "automargin": True,
        **extra,
    }


def _colourbar(title: str) -> dict:
    return {
        "title": {"text": plotly_text(title), "side": "right"},
        **_PERCENT_TICKS,
        "thickness": 12,
        "outlinewidth": 0,
    }


def _hover(series: Series, index: int, label: str, count_title: str) -> str:
    lines = [f"<b>{plotly_text(series.name)}</b>"] if series.name else []
    lines.append(f"{plotly_text(label)}: {format_percent(series.values[index])}")
    if series.counts:
        lines.append(f"{plotly_text(count_title or 'n')}: {format_count(series.counts[index])}")
    return "<br>".join(lines)


def _bar_text(series: Series, index: int, grouped: bool) -> str:
    count = series.counts[index] if series.counts else None
    if count is None:
        return format_percent(series.values[index])
    n = _("n=%(count)s") % {"count": count}
    return n if grouped else f"{format_percent(series.values[index])} ({n})"


def _rgba(colour: str, alpha: float) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


@singledispatch
def _figure(spec: Chart) -> tuple[list[dict], dict]:
    raise TypeError(f"No plotly figure for {type(spec).__name__}.")


@_figure.register
def _bar_figure(spec: BarChart) -> tuple[list[dict], dict]:
    grouped = len(spec.series) > 1
    labels = [plotly_text(label) for label in spec.labels]
    data = []
    for i, series in enumerate(spec.series):
        values = list(series.values)
        trace = {
            "type": "bar",
            "name": plotly_text(series.name),
            "marker": {"color": series_colour(i)},
            "text": [_bar_text(series, j, grouped) for j in range(len(values))],
            "textposition": "outside",
            "textangle": 0,
            "cliponaxis": False,
            "hovertext": [
                _hover(series, j, label, spec.count_title)
                for j, label in enumerate(spec.full_labels)
            ],
            "hovertemplate": "%{hovertext}<extra></extra>",
        }
        if spec.horizontal:
            trace.update(orientation="h", x=values, y=labels)
        else:
            trace.update(x=labels, y=values)
        data.append(trace)
    value_axis = _value_axis(spec.value_title)
    if spec.horizontal:
        bar_rows = len(spec.labels) * (len(spec.series) * 20 + 12)
        axes = {
            "xaxis": value_axis,
            "yaxis": _category_axis(spec.label_title, autorange="reversed"),
            "height": max(200, 90 + bar_rows + (40 if grouped else 0)),
        }
    else:
        axes = {"xaxis": _category_axis(spec.label_title), "yaxis": value_axis, "height": 380}
    layout = {"barmode": "group", "bargap": 0.25, "bargroupgap": 0.05, **axes}
    layout.update(_legend_layout(spec.series))
    layout["margin"] = {**layout.get("margin", _base_layout()["margin"]), "r": 72}
    return data, layout


@_figure.register
def _radar_figure(spec: RadarChart) -> tuple[list[dict], dict]:
    # The first point is repeated so that the outline closes.
    theta = [plotly_text(label) for label in spec.labels]
    data = []
    for i, series in enumerate(spec.series):
        colour = series_colour(i)
        hover = [_hover(series, j, label, "") for j, label in enumerate(spec.full_labels)]
        data.append(
            {
                "type": "scatterpolar",
                "name": plotly_text(series.name),
                "r": [*series.values, series.values[0]] if series.values else [],
                "theta": [*theta, theta[0]] if theta else [],
                "mode": "lines+markers",
                "fill": "toself",
                "fillcolor": _rgba(colour, 0.15),
                "line": {"color": colour, "width": 2},
                "marker": {"color": colour, "size": 7, "symbol": MARKERS[i % len(MARKERS)]},
                "hovertext": [*hover, hover[0]] if hover else [],
                "hovertemplate": "%{hovertext}<extra></extra>",
            }
        )
    layout = {
        "height": 420,
        "polar": {
            "bgcolor": "#ffffff",
            "gridshape": "linear",
            "radialaxis": {
                "range": [0, 100],
                **_PERCENT_TICKS,
                # The tick labels sit halfway between the first two areas' spokes, off the
                # data (the SVG does the same: charts/svg.py).
                "angle": 90 - 180 / max(len(spec.labels), 1),
                "tickangle": 90 - 180 / max(len(spec.labels), 1),
                "gridcolor": GRID_COLOUR,
                "linecolor": GRID_COLOUR,
                "tickfont": {"color": MUTED_COLOUR, "size": 11},
            },
            "angularaxis": {
                "type": "category",
                "direction": "clockwise",
                "rotation": 90,
                "gridcolor": GRID_COLOUR,
                "linecolor": GRID_COLOUR,
            },
        },
        "margin": {"l": 48, "r": 48, "t": 56, "b": 32, "pad": 4},
    }
    if len(spec.series) > 1:
        layout.update(showlegend=True, legend=_legend_layout(spec.series)["legend"])
        layout["legend"]["y"] = 1.12
    return data, layout


@_figure.register
def _heatmap_figure(spec: Heatmap) -> tuple[list[dict], dict]:
    rows = [plotly_text(row) for row in spec.rows]
    hover = [
        [
            f"<b>{row}</b><br>{plotly_text(column)}: {format_percent(value)}"
            for column, value in zip(spec.full_columns, values, strict=True)
        ]
        for row, values in zip(rows, spec.values, strict=True)
    ]
    trace = {
        "type": "heatmap",
        "z": [list(values) for values in spec.values],
        "x": [plotly_text(column) for column in spec.columns],
        "y": rows,
        "zmin": 0,
        "zmax": 100,
        "colorscale": [list(stop) for stop in COLOURSCALE],
        "xgap": 2,
        "ygap": 2,
        "hoverongaps": False,
        "text": [
            [format_percent(v) if v is not None else "" for v in values] for values in spec.values
        ],
        # Values printed in the cells while they fit; wider matrices rely on hover and table.
        "texttemplate": "%{text}" if len(spec.columns) <= MAX_LABELLED_COLUMNS else "",
        "textfont": {"size": 11},
        "hovertext": hover,
        "hovertemplate": "%{hovertext}<extra></extra>",
        "colorbar": _colourbar(spec.value_title),
    }
    layout = {
        "height": max(220, 120 + 28 * len(spec.rows)),
        "xaxis": _category_axis(spec.column_title, side="top", tickangle=-45),
        "yaxis": _category_axis(spec.row_title, autorange="reversed"),
    }
    return [trace], layout


@_figure.register
def _line_figure(spec: LineChart) -> tuple[list[dict], dict]:
    data = []
    for i, series in enumerate(spec.series):
        colour = series_colour(i)
        data.append(
            {
                "type": "scatter",
                "name": plotly_text(series.name),
                "x": list(spec.rounds),
                "y": list(series.values),
                "mode": "lines+markers",
                "connectgaps": False,
                "line": {"color": colour, "width": 2.5},
                "marker": {"color": colour, "size": 8, "symbol": MARKERS[i % len(MARKERS)]},
                "hovertext": [
                    _hover(series, j, label, spec.count_title)
                    for j, label in enumerate(spec.rounds)
                ],
                "hovertemplate": "%{hovertext}<extra></extra>",
            }
        )
    layout = {
        "height": 380,
        "xaxis": _category_axis(spec.round_title),
        "yaxis": _value_axis(spec.value_title),
        **_legend_layout(spec.series),
    }
    return data, layout


@_figure.register
def _map_figure(spec: ChoroplethMap) -> tuple[list[dict], dict]:
    # Countries without a value are left out: they keep the land colour, and the table
    # beneath lists them with "—".
    known = [
        (iso3, name, value)
        for iso3, name, value in zip(spec.iso3, spec.names, spec.values, strict=True)
        if value is not None
    ]
    trace = {
        "type": "choropleth",
        "locationmode": "ISO-3",
        "locations": [iso3 for iso3, _name, _value in known],
        "z": [value for _iso3, _name, value in known],
        "zmin": 0,
        "zmax": 100,
        "colorscale": [list(stop) for stop in COLOURSCALE],
        "marker": {"line": {"color": "#ffffff", "width": 0.5}},
        "hovertext": [
            f"{plotly_text(name)}: {format_percent(value)}" for _iso3, name, value in known
        ],
        "hovertemplate": "%{hovertext}<extra></extra>",
        "colorbar": _colourbar(spec.value_title),
    }
    layout = {
        "height": 400,
        "margin": {"l": 0, "r": 0, "t": 8, "b": 0, "pad": 0},
        "geo": {
            "scope": "world",
            "resolution": 110,
            "projection": {"type": "natural earth"},
            "showframe": False,
            "showcoastlines": False,
            "showland": True,
            "landcolor": LAND_COLOUR,
            "showcountries": True,
            "countrycolor": "#ffffff",
            "showocean": False,
            "showlakes": False,
            "lataxis": {"range": [-58, 85]},
            "bgcolor": "#ffffff",
        },
    }
    return [trace], layout
