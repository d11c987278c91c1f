"""Chart specs, their plotly figures, data tables and SVG: pure functions, no database."""

import json
import math
import re
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from defusedxml import ElementTree
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import ManifestStaticFilesStorage
from django.template.loader import render_to_string
from django.templatetags.static import static

from charts import builders, figures, specs
from charts.figures import LAND_COLOUR
from charts.geo import country_rings, equal_earth
from charts.specs import OUT_OF_RANGE, displayed_change, scale_colour, text_colour_on
from charts.svg import to_svg
from tests.charts.examples import (
    AREAS,
    every_spec,
    group_areas_frame,
    matrix_frame,
    trends_frame,
)

SVG = "{http://www.w3.org/2000/svg}"

# -- values ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (23.4, "23%"),
        (62.5, "63%"),  # half up, like Django's floatformat (not banker's rounding)
        (22.5, "23%"),
        (0, "0%"),
        (100, "100%"),
        (Decimal("12.5"), "13%"),
        (None, "—"),
    ],
)
def test_it_formats_percentages_rounded_half_up(value, expected):
    assert specs.format_percent(specs.percentage(value)) == expected


@pytest.mark.parametrize("value", [None, float("nan"), np.nan, pd.NA])
def test_no_data_of_every_kind_becomes_none_and_never_zero(value):
    assert specs.percentage(value) is None


@pytest.mark.parametrize("value", [-0.1, 100.5])
def test_it_refuses_values_outside_0_to_100(value):
    with pytest.raises(ValueError, match=OUT_OF_RANGE.format(value=value).split(" is")[0]):
        specs.Series("x", (value,))


def test_a_series_holds_plain_python_numbers():
    series = specs.Series("x", [np.float64(12.5), np.nan], [np.int64(3), None])
    assert series.values == (12.5, None)
    assert series.counts == (3, None)
    assert type(series.counts[0]) is int


def test_a_series_must_match_its_labels():
    with pytest.raises(ValueError):
        builders.area_bars(AREAS, [1, 2])
    with pytest.raises(ValueError):
        specs.Series("x", (1, 2), (3,))


def test_scale_colour_runs_from_the_first_to_the_last_stop():
    assert scale_colour(0) == specs.COLOURSCALE[0][1]
    assert scale_colour(100) == specs.COLOURSCALE[-1][1] == specs.BRAND
    assert scale_colour(50) == specs.COLOURSCALE[2][1]
    assert text_colour_on(specs.BRAND) == "#ffffff"
    assert text_colour_on(specs.COLOURSCALE[0][1]) != "#ffffff"


# -- plotly figures -------------------------------------------------------------------


@pytest.mark.parametrize("name", list(every_spec()))
def test_every_figure_is_strict_json(name):
    """plotly.js itself validates every figure: tests/browser/test_charts.py."""
    figure = figures.to_plotly(every_spec()[name])
    json.dumps(figure, allow_nan=False)
    assert figure["config"]["displaylogo"] is False
    assert figure["config"]["responsive"] is True
    assert figure["layout"]["font"]["family"] == specs.FONT_FAMILY


def test_area_bars_are_vertical_with_a_percent_axis_and_gaps_for_no_data():
    figure = figures.to_plotly(every_spec()["area"])
    (trace,) = figure["data"]
    assert trace["type"] == "bar"
    assert trace["x"] == AREAS
    assert trace["y"] == [23.4, 62.5, None]
    assert trace["text"] == ["23%", "63%", "—"]
    assert trace["marker"]["color"] == specs.BRAND
    assert "Legal framework: 23%" in trace["hovertext"][0]
    axis = figure["layout"]["yaxis"]
    assert axis["range"] == [0, 100]
    assert axis["ticksuffix"] == "%"


def test_area_bars_with_a_comparison_draw_two_coloured_series_with_a_legend():
    figure = figures.to_plotly(every_spec()["area_vs_region"])
    assert [trace["name"] for trace in figure["data"]] == ["Senegal", "Africa"]
    assert [trace["marker"]["color"] for trace in figure["data"]] == list(specs.PALETTE[:2])
    assert figure["data"][1]["y"] == [30, None, 20]
    assert figure["layout"]["showlegend"] is True
    assert figure["layout"]["barmode"] == "group"


def test_recommendation_bars_are_horizontal_first_on_top():
    figure = figures.to_plotly(every_spec()["recommendation"])
    (trace,) = figure["data"]
    assert trace["orientation"] == "h"
    assert trace["y"] == ["6.1.1", "6.1.2"]
    assert trace["x"] == [10, None]
    assert figure["layout"]["yaxis"]["autorange"] == "reversed"
    assert figure["layout"]["xaxis"]["range"] == [0, 100]


def test_radar_closes_each_outline_on_a_category_axis():
    figure = figures.to_plotly(every_spec()["radar"])
    country, region = figure["data"]
    assert country["type"] == "scatterpolar"
    assert country["r"] == [45, 62.5, 30, 45]
    assert country["theta"] == [*AREAS, "6.1"]
    assert region["r"] == [29, 35, None, 29]
    polar = figure["layout"]["polar"]
    assert polar["radialaxis"]["range"] == [0, 100]
    assert polar["angularaxis"]["type"] == "category"


def test_radar_without_a_regional_average_has_only_the_country():
    spec = builders.radar(AREAS, [45, 62.5, 30], None, ("Senegal", "Africa"))
    assert [trace["name"] for trace in figures.to_plotly(spec)["data"]] == ["Senegal"]
    assert specs.table(spec)[0] == ["Area", "Senegal"]


def test_group_area_bars_show_the_latest_round_with_n_behind_each_bar():
    spec = every_spec()["groups"]
    assert spec.labels == ("6.1", "6.2", "6.3", "Pillar")
    assert spec.full_labels == ("Legal framework", "Support", "Environment", "Pillar")
    lac, africa, asia = figures.to_plotly(spec)["data"]
    assert lac["y"] == [28.0, 33.0, 38.0, 23.0]  # 2024, the pillar last
    assert lac["text"] == ["n=7"] * 4
    assert "Countries: 7" in lac["hovertext"][0]
    assert asia["y"] == [None] * 4  # suppressed: no bar, never 0
    assert africa["name"] == "Africa"


def test_group_area_bars_draw_the_round_asked_for():
    spec = builders.group_area_bars(group_areas_frame(), round="2022")
    assert spec.series[0].values == (23.0, 28.0, 33.0, 18.0)


def test_group_area_bars_name_missing_columns():
    with pytest.raises(ValueError, match="n_countries"):
        builders.group_area_bars(group_areas_frame().drop(columns="n_countries"))


def test_heatmap_leaves_no_data_blank_over_a_fixed_0_to_100_scale():
    figure = figures.to_plotly(every_spec()["heatmap"])
    (trace,) = figure["data"]
    assert trace["type"] == "heatmap"
    assert trace["z"] == [[75.0, None, 62.5], [0.0, 100.0, 25.0]]
    assert trace["text"][0] == ["75%", "", "63%"]
    assert (trace["zmin"], trace["zmax"]) == (0, 100)
    assert trace["hoverongaps"] is False
    assert trace["y"] == ["Senegal", "Côte d'Ivoire &amp; &lt;Co&gt;"]
    assert "6.1.1 Laws: 75%" in trace["hovertext"][0][0]
    assert figure["layout"]["yaxis"]["autorange"] == "reversed"


def test_trend_lines_take_the_wide_trends_frame_in_round_order():
    spec = every_spec()["trend"]
    assert spec.rounds == ("2022", "2024", "2026")
    lac, africa = figures.to_plotly(spec)["data"]
    assert lac["type"] == "scatter"
    assert lac["x"] == ["2022", "2024", "2026"]
    assert lac["y"] == [18.0, 21.0, 23.0]
    assert africa["y"] == [25.0, None, None]
    assert africa["connectgaps"] is False
    assert "Countries: 6" in lac["hovertext"][2]


def test_trend_lines_take_the_long_frame_and_an_area():
    frame = group_areas_frame()
    spec = builders.trend_lines(frame, area="6.1")
    assert spec.series[0].name == "LAC"
    assert spec.series[0].values == (23.0, 28.0)
    assert "6.1" in spec.title


def test_the_world_map_is_an_iso3_choropleth_without_countries_lacking_data():
    spec = every_spec()["map"]
    (trace,) = figures.to_plotly(spec)["data"]
    assert trace["type"] == "choropleth"
    assert trace["locationmode"] == "ISO-3"
    assert trace["locations"] == ["MNG", "SEN"]
    assert trace["z"] == [38.5, 31]
    assert (trace["zmin"], trace["zmax"]) == (0, 100)
    layout = figures.to_plotly(spec)["layout"]
    assert layout["geo"]["resolution"] == 110
    assert layout["geo"]["scope"] == "world"
    assert "mapbox" not in json.dumps(layout)


def test_labels_are_escaped_for_plotlys_text_renderer():
    spec = builders.area_bars(["<b>x</b> & y"], [10])
    (trace,) = figures.to_plotly(spec)["data"]
    assert trace["x"] == ["&lt;b&gt;x&lt;/b&gt; &amp; y"]
    assert "<b>x" not in trace["hovertext"][0]


# -- tables and descriptions ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "headers", "first_row"),
    [
        ("area", ["Area", "Implementation"], ["Legal framework", "23%"]),
        ("area_vs_region", ["Area", "Senegal", "Africa"], ["6.1", "40%", "30%"]),
        ("recommendation", ["Recommendation", "Senegal"], ["6.1.1", "10%"]),
        ("radar", ["Area", "Senegal", "Africa"], ["6.1", "45%", "29%"]),
        (
            "groups",
            ["Area", "LAC", "Countries (LAC)", "Africa", "Countries (Africa)", "Asia", "Countries (Asia)"],
            ["Legal framework", "28%", "7", "34%", "5", "—", "2"],
        ),
        ("heatmap", ["Country", "6.1.1", "6.1.2", "6.2.1"], ["Senegal", "75%", "—", "63%"]),
        ("trend", ["Round", "LAC", "Countries (LAC)", "Africa", "Countries (Africa)"], ["2022", "18%", "7", "25%", "5"]),
        ("map", ["Country", "Implementation"], ["Mongolia", "39%"]),
    ],
)  # fmt: skip
def test_each_chart_has_a_data_table_of_formatted_text(name, headers, first_row):
    spec = every_spec()[name]
    table_headers, rows = specs.table(spec)
    assert table_headers == headers
    assert rows[0] == first_row
    assert all(isinstance(cell, str) for row in rows for cell in row)


def test_the_map_table_lists_every_country_by_name_with_a_dash_for_no_data():
    assert specs.table(every_spec()["map"])[1] == [
        ["Mongolia", "39%"],
        ["Senegal", "31%"],
        ["Suriname", "—"],
    ]


def test_a_trend_row_without_a_value_shows_a_dash():
    rows = specs.table(every_spec()["trend"])[1]
    assert rows[1] == ["2024", "21%", "7", "—", "—"]


@pytest.mark.parametrize(
    ("name", "fragments"),
    [
        ("area", ["Implementation by area", "highest Support (63%)", "lowest Legal framework (23%)", "1 value without data"]),
        ("groups", ["highest Africa, Environment (44%)", "lowest LAC, Pillar (23%)", "4 values without"]),
        ("radar", ["6.1 Senegal 45%, Africa 29%", "6.3 Senegal 30%, Africa —"]),
        ("trend", ["LAC from 18% (2022) to 23% (2026)", "Africa 25% (2022)"]),
        ("map", ["highest Mongolia (39%)", "lowest Senegal (31%)"]),
    ],
)  # fmt: skip
def test_each_chart_is_described_in_one_sentence(name, fragments):
    description = every_spec()[name].description
    for fragment in fragments:
        assert fragment in description
    assert description.endswith(".")


def test_a_chart_without_data_says_so():
    assert (
        builders.area_bars(AREAS, [None, None, None]).description
        == "Implementation by area: no data."
    )


def test_builders_run_in_every_language():
    from django.utils import translation

    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for spec in every_spec().values():
                json.dumps(figures.to_plotly(spec))


# -- the template include -------------------------------------------------------------


def test_chart_context_holds_what_the_include_needs():
    context = builders.chart_context("area-chart", every_spec()["area"])
    assert context["figure_id"] == "area-chart-figure"
    assert context["table"]["headers"] == ["Area", "Implementation"]
    assert context["figure"]["data"][0]["type"] == "bar"
    assert context["is_map"] is False


@pytest.mark.parametrize("chart_id", ["", "1abc", "a b", 'a"><script>'])
def test_chart_context_refuses_ids_that_are_not_html_ids(chart_id):
    with pytest.raises(ValueError):
        builders.chart_context(chart_id, every_spec()["area"])


def test_the_include_renders_the_chart_its_figure_and_its_table():
    spec = every_spec()["heatmap"]
    html = render_to_string("charts/chart.html", {"chart": builders.chart_context("heat", spec)})
    assert 'class="chart" id="heat" data-figure="heat-figure"' in html
    assert 'role="group"' in html
    assert 'id="heat-figure" type="application/json"' in html
    assert "<caption>" in html
    assert "Côte d&#x27;Ivoire &amp; &lt;Co&gt;" in html  # escaped once in the table
    assert "<Co>" not in html
    assert "data-topojson-url" not in html
    figure_json = html.split('type="application/json">')[1].split("</script>")[0]
    assert json.loads(figure_json)["data"][0]["type"] == "heatmap"


def test_the_map_include_names_our_topojson_file_through_the_static_storage():
    """Through the storage, so that production serves it under its hashed name, cached for
    a year (ManifestStaticFilesStorage and WhiteNoise)."""
    html = render_to_string(
        "charts/chart.html", {"chart": builders.chart_context("map", every_spec()["map"])}
    )
    url = static("vendor/plotly/topojson/world_110m.json")
    assert f'data-topojson-url="{url}" data-topojson-name="world_110m"' in html


def test_the_map_file_gets_a_hashed_name_from_the_production_storage(tmp_path):
    storage = ManifestStaticFilesStorage(location=tmp_path)
    source = finders.find("vendor/plotly/topojson/world_110m.json")
    with open(source, "rb") as file:
        name = storage.save("vendor/plotly/topojson/world_110m.json", file)
    hashed = storage.hashed_name(name)
    assert re.fullmatch(r"vendor/plotly/topojson/world_110m\.[0-9a-f]{12}\.json", hashed)


def test_the_world_topojson_is_served_from_static_with_iso3_country_ids():
    path = finders.find("vendor/plotly/topojson/world_110m.json")
    assert path, "static/vendor/plotly/topojson/world_110m.json is missing"
    with open(path, encoding="utf-8") as file:
        topology = json.load(file)
    ids = {geometry.get("id") for geometry in topology["objects"]["countries"]["geometries"]}
    assert {"SEN", "ECU", "MNG", "KGZ", "JAM", "SUR"} <= ids


def test_the_chart_script_draws_from_json_script_without_the_network():
    path = finders.find("js/charts.js")
    with open(path, encoding="utf-8") as file:
        script = file.read()
    assert ".chart[data-figure]" in script
    assert "topojsonURL" in script
    assert "http" not in script.replace("htmx", "")


# -- SVG for PDFs ---------------------------------------------------------------------


SVG_CHARTS = ["area", "area_vs_region", "recommendation", "radar", "groups", "heatmap", "trend"]


@pytest.mark.parametrize("name", SVG_CHARTS)
def test_every_svg_is_well_formed_and_accessible(name):
    spec = every_spec()[name]
    root = ElementTree.fromstring(to_svg(spec, svg_id="c1"))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-title c1-desc"
    assert root.find(f"{SVG}title").text == spec.title
    assert root.find(f"{SVG}desc").text == spec.description
    assert root.get("font-family") == specs.FONT_FAMILY
    width, height = (float(v) for v in root.get("viewBox").split()[2:])
    assert width > 0 and height > 0 and not math.isnan(height)


@pytest.mark.parametrize("name", SVG_CHARTS)
def test_svg_escapes_labels(name):
    spec = every_spec()[name]
    hostile = "A <b> & </svg> B"
    if isinstance(spec, specs.Heatmap):
        spec = builders.heatmap(matrix_frame().rename(index={"Senegal": hostile}))
    elif isinstance(spec, specs.LineChart):
        spec = builders.trend_lines(trends_frame().replace({"LAC": hostile}))
    else:
        series = (specs.Series(hostile, spec.series[0].values), *spec.series[1:])
        spec = type(spec)(**{**spec.__dict__, "series": series, "title": hostile})
    svg = to_svg(spec)
    ElementTree.fromstring(svg)
    assert "A &lt;b&gt; &amp; &lt;/svg&gt; B" in svg


def test_svg_bars_carry_the_values_and_counts_of_the_table():
    svg = to_svg(every_spec()["groups"])
    texts = [element.text for element in ElementTree.fromstring(svg).iter(f"{SVG}text")]
    assert "n=7" in texts
    assert "—" in texts  # the suppressed group
    svg = to_svg(every_spec()["area"])
    texts = [element.text for element in ElementTree.fromstring(svg).iter(f"{SVG}text")]
    assert {"23%", "63%", "—", "100%"} <= set(texts)


def test_svg_heatmap_cells_use_the_web_colour_scale():
    svg = to_svg(every_spec()["heatmap"])
    fills = {element.get("fill") for element in ElementTree.fromstring(svg).iter(f"{SVG}rect")}
    assert scale_colour(75.0) in fills
    assert scale_colour(0.0) in fills


def test_the_svg_map_colours_each_country_as_the_web_map_does():
    spec = every_spec()["map"]  # SEN 31, MNG 38.5, SUR without a value
    svg = ElementTree.fromstring(to_svg(spec))
    paths = {path.get("data-name"): path.get("fill") for path in svg.iter(f"{SVG}path")}
    assert paths["Senegal: 31%"] == scale_colour(31)
    assert paths["Mongolia: 39%"] == scale_colour(38.5)
    assert not any(label and label.startswith("Suriname") for label in paths)
    fills = [path.get("fill") for path in svg.iter(f"{SVG}path")]
    assert fills.count(LAND_COLOUR) > 150  # every other country, in the land colour
    texts = [text.text for text in svg.iter(f"{SVG}text")]
    assert [t for t in texts if t.endswith("%")] == ["0%", "25%", "50%", "75%", "100%"]


@pytest.mark.parametrize(
    ("longitude", "latitude", "expected"),
    [(0, 0, (0, 0)), (180, 0, (2.7066, 0)), (0, 90, (0, 1.3174)), (-180, -90, (-1.1, -1.3174))],
)
def test_the_equal_earth_projection(longitude, latitude, expected):
    x, y = equal_earth(longitude, latitude)
    assert y == pytest.approx(expected[1], abs=1e-4)
    if longitude != -180:
        assert x == pytest.approx(expected[0], abs=1e-4)
    else:
        assert x < 0  # the poles are lines, shorter than the equator: x is finite


def test_the_map_draws_the_countries_of_the_web_maps_topojson():
    rings = country_rings()
    assert {"SEN", "MNG", "ECU", "JAM"} <= set(rings)
    senegal = [point for ring in rings["SEN"] for point in ring]
    assert all(-18 < lon < -11 and 12 < lat < 17 for lon, lat in senegal)


def test_wide_heatmaps_drop_the_numbers_that_would_not_fit_in_their_cells():
    matrix = pd.DataFrame([[50.0] * 51], index=["Senegal"], columns=[f"i{n}" for n in range(51)])
    spec = builders.heatmap(matrix)
    assert figures.to_plotly(spec)["data"][0]["texttemplate"] == ""
    texts = [element.text for element in ElementTree.fromstring(to_svg(spec)).iter(f"{SVG}text")]
    assert texts.count("50%") == 1  # the colour bar's tick, no cell


@pytest.mark.parametrize(
    ("before", "now", "decimals", "expected"),
    [
        (27.4, 34.7, 0, 8.0),  # 27% → 35%: +8, not +7.3
        (27.5, 34.4, 0, 6.0),  # 28% → 34%, half up
        (10.004, 10.006, 2, 0.01),
        (None, 40.0, 0, None),
        (40.0, None, 0, None),
    ],
)
def test_a_displayed_change_is_the_difference_of_the_displayed_figures(
    before, now, decimals, expected
):
    assert displayed_change(before, now, decimals) == expected


def test_svg_labels_are_measured_with_the_embedded_fonts_own_widths():
    from charts.svg import fit, text_width

    # Noto Sans: capitals are far wider than the 0.56 em per glyph guessed before, narrow
    # letters far narrower.
    assert text_width("WWWW", 10) > 4 * 10 * 0.56 * 1.5
    assert text_width("iiii", 10) < 4 * 10 * 0.56 / 1.5
    long_name = "Latin America and the Caribbean"
    shortened = fit(long_name, 100, 10)
    assert shortened.endswith("…") and text_width(shortened, 10) <= 100
    assert fit("Africa", 100, 10) == "Africa"


@pytest.mark.parametrize("name", ["area_vs_region", "groups", "trend", "radar"])
def test_the_web_and_pdf_versions_of_a_chart_come_from_one_spec(name):
    """The plotly figure and the SVG of one spec: the same series in the same order, the
    same colour for each, the same values (the bars' labels word for word)."""
    spec = every_spec()[name]
    traces = figures.to_plotly(spec)["data"]
    svg = ElementTree.fromstring(to_svg(spec))
    texts = [text.text for text in svg.iter(f"{SVG}text")]
    names = [series.name for series in spec.series]
    assert [trace["name"] for trace in traces] == names
    assert [text for text in texts if text in names][: len(names)] == names  # the legend
    painted = {el.get("fill") for el in svg.iter()} | {el.get("stroke") for el in svg.iter()}
    for trace, series in zip(traces, spec.series, strict=True):
        assert trace["marker"]["color"] in painted
        plotted = trace.get("y") or trace.get("r")
        assert list(plotted[: len(series.values)]) == [
            None if v is None else float(v) for v in series.values
        ]
        for label, value in zip(trace.get("text") or [], series.values, strict=False):
            if value is not None:
                assert label in texts
