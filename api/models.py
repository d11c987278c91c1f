"""Personal API tokens: an analyst's script signs in with `Authorization: Token <key>`.

A token is shown once, when it is made; only its SHA-256 hash is stored, with the first
characters of the key to recognise it by. A plain hash (no salt, no slow hashing) is enough
for a key of 240 random bits: it cannot be guessed, only stolen, and lets a request find its
token with one indexed query. Every token expires; its owner or an administrator may revoke
it sooner. A token opens exactly what its owner's account may read.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

KEY_START = "mpf_"
SHOWN_CHARACTERS = len(KEY_START) + 8
# The time of last use is written at most once a minute: a script's burst costs one write.
LAST_USED_PRECISION = timedelta(minutes=1)


def new_key() -> str:
    return KEY_START + secrets.token_urlsafe(30)


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        """Tokens that sign their owner in today: not revoked, not past their expiry date."""
        return self.filter(revoked_at__isnull=True, expires_on__gte=timezone.localdate())

    def owned_by(self, user):
        """The user's own tokens."""
        return self.filter(user=user)


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    key_start = models.CharField(_("key starts with"), max_length=SHOWN_CHARACTERS)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_on = models.DateField(_("expires on"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "name"],
                condition=Q(revoked_at__isnull=True),
                name="api_token_name_unique_per_user",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.key_start}…)"

    @property
    def is_expired(self) -> bool:
        return self.expires_on < timezone.localdate()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and not self.is_expired

    def record_use(self) -> None:
        """Note that the token was used now (at most one write a minute)."""
        now = timezone.now()
        if self.last_used_at and now - self.last_used_at < LAST_USED_PRECISION:
            return
        ApiToken.objects.filter(pk=self.pk).update(last_used_at=now)
        self.last_used_at = now
