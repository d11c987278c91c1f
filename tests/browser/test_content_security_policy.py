"""The Content-Security-Policy in a real browser: the main pages work (charts drawn, autosave
saves) and Chromium reports no violation at all, neither as a console message nor as a
`securitypolicyviolation` event."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from accounts.models import Membership
from assessment.models import Assessment, Response
from assessment.services import assessment_create
from tests.conftest import make_user
from tests.reports.conftest import LEVELS_2024, make_assessment

pytestmark = pytest.mark.django_db(transaction=True)

COMPARISON_CHARTS = ["group-averages", "heatmap", "trends", "world-map"]


@pytest.fixture
def site(pillar6, senegal):
    """Published assessments of five countries (2024) and three of them (2022), an analyst,
    and Senegal's 2026 draft with a contributor to fill it."""
    for iso3, levels in LEVELS_2024.items():
        make_assessment(pillar6, iso3, "2024", Assessment.Status.PUBLISHED, levels)
    for iso3 in ["JAM", "PAN", "SEN"]:
        levels = {"6.1": 1, "6.2": 1, "6.3": 1}
        make_assessment(pillar6, iso3, "2022", Assessment.Status.PUBLISHED, levels)
    make_user("ana", is_analyst=True)
    contributor = make_user("awa")
    Membership.objects.create(user=contributor, country=senegal, role="contributor")
    draft = assessment_create(country=senegal, round="2026", framework=pillar6)
    published = Assessment.objects.get(country=senegal, round="2024")
    return {"draft": draft, "published": published}


def test_the_main_pages_work_with_no_csp_violation(page, sign_in, site, violations):
    page.goto("/en/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.get_by_role("link", name=re.compile("Pillar 6", re.I)).first.click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_be_visible()
    page.goto("/en/frameworks/")
    page.goto("/en/accounts/sign-in/")

    sign_in("ana")
    page.goto("/en/compare/")
    for chart in COMPARISON_CHARTS:
        expect(page.locator(f"#{chart} .main-svg").first).to_be_attached()
    page.locator("#group-averages .modebar").first.hover()
    page.goto(f"/en/dashboards/{site['published'].pk}/")
    expect(page.locator(".chart .main-svg").first).to_be_attached()
    page.goto(f"/en/reports/assessments/{site['published'].pk}/")
    expect(page.locator("svg").first).to_be_attached()
    page.goto("/en/accounts/two-factor/")
    expect(page.locator("img.qr-code")).to_be_visible()
    assert page.evaluate("document.querySelector('img.qr-code').naturalWidth") > 0
    page.get_by_role("button", name="Sign out").click()

    sign_in("awa")
    draft = site["draft"]
    page.goto(f"/en/assessments/{draft.pk}/areas/6.1/")
    response = draft.responses.order_by(*Response._meta.ordering).first()
    card = page.locator(f"#{response.indicator.anchor}")
    card.get_by_label("3 · Largely in place").check()
    expect(card.locator(".save-status")).to_contain_text("Saved by awa")

    assert violations() == []
    assert page.evaluate("document.querySelectorAll('style').length") == 0


def test_plotly_draws_with_its_stylesheet_and_injects_no_style_element(
    page,
    sign_in,
    site,
    violations,
):
    sign_in("ana")
    page.goto("/en/compare/")
    expect(page.locator("#heatmap .main-svg").first).to_be_attached()
    # The modebar is styled by plotly.css: positioned, and hidden until the chart is hovered.
    modebar = page.locator("#heatmap .modebar-container").first
    assert modebar.evaluate("e => getComputedStyle(e).position") == "absolute"
    # "Download plot as a PNG" renders the chart through a blob: image (img-src blob:).
    page.locator("#heatmap").hover()
    with page.expect_download() as download:
        page.locator(
            "#heatmap .modebar-btn[data-attr='format'][data-val='png'], "
            "#heatmap .modebar-btn[data-title*='PNG']"
        ).first.click()
    assert download.value.suggested_filename.endswith(".png")
    assert page.locator("#plotly\\.js-style-global").count() == 1
    assert page.evaluate("document.querySelectorAll('style').length") == 0
    assert violations() == []


def test_base_html_holds_exactly_what_stops_plotly_js_injecting_styles(chromium):
    """Guards an upgrade of plotly.js: regenerate static/vendor/plotly/plotly.css from the
    rules it injects into a page without our markers (and give base.html any new style id)."""
    static = Path(settings.BASE_DIR) / "static" / "vendor" / "plotly"
    context = chromium.new_context()
    blank = context.new_page()
    blank.set_content("<html><head></head><body></body></html>")
    blank.add_script_tag(path=str(static / "plotly-partial.min.js"))
    injected_ids = blank.evaluate("Array.from(document.querySelectorAll('style'), s => s.id)")
    injected_rules = blank.evaluate(
        "Array.from(document.getElementById('plotly.js-style-global').sheet.cssRules)"
        ".map(r => r.cssText).reverse()"
    )
    context.close()
    ours = [
        line
        for line in (static / "plotly.css").read_text().splitlines()
        if line.startswith((".", "@"))
    ]
    assert ours == injected_rules
    base = (Path(settings.BASE_DIR) / "templates" / "base.html").read_text()
    for style_id in injected_ids:
        assert f'id="{style_id}"' in base
