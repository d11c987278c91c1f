"""The comparison in a real browser: every chart drawn from our own static files, with no
request to any other host, in English and in French, and the filters swapped in by htmx."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import Membership
from assessment.models import Assessment
from tests.conftest import make_user
from tests.reports.conftest import LEVELS_2024, make_assessment

pytestmark = pytest.mark.django_db(transaction=True)

CHARTS = ["group-averages", "heatmap", "trends", "world-map"]


@pytest.fixture
def comparison_data(pillar6):
    """LAC: JAM, HND, PAN; Africa: SEN, RWA (2024, published); and 2022 for three of them."""
    published = Assessment.Status.PUBLISHED
    for iso3, levels in LEVELS_2024.items():
        make_assessment(pillar6, iso3, "2024", published, levels)
    for iso3 in ["JAM", "PAN", "SEN"]:
        make_assessment(pillar6, iso3, "2022", published, {"6.1": 1, "6.2": 1, "6.3": 1})
    make_user("ana", is_analyst=True)
    focal = make_user("moussa")
    Membership.objects.create(
        user=focal, country=pillar6.assessments.get(round="2024", country__iso3="SEN").country,
        role=Membership.Role.FOCAL_POINT,
    )  # fmt: skip


@pytest.fixture
def offline(page, live_server):
    """Abort, and record, every request to a host other than the live server."""
    foreign = []

    def only_local(route):
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    return foreign


def expect_charts_drawn(page):
    for chart_id in CHARTS:
        expect(page.locator(f"#{chart_id} .main-svg").first).to_be_attached()


def test_an_analyst_sees_every_chart_drawn_offline_in_english_and_french(
    page, sign_in, comparison_data, offline
):
    topojson = []
    page.on("request", lambda r: topojson.append(r.url) if "topojson" in r.url else None)
    sign_in("ana")
    page.goto("/en/compare/")
    expect_charts_drawn(page)
    averages = page.locator("#group-averages")
    expect(averages.locator(".legendtext", has_text="Africa")).to_have_count(1)
    expect(averages.locator("text", has_text="n=2").first).to_be_attached()
    expect(averages.locator("text", has_text="n=3").first).to_be_attached()
    table = page.locator("#group-averages-block .chart-table")
    expect(table).to_contain_text("Countries (Latin America and the Caribbean)")
    expect(table.locator("tr", has_text="Pillar")).to_contain_text("58%")
    expect(page.locator("#heatmap .hm").first).to_be_attached()
    expect(page.locator("#trends .scatterlayer .trace")).to_have_count(2)
    expect(page.locator("#world-map .choroplethlocation")).to_have_count(5)
    assert any(url.endswith("/static/vendor/plotly/topojson/world_110m.json") for url in topojson)

    page.goto("/fr/compare/")
    expect_charts_drawn(page)
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("#group-averages .legendtext", has_text="Afrique")).to_have_count(1)
    expect(page.locator("#trends .xtitle")).to_have_text("Cycle")
    expect(page.locator("#heatmap .ytitle")).to_have_text("Pays")
    expect(page.locator("#heatmap-block .chart-table")).to_contain_text("Sénégal")
    assert offline == []


def test_changing_a_filter_swaps_the_results_in_place_and_keeps_a_shareable_url(
    page, sign_in, comparison_data, offline
):
    sign_in("ana")
    page.goto("/en/compare/")
    expect_charts_drawn(page)
    page.evaluate("window.stillTheSamePage = true")
    page.get_by_label("Group countries by").select_option("igf")
    expect(page).to_have_url(re.compile(r"grouping=igf"))
    expect(page.locator("#group-averages .legendtext", has_text="Americas")).to_have_count(1)
    expect_charts_drawn(page)
    assert page.evaluate("window.stillTheSamePage") is True
    assert offline == []


def test_a_focal_point_reads_why_a_small_groups_average_is_not_shown(
    page, sign_in, comparison_data, offline
):
    sign_in("moussa")
    page.goto("/en/compare/")
    expect_charts_drawn(page)
    table = page.locator("#group-averages-block .chart-table")
    expect(table.locator("tr", has_text="Pillar")).to_contain_text(
        "Not shown: fewer than 3 countries"
    )
    expect(page.locator(".suppressed-note")).to_contain_text("Africa")
    assert offline == []
