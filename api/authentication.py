"""`Authorization: Token <key>` with a personal API token (api/models.py)."""

from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from .models import ApiToken, key_hash

INVALID_TOKEN = _("This API token is not valid. Check that you copied it whole.")
EXPIRED_TOKEN = _(
    "This API token has expired or was revoked: make a new one on the API tokens page."
)
INACTIVE_USER = _("The account of this API token is disabled.")


class ApiTokenAuthentication(TokenAuthentication):
    """Signs the caller in as the token's owner; the view gets the token as `request.auth`."""

    keyword = "Token"

    def authenticate_credentials(self, key):
        token = ApiToken.objects.select_related("user").filter(key_hash=key_hash(key)).first()
        if token is None:
            raise AuthenticationFailed(INVALID_TOKEN)
        if not token.is_active:
            raise AuthenticationFailed(EXPIRED_TOKEN)
        if not token.user.is_active:
            raise AuthenticationFailed(INACTIVE_USER)
        token.record_use()
        return token.user, token
