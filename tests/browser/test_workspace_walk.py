"""The workspace as new users meet it, on the demo data: a contributor in French on a phone
reaches their first unrated assigned indicator from My work in one click; the analyst
filters the review queue to "submitted, Africa" and returns Senegal's assessment with a
comment; Senegal's focal point gets the e-mail, in French."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from assessment.models import Assessment, Response
from demo.people import DEMO_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def senegal_2026(pillar6, settings):
    settings.TASKS = IMMEDIATE  # the task worker sends at once
    call_command("load_demo", stdout=StringIO())
    assessment = Assessment.objects.get(country__iso3="SEN", round="2026")
    unrated = assessment.responses.filter(level__isnull=True, not_applicable=False)
    contributor = _user("sen-contributor")
    chosen = unrated.order_by(*Response._meta.ordering)[3]
    Response.objects.filter(pk=chosen.pk).update(assignee=contributor)
    # Their first unanswered indicator: the demo may have given them others before it.
    assigned = assessment.responses.filter(assignee=contributor).select_related("indicator")
    mine = next(r for r in assigned.order_by(*Response._meta.ordering) if not r.is_answered)
    return assessment, mine


def _user(username):
    from accounts.models import User

    return User.objects.get(username=username)


def sign_in(page, username):
    page.goto("/fr/accounts/sign-in/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main form [type=submit]").click()
    page.wait_for_load_state()


def test_contributor_analyst_and_focal_point_walk_through_the_workspace(
    chromium, live_server, senegal_2026
):
    assessment, mine = senegal_2026
    phone = chromium.new_context(
        base_url=live_server.url, locale="fr-FR", viewport={"width": 390, "height": 844}
    )
    page = phone.new_page()
    sign_in(page, "sen-contributor")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon travail")  # lands there
    page.get_by_role("link", name="Répondre à votre premier indicateur non noté").click()
    card = page.locator(f"#{mine.indicator.anchor}")
    expect(card).to_be_in_viewport()
    expect(card).to_contain_text(mine.indicator.code)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    phone.close()

    Assessment.objects.filter(pk=assessment.pk).update(status=Assessment.Status.SUBMITTED)
    mail.outbox.clear()
    desktop = chromium.new_context(base_url=live_server.url, locale="en-GB")
    page = desktop.new_page()
    page.goto("/en/accounts/sign-in/")
    page.locator("#id_username").fill("analyst")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main form [type=submit]").click()
    page.get_by_label("Status").select_option("submitted")
    page.get_by_label("Region").select_option("africa")
    page.get_by_role("button", name="Filter").click()
    queue = page.locator(".review-queue")
    expect(queue).to_contain_text("Senegal 2026")
    expect(queue).not_to_contain_text("Dominican Republic")  # submitted, but not in Africa
    queue.get_by_role("link", name="Senegal 2026").click()
    page.get_by_label("Comment for the country team").fill("Citez le décret de 2016, SVP.")
    page.get_by_role("button", name="Return with comments").click()
    expect(page.locator(".confirm-who")).to_contain_text("SEN Focal")
    page.get_by_role("button", name="Yes: Return with comments").click()
    expect(page.get_by_role("alert").first).to_contain_text("draft")
    desktop.close()

    assert Assessment.objects.get(pk=assessment.pk).status == Assessment.Status.DRAFT
    to_focal = [m for m in mail.outbox if m.to == ["sen-focal@demo.invalid"]]
    assert len(to_focal) == 1
    assert to_focal[0].subject == "Sénégal 2026\u00a0: renvoyée avec des commentaires"
    assert "Citez le décret de 2016, SVP." in to_focal[0].body
    assert f"/fr/assessments/{assessment.pk}/" in to_focal[0].body
