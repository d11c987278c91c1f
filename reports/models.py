"""PDF reports, built in the background and kept."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def report_upload_to(instance, filename):
    """Server-made storage name; the download view names the file for the reader."""
    from uuid import uuid4

    return f"reports/{uuid4().hex}.pdf"


class ReportFileQuerySet(models.QuerySet):
    def live(self):
        """Reports queued, being built or built: never built a second time."""
        return self.exclude(status=ReportFile.Status.FAILED)


class ReportFile(models.Model):
    """A PDF report, built in the background and kept until the data it shows change.

    `fingerprint` hashes everything the report shows (the data's change stamps, the
    language, the reader's visibility class, the template version): a request with the
    same fingerprint gets this file; `subject` hashes the same without the data, so that
    a newer build of the same report replaces the older files.
    """

    class Kind(models.TextChoices):
        COUNTRY = "country", _("Country report")
        REGIONAL = "regional", _("Regional report")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Being written")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    assessment = models.ForeignKey(
        "assessment.Assessment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="report_files",
    )
    parameters = models.JSONField(default=dict, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    visibility = models.CharField(max_length=200)
    subject = models.CharField(max_length=64, db_index=True)
    fingerprint = models.CharField(max_length=64, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    file = models.FileField(upload_to=report_upload_to, blank=True)
    filename = models.CharField(max_length=200)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ReportFileQuerySet.as_manager()

    class Meta:
        verbose_name = _("report file")
        verbose_name_plural = _("report files")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["fingerprint"],
                condition=~models.Q(status="failed"),
                name="one_live_report_per_fingerprint",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="regional") | models.Q(assessment__isnull=False),
                name="country_report_has_assessment",
            ),
        ]

    def __str__(self):
        return self.filename

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("reports:status", args=[self.pk])

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
