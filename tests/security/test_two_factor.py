"""Optional two-factor sign-in (TOTP) for IGF analysts and administrators."""

import time

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.account_views import TWO_FACTOR_FOR_IGF_ONLY, TWO_FACTOR_OFF, TWO_FACTOR_ON
from accounts.forms import WRONG_PASSWORD
from accounts.two_factor import PENDING_KEY, SIGN_IN_EXPIRED, TOO_MANY_CODES, WRONG_CODE
from accounts.views import LOCKED_OUT

pytestmark = pytest.mark.django_db

SIGN_IN = "/en/accounts/sign-in/"
CODE = "/en/accounts/sign-in/code/"
SETTINGS = "/en/accounts/two-factor/"
OFF = "/en/accounts/two-factor/off/"


def code_for(device, *, later=0) -> str:
    """The code the authenticator app shows now (or `later` time steps from now)."""
    return f"{totp(device.bin_key, t0=device.t0 - later * device.step):06d}"


def wrong_code_for(device) -> str:
    right = {code_for(device, later=step) for step in (-1, 0, 1)}
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in right)


@pytest.fixture
def analyst_device(analyst):
    return TOTPDevice.objects.create(user=analyst, name="Authenticator app", confirmed=True)


def test_an_analyst_sets_up_two_factor_by_scanning_a_qr_code_made_on_the_server(client, analyst):
    client.force_login(analyst)
    page = client.get(SETTINGS)
    html = page.content.decode()
    assert page.status_code == 200
    assert 'src="data:image/svg+xml;base64,' in html
    device = TOTPDevice.objects.get(user=analyst)
    assert not device.confirmed
    assert page.context["manual_key"].replace(" ", "") in device.config_url
    assert client.get(SETTINGS).context["manual_key"] == page.context["manual_key"]  # same key

    response = client.post(SETTINGS, {"code": code_for(device)}, follow=True)
    assert str(TWO_FACTOR_ON) in response.content.decode()
    device.refresh_from_db()
    assert device.confirmed
    assert response.context["user"].is_verified()


def test_a_wrong_code_does_not_switch_two_factor_on(client, analyst):
    client.force_login(analyst)
    client.get(SETTINGS)
    device = TOTPDevice.objects.get(user=analyst)
    response = client.post(SETTINGS, {"code": wrong_code_for(device)})
    assert str(WRONG_CODE) in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed


def test_an_administrator_may_set_it_up_and_ministry_staff_may_not(client, administrator, focal_a):
    client.force_login(administrator)
    assert client.get(SETTINGS).status_code == 200
    client.force_login(focal_a)
    response = client.get(SETTINGS)
    assert response.status_code == 403
    assert str(TWO_FACTOR_FOR_IGF_ONLY) in response.content.decode()


def test_the_settings_page_needs_a_signed_in_user_and_only_get_and_post(client, analyst):
    assert client.get(SETTINGS)["Location"].startswith(reverse("accounts:login"))
    client.force_login(analyst)
    assert client.delete(SETTINGS).status_code == 405


def test_with_a_device_the_password_alone_does_not_sign_in(client, analyst_device):
    response = client.post(SIGN_IN, {"username": "ana", "password": "password"})
    assert response.status_code == 302
    assert response["Location"] == CODE
    assert not client.get(reverse("home")).context["user"].is_authenticated


def test_the_right_code_signs_in_verified_and_goes_to_the_page_asked_for(client, analyst_device):
    client.post(SIGN_IN, {"username": "ana", "password": "password", "next": "/en/assessments/"})
    response = client.post(CODE, {"code": code_for(analyst_device)})
    assert response.status_code == 302
    assert response["Location"] == "/en/assessments/"
    user = client.get(reverse("home")).context["user"]
    assert user.is_authenticated
    assert user.is_verified()
    assert PENDING_KEY not in client.session


def test_a_wrong_code_does_not_sign_in(client, analyst_device):
    client.post(SIGN_IN, {"username": "ana", "password": "password"})
    response = client.post(CODE, {"code": wrong_code_for(analyst_device)})
    assert response.status_code == 200
    assert str(WRONG_CODE) in response.content.decode()
    assert not client.get(reverse("home")).context["user"].is_authenticated


def test_a_code_cannot_be_used_twice(client, analyst_device):
    code = code_for(analyst_device)
    client.post(SIGN_IN, {"username": "ana", "password": "password"})
    client.post(CODE, {"code": code})
    client.logout()
    client.post(SIGN_IN, {"username": "ana", "password": "password"})
    assert str(WRONG_CODE) in client.post(CODE, {"code": code}).content.decode()


def test_right_after_a_wrong_code_even_the_right_one_must_wait(client, analyst_device):
    client.post(SIGN_IN, {"username": "ana", "password": "password"})
    client.post(CODE, {"code": wrong_code_for(analyst_device)})
    response = client.post(CODE, {"code": code_for(analyst_device)})
    assert str(TOO_MANY_CODES) in response.content.decode()


def test_the_code_page_without_a_password_first_goes_back_to_sign_in(client, analyst_device):
    response = client.get(CODE, follow=True)
    assert response.redirect_chain[-1][0] == SIGN_IN
    assert str(SIGN_IN_EXPIRED) in response.content.decode()


def test_the_code_step_expires_after_five_minutes(client, analyst_device):
    client.post(SIGN_IN, {"username": "ana", "password": "password"})
    session = client.session
    session[PENDING_KEY]["since"] = int(time.time()) - 301
    session.save()
    response = client.post(CODE, {"code": code_for(analyst_device)})
    assert response["Location"] == SIGN_IN
    assert not client.get(reverse("home")).context["user"].is_authenticated


def test_guessing_codes_locks_the_account_out_like_wrong_passwords(
    client, analyst_device, settings
):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp's own delay would hide axes' lockout
    client.post(SIGN_IN, {"username": "ana", "password": "password"})
    wrong = wrong_code_for(analyst_device)
    for _ in range(4):
        assert client.post(CODE, {"code": wrong}).status_code == 200
    response = client.post(CODE, {"code": wrong})
    assert response.status_code == 429
    assert str(LOCKED_OUT % {"minutes": 15}) in response.content.decode()
    # the right code no longer helps, nor does the password
    assert client.post(CODE, {"code": code_for(analyst_device)}).status_code != 302
    assert client.post(SIGN_IN, {"username": "ana", "password": "password"}).status_code == 429


def test_switching_two_factor_off_needs_the_password_and_a_current_code(
    client, analyst_device, settings
):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    client.force_login(analyst_device.user)
    response = client.post(OFF, {"current_password": "password",
                                 "code": wrong_code_for(analyst_device)})  # fmt: skip
    assert response.status_code == 400
    assert str(WRONG_CODE) in response.content.decode()
    assert TOTPDevice.objects.filter(confirmed=True).exists()
    response = client.post(OFF, {"current_password": "password", "code": code_for(analyst_device)},
                           follow=True)  # fmt: skip
    assert str(TWO_FACTOR_OFF) in response.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    assert client.post(SIGN_IN, {"username": "ana", "password": "password"}).status_code == 302


def test_a_code_alone_does_not_switch_two_factor_off(client, analyst_device):
    """Somebody holding a signed-in session and the phone, but not the password (a stolen
    session, an unlocked laptop), cannot remove the second factor."""
    client.force_login(analyst_device.user)
    for url in (SETTINGS, OFF):
        client.post(url, {"code": code_for(analyst_device)})
    client.post(OFF, {"current_password": "guess-Word-123", "code": code_for(analyst_device)})
    assert TOTPDevice.objects.filter(user=analyst_device.user, confirmed=True).exists()


def test_a_wrong_password_is_named_as_such(client, analyst_device):
    client.force_login(analyst_device.user)
    response = client.post(OFF, {"current_password": "guess-Word-123",
                                 "code": code_for(analyst_device)})  # fmt: skip
    assert response.status_code == 400
    assert str(WRONG_PASSWORD) in response.content.decode()


def test_the_admin_signs_in_through_the_sites_sign_in_and_its_code(client, analyst_device):
    response = client.get("/en/admin/login/?next=/en/admin/")
    assert response.status_code == 302
    assert response["Location"] == f"{SIGN_IN}?next=/en/admin/"
