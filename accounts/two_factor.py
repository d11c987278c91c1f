"""Optional two-factor sign-in (TOTP, django-otp) for IGF analysts and administrators.

Somebody with a confirmed authenticator app signs in in two steps: the password first (the
user is remembered in the session as *pending*, not signed in), then the 6-digit code. Only
then does `finish_sign_in` call Django's `login()` (a new session key) and mark the session
as verified by the device (`request.user.is_verified()`).

Recovery codes (django-otp's static device) replace the app when the phone is lost: ten
codes made when two-factor sign-in is switched on, shown once, each good for one sign-in;
new ones can be made at any time, which voids the old ones. Like django-otp, the database
keeps them as they are, as it keeps the authenticator app's key.
"""

import base64
import time

import qrcode
import qrcode.image.svg
from django.contrib.auth import get_user_model, login
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .roles import is_igf_staff

PENDING_KEY = "two_factor_pending"
PENDING_SECONDS = 5 * 60
DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"
RECOVERY_CODES = 10

WRONG_CODE = _("This code is not right. Type the 6-digit code your authenticator app shows now.")
TOO_MANY_CODES = _("Too many wrong codes. Wait a minute, then type the code your app shows now.")
SIGN_IN_EXPIRED = _("Your sign-in took too long. Type your username and password again.")
WRONG_RECOVERY_CODE = _(
    "This recovery code is not right, or was used already. Each recovery code works once."
)


def can_use_two_factor(user) -> bool:
    return is_igf_staff(user)


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def device_to_confirm(user) -> TOTPDevice:
    """The user's unconfirmed device, made on first use so its key survives a reload."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def check_code(device: TOTPDevice, code: str):
    """None when the code is right (and then it cannot be used again), else the message."""
    allowed, _reason = device.verify_is_allowed()
    if not allowed:
        return TOO_MANY_CODES
    return None if device.verify_token(code) else WRONG_CODE


def confirm_device(request, device: TOTPDevice) -> None:
    """The code matched: the device now guards the account, and this session counts as
    verified by it."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)


def remove_devices(user) -> None:
    """Two-factor sign-in off: the authenticator app and the recovery codes go."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def new_recovery_codes(user) -> list[str]:
    """Ten new recovery codes, which void the previous ones; shown once, to the user."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def check_recovery_code(user, code: str) -> tuple[StaticDevice | None, str | None]:
    """(the device, None) when `code` is one of the user's recovery codes, which is then used
    up; (None, the message) otherwise. Wrong codes slow further tries down, as for the app."""
    device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return None, WRONG_RECOVERY_CODE
    allowed, _reason = device.verify_is_allowed()
    if not allowed:
        return None, TOO_MANY_CODES
    return (device, None) if device.verify_token(code) else (None, WRONG_RECOVERY_CODE)


def format_code(code: str) -> str:
    """abcd2345 is shown abcd-2345 (typed with or without the dash)."""
    return f"{code[:4]}-{code[4:]}"


def manual_key(device: TOTPDevice) -> str:
    """The secret in the groups of four letters that authenticator apps ask for."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_code_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// link as an SVG QR code, made here (no outside service sees the key)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode()


def start_pending_sign_in(request, user, redirect_to: str) -> None:
    request.session[PENDING_KEY] = {
        "user_id": user.pk,
        "backend": user.backend,
        "since": int(time.time()),
        "next": redirect_to,
    }


def pending_sign_in(request):
    """(user, redirect_to) of the sign-in waiting for its code, or None once expired."""
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending["since"] > PENDING_SECONDS:
        return None
    user = get_user_model().objects.filter(pk=pending["user_id"], is_active=True).first()
    if user is None:
        return None
    user.backend = pending["backend"]
    return user, pending["next"]


def cancel_pending_sign_in(request) -> None:
    request.session.pop(PENDING_KEY, None)


def finish_sign_in(request, user, device: TOTPDevice) -> None:
    cancel_pending_sign_in(request)
    login(request, user, backend=user.backend)
    otp_login(request, device)
