"""Recovery codes (django-otp's static device): ten single-use codes, shown once when
two-factor sign-in is switched on, made again on demand with the password."""

import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.two_factor import WRONG_RECOVERY_CODE

pytestmark = pytest.mark.django_db

SIGN_IN = "/en/accounts/sign-in/"
CODE = "/en/accounts/sign-in/code/"
SETTINGS = "/en/accounts/two-factor/"
CODES = "/en/accounts/two-factor/recovery-codes/"
SHOWN = re.compile(r'<code class="user-select-all">([a-z2-7]{4}-[a-z2-7]{4})</code>')


def code_for(device, *, later=0) -> str:
    """The code the app shows now (or `later` time steps from now)."""
    return f"{totp(device.bin_key, t0=device.t0 - later * device.step):06d}"


def switch_on(client, analyst) -> list[str]:
    """Two-factor sign-in switched on; returns the recovery codes the page shows."""
    client.force_login(analyst)
    client.get(SETTINGS)
    device = TOTPDevice.objects.get(user=analyst)
    response = client.post(SETTINGS, {"code": code_for(device)})
    assert response.status_code == 200
    return SHOWN.findall(response.content.decode())


def sign_in_with(client, code: str):
    client.logout()
    client.post(SIGN_IN, {"username": "ana", "password": "password"})
    return client.post(CODE, {"code": code})


def test_switching_on_shows_ten_codes_once_and_keeps_them(client, analyst):
    codes = switch_on(client, analyst)
    assert len(codes) == 10 and len(set(codes)) == 10
    stored = set(StaticToken.objects.filter(device__user=analyst).values_list("token", flat=True))
    assert stored == {code.replace("-", "") for code in codes}
    page = client.get(SETTINGS).content.decode()
    assert not SHOWN.findall(page)  # never shown again
    assert "You have 10 unused recovery codes." in page


def test_the_codes_page_is_never_cached(client, analyst):
    client.force_login(analyst)
    client.get(SETTINGS)
    device = TOTPDevice.objects.get(user=analyst)
    response = client.post(SETTINGS, {"code": code_for(device)})
    assert response["Cache-Control"] == "private, no-store"


def test_a_recovery_code_signs_in_once(client, analyst):
    codes = switch_on(client, analyst)
    response = sign_in_with(client, codes[0].upper())
    assert response.status_code == 302
    home = client.get(reverse("home"))
    assert home.context["user"].is_authenticated and home.context["user"].is_verified()
    assert StaticToken.objects.filter(device__user=analyst).count() == 9
    again = sign_in_with(client, codes[0])
    assert again.status_code == 200
    assert str(WRONG_RECOVERY_CODE) in again.content.decode()


def test_signing_in_with_a_code_says_how_many_are_left(client, analyst):
    from audit.models import AuditEvent

    codes = switch_on(client, analyst)
    page = client.get(sign_in_with(client, codes[3].replace("-", ""))["Location"])
    assert "9 left" in page.content.decode()
    assert AuditEvent.objects.get(event="sign_in_recovery_code").data == {"codes_left": 9}


def test_new_codes_need_the_password_and_void_the_old_ones(client, analyst, settings):
    settings.OTP_STATIC_THROTTLE_FACTOR = 0  # django-otp's delay after a wrong code
    old = switch_on(client, analyst)
    refused = client.post(CODES, {"current_password": "not-mine"})
    assert refused.status_code == 400
    assert StaticToken.objects.filter(device__user=analyst).count() == 10
    new = SHOWN.findall(client.post(CODES, {"current_password": "password"}).content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    assert sign_in_with(client, old[0]).status_code == 200  # refused
    assert sign_in_with(client, new[0]).status_code == 302


def test_switching_two_factor_off_removes_the_codes(client, analyst):
    switch_on(client, analyst)
    device = TOTPDevice.objects.get(user=analyst)
    client.post("/en/accounts/two-factor/off/", {"current_password": "password",
                                                 "code": code_for(device, later=1)})  # fmt: skip
    assert not StaticDevice.objects.filter(user=analyst).exists()


def test_without_two_factor_there_are_no_codes_to_make(client, analyst):
    client.force_login(analyst)
    response = client.post(CODES, {"current_password": "password"})
    assert response["Location"] == SETTINGS
    assert not StaticToken.objects.exists()
