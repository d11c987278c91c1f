"""Every chart the site draws, validated and drawn by the plotly.js the pages load (our partial
bundle, static/vendor/plotly/plotly-partial.min.js), in Chromium: one plotly.js for the tests
and the browser. No database: the page and its static files are served by Playwright."""

import json
import mimetypes
import re
from pathlib import Path

import pytest
from django.conf import settings

from charts import figures
from plans.timeline import TimelineRow, timeline
from tests.charts.examples import every_spec

ORIGIN = "http://charts.test"
STATIC = Path(settings.BASE_DIR) / "static"
BUNDLE = STATIC / "vendor" / "plotly" / "plotly-partial.min.js"
PACKAGE = Path(settings.BASE_DIR) / "tools" / "package.json"
PNG_BUTTON_TITLE = {
    "en": "Download plot as a PNG",
    "fr": "Télécharger le graphique en fichier PNG",
    "es": "Descargar gráfica como PNG",
    "pt": "Fazer download do gráfico como imagem (PNG)",
}


def every_figure() -> dict[str, dict]:
    """Every kind of chart on the site: the chart specs' figures and the plan's timeline."""
    plan = [
        TimelineRow("Weak cooperatives", "Diagnose", "2027-1", 6, "planned", "Planned", "MMG"),
        TimelineRow(
            "Mercury use", "Train <miners> & buyers", "2027-2", 18, "ongoing", "Ongoing", ""
        ),
    ]
    return {
        **{name: figures.to_plotly(spec) for name, spec in every_spec().items()},
        "plan timeline": timeline(plan, title="Action plan").figure,
    }


def serve_static(route):
    """The page and our static files, as the site serves them; anything else is refused."""
    path = route.request.url.removeprefix(ORIGIN)
    if path == "/":
        html = "<!doctype html><html><head></head><body><div id='chart'></div></body></html>"
        return route.fulfill(body=html, content_type="text/html")
    file = (STATIC / path.removeprefix("/static/")).resolve()
    if path.startswith("/static/") and file.is_relative_to(STATIC) and file.is_file():
        content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        return route.fulfill(body=file.read_bytes(), content_type=content_type)
    return route.abort()


@pytest.fixture
def chart_page(chromium):
    context = chromium.new_context()
    context.route("**/*", serve_static)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type in {"error", "warning"} else None)
    page.goto(f"{ORIGIN}/")
    page.add_script_tag(url=f"{ORIGIN}/static/vendor/plotly/plotly-partial.min.js")
    yield page, errors
    context.close()


def draw(page, figure: dict, locale: str = "en") -> None:
    config = {
        **figure["config"],
        "locale": locale,
        "topojsonURL": "/static/vendor/plotly/topojson/",
    }
    page.evaluate(
        """([figure, config]) => {
            Plotly.purge("chart");
            return Plotly.newPlot("chart", figure.data, figure.layout, config);
        }""",
        [figure, config],
    )


def test_the_bundle_is_the_plotly_js_version_that_tools_pins():
    pinned = json.loads(PACKAGE.read_text())["devDependencies"]["plotly.js"]
    banner = BUNDLE.read_text(encoding="utf-8")[:300]
    assert re.match(rf"/\*! plotly\.js {re.escape(pinned)} ", banner)


@pytest.mark.parametrize("name", list(every_figure()))
def test_plotly_js_accepts_and_draws_every_chart(chart_page, name):
    page, errors = chart_page
    figure = every_figure()[name]
    problems = page.evaluate(
        "([data, layout]) => Plotly.validate(data, layout) || []",
        [figure["data"], figure["layout"]],
    )
    assert [problem["msg"] for problem in problems] == []
    draw(page, figure)
    page.wait_for_selector("#chart .main-svg")
    trace_types = {trace["type"] for trace in figure["data"]}
    drawn = page.evaluate("Array.from(document.getElementById('chart')._fullData, t => t.type)")
    assert set(drawn) == trace_types
    if "choropleth" in trace_types:  # the countries come from our own topojson file
        page.wait_for_selector("#chart .choroplethlocation")
    assert errors == []


@pytest.mark.parametrize("language", ["en", "fr", "es", "pt"])
def test_the_bundle_speaks_the_sites_languages(chart_page, language):
    page, errors = chart_page
    draw(page, figures.to_plotly(every_spec()["area"]), locale=language)
    page.wait_for_selector("#chart .modebar-btn")
    titles = page.evaluate(
        "Array.from(document.querySelectorAll('#chart .modebar-btn'), b => b.dataset.title)"
    )
    assert PNG_BUTTON_TITLE[language] in titles
    assert errors == []
