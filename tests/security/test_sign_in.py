"""Brute-force protection (django-axes) and the inactivity timeout."""

import time
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from accounts.middleware import LAST_SEEN_KEY, SESSION_EXPIRED
from accounts.views import LOCKED_OUT

pytestmark = pytest.mark.django_db

SIGN_IN = "/en/accounts/sign-in/"


def sign_in(client, username="alice", password="password", **extra):
    return client.post(SIGN_IN, {"username": username, "password": password}, **extra)


def fail(client, times, username="alice", **extra):
    for _ in range(times):
        sign_in(client, username, "wrong-password", **extra)


def test_five_wrong_passwords_lock_the_account_out_with_a_clear_message(client, contributor_a):
    fail(client, 4)
    assert sign_in(client, password="wrong-password").status_code == 429
    response = sign_in(client)  # even the right password now
    assert response.status_code == 429
    assert str(LOCKED_OUT % {"minutes": 15}) in response.content.decode()
    assert not client.get(reverse("home")).context["user"].is_authenticated


def test_four_wrong_passwords_still_let_the_right_one_in_and_reset_the_count(client, contributor_a):
    fail(client, 4)
    assert sign_in(client).status_code == 302
    assert AccessAttempt.objects.count() == 0


def test_the_lockout_is_per_username_and_address(client, contributor_a, focal_a):
    fail(client, 5)
    assert sign_in(client, "amadou").status_code == 302  # another account, same address
    client.logout()
    assert sign_in(client, REMOTE_ADDR="198.51.100.7").status_code == 302  # another address


def test_the_lockout_ends_after_fifteen_minutes(client, contributor_a):
    fail(client, 5)
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time
                                 - timedelta(minutes=16))  # fmt: skip
    assert sign_in(client).status_code == 302


def test_the_lockout_page_is_translated(client, contributor_a):
    fail(client, 5)
    response = client.post("/fr/accounts/sign-in/", {"username": "alice", "password": "password"})
    assert response.status_code == 429
    assert 'lang="fr"' in response.content.decode()


def age_session(client, seconds):
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - seconds
    session.save()


def test_an_hour_without_activity_signs_the_user_out(client, contributor_a):
    client.force_login(contributor_a)
    age_session(client, 60 * 60 + 1)
    response = client.get(reverse("assessment:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    page = client.get(response["Location"])
    assert str(SESSION_EXPIRED % {"minutes": 60}) in page.content.decode()
    assert not page.context["user"].is_authenticated


def test_activity_within_the_hour_keeps_the_session_and_moves_the_clock(client, contributor_a):
    client.force_login(contributor_a)
    age_session(client, 59 * 60)
    assert client.get(reverse("assessment:list")).status_code == 200
    assert time.time() - client.session[LAST_SEEN_KEY] < 5


def test_an_autosave_after_the_timeout_answers_401_instead_of_the_sign_in_page(
    client, contributor_a
):
    client.force_login(contributor_a)
    age_session(client, 2 * 60 * 60)
    response = client.get(reverse("assessment:list"), HTTP_HX_REQUEST="true")
    assert response.status_code == 401
    # and so does every later htmx request of the signed-out page
    assert client.get(reverse("assessment:list"), HTTP_HX_REQUEST="true").status_code == 401


# The absolute lifetime of a session: whatever the activity, a new sign-in after 12 hours.


def signed_in_hours_ago(client, user, hours: float) -> None:
    """A session signed in `hours` ago and used a moment ago (active all along)."""
    client.force_login(user)
    session = client.session
    session["signed_in_at"] = int(time.time() - hours * 3600)
    session[LAST_SEEN_KEY] = int(time.time()) - 30
    session.save()


def test_an_active_session_ends_twelve_hours_after_the_sign_in(client, contributor_a):
    """The finding: a session kept busy (a stolen one too) was extended for ever."""
    signed_in_hours_ago(client, contributor_a, 12.01)
    response = client.get(reverse("assessment:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert not client.get(reverse("home")).context["user"].is_authenticated


def test_the_user_is_told_why_they_must_sign_in_again(client, contributor_a):
    from accounts.middleware import SESSION_TOO_OLD

    signed_in_hours_ago(client, contributor_a, 13)
    page = client.get(reverse("assessment:list"), follow=True)
    assert str(SESSION_TOO_OLD % {"hours": 12}) in page.content.decode()


def test_an_active_session_younger_than_twelve_hours_goes_on(client, contributor_a):
    signed_in_hours_ago(client, contributor_a, 11.9)
    assert client.get(reverse("assessment:list")).status_code == 200


def test_the_lifetime_is_a_setting(client, contributor_a, settings):
    settings.SESSION_ABSOLUTE_TIMEOUT = 2 * 3600
    signed_in_hours_ago(client, contributor_a, 2.1)
    assert client.get(reverse("assessment:list")).status_code == 302


def test_a_session_without_its_sign_in_time_ends_at_once(client, contributor_a):
    """Sessions from before the rule have no sign-in time: they cannot be dated, so end."""
    client.force_login(contributor_a)
    session = client.session
    del session["signed_in_at"]
    session.save()
    assert client.get(reverse("assessment:list")).status_code == 302


def test_the_end_of_a_session_is_in_the_audit_trail(client, contributor_a):
    from audit.models import AuditEvent

    signed_in_hours_ago(client, contributor_a, 12.5)
    client.get(reverse("assessment:list"))
    event = AuditEvent.objects.get(event="session_expired")
    assert event.data["reason"] == "lifetime" and event.username == "alice"
