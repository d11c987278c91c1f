"""A country's team: the team page, invitations e-mailed and accepted, memberships changed.

Decided here: IGF analysts see every team (they work with every country) but only the
country's focal points and administrators change it; a contributor or an analyst gets 403.
"""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from accounts.models import Invitation, Membership, hash_token
from accounts.services import (
    ALREADY_INVITED,
    ALREADY_MEMBER,
    INVITATION_EXPIRED,
    INVITATION_FOR_ANOTHER_ACCOUNT,
    INVITATION_REVOKED,
    INVITATION_UNKNOWN,
    INVITATION_USED,
    LAST_FOCAL_POINT,
    InvitationForAnotherAccount,
    invitation_accept,
)
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

User = get_user_model()
NEWCOMER = "ndeye@example.org"
NEW_ACCOUNT = {
    "username": "ndeye",
    "first_name": "Ndeye",
    "last_name": "Diop",
    "password1": "Correct-horse-42",
    "password2": "Correct-horse-42",
}


def invite(country, email=NEWCOMER, role=Membership.Role.CONTRIBUTOR, **fields):
    """An invitation made without the e-mail, and its raw token."""
    invitation = Invitation(country=country, email=email, role=role, **fields)
    token = invitation.set_new_token()
    invitation.save()
    return invitation, token


def accept_url(token):
    return reverse("accounts:invitation_accept", args=[token])


def text(response) -> str:
    return unescape(response.content.decode())


def team_url(country, name="accounts:team", *args):
    return reverse(name, args=[country.iso3, *args])


def post_invitation(client, country, email=NEWCOMER, role="contributor", **extra):
    return client.post(
        team_url(country, "accounts:invite"), {"email": email, "role": role}, **extra
    )


# The team page


def test_a_member_sees_the_team_with_roles_and_pending_invitations(
    client, senegal, contributor_a, focal_a, django_assert_max_num_queries
):
    invite(senegal, invited_by=focal_a)
    client.force_login(contributor_a)
    with django_assert_max_num_queries(6):
        response = client.get(team_url(senegal))
    page = text(response)
    assert response.status_code == 200
    assert "amadou" in page and "alice" in page and "Focal point" in page
    assert NEWCOMER in page
    assert team_url(senegal, "accounts:invite") not in page


def test_the_team_page_query_count_does_not_grow_with_the_team(
    client, senegal, focal_a, django_assert_max_num_queries
):
    for number in range(10):
        user = make_user(f"member{number}")
        Membership.objects.create(user=user, country=senegal, role=Membership.Role.CONTRIBUTOR)
        invite(senegal, email=f"guest{number}@example.org", invited_by=focal_a)
    client.force_login(focal_a)
    with django_assert_max_num_queries(6):
        assert client.get(team_url(senegal)).status_code == 200


def test_an_anonymous_visitor_is_sent_to_sign_in_from_the_team_page(client, senegal):
    response = client.get(team_url(senegal))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", ["accounts:team", "accounts:invite"])
def test_another_countrys_focal_point_gets_404_on_the_team_pages(client, senegal, focal_b, name):
    client.force_login(focal_b)
    assert client.get(team_url(senegal, name)).status_code == 404


def test_an_analyst_sees_the_team_page_but_cannot_invite(client, senegal, focal_a, analyst):
    client.force_login(analyst)
    assert client.get(team_url(senegal)).status_code == 200
    response = post_invitation(client, senegal)
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_a_contributor_cannot_invite(client, senegal, contributor_a, mailoutbox):
    client.force_login(contributor_a)
    assert client.get(team_url(senegal, "accounts:invite")).status_code == 403
    response = post_invitation(client, senegal)
    assert response.status_code == 403
    assert not Invitation.objects.exists() and mailoutbox == []


def test_the_team_link_leads_a_member_of_one_country_straight_to_their_team(
    client, contributor_a, senegal
):
    client.force_login(contributor_a)
    response = client.get(reverse("accounts:team_index"))
    assert response.status_code == 302
    assert response["Location"] == team_url(senegal)


def test_an_analyst_chooses_among_every_countrys_team(client, analyst, senegal, ecuador):
    client.force_login(analyst)
    response = client.get(reverse("accounts:team_index"))
    assert team_url(senegal) in text(response) and team_url(ecuador) in text(response)


# Inviting


def test_a_focal_point_invites_someone_by_email_with_the_link_and_the_expiry(
    client, senegal, focal_a, mailoutbox, committed
):
    client.force_login(focal_a)
    response = committed(
        post_invitation, client, senegal, email="Ndeye@Example.org", role="focal_point"
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.invited_by) == (
        NEWCOMER,
        Membership.Role.FOCAL_POINT,
        focal_a,
    )
    assert timezone.now() + timedelta(days=13) < invitation.expires_at
    [mail] = mailoutbox
    assert mail.to == [NEWCOMER]
    assert "Senegal" in mail.subject
    token = re.search(r"http://testserver/(en/)?accounts/invitations/([\w-]+)/", mail.body)[2]
    assert date_format(invitation.expires_at, "DATE_FORMAT") in mail.body
    assert "Focal point" in mail.body
    assert invitation.token_hash == hash_token(token)
    assert token not in invitation.token_hash
    assert not Invitation.objects.filter(token_hash=token).exists()


def test_the_email_is_written_in_the_inviters_language(
    client, senegal, focal_a, mailoutbox, committed
):
    client.force_login(focal_a)
    with translation.override("fr"):
        committed(post_invitation, client, senegal)
    [mail] = mailoutbox
    assert "http://testserver/fr/accounts/invitations/" in mail.body
    assert "Sénégal" in mail.body


def test_the_invitation_form_is_shown_to_the_focal_point(client, senegal, focal_a):
    client.force_login(focal_a)
    response = client.get(team_url(senegal, "accounts:invite"))
    assert response.status_code == 200
    assert "Senegal" in text(response) and 'name="email"' in text(response)


def test_the_email_is_plain_text_without_html_escapes(client, senegal, mailoutbox, committed):
    client.force_login(make_user("root", is_superuser=True, first_name="Seán", last_name="O'Brien"))
    committed(post_invitation, client, senegal)
    [mail] = mailoutbox
    assert "Invitation sent by Seán O'Brien." in mail.body
    assert "&" not in mail.subject + mail.body


def test_an_administrator_can_invite(client, senegal, administrator, mailoutbox, committed):
    client.force_login(administrator)
    response = committed(post_invitation, client, senegal, follow=True)
    assert response.redirect_chain[-1][0] == team_url(senegal)
    assert Invitation.objects.get().invited_by == administrator
    assert len(mailoutbox) == 1


def test_the_invitation_lifetime_comes_from_the_setting(client, senegal, focal_a, settings):
    settings.INVITATION_TTL_DAYS = 2
    client.force_login(focal_a)
    post_invitation(client, senegal)
    lifetime = Invitation.objects.get().expires_at - timezone.now()
    assert timedelta(days=1) < lifetime <= timedelta(days=2)


def test_a_second_pending_invitation_to_the_same_address_is_refused_with_a_message(
    client, senegal, focal_a, mailoutbox, committed
):
    invite(senegal)
    client.force_login(focal_a)
    response = committed(post_invitation, client, senegal, email=NEWCOMER.upper())
    assert response.status_code == 200
    assert str(ALREADY_INVITED % {"email": NEWCOMER}) in text(response)
    assert Invitation.objects.count() == 1 and mailoutbox == []


def test_an_expired_invitation_is_replaced_by_a_new_one(
    client, senegal, focal_a, mailoutbox, committed
):
    old, old_token = invite(senegal, expires_at=timezone.now() - timedelta(days=1))
    client.force_login(focal_a)
    committed(post_invitation, client, senegal)
    assert Invitation.objects.open().exclude(pk=old.pk).count() == 1
    assert str(INVITATION_EXPIRED) in text(client.get(accept_url(old_token)))
    assert len(mailoutbox) == 1


def test_a_member_of_the_team_cannot_be_invited_again(client, senegal, focal_a, contributor_a):
    contributor_a.email = "alice@example.org"
    contributor_a.save()
    client.force_login(focal_a)
    response = post_invitation(client, senegal, email="alice@example.org")
    assert str(ALREADY_MEMBER % {"email": "alice@example.org"}) in text(response)
    assert not Invitation.objects.exists()


def test_resending_sends_a_new_link_and_the_old_one_stops_working(
    client, senegal, focal_a, mailoutbox, committed
):
    invitation, old_token = invite(senegal, expires_at=timezone.now() + timedelta(days=1))
    client.force_login(focal_a)
    url = team_url(senegal, "accounts:invitation_resend", invitation.pk)
    response = committed(client.post, url)
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.expires_at > timezone.now() + timedelta(days=13)
    [mail] = mailoutbox
    new_token = re.search(r"/accounts/invitations/([\w-]+)/", mail.body).group(1)
    client.logout()
    assert client.get(accept_url(new_token)).status_code == 200
    assert client.get(accept_url(old_token)).status_code == 404


def test_a_focal_point_revokes_a_pending_invitation(client, senegal, focal_a):
    invitation, token = invite(senegal)
    client.force_login(focal_a)
    response = client.post(team_url(senegal, "accounts:invitation_revoke", invitation.pk))
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert list(client.get(team_url(senegal)).context["invitations"]) == []


def test_another_countrys_focal_point_cannot_revoke_the_invitation(client, senegal, focal_b):
    invitation, _token = invite(senegal)
    client.force_login(focal_b)
    assert (
        client.post(team_url(senegal, "accounts:invitation_revoke", invitation.pk)).status_code
        == 404
    )
    ecuador_url = reverse("accounts:invitation_revoke", args=["ECU", invitation.pk])
    assert client.post(ecuador_url).status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


# Accepting


def test_accepting_when_signed_out_creates_the_account_and_membership_and_signs_in(
    client, senegal, focal_a
):
    invitation, token = invite(senegal, invited_by=focal_a)
    page = client.get(accept_url(token))
    assert page.status_code == 200 and "Senegal" in text(page)
    response = client.post(accept_url(token), NEW_ACCOUNT)
    assert response.status_code == 302
    assert response["Location"] == reverse("assessment:list")
    user = User.objects.get(username="ndeye")
    assert (user.email, user.first_name, user.last_name) == (NEWCOMER, "Ndeye", "Diop")
    assert user.check_password("Correct-horse-42")
    assert user.memberships.get().role == Membership.Role.CONTRIBUTOR
    assert int(client.session["_auth_user_id"]) == user.pk
    invitation.refresh_from_db()
    assert invitation.accepted_by == user and invitation.accepted_at is not None


def test_a_weak_password_is_refused_and_nothing_is_created(client, senegal):
    _invitation, token = invite(senegal)
    weak = {**NEW_ACCOUNT, "password1": "12345678", "password2": "12345678"}
    response = client.post(accept_url(token), weak)
    assert response.status_code == 200
    assert response.context["form"].errors["password2"]
    assert not User.objects.filter(username="ndeye").exists()


def test_accepting_when_signed_in_adds_the_membership_in_one_click(client, senegal, focal_b):
    _invitation, token = invite(senegal, email="beatriz@example.org")
    focal_b.email = "Beatriz@Example.org"
    focal_b.save()
    client.force_login(focal_b)
    assert client.get(accept_url(token)).context["form"] is None
    response = client.post(accept_url(token))
    assert response["Location"] == reverse("assessment:list")
    assert focal_b.memberships.get(country=senegal).role == Membership.Role.CONTRIBUTOR
    assert User.objects.count() == 1


def test_accepting_when_already_a_member_updates_the_role(client, senegal, contributor_a, focal_a):
    _invitation, token = invite(
        senegal, email="alice@example.org", role=Membership.Role.FOCAL_POINT
    )
    contributor_a.email = "alice@example.org"
    contributor_a.save()
    client.force_login(contributor_a)
    client.post(accept_url(token))
    assert contributor_a.memberships.get().role == Membership.Role.FOCAL_POINT


def test_accepting_does_not_demote_the_last_focal_point(client, senegal, focal_a):
    invitation, token = invite(
        senegal, email="amadou@example.org", role=Membership.Role.CONTRIBUTOR
    )
    focal_a.email = "amadou@example.org"
    focal_a.save()
    client.force_login(focal_a)
    response = client.post(accept_url(token), follow=True)
    assert str(LAST_FOCAL_POINT) in text(response)
    assert focal_a.memberships.get().role == Membership.Role.FOCAL_POINT
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def used(country):
    return invite(country, accepted_at=timezone.now())


def revoked(country):
    return invite(country, revoked_at=timezone.now())


def expired(country):
    return invite(country, expires_at=timezone.now() - timedelta(minutes=1))


@pytest.mark.parametrize(
    "make, message",
    [(expired, INVITATION_EXPIRED), (used, INVITATION_USED), (revoked, INVITATION_REVOKED)],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_closed_invitation_says_why_and_creates_nothing(client, senegal, make, message, method):
    _invitation, token = make(senegal)
    response = getattr(client, method)(accept_url(token), NEW_ACCOUNT)
    assert response.status_code == 410
    assert str(message) in text(response)
    assert not User.objects.exists() and not Membership.objects.exists()


def test_an_unknown_invitation_link_says_so(client, senegal, analyst):
    client.force_login(analyst)
    response = client.post(accept_url("not-a-real-token"))
    assert response.status_code == 404
    assert str(INVITATION_UNKNOWN) in text(response)
    assert not Membership.objects.exists()


def test_an_invitation_works_only_once(client, senegal):
    _invitation, token = invite(senegal)
    client.post(accept_url(token), NEW_ACCOUNT)
    client.logout()
    again = {**NEW_ACCOUNT, "username": "someone-else"}
    response = client.post(accept_url(token), again)
    assert response.status_code == 410
    assert User.objects.count() == 1


# Changing the team


def test_a_focal_point_removes_a_member(client, senegal, focal_a, contributor_a):
    membership = contributor_a.memberships.get()
    client.force_login(focal_a)
    url = team_url(senegal, "accounts:membership_remove", membership.pk)
    response = client.post(url, {"confirmed": "1"})
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert User.objects.filter(pk=contributor_a.pk).exists()


def test_removing_a_member_first_says_what_it_does_and_removes_nothing(
    client, senegal, focal_a, contributor_a
):
    membership = contributor_a.memberships.get()
    client.force_login(focal_a)
    response = client.post(team_url(senegal, "accounts:membership_remove", membership.pk))
    assert response.status_code == 200
    page = text(response)
    assert "Remove alice from the team of Senegal?" in page
    assert "will no longer see the unpublished assessments of Senegal" in page
    assert 'name="confirmed" value="1"' in page
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_a_focal_point_changes_a_members_role(client, senegal, focal_a, contributor_a):
    membership = contributor_a.memberships.get()
    client.force_login(focal_a)
    url = team_url(senegal, "accounts:membership_role", membership.pk)
    client.post(url, {"role": "focal_point"})
    membership.refresh_from_db()
    assert membership.role == Membership.Role.FOCAL_POINT


def test_the_last_focal_point_cannot_remove_themselves(client, senegal, focal_a, contributor_a):
    membership = focal_a.memberships.get()
    client.force_login(focal_a)
    url = team_url(senegal, "accounts:membership_remove", membership.pk)
    response = client.post(url, {"confirmed": "1"}, follow=True)
    assert str(LAST_FOCAL_POINT) in text(response)
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_the_last_focal_point_cannot_step_down_to_contributor(client, senegal, focal_a):
    membership = focal_a.memberships.get()
    client.force_login(focal_a)
    url = team_url(senegal, "accounts:membership_role", membership.pk)
    response = client.post(url, {"role": "contributor"}, follow=True)
    assert str(LAST_FOCAL_POINT) in text(response)
    membership.refresh_from_db()
    assert membership.role == Membership.Role.FOCAL_POINT


def test_a_focal_point_leaves_when_another_focal_point_remains(client, senegal, focal_a):
    other = make_user("awa")
    Membership.objects.create(user=other, country=senegal, role=Membership.Role.FOCAL_POINT)
    client.force_login(focal_a)
    url = team_url(senegal, "accounts:membership_remove", focal_a.memberships.get().pk)
    response = client.post(url, {"confirmed": "1"})
    assert response["Location"] == reverse("home")
    assert not focal_a.memberships.exists()


def test_a_contributor_cannot_remove_a_member(client, senegal, focal_a, contributor_a):
    client.force_login(contributor_a)
    url = team_url(senegal, "accounts:membership_remove", focal_a.memberships.get().pk)
    assert client.post(url, {"confirmed": "1"}).status_code == 403
    assert focal_a.memberships.exists()


def test_a_membership_of_another_country_is_not_found_through_this_team(
    client, senegal, focal_a, focal_b
):
    client.force_login(focal_a)
    url = team_url(senegal, "accounts:membership_remove", focal_b.memberships.get().pk)
    assert client.post(url, {"confirmed": "1"}).status_code == 404
    assert focal_b.memberships.exists()


@pytest.mark.parametrize(
    "name", ["accounts:invitation_resend", "accounts:invitation_revoke",
             "accounts:membership_role", "accounts:membership_remove"],
)  # fmt: skip
def test_changes_to_the_team_answer_405_to_a_get(client, senegal, focal_a, name):
    client.force_login(focal_a)
    assert client.get(team_url(senegal, name, 1)).status_code == 405


def test_the_invitation_link_answers_405_to_a_put(client, senegal):
    _invitation, token = invite(senegal)
    assert client.put(accept_url(token)).status_code == 405


# Only the invited account accepts


def test_a_forwarded_link_gives_nothing_to_another_signed_in_account(client, senegal, focal_b):
    """The finding: whoever opened a leaked link while signed in became focal point."""
    focal_b.email = "beatriz@example.org"
    focal_b.save()
    invitation, token = invite(senegal, role=Membership.Role.FOCAL_POINT)  # to NEWCOMER
    client.force_login(focal_b)
    page = client.get(accept_url(token))
    assert page.status_code == 403
    assert str(INVITATION_FOR_ANOTHER_ACCOUNT % {"email": NEWCOMER}) in text(page)
    response = client.post(accept_url(token))
    assert response.status_code == 403
    assert not focal_b.memberships.filter(country=senegal).exists()
    invitation.refresh_from_db()
    assert invitation.is_pending and invitation.accepted_by is None


def test_an_account_without_an_email_address_cannot_accept_either(client, senegal, contributor_a):
    invitation, token = invite(senegal, email="alice@example.org", role="focal_point")
    client.force_login(contributor_a)  # no e-mail address
    assert client.post(accept_url(token)).status_code == 403
    assert contributor_a.memberships.get().role == Membership.Role.CONTRIBUTOR


def test_after_a_refusal_the_invited_person_still_joins(client, senegal, focal_b):
    _invitation, token = invite(senegal)
    client.force_login(focal_b)
    client.post(accept_url(token))
    client.logout()
    response = client.post(accept_url(token), NEW_ACCOUNT)
    assert response.status_code == 302
    assert User.objects.get(username="ndeye").memberships.get().country == senegal


def test_the_service_refuses_another_account_too(senegal, focal_b):
    invitation, _token = invite(senegal)
    with pytest.raises(InvitationForAnotherAccount):
        invitation_accept(invitation=invitation, user=focal_b)
    assert not Membership.objects.filter(user=focal_b, country=senegal).exists()


def test_a_refused_acceptance_is_in_the_countrys_audit_trail(client, senegal, focal_b):
    from audit.models import AuditEvent

    _invitation, token = invite(senegal)
    client.force_login(focal_b)
    client.post(accept_url(token))
    event = AuditEvent.objects.filter(event="invitation_refused").first()
    assert event.country == senegal and event.username == "beatriz"
    assert event.data["email"] == NEWCOMER
