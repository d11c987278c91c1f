"""Every e-mail leaves through the task queue after its transaction commits (config/mail.py),
with a timeout, and is tried again when the mail server fails."""

import logging

import pytest
from django.db import transaction
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from accounts import services
from accounts.models import Invitation, Membership
from config.mail import send_email

from . import flaky_mail

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def invite(senegal, focal_a):
    return services.invitation_create(
        country=senegal, email="ndeye@example.org", role=Membership.Role.CONTRIBUTOR,
        invited_by=focal_a, base_url="https://assess.example.org",
    )  # fmt: skip


def test_no_email_leaves_inside_the_transaction(
    senegal, focal_a, mailoutbox, settings, django_capture_on_commit_callbacks
):
    """The finding: invitations were sent inside the transaction, so a slow mail server held
    SQLite's write lock and other people's autosaves failed."""
    settings.TASKS = IMMEDIATE
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        invite(senegal, focal_a)
        assert mailoutbox == []  # nothing while the transaction is open
    assert len(callbacks) == 1
    assert [m.to for m in mailoutbox] == [["ndeye@example.org"]]


def test_a_rolled_back_invitation_sends_nothing(
    senegal, focal_a, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        invite(senegal, focal_a)
        raise RuntimeError("something else failed")
    assert callbacks == [] and mailoutbox == []


def test_the_queue_holds_no_working_link(senegal, focal_a, django_capture_on_commit_callbacks):
    """The e-mail is written by the worker: the tasks table, like the invitations table,
    never holds a token."""
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(senegal, focal_a)
    [task] = DBTaskResult.objects.all()
    assert task.task_path == "config.mail.send_email"
    arguments = task.args_kwargs
    assert arguments["args"][0] == "accounts.emails.invitation_email"
    assert arguments["args"][1] == {"invitation_id": invitation.pk, "language": "en",
                                    "base_url": "https://assess.example.org"}  # fmt: skip
    assert "invitations/" not in str(arguments)


def test_the_mail_server_is_given_a_timeout(settings):
    from django.core.mail import get_connection

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert settings.EMAIL_TIMEOUT == 10
    assert get_connection(timeout=settings.EMAIL_TIMEOUT).timeout == 10


def test_a_failed_send_is_tried_again_until_it_goes(
    senegal, focal_a, mailoutbox, settings, caplog, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE
    settings.EMAIL_BACKEND = "tests.accounts.flaky_mail.FlakyBackend"
    flaky_mail.failures_left["count"] = 2
    caplog.set_level(logging.WARNING, logger="config.mail")
    with django_capture_on_commit_callbacks(execute=True):
        invite(senegal, focal_a)
    assert [m.to for m in mailoutbox] == [["ndeye@example.org"]]
    retries = [r.getMessage() for r in caplog.records if r.name == "config.mail"]
    assert len(retries) == 2 and "within 10 s" in retries[0]
    token_in_mail = mailoutbox[0].body.split("/accounts/invitations/")[1].split("/")[0]
    assert Invitation.objects.with_token(token_in_mail).exists()  # the link of the last try


def test_after_the_last_attempt_the_failure_is_logged_as_an_error(
    senegal, focal_a, mailoutbox, settings, caplog, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE
    settings.EMAIL_BACKEND = "tests.accounts.flaky_mail.FlakyBackend"
    settings.EMAIL_MAX_ATTEMPTS = 3
    flaky_mail.failures_left["count"] = 10
    caplog.set_level(logging.WARNING, logger="config.mail")
    with django_capture_on_commit_callbacks(execute=True):
        invite(senegal, focal_a)
    assert mailoutbox == []
    errors = [r for r in caplog.records if r.name == "config.mail" and r.levelno == logging.ERROR]
    assert len(errors) == 1 and "after 3 attempts" in errors[0].getMessage()
    flaky_mail.failures_left["count"] = 0


def test_a_retry_waits_longer_each_time(senegal, focal_a, settings, monkeypatch):
    """With the database queue, the next attempt is scheduled 1, 2, 4... minutes later."""
    settings.EMAIL_BACKEND = "tests.accounts.flaky_mail.FlakyBackend"
    flaky_mail.failures_left["count"] = 1
    invitation = Invitation.objects.create(country=senegal, email="x@example.org",
                                           role="contributor", token_hash="h")  # fmt: skip
    send_email.call("accounts.emails.invitation_email",
                    {"invitation_id": invitation.pk, "base_url": "https://a.example",
                     "language": "en"}, 2)  # fmt: skip
    [task] = DBTaskResult.objects.all()
    assert task.args_kwargs["args"][2] == 3
    delay = task.run_after - task.enqueued_at
    assert 110 < delay.total_seconds() < 130


def test_an_invitation_revoked_before_the_worker_runs_is_not_sent(
    client, senegal, focal_a, mailoutbox, settings, django_capture_on_commit_callbacks
):
    invitation = invite(senegal, focal_a)
    invitation.revoke()
    send_email.call("accounts.emails.invitation_email",
                    {"invitation_id": invitation.pk, "base_url": "https://a.example",
                     "language": "en"})  # fmt: skip
    assert mailoutbox == []


def test_only_the_applications_writers_are_run_from_the_queue():
    with pytest.raises(ValueError):
        send_email.call("os.getcwd", {})


def test_the_invitation_view_answers_before_the_email_is_sent(client, senegal, focal_a, mailoutbox):
    client.force_login(focal_a)
    response = client.post(reverse("accounts:invite", args=["SEN"]),
                           {"email": "ndeye@example.org", "role": "contributor"})  # fmt: skip
    assert response.status_code == 302
    assert mailoutbox == []
