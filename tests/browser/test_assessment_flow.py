import pytest
from playwright.sync_api import expect

from assessment.models import Assessment, Response
from assessment.services import assessment_create
from tests.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def team(pillar6, senegal):
    from accounts.models import Membership

    contributor = make_user("awa")
    focal = make_user("moussa")
    make_user("igf", is_analyst=True)
    Membership.objects.create(user=contributor, country=senegal, role="contributor")
    Membership.objects.create(user=focal, country=senegal, role="focal_point")
    assessment = assessment_create(country=senegal, round="2026", framework=pillar6)
    # Everything but the first two indicators is already answered.
    level = pillar6.levels.get(code=2)
    first_two = list(assessment.responses.order_by(*Response._meta.ordering)[:2])
    assessment.responses.exclude(pk__in=[r.pk for r in first_two]).update(
        level=level, justification="Already done."
    )
    return assessment, first_two


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def test_rate_submit_return_and_read_the_comment(page, sign_in, team):
    assessment, (one, two) = team
    sign_in("awa")
    page.goto(f"/assessments/{assessment.pk}/areas/6.1/")
    for response, level in [(one, "3 · Largely in place"), (two, "1 · Initiated")]:
        card = page.locator(f"#{response.indicator.anchor}")
        card.get_by_label(level).check()
        expect(card.locator(".save-status")).to_contain_text("Saved by awa")
    page.reload()
    expect(
        page.locator(f"#{one.indicator.anchor}").get_by_label("3 · Largely in place")
    ).to_be_checked()
    sign_out(page)

    sign_in("moussa")
    page.goto(f"/assessments/{assessment.pk}/")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_role("alert").first).to_contain_text("submitted")
    sign_out(page)

    sign_in("igf")
    page.goto(f"/assessments/{assessment.pk}/")
    page.get_by_role("button", name="Start the review").click()
    page.get_by_label("Comment for the country team").fill("Cite the decree for 6.1.1.a, please.")
    page.get_by_role("button", name="Return with comments").click()
    expect(page.locator(".confirm-what")).to_contain_text("will go back to the country team")
    expect(page.locator(".confirm-who")).to_contain_text("nobody will be told")  # no address
    page.get_by_role("button", name="Yes: Return with comments").click()
    expect(page.get_by_role("alert").first).to_contain_text("draft")
    sign_out(page)

    sign_in("awa")
    page.goto(f"/assessments/{assessment.pk}/")
    expect(page.locator(".returned-comment")).to_have_text("Cite the decree for 6.1.1.a, please.")
    assert Assessment.objects.get(pk=assessment.pk).status == "draft"


def test_opening_add_evidence_fetches_the_form_and_adds_a_link(page, sign_in, team):
    assessment, (one, _two) = team
    sign_in("awa")
    page.goto(f"/assessments/{assessment.pk}/areas/6.1/")
    card = page.locator(f"#{one.indicator.anchor}")
    expect(card.locator("form.evidence-form")).to_have_count(0)
    card.locator(".evidence-add summary").click()
    form = card.locator("form.evidence-form")
    expect(form).to_be_visible()
    form.get_by_label("Web link").check()
    form.get_by_label("Title").fill("Ministry page")
    form.get_by_label("Link", exact=True).fill("https://mines.gouv.sn/")
    form.get_by_role("button", name="Add evidence").click()
    expect(card.locator(".evidence-item")).to_contain_text("Ministry page")
    assert one.evidence.get().url == "https://mines.gouv.sn/"
