import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_visitor_opens_home_switches_to_french_and_browses_the_framework(page, pillar6):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Pillar 6")

    page.get_by_role("link", name="FR", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("link", name="Cadre").first).to_be_visible()

    page.get_by_role("link", name=pillar6.title_fr).first.click()
    expect(page.get_by_role("heading", level=2, name="6.1", exact=False).first).to_be_visible()
    expect(page.locator(".indicator")).to_have_count(pillar6_indicator_count(pillar6))
    expect(page.get_by_text(pillar6.areas.get(code="6.3").title_fr).first).to_be_visible()

    page.locator("details summary").first.click()
    expect(page.get_by_text("Niveau 4").first).to_be_visible()


def pillar6_indicator_count(framework) -> int:
    from frameworks.models import Indicator

    return Indicator.objects.filter(recommendation__area__framework=framework).count()
