"""Tried as a new user would, in Chromium: "Forgot your password?" sends a working link in
the user's language; and an administrator reads yesterday's sign-ins and workflow
transitions on the audit page."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from assessment.models import Assessment
from assessment.services import assessment_create, assessment_transition
from audit.models import AuditEvent
from tests.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True)
LINK = re.compile(r"http://[^/\s]+(/\S+)")


@pytest.fixture
def tasks_at_once(settings):
    """The live server sends e-mails at once (no separate worker) to the locmem outbox."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_forgot_your_password_sends_a_working_link_in_the_users_language(
    page, pillar6, mailoutbox, tasks_at_once
):
    make_user("fatou", email="fatou@example.org")
    page.goto("/fr/accounts/sign-in/")
    page.get_by_role("link", name="Mot de passe oublié ?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mot de passe oublié ?")
    page.get_by_label("Adresse e-mail").fill("Fatou@example.org")
    page.get_by_role("button", name="M'envoyer un lien").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Consultez vos e-mails")

    [mail] = mailoutbox
    assert mail.to == ["fatou@example.org"]
    assert "Choisissez un nouveau mot de passe" in mail.subject
    link = LINK.search(mail.body).group(1)
    assert link.startswith("/fr/accounts/password-reset/")
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Choisissez un nouveau mot de passe")
    page.get_by_label("Nouveau mot de passe").first.fill("Baobab-river-2026")
    page.get_by_label("Nouveau mot de passe, à nouveau").fill("Baobab-river-2026")
    page.get_by_role("button", name="Enregistrer mon nouveau mot de passe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Votre mot de passe est modifié")

    page.get_by_role("link", name="Se connecter").last.click()
    page.get_by_label("Nom d'utilisateur").fill("fatou")
    page.get_by_label("Mot de passe").fill("Baobab-river-2026")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("link", name=re.compile("fatou"))).to_be_visible()

    page.goto(link)  # the link works once
    expect(page.get_by_role("alert")).to_contain_text("Ce lien ne fonctionne plus")


def test_an_unknown_address_sees_the_same_page_and_nothing_is_sent(
    page, pillar6, mailoutbox, tasks_at_once
):
    page.goto("/en/accounts/password-reset/")
    page.get_by_label("E-mail address").fill("nobody@example.org")
    page.get_by_role("button", name="Send me a link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    assert mailoutbox == []


def test_an_administrator_reads_yesterdays_sign_ins_and_workflow_transitions(
    page, sign_in, administrator, analyst, senegal, pillar6
):
    sign_in("ana")  # the analyst signs in...
    page.get_by_role("button", name="Sign out").click()
    assessment = assessment_create(country=senegal, round="2026", framework=pillar6)
    Assessment.objects.filter(pk=assessment.pk).update(status=Assessment.Status.SUBMITTED)
    assessment_transition(assessment=assessment, action_name="start_review", user=analyst)
    yesterday = timezone.now() - timedelta(days=1)
    AuditEvent.objects.update(created_at=yesterday)  # ...and did all this yesterday
    AuditEvent.objects.create(event="sign_in", level="INFO", username="older",
                              created_at=yesterday - timedelta(days=2))  # fmt: skip

    sign_in("root")
    page.get_by_role("link", name="Audit trail").click()
    page.get_by_label("Sign-ins and sign-outs").check()
    page.get_by_label("Workflow transitions").check()
    day = yesterday.date().isoformat()
    page.get_by_label("From (UTC)").fill(day)
    page.get_by_label("To (UTC)").fill(day)
    page.get_by_role("button", name="Show").click()

    rows = page.locator("tbody tr")
    expect(rows).to_have_count(3)  # ana's sign-in and sign-out, the transition
    expect(rows.filter(has_text="Workflow transition")).to_contain_text("Senegal")
    expect(rows.filter(has_text="Workflow transition")).to_contain_text("in_review")
    expect(rows.filter(has_text="Signed in")).to_contain_text("ana")
    expect(page.get_by_text("older")).to_have_count(0)
