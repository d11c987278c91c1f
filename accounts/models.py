import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in: ministry staff, an IGF analyst or an administrator.

    Ministry staff reach their country through a Membership; analysts see every country.
    """

    is_analyst = models.BooleanField(
        _("IGF analyst"),
        default=False,
        help_text=_("Reads, reviews and compares every country's assessments."),
    )
    preferred_language = models.CharField(_("preferred language"), max_length=8, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def is_igf_staff(self) -> bool:
        """IGF analysts and administrators: every country, every status, any group size."""
        return self.is_superuser or self.is_analyst


class Membership(models.Model):
    """A user's role in one country's team."""

    class Role(models.TextChoices):
        CONTRIBUTOR = "contributor", _("Contributor")
        FOCAL_POINT = "focal_point", _("Focal point")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    country = models.ForeignKey(
        "countries.Country", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "country"], name="one_membership_per_country")
        ]

    def __str__(self):
        return f"{self.user} · {self.country} · {self.get_role_display()}"


def invitation_ttl_days() -> int:
    """How many days an invitation link works (setting INVITATION_TTL_DAYS, default 14)."""
    return getattr(settings, "INVITATION_TTL_DAYS", 14)


def invitation_expiry():
    """When an invitation sent now stops working."""
    return timezone.now() + timedelta(days=invitation_ttl_days())


def hash_token(token: str) -> str:
    """Only this hash is stored: a leaked database does not leak working invitation links."""
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def open(self):
        """Invitations neither accepted nor revoked (some may have expired)."""
        return self.filter(accepted_at=None, revoked_at=None)

    def pending(self):
        """Invitations that can still be accepted."""
        return self.open().filter(expires_at__gt=timezone.now())

    def with_token(self, token: str):
        """The invitation whose e-mailed link carries this token."""
        return self.filter(token_hash=hash_token(token))


class Invitation(models.Model):
    """An e-mailed link that lets one person join one country's team with a given role.

    The raw token is only in the e-mail; the database keeps its SHA-256 hash.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked")
        ACCEPTED = "accepted", _("Accepted")

    country = models.ForeignKey(
        "countries.Country", on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=20, choices=Membership.Role.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="invitations_sent"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), default=invitation_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations_accepted",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            # Expiry is not known to the database: an expired open invitation is revoked
            # by invitation_create before a new one is made for the same address.
            models.UniqueConstraint(
                fields=["country", "email"],
                condition=models.Q(accepted_at=None, revoked_at=None),
                name="one_open_invitation_per_country_and_email",
            ),
            models.CheckConstraint(
                condition=models.Q(email=Lower("email")), name="invitation_email_is_lowercase"
            ),
        ]

    def __str__(self):
        return f"{self.email} · {self.country} · {self.get_role_display()}"

    @property
    def status(self) -> "Invitation.Status":
        if self.accepted_at:
            return self.Status.ACCEPTED
        if self.expires_at <= timezone.now():
            return self.Status.EXPIRED
        if self.revoked_at:
            return self.Status.REVOKED
        return self.Status.PENDING

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    def set_new_token(self) -> str:
        """Give the invitation a fresh token and return it raw (for the e-mail only)."""
        token = secrets.token_urlsafe(32)
        self.token_hash = hash_token(token)
        return token

    def revoke(self) -> None:
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])
