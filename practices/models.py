"""The library of case studies: short accounts of how a country handled an ASM practice,
written by IGF analysts, draft until published (docs/practices.md)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.roles import is_igf_staff


class CaseStudyQuerySet(models.QuerySet):
    def published(self):
        """Case studies anybody may read."""
        return self.filter(status=CaseStudy.Status.PUBLISHED)

    def readable_by(self, user):
        """Every case study for IGF staff, who write them; the published ones for others."""
        return self.all() if is_igf_staff(user) else self.published()

    def in_region(self, code: str):
        """Case studies of countries in a UN M49 region or sub-region (e.g. "002", "419")."""
        return self.filter(
            models.Q(country__m49_region=code) | models.Q(country__m49_subregion=code)
        )


class CaseStudy(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=200)
    country = models.ForeignKey(
        "countries.Country", on_delete=models.PROTECT, related_name="case_studies",
        verbose_name=_("country"),
    )  # fmt: skip
    minerals = models.CharField(
        _("minerals"), max_length=200, help_text=_("Separated by commas, e.g. gold, tin")
    )
    asm_type = models.CharField(
        _("type of ASM"), max_length=200, blank=True,
        help_text=_("e.g. alluvial gold mining by cooperatives"),
    )  # fmt: skip
    practice = models.TextField(_("the practice"))
    what_was_done = models.TextField(_("what was done"))
    results = models.TextField(_("results"))
    sources = models.TextField(
        _("sources and links"), blank=True, help_text=_("One source or link per line.")
    )
    indicators = models.ManyToManyField(
        "frameworks.Indicator", blank=True, related_name="case_studies",
        verbose_name=_("indicators it addresses"),
    )  # fmt: skip
    recommendations = models.ManyToManyField(
        "frameworks.Tag", blank=True, related_name="case_studies",
        verbose_name=_("recommendations to governments it illustrates"),
    )  # fmt: skip
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    original = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="translations",
        verbose_name=_("translation of"),
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(
        excluded_fields=["updated_at"], m2m_fields=[indicators, recommendations]
    )

    objects = CaseStudyQuerySet.as_manager()

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")
        ordering = ["-published_at", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["original", "language"], name="one_translation_per_language"
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(published_at__isnull=False),
                name="published_case_has_a_date",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("practices:case", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def mineral_list(self) -> list[str]:
        return [m.strip() for m in self.minerals.split(",") if m.strip()]

    def publish(self, user) -> None:
        self.status, self.published_at = self.Status.PUBLISHED, timezone.now()
        self._history_user = user
        self.save()

    def unpublish(self, user) -> None:
        self.status, self.published_at = self.Status.DRAFT, None
        self._history_user = user
        self.save()


class JustificationTranslation(models.Model):
    """A justification of a published rating in another language, so that peers read it in
    their own (IGF staff write them in the admin); the original stays the reference."""

    response = models.ForeignKey(
        "assessment.Response", on_delete=models.CASCADE, related_name="translations"
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    justification = models.TextField(_("justification"))
    translated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("translated justification")
        verbose_name_plural = _("translated justifications")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "language"], name="one_justification_per_language"
            )
        ]

    def __str__(self):
        return f"{self.response} · {self.language}"
