"""The autosave status never moves the card: a click that follows a save lands where aimed."""

import pytest
from playwright.sync_api import expect

from accounts.models import Membership
from assessment.models import Response
from assessment.services import assessment_create
from tests.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def draft(pillar6, senegal):
    contributor = make_user("awa")
    Membership.objects.create(user=contributor, country=senegal, role="contributor")
    assessment = assessment_create(country=senegal, round="2026", framework=pillar6)
    return assessment, assessment.responses.order_by(*Response._meta.ordering).first()


@pytest.mark.parametrize("width", [1280, 390])
def test_a_rating_clicked_right_after_leaving_the_justification_is_the_one_saved(
    page, sign_in, draft, width
):
    assessment, response = draft
    page.set_viewport_size({"width": width, "height": 900})
    sign_in("awa")
    page.goto(f"/assessments/{assessment.pk}/areas/6.1/")
    card = page.locator(f"#{response.indicator.anchor}")
    rating = card.get_by_label("3 · Largely in place")
    offset = (
        "el => el.getBoundingClientRect().top - el.closest('.response-card')"
        ".getBoundingClientRect().top"
    )
    justification = card.get_by_label("Justification")
    justification.scroll_into_view_if_needed()
    before = rating.evaluate(offset)
    justification.fill("The mining code of 2016 and its decree.")
    page.keyboard.press("Tab")
    # Like a person: the mouse goes where the rating is now, with no wait for the save.
    box = rating.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(rating).to_be_checked()
    page.wait_for_function("() => !document.querySelector('.htmx-request')")
    expect(card.locator(".save-status")).to_contain_text("Saved by awa")
    assert rating.evaluate(offset) == before  # nothing above the rating moved
    response.refresh_from_db()
    assert response.level.code == 3
    assert response.justification == "The mining code of 2016 and its decree."


def test_the_status_line_keeps_its_height_whatever_it_says(page, sign_in, draft):
    assessment, response = draft
    sign_in("awa")
    page.goto(f"/assessments/{assessment.pk}/areas/6.1/")
    status = page.locator(f"#save-status-{response.pk}")
    heights = {status.bounding_box()["height"]}
    for text in ["…", "Saved by a colleague with a very long name indeed at 09:12 " * 3]:
        status.evaluate("(el, text) => { el.textContent = text; }", text)
        heights.add(status.bounding_box()["height"])
    assert len(heights) == 1
