"""A person's own account: password change and reset, e-mail address change. Changes ask for
the current password; a reset never says whether an account has the address typed."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from accounts.account_views import EMAIL_CHANGED, EMAIL_LINK_INVALID, EMAIL_LINK_SENT
from accounts.forms import SAME_EMAIL, WRONG_PASSWORD
from audit.models import AuditEvent
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
User = get_user_model()
LINK = re.compile(r"http://testserver(/\S+)")


def link_in(mail) -> str:
    return LINK.search(mail.body).group(1)


def test_the_account_page_links_to_each_change(client, contributor_a):
    client.force_login(contributor_a)
    page = client.get(reverse("accounts:account")).content.decode()
    for name in ("accounts:password_change", "accounts:email_change"):
        assert reverse(name) in page
    assert reverse("accounts:two_factor") not in page  # IGF staff only
    assert reverse("accounts:account") in page  # the menu's link to it


def test_the_account_pages_need_a_signed_in_user(client):
    for name in ("accounts:account", "accounts:password_change", "accounts:email_change"):
        assert client.get(reverse(name))["Location"].startswith(reverse("accounts:login"))


# Password change


def test_changing_the_password_asks_for_the_current_one(client, contributor_a):
    client.force_login(contributor_a)
    url = reverse("accounts:password_change")
    new = {"new_password1": "Granite-river-42", "new_password2": "Granite-river-42"}
    response = client.post(url, {"old_password": "not-it", **new})
    assert response.status_code == 200 and response.context["form"].errors["old_password"]
    contributor_a.refresh_from_db()
    assert contributor_a.check_password("password")
    response = client.post(url, {"old_password": "password", **new})
    assert response["Location"] == reverse("accounts:account")
    contributor_a.refresh_from_db()
    assert contributor_a.check_password("Granite-river-42")
    assert client.get(reverse("accounts:account")).status_code == 200  # still signed in
    assert AuditEvent.objects.filter(event="password_changed", user=contributor_a).exists()


def test_a_password_change_signs_out_the_other_sessions(client, contributor_a):
    other = type(client)()
    other.force_login(contributor_a)
    client.force_login(contributor_a)
    client.post(reverse("accounts:password_change"), {
        "old_password": "password", "new_password1": "Granite-river-42",
        "new_password2": "Granite-river-42"})  # fmt: skip
    assert other.get(reverse("accounts:account")).status_code == 302


# E-mail address change


def test_changing_the_email_address_asks_for_the_password_and_confirms_the_new_address(
    client, contributor_a, mailoutbox, committed
):
    contributor_a.email = "alice@example.org"
    contributor_a.save()
    client.force_login(contributor_a)
    url = reverse("accounts:email_change")
    wrong = client.post(url, {"email": "alice@new.example", "current_password": "nope"})
    assert str(WRONG_PASSWORD) in wrong.content.decode()
    with translation.override("fr"):
        response = committed(client.post, "/fr/accounts/account/email/",
                             {"email": "Alice@New.example", "current_password": "password"})  # fmt: skip
    assert response["Location"] == "/fr/accounts/account/"
    contributor_a.refresh_from_db()
    assert contributor_a.email == "alice@example.org"  # not before the link is opened
    confirm, notice = sorted(mailoutbox, key=lambda mail: mail.to != ["alice@new.example"])
    assert confirm.to == ["alice@new.example"] and notice.to == ["alice@example.org"]
    assert "alice@new.example" in notice.body
    link = link_in(confirm)
    assert link.startswith("/fr/accounts/account/email/")
    assert client.get(link).status_code == 200
    done = client.post(link, follow=True)
    contributor_a.refresh_from_db()
    assert contributor_a.email == "alice@new.example"
    with translation.override("fr"):
        assert str(EMAIL_CHANGED % {"email": "alice@new.example"}) in done.content.decode()
    # used once: the address has changed since
    assert client.post(link).status_code == 404
    assert AuditEvent.objects.filter(event="email_changed", user=contributor_a).exists()


def test_the_confirmation_link_works_only_for_its_own_account(
    client, contributor_a, focal_a, mailoutbox, committed
):
    client.force_login(contributor_a)
    committed(client.post, reverse("accounts:email_change"),
              {"email": "alice@new.example", "current_password": "password"})  # fmt: skip
    link = link_in(next(m for m in mailoutbox if m.to == ["alice@new.example"]))
    client.force_login(focal_a)
    response = client.post(link)
    assert response.status_code == 404
    assert str(EMAIL_LINK_INVALID) in response.content.decode()
    focal_a.refresh_from_db()
    assert focal_a.email == ""


def test_a_forged_confirmation_link_changes_nothing(client, contributor_a):
    client.force_login(contributor_a)
    assert client.post(reverse("accounts:email_confirm", args=["forged:token"])).status_code == 404


def test_the_same_address_again_is_refused(client, contributor_a):
    contributor_a.email = "alice@example.org"
    contributor_a.save()
    client.force_login(contributor_a)
    response = client.post(reverse("accounts:email_change"),
                           {"email": "ALICE@example.org", "current_password": "password"})  # fmt: skip
    assert str(SAME_EMAIL) in response.content.decode()
    assert str(EMAIL_LINK_SENT % {"email": "alice@example.org"}) not in response.content.decode()


# Forgot your password?


def test_the_sign_in_page_offers_a_password_reset(client):
    page = client.get(reverse("accounts:login")).content.decode()
    assert "Forgot your password?" in page and reverse("accounts:password_reset") in page


def test_a_reset_link_in_the_users_language_lets_them_choose_a_new_password(
    client, mailoutbox, committed
):
    user = make_user("zoe", email="zoe@example.org")
    response = committed(client.post, "/es/accounts/password-reset/", {"email": "ZOE@example.org"})
    assert response["Location"] == "/es/accounts/password-reset/sent/"
    [mail] = mailoutbox
    assert mail.to == ["zoe@example.org"]
    with translation.override("es"):
        assert "contraseña" in (mail.subject + mail.body).lower()
    link = link_in(mail)
    assert link.startswith("/es/accounts/password-reset/")
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    new = {"new_password1": "Granite-river-42", "new_password2": "Granite-river-42"}
    done = client.post(form_page.redirect_chain[-1][0], new)
    assert done["Location"] == "/es/accounts/password-reset/done/"
    user.refresh_from_db()
    assert user.check_password("Granite-river-42")
    assert not client.get(link, follow=True).context["validlink"]  # used once
    assert AuditEvent.objects.filter(event="password_reset_done", user=user).exists()


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, mailoutbox, committed):
    make_user("zoe", email="zoe@example.org")
    known = committed(client.post, reverse("accounts:password_reset"), {"email": "zoe@example.org"})
    unknown = committed(client.post, reverse("accounts:password_reset"),
                        {"email": "nobody@example.org"})  # fmt: skip
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert [m.to for m in mailoutbox] == [["zoe@example.org"]]
    page = client.get(known["Location"]).content.decode()
    assert "If an account has this e-mail address" in page


def test_the_reset_email_is_sent_after_the_commit_by_the_worker(client, mailoutbox):
    """Nothing is sent inside the request: the task worker sends it."""
    make_user("zoe", email="zoe@example.org")
    client.post(reverse("accounts:password_reset"), {"email": "zoe@example.org"})
    assert mailoutbox == []
