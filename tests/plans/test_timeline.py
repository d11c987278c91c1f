"""The timeline's figure and table, and semesters: pure functions, no database."""

from datetime import date

import pytest

from plans.semesters import add_months, is_semester, month_starts, semester_start
from plans.timeline import DAY_MS, TimelineRow, timeline, timeline_chart, timeline_svg


def row(problem="Weak cooperatives", action="Diagnose", start="2027-1", months=6,
        status="planned", responsible="MMG, COOK"):  # fmt: skip
    return TimelineRow(problem, action, start, months, status, status.title(), responsible)


@pytest.mark.parametrize(
    "text,valid", [("2027-1", True), ("2027-2", True), ("2027-3", False), ("27-1", False),
                   ("2027", False), ("2027-1 ", False), ("", False)],
)  # fmt: skip
def test_a_semester_is_a_year_a_dash_and_1_or_2(text, valid):
    assert is_semester(text) is valid


def test_semesters_start_in_january_and_july():
    assert semester_start("2027-1") == date(2027, 1, 1)
    assert semester_start("2027-2") == date(2027, 7, 1)
    with pytest.raises(ValueError):
        semester_start("2027-3")


def test_months_run_across_the_year_end():
    assert add_months(date(2027, 11, 1), 3) == date(2028, 2, 1)
    assert month_starts("2027-2", 8)[-1] == date(2028, 2, 1)


def test_each_scheduled_action_is_a_bar_from_its_semester_for_its_duration():
    figure = timeline([row(start="2027-2", months=12)], title="Plan").figure
    bar = figure["data"][0]
    assert bar["type"] == "bar" and bar["orientation"] == "h"
    assert bar["base"] == ["2027-07-01"]
    assert bar["x"] == [(date(2028, 7, 1) - date(2027, 7, 1)).days * DAY_MS]
    assert figure["layout"]["xaxis"]["type"] == "date"


def test_actions_are_grouped_by_problem_one_trace_each_and_numbered_in_the_plan_order():
    rows = [row(action="Diagnose"), row(problem="Mercury", action="Pilot"),
            row(action="Train", start="2027-2")]  # fmt: skip
    figure = timeline(rows, title="Plan").figure
    assert [trace["name"] for trace in figure["data"]] == ["Weak cooperatives", "Mercury"]
    assert figure["data"][0]["y"] == ["1.1 Diagnose", "1.2 Train"]
    assert figure["data"][1]["y"] == ["2.1 Pilot"]
    assert figure["layout"]["yaxis"]["categoryarray"] == ["1.1 Diagnose", "2.1 Pilot", "1.2 Train"]
    assert figure["data"][0]["marker"]["color"] != figure["data"][1]["marker"]["color"]


def test_unscheduled_actions_are_in_the_table_but_not_drawn():
    built = timeline([row(), row(action="Someday", start="", months=None)], title="Plan")
    assert built.scheduled == 1
    assert [r[2] for r in built.rows] == ["Diagnose", "Someday"]
    assert built.rows[1][3:6] == ["—", "—", "—"]
    assert sum(len(trace["y"]) for trace in built.figure["data"]) == 1


def test_the_table_gives_the_last_semester_of_each_action():
    built = timeline([row(start="2027-1", months=6), row(start="2027-2", months=7)], title="P")
    assert [r[3:5] for r in built.rows] == [["2027-1", "2027-1"], ["2027-2", "2028-1"]]


def test_dropped_actions_are_faded():
    figure = timeline([row(), row(status="dropped")], title="Plan").figure
    assert figure["data"][0]["marker"]["opacity"] == [1, 0.35]


def test_the_axis_is_ticked_by_semester():
    figure = timeline([row(start="2027-1", months=18)], title="Plan").figure
    axis = figure["layout"]["xaxis"]
    assert axis["ticktext"] == ["2027-1", "2027-2", "2028-1", "2028-2"]
    assert axis["tickvals"][0] == "2027-01-01"


def test_labels_are_escaped_for_plotly_and_shortened():
    figure = timeline([row(action="Use <b>" + "x" * 80)], title="Plan").figure
    label = figure["data"][0]["y"][0]
    assert label.startswith("1.1 Use &lt;b&gt;") and label.endswith("…")


def test_the_description_says_how_many_actions_and_when():
    assert timeline([row(), row(start="2029-2")], title="Plan").description == (
        "Plan: 2 actions scheduled from 2027-1 to 2029-2."
    )
    assert "no action is scheduled" in timeline([], title="Plan").description


def test_the_chart_context_matches_the_shared_chart_include():
    built = timeline([row()], title="Plan")
    chart = timeline_chart("plan-timeline", built)
    assert chart["figure_id"] == "plan-timeline-figure"
    assert chart["spec"].title == "Plan" and chart["table"]["rows"] == built.rows
    with pytest.raises(ValueError):
        timeline_chart("1 bad id", built)


def test_the_reports_timeline_is_vector_svg_with_the_webs_numbers_and_colours():
    rows = [row(action="Diagnose"), row(problem="Mercury", action="Pilot"),
            row(action="Train", start="2027-2"), row(action="Someday", start="", months=None)]  # fmt: skip
    figure = timeline(rows, title="Plan").figure
    svg = timeline_svg(rows, title="Plan")
    assert svg.startswith("<svg") and "<image" not in svg
    for label in ["1.1 Diagnose", "2.1 Pilot", "1.2 Train"]:
        assert f">{label}</text>" in svg
    assert "Someday" not in svg
    assert svg.index("1.1 Diagnose") < svg.index("2.1 Pilot") < svg.index("1.2 Train")
    for trace in figure["data"]:
        assert f'fill="{trace["marker"]["color"]}"' in svg
    assert ">2027-1</text>" in svg and ">2027-2</text>" in svg


def test_a_plan_with_nothing_scheduled_has_no_svg_timeline():
    assert timeline_svg([row(start="", months=None)], title="Plan") == ""
