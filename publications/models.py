"""What has been published for everybody: frozen PDF editions of reports, the regional
reports analysts publish for a round, and publications scheduled for a later time."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EDITION_IS_FROZEN = "An edition never changes once issued; issue a new one instead."


def edition_upload_to(instance, filename):
    """Server-made storage name; the download names the file for the reader."""
    return f"editions/{uuid.uuid4().hex}.pdf"


class RegionalReportQuerySet(models.QuerySet):
    def public(self):
        """The regional reports anybody may read: published, never before their time."""
        return self.filter(published_at__isnull=False)


class RegionalReport(models.Model):
    """A round's regional report, as an analyst publishes it: the comparison of one framework
    version's round by a grouping of countries, as the public sees it, frozen in editions."""

    framework = models.ForeignKey(
        "frameworks.Framework", on_delete=models.PROTECT, related_name="regional_reports"
    )
    round = models.CharField(_("round"), max_length=20)
    grouping = models.CharField(_("grouping"), max_length=20)
    published_at = models.DateTimeField(_("published on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RegionalReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("regional report")
        verbose_name_plural = _("regional reports")
        ordering = ["-round", "grouping"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "round", "grouping"], name="one_regional_report_per_round"
            )
        ]

    def __str__(self):
        return f"{self.framework} {self.round} {self.grouping}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Edition(models.Model):
    """One language of one edition of a published report: a stored PDF that never changes.

    Publishing issues edition 1 in every language; a correction issues the next number and
    marks the earlier one superseded, with the reason (it stays downloadable). `sha256` is
    the file's checksum, shown on the download page; `fingerprint` identifies the content
    (reports.tasks.content_fingerprint), printed on the cover, which cannot hold its own hash.
    """

    assessment = models.ForeignKey(
        "assessment.Assessment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="editions",
    )
    regional_report = models.ForeignKey(
        RegionalReport, on_delete=models.PROTECT, null=True, blank=True, related_name="editions"
    )
    number = models.PositiveIntegerField(_("edition"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    file = models.FileField(upload_to=edition_upload_to)
    filename = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    fingerprint = models.CharField(_("content fingerprint"), max_length=64)
    framework = models.ForeignKey(
        "frameworks.Framework", on_delete=models.PROTECT, related_name="+"
    )
    scale = models.JSONField(
        _("rating scale"), help_text="[[code, percent, label], ...] of the scale used."
    )
    issued_at = models.DateTimeField(_("issued on"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    correction_reason = models.TextField(_("reason for the correction"), blank=True)
    superseded_at = models.DateTimeField(_("superseded on"), null=True, blank=True)
    superseded_reason = models.TextField(_("why it was superseded"), blank=True)

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["-issued_at", "-number", "language"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(assessment__isnull=True)
                ^ models.Q(regional_report__isnull=True),
                name="edition_of_one_report",
            ),
            models.UniqueConstraint(
                fields=["assessment", "number", "language"],
                condition=models.Q(assessment__isnull=False),
                name="one_country_edition_per_language",
            ),
            models.UniqueConstraint(
                fields=["regional_report", "number", "language"],
                condition=models.Q(regional_report__isnull=False),
                name="one_regional_edition_per_language",
            ),
            models.CheckConstraint(
                condition=models.Q(number=1) | ~models.Q(correction_reason=""),
                name="correction_has_a_reason",
            ),
        ]

    def __str__(self):
        return self.filename

    def save(self, *args, **kwargs):
        changed = kwargs.get("update_fields")
        if self.pk is not None and (
            changed is None or not set(changed) <= {"superseded_at", "superseded_reason"}
        ):
            raise ValidationError(EDITION_IS_FROZEN)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("publications:edition_download", args=[self.pk, self.filename])

    @property
    def is_superseded(self) -> bool:
        return self.superseded_at is not None


class ScheduledPublicationQuerySet(models.QuerySet):
    def pending(self):
        """Scheduled, neither done nor cancelled."""
        return self.filter(done_at__isnull=True, cancelled_at__isnull=True)

    def due(self, now=None):
        """Pending and at or past their time."""
        return self.pending().filter(publish_at__lte=now or timezone.now())


class ScheduledPublication(models.Model):
    """An assessment, or a round's regional report, to become public at a set time (an
    embargo). Until then it is simply not published: the visibility policy needs no
    exception. The task queue publishes it on time (`tasks.publish_scheduled`)."""

    assessment = models.ForeignKey(
        "assessment.Assessment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="scheduled_publications",
    )
    regional_report = models.ForeignKey(
        RegionalReport,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="scheduled_publications",
    )
    publish_at = models.DateTimeField(_("publishes on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)

    objects = ScheduledPublicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("scheduled publication")
        verbose_name_plural = _("scheduled publications")
        ordering = ["publish_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(assessment__isnull=True)
                ^ models.Q(regional_report__isnull=True),
                name="schedule_of_one_report",
            ),
            models.UniqueConstraint(
                fields=["assessment"],
                condition=models.Q(done_at__isnull=True, cancelled_at__isnull=True),
                name="one_pending_schedule_per_assessment",
            ),
            models.UniqueConstraint(
                fields=["regional_report"],
                condition=models.Q(done_at__isnull=True, cancelled_at__isnull=True),
                name="one_pending_schedule_per_regional_report",
            ),
        ]

    def __str__(self):
        return f"{self.assessment or self.regional_report} @ {self.publish_at:%Y-%m-%d %H:%M}"
