import pytest
from playwright.sync_api import expect

from accounts.models import Membership
from assessment.models import Response
from assessment.services import assessment_create
from plans.models import Action, Institution
from tests.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def senegal_team(pillar6, senegal):
    focal = make_user("moussa")
    Membership.objects.create(user=focal, country=senegal, role="focal_point")
    assessment = assessment_create(country=senegal, round="2026", framework=pillar6)
    level = pillar6.levels.get(code=1)
    Response.objects.filter(assessment=assessment, indicator__code="6.1.2.a").update(level=level)
    Institution.objects.create(country=senegal, name="Direction des mines", acronym="DMG",
                               kind="agency")  # fmt: skip
    return assessment


def test_create_an_action_from_a_gap_and_see_it_on_the_timeline(page, sign_in, senegal_team):
    assessment = senegal_team
    sign_in("moussa")
    page.goto(f"/plans/{assessment.pk}/gaps/")
    gap = page.locator("#gap-6-1-2-a")
    expect(gap).to_contain_text("1 · Initiated")
    gap.get_by_role("link", name="Add an action").click()

    expect(page.get_by_label("Indicators it addresses")).to_have_values([
        str(assessment.framework.areas.get(code="6.1").recommendations.get(code="6.1.2")
            .indicators.get(code="6.1.2.a").pk)
    ])  # fmt: skip
    page.get_by_label("Problem or practice").fill("Administration minière peu présente")
    page.locator("#id_description").fill("Ouvrir une antenne à Kédougou")
    page.get_by_label("Start (semester)").fill("2027-1")
    page.get_by_label("Duration (months)").fill("12")
    page.locator("#id_budget_amount").fill("90000000")
    page.get_by_label("Currency").select_option("XOF")
    page.get_by_label("Direction des mines (DMG)").check()
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_role("alert").first).to_contain_text("added to the plan")

    page.get_by_role("link", name="Timeline").click()
    chart = page.locator("#plan-timeline")
    expect(chart.locator(".main-svg").first).to_be_visible()
    expect(chart.locator("g.point path")).to_have_count(1)
    expect(page.locator(".chart-table")).to_contain_text("Ouvrir une antenne à Kédougou")
    expect(page.locator(".chart-table")).to_contain_text("2027-2")  # its last semester
    action = Action.objects.get()
    assert (action.budget_currency, action.start_semester) == ("XOF", "2027-1")
