"""A country's action plan for one assessment round: from its gaps to a costed, scheduled
strategy, as in docs/action-plans.md.

A `Plan` belongs to one assessment (so to one country and round). It holds the country's
vision, the gaps the team chose to act on (`PlannedGap`), and `Action`s grouped by the
`Problem` (or practice) they address. Responsible stakeholders are the country's own
`Institution`s, kept across rounds. Every change is recorded by django-simple-history.
"""

from decimal import Decimal

from babel.numbers import list_currencies
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from frameworks.models import Indicator

from .semesters import SEMESTER_PATTERN, add_months, semester_start

MAX_DURATION_MONTHS = 240
PROBLEM_MAX_LENGTH = 300
SEED_TAG_PREFIX = "seed-"

BAD_SEMESTER = _("Write the semester as the year, a dash and 1 or 2, e.g. 2027-1.")
UNKNOWN_CURRENCY = _("%(code)s is not an ISO 4217 currency code (e.g. XOF, USD, HNL).")
AMOUNT_WITHOUT_CURRENCY = _("Give the currency of the budget.")
CURRENCY_WITHOUT_AMOUNT = _("Give the amount of the budget, or leave the currency empty.")

semester_validator = RegexValidator(SEMESTER_PATTERN, BAD_SEMESTER)


def currency_problem(amount, currency: str) -> str | None:
    """Why a budget (amount, ISO 4217 code) is refused, or None."""
    if amount is not None and not currency:
        return str(AMOUNT_WITHOUT_CURRENCY)
    if currency and amount is None:
        return str(CURRENCY_WITHOUT_AMOUNT)
    if currency and currency not in list_currencies():
        return UNKNOWN_CURRENCY % {"code": currency}
    return None


class Institution(models.Model):
    """A ministry, agency, cooperative... of one country; chosen as responsible for actions
    in any of the country's plans."""

    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("Ministry")
        AGENCY = "agency", _("Government agency")
        COOPERATIVE = "cooperative", _("Cooperative or association")
        CIVIL_SOCIETY = "civil_society", _("Civil society")
        UNIVERSITY = "university", _("University or research institute")
        OTHER = "other", _("Other")

    country = models.ForeignKey(
        "countries.Country", on_delete=models.PROTECT, related_name="institutions"
    )
    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["country", "name"]
        constraints = [
            models.UniqueConstraint(
                "country", Lower("name"), name="one_institution_name_per_country"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @property
    def short_name(self) -> str:
        return self.acronym or self.name


class Plan(models.Model):
    assessment = models.OneToOneField(
        "assessment.Assessment", on_delete=models.CASCADE, related_name="plan"
    )
    vision = models.TextField(
        _("vision"),
        blank=True,
        help_text=_("The country's vision for its ASM sector, in its own words and language."),
    )
    vision_language = models.CharField(
        _("language of the vision"), max_length=8, choices=settings.LANGUAGES, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["assessment"]

    def __str__(self):
        return str(_("Action plan %(assessment)s") % {"assessment": self.assessment})

    def get_absolute_url(self):
        return reverse("plans:detail", args=[self.assessment_id])

    def summary_figures(self) -> dict:
        """What a summary says of the plan (one query): how many actions are planned (dropped
        ones left out) and their budget per currency, formatted in the active language
        ("800 000 F CFA + 12 000 $US"; "" when nothing is costed)."""
        from .budget import format_money
        from .report import babel_locale

        rows = Action.objects.filter(problem__plan=self).exclude(status=Action.Status.DROPPED)
        totals: dict[str, Decimal] = {}
        count = 0
        for amount, currency in rows.values_list("budget_amount", "budget_currency"):
            count += 1
            if amount is not None:
                totals[currency] = totals.get(currency, Decimal(0)) + amount
        locale = babel_locale()
        budget = " + ".join(format_money(totals[c], c, locale) for c in sorted(totals))
        return {"actions": count, "budget": budget}


class PlannedGap(models.Model):
    """A gap of the assessment the team chose to act on."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="planned_gaps")
    indicator = models.ForeignKey(
        "frameworks.Indicator", on_delete=models.PROTECT, related_name="+"
    )
    selected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("planned gap")
        verbose_name_plural = _("planned gaps")
        ordering = ["plan", "indicator"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "indicator"], name="one_selection_per_gap")
        ]

    def __str__(self):
        return f"{self.plan} · {self.indicator.code}"


class Problem(models.Model):
    """A problem or practice (the plan table's first column); its actions are the rows after it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="problems")
    text = models.CharField(_("problem or practice"), max_length=PROBLEM_MAX_LENGTH)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("problem")
        verbose_name_plural = _("problems")
        ordering = ["plan", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "text"], name="one_problem_per_text")
        ]

    def __str__(self):
        return self.text


class ActionQuerySet(models.QuerySet):
    def for_display(self):
        """Actions with everything the plan's table, timeline and budget show (4 queries)."""
        indicators = Indicator.objects.select_related("recommendation__area")
        return self.select_related("problem").prefetch_related(
            "stakeholders",
            models.Prefetch("indicators", queryset=indicators),
            "government_recommendations",
        )


class Action(models.Model):
    """One row of the plan: what will be done about a problem, by whom, when, at what cost.

    `version` grows with every save; a save based on an older version is refused, as for
    assessment responses, so colleagues (and workbooks) never overwrite each other silently.
    """

    class Impact(models.TextChoices):
        HIGH = "high", _("High")
        MEDIUM = "medium", _("Medium")
        LOW = "low", _("Low")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    problem = models.ForeignKey(Problem, on_delete=models.PROTECT, related_name="actions")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    description = models.TextField(_("action"))
    impact = models.CharField(_("impact"), max_length=10, choices=Impact.choices)
    expected_result = models.TextField(_("expected result"), blank=True)
    duration_months = models.PositiveSmallIntegerField(
        _("duration (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_DURATION_MONTHS)],
    )
    start_semester = models.CharField(
        _("start (semester)"),
        max_length=6,
        blank=True,
        validators=[semester_validator],
        help_text=_("The year and the half-year it starts, e.g. 2027-1 (January) or 2027-2."),
    )
    stakeholders = models.ManyToManyField(
        Institution, blank=True, related_name="actions", verbose_name=_("responsible")
    )
    budget_amount = models.DecimalField(
        _("budget"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    budget_currency = models.CharField(_("currency"), max_length=3, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    indicators = models.ManyToManyField(
        "frameworks.Indicator",
        blank=True,
        related_name="plan_actions",
        verbose_name=_("indicators addressed"),
    )
    government_recommendations = models.ManyToManyField(
        "frameworks.Tag",
        blank=True,
        related_name="plan_actions",
        verbose_name=_("recommendations to governments"),
    )
    version = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(
        excluded_fields=["updated_at"],
        m2m_fields=[stakeholders, indicators, government_recommendations],
    )

    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["problem__order", "problem_id", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_semester="")
                | models.Q(start_semester__regex=SEMESTER_PATTERN),
                name="start_is_a_semester",
            ),
            models.CheckConstraint(
                condition=models.Q(duration_months__isnull=True)
                | models.Q(duration_months__gte=1, duration_months__lte=MAX_DURATION_MONTHS),
                name="duration_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(budget_amount__isnull=True, budget_currency="")
                | models.Q(budget_amount__gte=0, budget_currency__regex=r"^[A-Z]{3}$"),
                name="budget_has_amount_and_currency",
            ),
        ]

    def __str__(self):
        return self.description[:80]

    def clean(self):
        problem = currency_problem(self.budget_amount, self.budget_currency)
        if problem:
            raise ValidationError({"budget_currency": problem})

    @property
    def is_scheduled(self) -> bool:
        return bool(self.start_semester and self.duration_months)

    @property
    def end_semester(self) -> str:
        """The semester of its last month, e.g. 2027-1 for six months from 2027-1."""
        if not self.is_scheduled:
            return ""
        last = add_months(semester_start(self.start_semester), self.duration_months - 1)
        return f"{last.year}-{1 if last.month <= 6 else 2}"


class ProgressNote(models.Model):
    """What happened on an action, on a date: the follow-up record."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="notes")
    date = models.DateField(_("date"))
    body = models.TextField(_("progress"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        ordering = ["action", "-date", "-pk"]

    def __str__(self):
        return f"{self.date}: {self.body[:60]}"


class ActionComment(models.Model):
    """One message of the thread on an action, between IGF analysts and the country team."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("comment on an action")
        verbose_name_plural = _("comments on actions")
        ordering = ["action", "created_at", "pk"]

    def __str__(self):
        return self.body[:60]
