"""The audit trail kept in the database: one row per event of config.security.audit().

Who reads it is decided here: administrators every event, a country's focal points the
events about their country (through the roles of accounts/roles.py), nobody else any.
"""

import json
import logging
from datetime import timedelta

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role, country_roles, is_igf_staff

from .events import label_of

# What the log line carries that has a column of its own.
COLUMNS = {"user", "user_id", "ip", "method", "path", "country_id"}


def retention_days() -> int:
    """How long events are kept (setting AUDIT_RETENTION_DAYS, two years by default)."""
    return settings.AUDIT_RETENTION_DAYS


class AuditEventQuerySet(models.QuerySet):
    def readable_by(self, user):
        """The events `user` may read: all for administrators, their countries' for focal
        points, none for anybody else."""
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(country_id__in=focal_point_countries(user))

    def older_than(self, days: int):
        """Events recorded more than `days` days ago."""
        return self.filter(created_at__lt=timezone.now() - timedelta(days=days))


def focal_point_countries(user) -> list[int]:
    """The countries where `user` is a focal point."""
    return [country for country, role in country_roles(user).items() if role == Role.FOCAL_POINT]


def may_read_audit(user) -> bool:
    """Administrators and focal points have an audit page (analysts have none: no query)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or is_igf_staff(user):
        return user.is_superuser
    return bool(focal_point_countries(user))


class AuditEvent(models.Model):
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    event = models.CharField(_("event"), max_length=64)
    level = models.CharField(_("level"), max_length=10)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The signed-in user's name, kept if the account goes; or the name typed at a failed
    # sign-in.
    username = models.CharField(_("username"), max_length=150, blank=True)
    ip = models.CharField(_("address"), max_length=64, blank=True)
    method = models.CharField(max_length=10, blank=True)
    path = models.CharField(_("path"), max_length=500, blank=True)
    country = models.ForeignKey(
        "countries.Country",
        verbose_name=_("country"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    data = models.JSONField(_("details"), default=dict, blank=True, encoder=DjangoJSONEncoder)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["event", "-created_at"], name="audit_event_time"),
            models.Index(fields=["country", "-created_at"], name="audit_country_time"),
        ]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.event} {self.username}"

    @property
    def label(self) -> str:
        return label_of(self.event)

    @property
    def details(self) -> list[tuple[str, str]]:
        """The event's other fields, for the audit page."""
        return [(key.replace("_", " "), _shown(value)) for key, value in self.data.items()]


def record_event(sender, *, event: str, level: int, user, fields: dict, **kwargs) -> None:
    """Keep an event of config.security.audit() (the receiver of its `audit_recorded`)."""
    country_id = fields.get("country_id")
    AuditEvent.objects.create(
        event=_text(event, 64),
        level=logging.getLevelName(level),
        user=user,
        username=_text(fields.get("user") or fields.get("username") or "", 150),
        ip=_text(fields.get("ip", ""), 64),
        method=_text(fields.get("method", ""), 10),
        path=_text(fields.get("path", ""), 500),
        country_id=country_id if isinstance(country_id, int) else None,
        data=_clean({key: value for key, value in fields.items() if key not in COLUMNS}),
    )


def _text(value, length: int) -> str:
    """Text a database column takes: no NUL (PostgreSQL refuses it), cut to the length."""
    return str(value).replace("\x00", "")[:length]


def _clean(data: dict) -> dict:
    """Plain JSON without NUL characters (PostgreSQL's jsonb refuses \\u0000), long texts cut."""
    plain = json.loads(json.dumps(data, cls=DjangoJSONEncoder, default=str))
    return {_text(key, 100): _clean_value(value) for key, value in plain.items()}


def _clean_value(value):
    if isinstance(value, str):
        return _text(value, 2000)
    if isinstance(value, list):
        return [_clean_value(item) for item in value[:100]]
    if isinstance(value, dict):
        return _clean(value)
    return value


def _shown(value) -> str:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else str(value)
