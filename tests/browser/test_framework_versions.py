"""Two framework versions in a real browser, on the demo data: a Portuguese newcomer reads
version 2, and Senegal's focal point sees a trend across its three rounds, two of them on
version 1, with what they are compared on."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from assessment.models import Assessment
from demo.people import DEMO_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(pillar6):
    call_command("load_demo", stdout=StringIO())


@pytest.fixture
def portuguese_page(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, locale="pt-BR")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def test_a_newcomer_in_portuguese_reads_version_2_with_its_brazilian_terms(portuguese_page, demo):
    page = portuguese_page
    page.goto("/")  # the browser asks for Portuguese: the site answers in it
    expect(page.locator("html")).to_have_attribute("lang", "pt")
    page.get_by_role("link", name="Explorar o quadro").click()
    page.get_by_role("link", name="Versão 2").click()

    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("QPM Pilar 6: Mineração artesanal e em pequena escala")
    page.locator("#indicator-6-1-1-a summary").click()
    expect(page.get_by_text("Permissão de Lavra Garimpeira (PLG)")).to_be_visible()
    expect(page.get_by_text("garimpo e por garimpeiro", exact=False)).to_be_visible()
    # What changed since version 1, in Portuguese
    expect(page.get_by_role("heading", name="O que mudou desde a versão 1")).to_be_visible()
    new_indicator = page.locator(".crosswalk-table tr", has_text="6.1.4.a").locator("th")
    expect(new_indicator).to_have_text("Novo")  # an indicator is masculine in Portuguese
    body = page.locator("main").inner_text()
    assert "de pequena escala" not in body
    assert "grande porte" not in body


def test_senegals_focal_point_sees_three_rounds_compared_on_the_shared_indicators(
    page, sign_in, demo
):
    senegal = Assessment.objects.get(country__iso3="SEN", round="2026")
    sign_in("sen-focal", DEMO_PASSWORD)
    page.goto(f"/en/dashboards/{senegal.pk}/")

    trend = page.locator("#round-trend")
    expect(trend.locator(".main-svg").first).to_be_attached()
    title = "Implementation across rounds, compared on 43 of 59 indicators"
    expect(page.locator("#round-trend-title")).to_have_text(title)
    ticks = trend.locator(".xtick text")
    expect(ticks).to_have_text(["2022", "2024", "2026 (draft)"])
    note = page.locator(".trend-note")
    expect(note).to_contain_text("version 1 in 2022, 2024; version 2 in 2026")
