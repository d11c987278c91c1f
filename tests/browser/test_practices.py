"""From a weak indicator to a peer's law, and a plan action made from it, in Chromium."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from countries.models import Country
from plans.models import Action
from tests.practices.conftest import WEAK_CODE, rated

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def weak_and_peers(pillar6, senegal, focal_a, analyst):
    weak = rated(senegal, "2026", pillar6, focal_a, status="draft", level=1)
    rated(Country.objects.get(iso3="RWA"), "2024", pillar6, analyst, status="published",
          level=4, justification="District offices issue artisanal permits.",
          laws=[("Law No. 13/2014 on mining", "art. 7", datetime.date(2014, 5, 20))])  # fmt: skip
    rated(Country.objects.get(iso3="UGA"), "2024", pillar6, analyst, status="validated",
          level=4, justification="SECRET not published")  # fmt: skip
    return weak


def test_from_a_weak_indicator_to_a_peers_law_to_a_plan_action(page, sign_in, weak_and_peers):
    sign_in("amadou")
    page.goto(reverse("assessment:area", args=[weak_and_peers.pk, "6.1"]))
    card = page.locator("#indicator-" + WEAK_CODE.replace(".", "-"))
    card.get_by_text("Peers who do it well").click()
    peers = card.locator(".peers")
    expect(peers).to_contain_text("Rwanda")
    expect(peers).to_contain_text("Law No. 13/2014 on mining, art. 7")
    expect(peers).not_to_contain_text("SECRET")
    peers.get_by_role("button", name="Make a plan action from this example").click()
    expect(page.get_by_role("alert").first).to_contain_text("after Rwanda's example")
    expect(page.locator("#id_description")).to_have_value(
        "Adapt Rwanda's practice (round 2024): Law No. 13/2014 on mining, art. 7 (20 May 2014)."
    )
    action = Action.objects.get()
    assert [i.code for i in action.indicators.all()] == [WEAK_CODE]
