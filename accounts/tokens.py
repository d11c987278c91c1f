"""The signed token of an e-mail address change: made for one user, one new address and the
address they had, valid EMAIL_CHANGE_MAX_AGE. Nothing is stored: once the address changed,
the token no longer matches and cannot be used again."""

from dataclasses import dataclass

from django.core import signing

SALT = "accounts.email-change"
EMAIL_CHANGE_MAX_AGE = 2 * 24 * 60 * 60


@dataclass(frozen=True)
class EmailChange:
    user_id: int
    new_email: str
    old_email: str


def email_change_token(user, new_email: str) -> str:
    return signing.dumps({"u": user.pk, "e": new_email, "o": user.email}, salt=SALT)


def read_email_change_token(token: str) -> EmailChange | None:
    """The change a token asks for, or None when it is forged, damaged or too old."""
    try:
        data = signing.loads(token, salt=SALT, max_age=EMAIL_CHANGE_MAX_AGE)
        return EmailChange(int(data["u"]), str(data["e"]), str(data["o"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
