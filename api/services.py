"""Writes to API tokens: made (the key is returned once, never stored) and revoked."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import SHOWN_CHARACTERS, ApiToken, key_hash, new_key

MAX_ACTIVE_TOKENS = 20
NAME_TAKEN = _("You already have a token named “%(name)s”: choose another name.")
TOO_MANY_TOKENS = _(
    "You have %(count)s active tokens, the most allowed: revoke one you no longer use first."
)


class TokenRefused(ValueError):
    """The token cannot be made; the message says why, in the user's language."""


def api_token_create(*, user, name: str, expires_on: date) -> tuple[ApiToken, str]:
    """A new token for `user` and its key, which is shown once and never stored."""
    if ApiToken.objects.owned_by(user).active().count() >= MAX_ACTIVE_TOKENS:
        raise TokenRefused(TOO_MANY_TOKENS % {"count": MAX_ACTIVE_TOKENS})
    key = new_key()
    try:
        with transaction.atomic():
            token = ApiToken.objects.create(
                user=user, name=name, expires_on=expires_on,
                key_start=key[:SHOWN_CHARACTERS], key_hash=key_hash(key),
            )  # fmt: skip
    except IntegrityError as error:
        raise TokenRefused(NAME_TAKEN % {"name": name}) from error
    return token, key


def api_token_revoke(*, token: ApiToken) -> None:
    """The token stops working at once; it stays listed, as revoked."""
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    token.refresh_from_db(fields=["revoked_at"])
