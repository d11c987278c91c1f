import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from assessment.models import (
    Assessment,
    Comment,
    Notification,
    NotificationPreference,
    PendingNotification,
    Response,
    RoundDeadline,
)
from assessment.notifications import send_daily

from .conftest import first_response, rate_everything

pytestmark = pytest.mark.django_db
S = Assessment.Status
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def mail(settings, django_capture_on_commit_callbacks, mailoutbox):
    """Run `function` as if its transaction committed: the task worker (here at once) sends
    what it queued. Returns the outbox."""
    settings.TASKS = IMMEDIATE

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            function(*args, **kwargs)
        return mailoutbox

    return run


@pytest.fixture
def addresses(contributor_a, focal_a, analyst, focal_b):
    for user, language in [(contributor_a, "en"), (focal_a, "fr"), (analyst, "en"),
                           (focal_b, "es")]:  # fmt: skip
        User.objects.filter(pk=user.pk).update(
            email=f"{user.username}@example.org", preferred_language=language
        )


def transition(client, assessment, action, comment=""):
    return client.post(
        reverse("assessment:transition", args=[assessment.pk, action]),
        {"comment": comment, "confirmed": "1"},
    )


def test_a_return_tells_the_team_in_each_ones_language_with_the_comment_and_a_link(
    client, mail, addresses, analyst, draft_a
):
    Assessment.objects.filter(pk=draft_a.pk).update(status=S.SUBMITTED)
    client.force_login(analyst)
    outbox = mail(transition, client, draft_a, "return", "Cite the decree, please.")
    by_address = {message.to[0]: message for message in outbox}
    assert set(by_address) == {"alice@example.org", "amadou@example.org"}  # not the analyst
    french = by_address["amadou@example.org"]
    assert french.subject == "Sénégal 2026\u00a0: renvoyée avec des commentaires"
    assert "Cite the decree, please." in french.body
    assert f"http://testserver/fr/assessments/{draft_a.pk}/" in french.body
    english = by_address["alice@example.org"]
    assert english.subject == "Senegal 2026: returned with comments"
    assert f"http://testserver/en/assessments/{draft_a.pk}/" in english.body


def test_a_submission_tells_the_analysts_and_the_team_but_not_the_submitter(
    client, mail, addresses, focal_a, draft_a
):
    rate_everything(draft_a)
    client.force_login(focal_a)
    outbox = mail(transition, client, draft_a, "submit")
    assert sorted(m.to[0] for m in outbox) == ["alice@example.org", "ana@example.org"]


def test_nobody_of_another_country_is_told(client, mail, addresses, analyst, draft_a):
    Assessment.objects.filter(pk=draft_a.pk).update(status=S.SUBMITTED)
    client.force_login(analyst)
    outbox = mail(transition, client, draft_a, "return", "Why?")
    assert "beatriz@example.org" not in [m.to[0] for m in outbox]


def test_a_comment_tells_the_assignee_with_a_link_to_the_indicator(
    client, mail, addresses, analyst, contributor_a, draft_a
):
    response = first_response(draft_a)
    Response.objects.filter(pk=response.pk).update(assignee=contributor_a)
    client.force_login(analyst)
    url = reverse("assessment:comment_add", args=[draft_a.pk, response.pk])
    outbox = mail(client.post, url, {"body": "Which decree?"})
    [message] = outbox
    assert message.to == ["alice@example.org"]
    assert "Which decree?" in message.body
    anchor = f"/en/assessments/{draft_a.pk}/areas/6.1/#{response.indicator.anchor}"
    assert anchor in message.body


def test_a_reply_tells_whoever_commented_before(
    client, mail, addresses, analyst, contributor_a, draft_a
):
    response = first_response(draft_a)
    Comment.objects.create(response=response, author=analyst, body="Which decree?")
    client.force_login(contributor_a)
    url = reverse("assessment:comment_add", args=[draft_a.pk, response.pk])
    [message] = mail(client.post, url, {"body": "Decree 2016-32."})
    assert message.to == ["ana@example.org"]


def test_a_kind_switched_off_is_not_sent(client, mail, addresses, analyst, contributor_a, draft_a):
    NotificationPreference.objects.create(user=contributor_a, switched_off=["returned"])
    Assessment.objects.filter(pk=draft_a.pk).update(status=S.SUBMITTED)
    client.force_login(analyst)
    outbox = mail(transition, client, draft_a, "return", "Why?")
    assert [m.to[0] for m in outbox] == ["amadou@example.org"]


def test_a_daily_digest_gathers_the_days_notifications_into_one_e_mail(
    client, mail, addresses, analyst, contributor_a, draft_a
):
    NotificationPreference.objects.create(user=contributor_a, daily_digest=True)
    Response.objects.filter(assessment=draft_a).update(assignee=contributor_a)
    responses = list(draft_a.responses.order_by(*Response._meta.ordering)[:2])
    client.force_login(analyst)
    for response in responses:
        url = reverse("assessment:comment_add", args=[draft_a.pk, response.pk])
        assert mail(client.post, url, {"body": f"About {response.indicator.code}?"}) == []
    assert PendingNotification.objects.filter(user=contributor_a).count() == 2
    [digest] = mail(send_daily, base_url="https://assess.example.org")
    assert digest.to == ["alice@example.org"]
    assert "2 notifications today" in digest.subject
    for response in responses:
        assert f"About {response.indicator.code}?" in digest.body
    assert "https://assess.example.org/en/my-work/notifications/" in digest.body
    assert not PendingNotification.objects.exists()


@pytest.mark.parametrize(("days", "sent"), [(14, True), (3, True), (7, False), (0, False)])
def test_reminders_go_14_and_3_days_before_the_rounds_deadline(
    mail, addresses, draft_a, days, sent
):
    today = datetime.date(2026, 5, 1)
    RoundDeadline.objects.create(
        round=draft_a.round, submission_deadline=today + datetime.timedelta(days=days)
    )
    outbox = mail(send_daily, today=today, base_url="https://assess.example.org")
    assert sorted(m.to[0] for m in outbox) == (
        ["alice@example.org", "amadou@example.org"] if sent else []
    )
    if sent:
        french = next(m for m in outbox if m.to == ["amadou@example.org"])
        assert "doit être soumise" in french.body


def test_a_reminder_is_sent_once_however_often_the_command_runs(mail, addresses, draft_a):
    today = datetime.date(2026, 5, 1)
    RoundDeadline.objects.create(
        round=draft_a.round, submission_deadline=today + datetime.timedelta(days=3)
    )
    assert len(mail(send_daily, today=today, base_url="x")) == 2
    assert len(mail(send_daily, today=today, base_url="x")) == 2  # the same two, no more


def test_an_assignees_due_date_is_reminded_to_them(mail, addresses, contributor_a, draft_a):
    today = datetime.date(2026, 5, 1)
    response = first_response(draft_a)
    Response.objects.filter(pk=response.pk).update(
        assignee=contributor_a, due_date=today + datetime.timedelta(days=14)
    )
    [message] = mail(send_daily, today=today, base_url="x")
    assert message.to == ["alice@example.org"]
    assert "1 indicator assigned to you is to be answered by 15 May 2026." in message.body


def test_the_daily_command_runs(addresses, draft_a, capsys):
    call_command("send_daily_notifications")
    assert "queued" in capsys.readouterr().out


def test_a_person_chooses_kinds_a_digest_and_the_language(client, contributor_a):
    client.force_login(contributor_a)
    url = reverse("workspace:notifications")
    assert client.get(url).status_code == 200
    answer = client.post(
        url, {"kinds": ["submitted", "comment"], "daily_digest": "on", "language": "pt"}
    )
    assert answer.status_code == 302
    preference = NotificationPreference.objects.get(user=contributor_a)
    assert preference.daily_digest
    assert set(preference.switched_off) == set(Notification.values) - {"submitted", "comment"}
    contributor_a.refresh_from_db()
    assert contributor_a.preferred_language == "pt"


def test_signing_in_remembers_the_language_for_the_e_mails(client, contributor_a):
    client.post("/fr/accounts/sign-in/", {"username": "alice", "password": "password"})
    contributor_a.refresh_from_db()
    assert contributor_a.preferred_language == "fr"
