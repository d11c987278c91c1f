"""The plan's timeline (a Gantt chart): a plotly figure dict built from plain rows.

Pure functions, no ORM, no request. Each scheduled action is a horizontal bar from the first
day of its start semester for its duration in months, on a date axis ticked by semester
("2027-1", "2027-2"); actions are numbered and coloured by problem (one legend entry per
problem) in the plan's order, dropped actions are faded. The data table beneath the chart
lists every action, scheduled or not. `timeline_chart(chart_id, timeline)` returns the context
of the shared include `templates/charts/chart.html`, drawn by `static/js/charts.js`.

Strings are translated when the timeline is built: build it with the reader's language active.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from charts.figures import plotly_text
from charts.specs import (
    FONT_FAMILY,
    FONT_SIZE,
    GRID_COLOUR,
    MUTED_COLOUR,
    PALETTE,
    TEXT_COLOUR,
)
from charts.svg import canvas as svg_canvas
from charts.svg import fit, text_width

from .semesters import add_months, semester_start

DAY_MS = 86_400_000
LABEL_LENGTH = 48
DROPPED = "dropped"
BAD_CHART_ID = "{chart_id!r} is not a valid HTML id (letters, digits, - and _)."


@dataclass(frozen=True)
class TimelineRow:
    """One action as the timeline needs it, in the plan's order."""

    problem: str
    action: str
    start_semester: str
    duration_months: int | None
    status: str
    status_label: str
    responsible: str = ""

    @property
    def is_scheduled(self) -> bool:
        return bool(self.start_semester and self.duration_months)

    @property
    def start(self) -> date:
        return semester_start(self.start_semester)

    @property
    def end(self) -> date:
        """The day after its last month: where the bar ends."""
        return add_months(self.start, self.duration_months)


@dataclass(frozen=True)
class Timeline:
    title: str
    description: str
    figure: dict
    headers: list[str]
    rows: list[list[str]]
    scheduled: int


def numbered(rows: Sequence[TimelineRow]) -> list[tuple[str, int, TimelineRow]]:
    """(number "2.1", problem index from 0, row): problems and actions in the plan's order."""
    problems: dict[str, int] = {}
    counts: dict[str, int] = {}
    result = []
    for row in rows:
        problems.setdefault(row.problem, len(problems))
        counts[row.problem] = counts.get(row.problem, 0) + 1
        result.append((f"{problems[row.problem] + 1}.{counts[row.problem]}",
                       problems[row.problem], row))  # fmt: skip
    return result


def short(text: str, length: int = LABEL_LENGTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def semester_of(day: date) -> str:
    return f"{day.year}-{1 if day.month <= 6 else 2}"


def timeline(rows: Sequence[TimelineRow], *, title: str) -> Timeline:
    items = numbered(rows)
    scheduled = [item for item in items if item[2].is_scheduled]
    return Timeline(
        title=title,
        description=_describe(title, [row for _n, _p, row in scheduled]),
        figure=timeline_figure(scheduled),
        headers=[
            _("No."),
            _("Problem or practice"),
            _("Action"),
            pgettext("timeline column", "Start"),
            _("End"),
            _("Duration (months)"),
            _("Status"),
            _("Responsible"),
        ],  # fmt: skip
        rows=[_table_row(number, row) for number, _p, row in items],
        scheduled=len(scheduled),
    )


def _table_row(number: str, row: TimelineRow) -> list[str]:
    end = semester_of(add_months(row.end, -1)) if row.is_scheduled else ""
    return [number, row.problem, row.action, row.start_semester or "—", end or "—",
            str(row.duration_months or "—"), row.status_label, row.responsible or "—"]  # fmt: skip


def _describe(title: str, rows: list[TimelineRow]) -> str:
    if not rows:
        return _("%(title)s: no action is scheduled yet.") % {"title": title}
    first = min(row.start for row in rows)
    last = max(add_months(row.end, -1) for row in rows)
    return ngettext(
        "%(title)s: %(count)d action scheduled from %(start)s to %(end)s.",
        "%(title)s: %(count)d actions scheduled from %(start)s to %(end)s.",
        len(rows),
    ) % {"title": title, "count": len(rows), "start": semester_of(first),
         "end": semester_of(last)}  # fmt: skip


def timeline_figure(items: Sequence[tuple[str, int, TimelineRow]]) -> dict:
    """{"data", "layout", "config"}: one bar trace per problem, one bar per action."""
    traces: dict[int, dict] = {}
    labels = []
    for number, problem_index, row in items:
        label = plotly_text(f"{number} {short(row.action)}")
        labels.append(label)
        trace = traces.setdefault(problem_index, _trace(problem_index, row.problem))
        trace["y"].append(label)
        trace["base"].append(row.start.isoformat())
        trace["x"].append((row.end - row.start).days * DAY_MS)
        trace["marker"]["opacity"].append(0.35 if row.status == DROPPED else 1)
        trace["hovertext"].append(_hover(number, row))
    layout = {
        "font": {"family": FONT_FAMILY, "size": FONT_SIZE, "color": TEXT_COLOUR},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "barmode": "overlay",
        "bargap": 0.3,
        "height": max(220, 110 + 30 * len(labels)),
        "margin": {"l": 8, "r": 24, "t": 16, "b": 8, "pad": 4},
        "xaxis": {"type": "date", "gridcolor": GRID_COLOUR, "automargin": True,
                  "fixedrange": True, **_semester_ticks([row for _n, _p, row in items])},
        "yaxis": {"type": "category", "categoryorder": "array", "categoryarray": labels,
                  "autorange": "reversed", "automargin": True, "fixedrange": True},
        "showlegend": True,
        "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": -0.08,
                   "yanchor": "top", "traceorder": "normal"},
        "hoverlabel": {"font": {"family": FONT_FAMILY}},
    }  # fmt: skip
    config = {"displaylogo": False, "responsive": True, "showTips": False,
              "toImageButtonOptions": {"filename": "timeline"}}  # fmt: skip
    return {"data": list(traces.values()), "layout": layout, "config": config}


def _trace(index: int, problem: str) -> dict:
    return {
        "type": "bar",
        "orientation": "h",
        "name": plotly_text(short(problem, 60)),
        "x": [],
        "y": [],
        "base": [],
        "marker": {"color": PALETTE[index % len(PALETTE)], "opacity": []},
        "hovertext": [],
        "hovertemplate": "%{hovertext}<extra></extra>",
    }


def _hover(number: str, row: TimelineRow) -> str:
    end = semester_of(add_months(row.end, -1))
    lines = [
        f"<b>{plotly_text(number)} {plotly_text(short(row.action, 80))}</b>",
        plotly_text(short(row.problem, 80)),
        plotly_text(_("%(start)s to %(end)s (%(months)s months)") % {
            "start": row.start_semester, "end": end, "months": row.duration_months}),
        plotly_text(_("Status: %(status)s") % {"status": row.status_label}),
    ]  # fmt: skip
    if row.responsible:
        lines.append(plotly_text(_("Responsible: %(who)s") % {"who": short(row.responsible, 80)}))
    return "<br>".join(lines)


def _semester_ticks(rows: list[TimelineRow]) -> dict:
    """A tick at the start of each semester the plan spans, labelled "2027-1"."""
    if not rows:
        return {}
    day, last = min(row.start for row in rows), max(row.end for row in rows)
    values, texts = [], []
    while day <= last:
        values.append(day.isoformat())
        texts.append(semester_of(day))
        day = add_months(day, 6)
    return {"tickmode": "array", "tickvals": values, "ticktext": texts,
            "range": [values[0], last.isoformat()]}  # fmt: skip


def timeline_chart(chart_id: str, timeline: Timeline) -> dict:
    """The context of `templates/charts/chart.html` (as reports.charts.chart_context
    makes for its own charts): the figure, its title and description, the data table."""
    if not re.fullmatch(r"[A-Za-z][\w-]*", chart_id):
        raise ValueError(BAD_CHART_ID.format(chart_id=chart_id))
    return {
        "id": chart_id,
        "figure_id": f"{chart_id}-figure",
        "spec": timeline,
        "figure": timeline.figure,
        "table": {"headers": timeline.headers, "rows": timeline.rows},
        "is_map": False,
    }


def timeline_svg(rows: Sequence[TimelineRow], *, title: str, svg_id: str = "plan-timeline") -> str:
    """The same timeline as vector SVG, for the PDF: the same numbers, order, colours (one
    per problem) and semester ticks as the web's figure, each action named beside its bar,
    the problems named in a legend beneath. "" when no action is scheduled."""
    items = [item for item in numbered(rows) if item[2].is_scheduled]
    if not items:
        return ""
    drawing = svg_canvas(svg_id)
    label_width, row_height, top = 250.0, 20.0, 28.0
    x0, x1 = label_width + 12, drawing.width - 12
    first = min(row.start for _n, _p, row in items)
    last = max(row.end for _n, _p, row in items)
    span = max((last - first).days, 1)

    def x_of(day: date) -> float:
        return x0 + (day - first).days / span * (x1 - x0)

    bottom = top + row_height * len(items)
    day = first
    while day <= last:
        drawing.line(x_of(day), top - 6, x_of(day), bottom, GRID_COLOUR)
        label = semester_of(day)
        if x_of(day) + 3 + text_width(label, 10) <= drawing.width:  # never cut at the edge
            drawing.text(x_of(day) + 3, top - 14, label, size=10, fill=MUTED_COLOUR)
        day = add_months(day, 6)
    for index, (number, problem, row) in enumerate(items):
        y = top + index * row_height
        drawing.text(8, y + row_height / 2, fit(f"{number} {row.action}", label_width, 10), size=10)
        drawing.add(
            "rect", x=f"{x_of(row.start):.1f}", y=f"{y + 4:.1f}",
            width=f"{max(x_of(row.end) - x_of(row.start), 2):.1f}", height=f"{row_height - 8:.1f}",
            fill=PALETTE[problem % len(PALETTE)],
            fill_opacity="0.35" if row.status == DROPPED else None,
        )  # fmt: skip
    y = bottom + 16
    problems = {problem: row.problem for _n, problem, row in items}
    for problem, text in problems.items():
        drawing.add("rect", x="8", y=f"{y - 5:.1f}", width="10", height="10",
                    fill=PALETTE[problem % len(PALETTE)])  # fmt: skip
        drawing.text(24, y, fit(f"{problem + 1}. {text}", drawing.width - 40, 10), size=10)
        y += 16
    drawing.height = y
    description = _describe(title, [row for _n, _p, row in items])
    return drawing.render(title, description)
