"""A country's assessment of one framework version in one round, indicator by indicator."""

import datetime
import uuid
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.roles import country_roles, is_igf_staff

from .citations import legal_citation


class AssessmentQuerySet(models.QuerySet):
    """Who may see which assessment is decided here, and only here.

    - IGF staff (analysts, administrators) read every assessment in every status.
    - Ministry staff read their own countries' assessments in every status, and every
      country's published ones.
    - Everybody, signed in or not, reads published assessments.

    Figures (comparisons, averages, the change since an earlier round) draw only on
    assessments the user may read that are finished: validated, published or confidential;
    IGF staff may ask for unfinished ones too, which are then labelled as drafts.
    """

    def countable(self):
        """Assessments whose figures count in comparisons: validated or published."""
        return self.filter(status__in=Assessment.COUNTABLE_STATUSES)

    def published(self):
        """Assessments anybody may read."""
        return self.filter(status=Assessment.Status.PUBLISHED)

    def readable_by(self, user):
        """The assessments `user` (None or anonymous: a visitor) may open."""
        if is_igf_staff(user):
            return self.all()
        visible = models.Q(status=Assessment.Status.PUBLISHED)
        own_countries = list(country_roles(user))
        if own_countries:
            visible |= models.Q(country_id__in=own_countries)
        return self.filter(visible)

    def comparable_for(self, user, *, statuses=None, include_drafts: bool = False):
        """The assessments whose figures `user` may see: readable and finished (or of the
        given `statuses`); unfinished ones too with `include_drafts`, for IGF staff only."""
        statuses = {str(status) for status in (statuses or Assessment.COUNTABLE_STATUSES)}
        if not is_igf_staff(user):
            statuses &= {str(status) for status in Assessment.COUNTABLE_STATUSES}
        elif include_drafts:
            statuses |= set(Assessment.DRAFT_STATUSES)
        return self.readable_by(user).filter(status__in=sorted(statuses))

    def for_teams_of(self, user):
        """The assessments of the countries whose team `user` is in (every country for IGF
        staff): the ones they work on, as opposed to the ones they may merely read."""
        if is_igf_staff(user):
            return self.all()
        return self.filter(country_id__in=list(country_roles(user)))

    def with_profile_facts(self, facts):
        """The assessments whose ASM profile states every one of `facts` (AsmProfile.FACTS)."""
        condition = models.Q()
        for fact in facts:
            condition &= AsmProfile.FACTS[fact]
        return self.filter(condition)

    def earlier_rounds_of(self, assessment):
        """The same country's assessments of earlier rounds, the latest first."""
        return self.filter(country_id=assessment.country_id, round__lt=assessment.round).order_by(
            "-round"
        )

    def previous_round_of(self, assessment, user):
        """The country's latest earlier finished assessment whose figures `user` may see, or
        None: a round the user may not read is never compared with, nor mentioned."""
        earlier = self.comparable_for(user).earlier_rounds_of(assessment)
        return earlier.select_related("framework").first()


class Assessment(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        IN_REVIEW = "in_review", _("In review")
        VALIDATED = "validated", _("Validated")
        PUBLISHED = "published", _("Published")
        CONFIDENTIAL = "confidential", _("Validated, confidential")

    COUNTABLE_STATUSES = [Status.VALIDATED, Status.PUBLISHED, Status.CONFIDENTIAL]
    EDITABLE_STATUSES = [Status.DRAFT]
    # Unfinished: counted in no figure unless IGF staff ask for drafts.
    DRAFT_STATUSES = [Status.DRAFT, Status.SUBMITTED, Status.IN_REVIEW]

    country = models.ForeignKey(
        "countries.Country", on_delete=models.PROTECT, related_name="assessments"
    )
    framework = models.ForeignKey(
        "frameworks.Framework", on_delete=models.PROTECT, related_name="assessments"
    )
    round = models.CharField(
        _("round"), max_length=20, help_text=_('The assessment round, e.g. "2026".')
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["country__iso3", "-round"]
        constraints = [
            models.UniqueConstraint(fields=["country", "round"], name="one_assessment_per_round")
        ]

    def __str__(self):
        return f"{self.country} {self.round}"

    def get_absolute_url(self):
        return reverse("assessment:detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATUSES

    @property
    def is_countable(self) -> bool:
        return self.status in self.COUNTABLE_STATUSES


class Response(models.Model):
    """The country's answer for one indicator: a rating, its justification and evidence.

    `version` grows by one with every save; a save based on an older version is refused
    (optimistic locking), so two colleagues never overwrite each other silently.
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="responses")
    indicator = models.ForeignKey(
        "frameworks.Indicator", on_delete=models.PROTECT, related_name="responses"
    )
    level = models.ForeignKey(
        "frameworks.ScaleLevel",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("rating"),
    )
    not_applicable = models.BooleanField(_("not applicable"), default=False)
    not_applicable_reason = models.TextField(_("reason it does not apply"), blank=True)
    justification = models.TextField(_("justification"), blank=True)
    target_level = models.ForeignKey(
        "frameworks.ScaleLevel",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("target level"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_responses",
        verbose_name=_("assigned to"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = [
            "indicator__recommendation__area__order",
            "indicator__recommendation__order",
            "indicator__order",
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "indicator"], name="one_response_per_indicator"
            ),
            models.CheckConstraint(
                condition=~models.Q(not_applicable=True, level__isnull=False),
                name="not_applicable_has_no_level",
            ),
        ]

    def __str__(self):
        return f"{self.assessment} · {self.indicator.code}"

    @property
    def is_rated(self) -> bool:
        return self.level_id is not None

    @property
    def is_answered(self) -> bool:
        """Rated, or not applicable with a reason: what submission requires."""
        return self.is_rated or (self.not_applicable and bool(self.not_applicable_reason.strip()))


class StoredScores(models.Model):
    """An assessment's roll-up scores as the scoring engine computes them from its responses
    (assessment/rollups.py): kept so that comparisons, trends and dashboards read one row per
    assessment instead of every response. Written by the service that saves a rating and by
    `manage.py rebuild_scores`; `manage.py verify_scores` checks them against the engine.
    Scores are percentages (None: nothing rated). `areas` and `recommendations` hold one list
    per field, in the framework's order: codes, score, rated, not_applicable, missing (and the
    recommendations' area_codes)."""

    assessment = models.OneToOneField(
        Assessment, on_delete=models.CASCADE, primary_key=True, related_name="stored_scores"
    )
    # The framework content these scores were computed on: another hash means stale.
    framework_hash = models.CharField(max_length=64)
    pillar = models.FloatField(null=True)
    rated = models.PositiveIntegerField()
    not_applicable = models.PositiveIntegerField()
    missing = models.PositiveIntegerField()
    areas = models.JSONField()
    recommendations = models.JSONField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("stored scores")
        verbose_name_plural = _("stored scores")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pillar__isnull=True) | models.Q(pillar__gte=0, pillar__lte=100),
                name="stored_pillar_is_a_percentage",
            ),
        ]

    def __str__(self):
        return f"{self.assessment_id}: {self.pillar}"


def evidence_upload_to(instance, filename):
    """Server-made storage name: the user's file name is kept only as metadata."""
    return f"evidence/{instance.response.assessment_id}/{uuid.uuid4().hex}"


class Evidence(models.Model):
    class Kind(models.TextChoices):
        LEGAL = "legal", _("Legal reference")
        DOCUMENT = "document", _("Document")
        LINK = "link", _("Web link")

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    instrument = models.CharField(
        _("legal instrument"),
        max_length=300,
        blank=True,
        help_text=_("e.g. Mining Code, Law No. 2016-32"),
    )
    article = models.CharField(_("article"), max_length=100, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to=evidence_upload_to, blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["response", "created_at", "pk"]

    def __str__(self):
        return self.title

    @property
    def citation(self) -> str:
        """A legal reference in one line, each part once (assessment/citations.py)."""
        return legal_citation(
            title=self.title, instrument=self.instrument, article=self.article, day=self.date
        )


class Comment(models.Model):
    """One message of the thread on an indicator, between IGF analysts and the ministry."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["response", "created_at", "pk"]

    def __str__(self):
        return self.body[:60]

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None


class RoundDeadline(models.Model):
    """The date by which every country's assessment of a round is to be submitted, set by
    IGF analysts."""

    round = models.CharField(_("round"), max_length=20, unique=True)
    submission_deadline = models.DateField(_("submission deadline"))
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("round deadline")
        verbose_name_plural = _("round deadlines")
        ordering = ["-round"]

    def __str__(self):
        return f"{self.round}: {self.submission_deadline}"


class Transition(models.Model):
    """A recorded move of an assessment through the workflow, with who, when and why."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(_("action"), max_length=30)
    from_status = models.CharField(max_length=20, choices=Assessment.Status.choices)
    to_status = models.CharField(max_length=20, choices=Assessment.Status.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")
        ordering = ["assessment", "created_at", "pk"]

    def __str__(self):
        return f"{self.assessment}: {self.from_status} → {self.to_status}"


class AsmProfile(models.Model):
    """The country's artisanal and small-scale mining in brief, for one round: the context
    analysts need to judge "not applicable" answers and to compare countries. The country
    team fills it; each figure comes with its source and the year it describes."""

    class MinamataStatus(models.TextChoices):
        PARTY = "party", _("Party")
        SIGNATORY = "signatory", _("Signatory, not yet a party")
        NOT_PARTY = "not_party", _("Not a party")

    class EitiStatus(models.TextChoices):
        IMPLEMENTING = "implementing", _("Implementing country")
        SUSPENDED = "suspended", _("Implementing country, suspended")
        NOT_IMPLEMENTING = "not_implementing", _("Not implementing EITI")

    # The figures, grouped as the page, the workbook and the report show them: each group's
    # figures, then the group's source and year (the `_source` and `_year` fields).
    GROUPS = {
        "minerals": ("minerals", "asm_types", "regions"),
        "workforce": ("workforce_total", "workforce_women"),
        "production": ("production",),
        "formalised": ("formalised_share",),
        "minamata": ("minamata_status", "minamata_notification", "minamata_plan"),
        "eiti": ("eiti_status",),
    }

    # What a comparison may be narrowed to ("countries with a national action plan"), as
    # conditions on assessments (scores/query.py names them for readers).
    FACTS = {
        "national_action_plan": models.Q(profile__minamata_plan__isnull=False),
        "minamata_party": models.Q(profile__minamata_status="party"),
        "minamata_notification": models.Q(profile__minamata_notification__isnull=False),
        "eiti": models.Q(profile__eiti_status__in=["implementing", "suspended"]),
    }

    assessment = models.OneToOneField(Assessment, on_delete=models.CASCADE, related_name="profile")
    minerals = models.CharField(
        _("main minerals"), max_length=300, blank=True, help_text=_("e.g. gold, tin, gemstones")
    )
    asm_types = models.TextField(
        _("types of ASM"),
        blank=True,
        help_text=_("e.g. alluvial gold panning, hard-rock tunnels, quarrying of sand and gravel"),
    )
    regions = models.TextField(_("main ASM regions"), blank=True)
    minerals_source = models.CharField(_("source"), max_length=300, blank=True)
    minerals_year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    workforce_total = models.PositiveIntegerField(
        _("ASM workforce (estimate)"), null=True, blank=True
    )
    workforce_women = models.PositiveIntegerField(_("of whom women"), null=True, blank=True)
    workforce_source = models.CharField(_("source"), max_length=300, blank=True)
    workforce_year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    production = models.TextField(
        _("production estimates"),
        blank=True,
        help_text=_("Per mineral, with units, e.g. gold: about 4 tonnes a year"),
    )
    production_source = models.CharField(_("source"), max_length=300, blank=True)
    production_year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    formalised_share = models.DecimalField(
        _("share of miners who are formalised (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Miners working under a permit or in a registered organisation."),
    )
    formalised_source = models.CharField(_("source"), max_length=300, blank=True)
    formalised_year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    minamata_status = models.CharField(
        _("Minamata Convention"), max_length=20, choices=MinamataStatus.choices, blank=True
    )
    minamata_notification = models.DateField(
        _("Article 7.3 notification"),
        null=True,
        blank=True,
        help_text=_("The date the country notified more than insignificant artisanal gold mining."),
    )
    minamata_plan = models.DateField(
        _("national action plan on artisanal gold mining"),
        null=True,
        blank=True,
        help_text=_("The date the plan was submitted to the Convention's secretariat."),
    )
    minamata_source = models.CharField(_("source"), max_length=300, blank=True)
    minamata_year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    eiti_status = models.CharField(_("EITI"), max_length=20, choices=EitiStatus.choices, blank=True)
    eiti_source = models.CharField(_("source"), max_length=300, blank=True)
    eiti_year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("ASM profile")
        verbose_name_plural = _("ASM profiles")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(formalised_share__gte=0, formalised_share__lte=100)
                | models.Q(formalised_share__isnull=True),
                name="formalised_share_is_a_percentage",
            ),
            models.CheckConstraint(
                condition=models.Q(workforce_women__lte=models.F("workforce_total"))
                | models.Q(workforce_women__isnull=True)
                | models.Q(workforce_total__isnull=True),
                name="women_within_the_workforce",
            ),
        ]

    def __str__(self):
        return f"{self.assessment} · {self._meta.verbose_name}"

    @property
    def workforce_men(self) -> int | None:
        if self.workforce_total is None or self.workforce_women is None:
            return None
        return self.workforce_total - self.workforce_women

    @property
    def has_national_action_plan(self) -> bool:
        return self.minamata_plan is not None

    def shown_groups(self) -> list[dict]:
        """The filled-in groups as a page or report shows them, in the active language:
        {"key", "figures": [(label, value as text)], "source", "year"}."""
        groups = []
        for key, names in self.GROUPS.items():
            figures = [
                (str(self._meta.get_field(name).verbose_name), self._shown_value(name))
                for name in names
                if getattr(self, name) not in (None, "")
            ]
            if figures:
                source, year = getattr(self, f"{key}_source"), getattr(self, f"{key}_year")
                groups.append({"key": key, "figures": figures, "source": source, "year": year})
        return groups

    def _shown_value(self, name: str) -> str:
        value = getattr(self, name)
        field = self._meta.get_field(name)
        if field.choices:
            return str(getattr(self, f"get_{name}_display")())
        if isinstance(value, datetime.date):
            return date_format(value, "DATE_FORMAT")
        if name == "formalised_share":
            return f"{number_format(value, decimal_pos=0)}\u00a0%"
        if name == "workforce_women" and self.workforce_total:
            share = (Decimal(100 * value) / self.workforce_total).quantize(1, ROUND_HALF_UP)
            return f"{number_format(value, force_grouping=True)} ({share}\u00a0%)"
        if isinstance(value, int):
            return number_format(value, force_grouping=True)
        return str(value)

    @property
    def is_empty(self) -> bool:
        return not any(
            getattr(self, name) not in (None, "")
            for names in self.GROUPS.values()
            for name in names
        )


class Notification(models.TextChoices):
    """The kinds of e-mail a person may switch off, or receive in a daily digest."""

    SUBMITTED = "submitted", _("An assessment is submitted")
    RETURNED = "returned", _("An assessment is returned with comments")
    VALIDATED = "validated", _("An assessment is validated")
    PUBLISHED = "published", _("An assessment is published")
    COMMENT = "comment", _("A new comment on an indicator assigned to you or answered by you")
    REMINDER = "reminder", _("Reminders 14 and 3 days before a deadline")


class NotificationPreference(models.Model):
    """What a person wants to be told by e-mail; without a row, everything, at once."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    switched_off = models.JSONField(_("kinds switched off"), default=list, blank=True)
    daily_digest = models.BooleanField(
        _("one e-mail a day"),
        default=False,
        help_text=_("Gather the day's notifications into one e-mail instead of one each."),
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return str(self.user)


class PendingNotification(models.Model):
    """A notification kept for the recipient's daily digest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pending_notifications"
    )
    kind = models.CharField(max_length=20, choices=Notification.choices)
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="+")
    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user", "created_at", "pk"]

    def __str__(self):
        return f"{self.user}: {self.kind}"


class SentReminder(models.Model):
    """A deadline reminder already queued, so that running the daily command twice sends it
    once: the key names the deadline, the person and how many days were left."""

    key = models.CharField(max_length=120, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.key
