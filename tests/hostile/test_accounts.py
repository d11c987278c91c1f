"""Hostile input to the sign-in and to the team's invitations (sent and accepted)."""

from urllib.parse import quote

from axes.utils import reset as axes_reset
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import Invitation, Membership, User

from .conftest import check_answer, check_refusal, send, snapshot
from .strategies import form_data, hostile_text, languages

BOUNDED = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@BOUNDED
@given(data=form_data(["username", "password"]), language=languages())
def test_the_sign_in_refuses_hostile_input_with_a_message(client, contributor_a, data, language):
    axes_reset()  # examples share one transaction: earlier failures must not lock this one out
    before = snapshot()
    response = send(client, "post", f"/{language}/accounts/sign-in/", data)
    check_answer(response, language=language)
    assert response.status_code != 302  # nobody signs in with random input
    assert check_refusal(response, before, language=language)
    assert "_auth_user_id" not in client.session


@BOUNDED
@given(
    data=form_data(["email", "role"]).flatmap(
        lambda data: st.one_of(
            st.just(data),
            st.emails().map(lambda email: {**data, "email": email}),
        )
    ),
    language=languages(),
)
def test_an_invitation_refuses_hostile_input_without_sending_anything(
    client, focal_a, senegal, data, language
):
    from django.core import mail

    client.force_login(focal_a)
    before, sent = snapshot(), len(mail.outbox)
    response = send(client, "post", f"/{language}/accounts/team/SEN/invite/", data)
    if check_refusal(response, before, language=language):
        assert len(mail.outbox) == sent
        return
    assert Invitation.objects.filter(country=senegal).exists()
    assert len(mail.outbox) == sent + 1


@BOUNDED
@given(
    data=form_data(["username", "first_name", "last_name", "password1", "password2"]),
    language=languages(),
)
def test_accepting_an_invitation_refuses_hostile_input_without_creating_an_account(
    client, focal_a, senegal, data, language
):
    invitation = Invitation(country=senegal, email="new@example.org", role="contributor",
                            invited_by=focal_a)  # fmt: skip
    token = invitation.set_new_token()
    invitation.save()
    before = snapshot()
    response = send(client, "post", f"/{language}/accounts/invitations/{token}/", data)
    if not check_refusal(response, before, language=language):
        assert Membership.objects.filter(country=senegal, user__email="new@example.org").exists()
    Invitation.objects.filter(pk=invitation.pk).delete()
    User.objects.filter(email="new@example.org").delete()


@BOUNDED
@given(token=hostile_text(), language=languages())
def test_an_unknown_invitation_link_says_so_in_the_users_language(client, db, token, language):
    before = snapshot()
    response = send(client, "post", f"/{language}/accounts/invitations/{quote(token, safe='')}/")
    check_answer(response)
    assert response.status_code == 404
    check_refusal(response, before)


def test_an_unknown_invitation_link_is_explained_in_french(client, pillar6):
    from accounts.services import INVITATION_UNKNOWN

    response = client.get(reverse("accounts:invitation_accept", args=["nope"]).replace(
        "/en/", "/fr/"))  # fmt: skip
    assert response.status_code == 404
    with translation.override("fr"):
        message = str(INVITATION_UNKNOWN)
    with translation.override("en"):
        assert message != str(INVITATION_UNKNOWN)  # the catalogue has it
    assert message.replace("'", "&#x27;") in response.content.decode()
