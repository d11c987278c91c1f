"""The assessment framework as data: versioned, with its scale, areas, recommendations and
indicators. Texts are translated with django-modeltranslation (see translation.py)."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class FrameworkQuerySet(models.QuerySet):
    def published(self):
        """Versions that assessments may use."""
        return self.filter(status=Framework.Status.PUBLISHED)

    def shown_to(self, user):
        """The versions `user` may browse: published ones; drafts too for the staff who
        author frameworks in the admin (`is_staff`)."""
        if user is not None and user.is_authenticated and user.is_staff:
            return self.all()
        return self.published()

    def latest_versions(self):
        """The newest version of each framework slug."""
        newest = Framework.objects.filter(slug=models.OuterRef("slug")).order_by("-version")
        return self.filter(pk=models.Subquery(newest.values("pk")[:1]))


class Framework(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    class ScoringMethod(models.TextChoices):
        """How indicator scores roll up (docs/scoring.md); the values are those of
        `assessment.scoring.Method`, the definition."""

        NESTED_MEANS = "nested_means", _("Nested means")
        RECOMMENDATION_MEAN = "recommendation_mean", _("Mean over recommendations")
        INDICATOR_MEAN = "indicator_mean", _("Mean over indicators")

    slug = models.SlugField(_("slug"), max_length=80)
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    allows_not_applicable = models.BooleanField(_("allows 'not applicable'"), default=True)
    scoring_method = models.CharField(
        _("scoring method"),
        max_length=30,
        choices=ScoringMethod.choices,
        default=ScoringMethod.NESTED_MEANS,
    )
    previous_version = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_versions",
        verbose_name=_("crosswalk from"),
        help_text=_("The earlier version this version's crosswalk maps from."),
    )
    content_hash = models.CharField(
        max_length=64, help_text=_("SHA-256 of the loaded content; equal content is not reloaded.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FrameworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("framework")
        verbose_name_plural = _("frameworks")
        ordering = ["slug", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "version"], name="unique_framework_version"),
            models.CheckConstraint(condition=models.Q(version__gte=1), name="version_from_one"),
            models.CheckConstraint(
                condition=models.Q(
                    scoring_method__in=["nested_means", "recommendation_mean", "indicator_mean"]
                ),
                name="known_scoring_method",
            ),
        ]

    def __str__(self):
        return f"{self.title} (v{self.version})"

    def get_absolute_url(self):
        return reverse("frameworks:detail", args=[self.slug, self.version])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def comparable_codes(self, earlier: Framework) -> dict[str, str] | None:
        """Indicator code in this version -> code in `earlier`, for the indicators that the
        crosswalks from `earlier` to this version call the same or reworded (every indicator
        when `earlier` is this version). None when this version does not descend from
        `earlier` through crosswalks: nothing may then be compared."""
        if earlier.pk == self.pk:
            codes = Indicator.objects.filter(recommendation__area__framework=self)
            return {code: code for code in codes.values_list("code", flat=True)}
        if self.previous_version_id is None:
            return None
        pairs = self.crosswalk_entries.filter(kind__in=CrosswalkEntry.COMPARABLE_KINDS)
        step = dict(pairs.values_list("indicators__code", "previous_indicators__code"))
        if self.previous_version_id == earlier.pk:
            return step
        before = self.previous_version.comparable_codes(earlier)
        if before is None:
            return None
        return {now: before[code] for now, code in step.items() if code in before}

    def crosswalk_sources(self) -> dict[str, list[str]]:
        """Indicator code of this version -> the codes of the previous version it comes from:
        one for a same, reworded or split indicator, several for a merged one, none for a
        new one. Empty without a crosswalk."""
        rows = self.crosswalk_entries.order_by("order").values_list(
            "indicators__code", "previous_indicators__code"
        )
        sources: dict[str, list[str]] = {}
        for now, before in rows:
            if now:
                sources.setdefault(now, [])
                if before and before not in sources[now]:
                    sources[now].append(before)
        return sources

    def descendant_codes(self, earlier: Framework) -> dict[str, list[str]] | None:
        """Indicator code in `earlier` -> the codes in this version it became, through the
        crosswalks (whatever the kind of change; a removed indicator has none). None when
        this version does not descend from `earlier`."""
        if earlier.pk == self.pk:
            codes = Indicator.objects.filter(recommendation__area__framework=self)
            return {code: [code] for code in codes.values_list("code", flat=True)}
        if self.previous_version_id is None:
            return None
        before = self.previous_version.descendant_codes(earlier)
        if before is None:
            return None
        step: dict[str, list[str]] = {}
        for now, sources in self.crosswalk_sources().items():
            for source in sources:
                step.setdefault(source, []).append(now)
        return {
            old: [new for mid in mids for new in step.get(mid, [])] for old, mids in before.items()
        }


class ScaleLevel(models.Model):
    """One level of a framework's rating scale, e.g. 2 "Partially in place" = 50%."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="levels")
    code = models.PositiveSmallIntegerField(_("code"))
    percentage = models.DecimalField(_("percentage"), max_digits=5, decimal_places=2)
    label = models.CharField(_("label"), max_length=100)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("scale level")
        verbose_name_plural = _("scale levels")
        ordering = ["framework", "code"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="unique_level_code"),
            models.CheckConstraint(
                condition=models.Q(percentage__gte=0, percentage__lte=100),
                name="percentage_between_0_and_100",
            ),
        ]

    def __str__(self):
        return f"{self.code} · {self.label} ({self.percentage:g}%)"


class Tag(models.Model):
    """A cross-reference an indicator can carry (a Minamata Annex C item, a recommendation)."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="tags")
    code = models.SlugField(_("code"), max_length=40)
    label = models.CharField(_("label"), max_length=200)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["framework", "code"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="unique_tag_code")
        ]

    def __str__(self):
        return self.label


class Area(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="areas")
    code = models.CharField(_("code"), max_length=20)
    order = models.PositiveSmallIntegerField(_("order"))
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=3, default=1)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["framework", "order"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="unique_area_code"),
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="area_weight_positive"),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"


class Recommendation(models.Model):
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="recommendations")
    code = models.CharField(_("code"), max_length=20)
    order = models.PositiveSmallIntegerField(_("order"))
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=3, default=1)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    source = models.TextField(_("source"), blank=True)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["area__order", "order"]
        constraints = [
            models.UniqueConstraint(fields=["area", "code"], name="unique_recommendation_code"),
            models.CheckConstraint(
                condition=models.Q(weight__gt=0), name="recommendation_weight_positive"
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"


class Indicator(models.Model):
    """An observable statement a country rates on the framework's scale."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.CharField(_("code"), max_length=20)
    order = models.PositiveSmallIntegerField(_("order"))
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=3, default=1)
    statement = models.TextField(_("statement"))
    guidance = models.TextField(_("guidance"), blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="indicators")

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["recommendation__area__order", "recommendation__order", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "code"], name="unique_indicator_code"
            ),
            models.CheckConstraint(
                condition=models.Q(weight__gt=0), name="indicator_weight_positive"
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.statement}"

    @property
    def anchor(self) -> str:
        """An HTML id safe in CSS selectors: "6.1.1.a" → "indicator-6-1-1-a"."""
        return "indicator-" + self.code.replace(".", "-")


class LevelGuidance(models.Model):
    """What the evidence looks like when an indicator is at a given level of the scale."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="level_guidance"
    )
    level_code = models.PositiveSmallIntegerField(_("level"))
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("level guidance")
        verbose_name_plural = _("level guidance")
        ordering = ["indicator", "level_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "level_code"], name="unique_guidance_per_level"
            )
        ]

    def __str__(self):
        return f"{self.indicator.code} · {self.level_code}"


class CrosswalkEntry(models.Model):
    """What became of indicators from the previous version (`Framework.previous_version`):
    one entry per change, so that rounds on different versions are compared like for like.

    Every indicator of the previous version is in exactly one entry's `previous_indicators`,
    every indicator of this version in exactly one entry's `indicators` (load_framework
    checks it). Only "same" and "reworded" indicators are comparable across the versions.
    """

    class Kind(models.TextChoices):
        SAME = "same", _("Same")
        REWORDED = "reworded", _("Reworded")
        SPLIT = "split", _("Split into")
        MERGED = "merged", _("Merged from")
        NEW = "new", pgettext_lazy("crosswalk: an indicator", "New")
        REMOVED = "removed", _("Removed")

    COMPARABLE_KINDS = (Kind.SAME, Kind.REWORDED)

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="crosswalk_entries"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    previous_indicators = models.ManyToManyField(
        Indicator,
        blank=True,
        related_name="+",
        verbose_name=_("indicators of the previous version"),
    )
    indicators = models.ManyToManyField(
        Indicator, blank=True, related_name="crosswalk_entries", verbose_name=_("indicators")
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("crosswalk entry")
        verbose_name_plural = _("crosswalk entries")
        ordering = ["framework", "order"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "order"], name="unique_crosswalk_order"),
            models.CheckConstraint(
                condition=models.Q(
                    kind__in=["same", "reworded", "split", "merged", "new", "removed"]
                ),
                name="known_crosswalk_kind",
            ),
        ]

    def __str__(self):
        return f"{self.framework} · {self.get_kind_display()}"

    @property
    def is_comparable(self) -> bool:
        return self.kind in self.COMPARABLE_KINDS
