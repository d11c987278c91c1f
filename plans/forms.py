from babel.numbers import get_currency_name, get_territory_currencies
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django import forms
from django.conf import settings
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from config.forms import KeysModelMultipleChoiceField, LocalizedDecimalField, currencies_in_use
from frameworks.models import Indicator, Tag

from .models import (
    MAX_DURATION_MONTHS,
    PRACTICE_MAX_LENGTH,
    SEED_TAG_PREFIX,
    Action,
    Institution,
    Practice,
    currency_problem,
    semester_validator,
)
from .practices import PracticeData, plan_actions_qs, practice_problems
from .report import babel_locale
from .services import ActionData

INSTITUTION_EXISTS = _("%(country)s already has an institution called %(name)s.")


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


def currency_choices(country_code: str = "", keep: str = "") -> list[tuple[str, str]]:
    """The currencies in use today, named in the active language, the country's own first
    (and `keep`, a currency already saved, even if it has since been withdrawn)."""
    locale = babel_locale()
    codes = currencies_in_use()
    own = own_currencies(country_code)
    ordered = own + [code for code in codes if code not in own]
    if keep and keep not in ordered:
        ordered.append(keep)
    return [("", "—")] + [(code, f"{code} · {get_currency_name(code, locale=locale)}")
                          for code in ordered]  # fmt: skip


def own_currencies(country_code: str) -> list[str]:
    """The country's legal tender today (e.g. XOF for Senegal)."""
    return list(get_territory_currencies(country_code, tender=True)) if country_code else []


def seed_tags(framework_id: int):
    """The seven recommendations to governments (docs/domain.md), as the framework's tags."""
    return Tag.objects.filter(framework_id=framework_id, code__startswith=SEED_TAG_PREFIX).order_by(
        "code"
    )


class IndicatorChoiceField(KeysModelMultipleChoiceField):
    def label_from_instance(self, indicator):
        statement = indicator.statement
        return f"{indicator.code} · {statement[:90]}{'…' if len(statement) > 90 else ''}"


class ActionForm(forms.Form):
    problem = forms.CharField(
        label=_("Problem or practice"),
        max_length=300,
        help_text=_(
            "Actions on the same problem are grouped together; pick one or write a new one."
        ),
        widget=forms.TextInput(attrs={"list": "problem-options", "autocomplete": "off"}),
    )
    description = forms.CharField(label=_("Action"), widget=forms.Textarea(attrs={"rows": 2}))
    impact = forms.ChoiceField(label=_("Impact"), choices=Action.Impact.choices)
    expected_result = forms.CharField(
        label=_("Expected result"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    duration_months = forms.IntegerField(
        label=_("Duration (months)"), required=False, min_value=1, max_value=MAX_DURATION_MONTHS
    )
    start_semester = forms.CharField(
        label=_("Start (semester)"),
        required=False,
        max_length=6,
        validators=[semester_validator],
        help_text=_("e.g. 2027-1 (from January) or 2027-2 (from July)."),
        widget=forms.TextInput(attrs={"placeholder": "2027-1", "pattern": r"[0-9]{4}-[12]"}),
    )
    stakeholders = KeysModelMultipleChoiceField(
        label=_("Responsible"),
        queryset=Institution.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    budget_amount = LocalizedDecimalField(
        label=_("Budget"), required=False, min_value=0, max_digits=16, decimal_places=2,
    )  # fmt: skip
    budget_currency = forms.ChoiceField(label=_("Currency"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=Action.Status.choices, initial=Action.Status.PLANNED
    )
    indicators = IndicatorChoiceField(
        label=_("Indicators it addresses"),
        queryset=Indicator.objects.none(),
        required=False,
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    government_recommendations = KeysModelMultipleChoiceField(
        label=_("Recommendations to governments it follows"),
        queryset=Tag.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, initial=0)

    def __init__(self, *args, assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stakeholders"].queryset = Institution.objects.filter(
            country_id=assessment.country_id
        ).order_by(Lower("name"))
        self.fields["indicators"].queryset = Indicator.objects.filter(
            recommendation__area__framework_id=assessment.framework_id
        ).order_by("recommendation__area__order", "recommendation__order", "order")
        self.fields["government_recommendations"].queryset = seed_tags(assessment.framework_id)
        country_code = assessment.country.code.code
        saved = self.initial.get("budget_currency", "")
        self.fields["budget_currency"].choices = currency_choices(country_code, keep=saved)
        self.default_currency = next(iter(own_currencies(country_code)), "")
        if not saved and not self.initial.get("budget_amount"):
            self.initial["budget_currency"] = self.default_currency
        self.helper = _helper()
        self.helper.layout = Layout(
            Field("problem"), "description", "expected_result",
            Div(Div("impact", css_class="col-sm-4"), Div("status", css_class="col-sm-4"),
                css_class="row"),
            Div(Div("start_semester", css_class="col-sm-4"),
                Div("duration_months", css_class="col-sm-4"), css_class="row"),
            Div(Div("budget_amount", css_class="col-sm-4"),
                Div("budget_currency", css_class="col-sm-8"), css_class="row"),
            "stakeholders", "indicators", "government_recommendations", "version",
        )  # fmt: skip

    @classmethod
    def initial_for(cls, action: Action) -> dict:
        data = ActionData.of(action)
        return {
            "problem": data.problem, "description": data.description, "impact": data.impact,
            "expected_result": data.expected_result, "duration_months": data.duration_months,
            "start_semester": data.start_semester, "budget_amount": data.budget_amount,
            "budget_currency": data.budget_currency, "status": data.status,
            "stakeholders": list(data.stakeholder_ids), "indicators": list(data.indicator_ids),
            "government_recommendations": list(data.recommendation_ids),
            "version": action.version,
        }  # fmt: skip

    def clean(self):
        data = super().clean()
        if data.get("budget_amount") is None and data.get("budget_currency") == (
            self.default_currency
        ):
            data["budget_currency"] = ""  # the preset currency alone is no budget
        problem = currency_problem(data.get("budget_amount"), data.get("budget_currency", ""))
        if problem:
            field = "budget_amount" if data.get("budget_amount") is None else "budget_currency"
            self.add_error(field, problem)
        return data

    def to_data(self) -> ActionData:
        data = self.cleaned_data
        return ActionData(
            problem=data["problem"], description=data["description"].strip(),
            impact=data["impact"], expected_result=data["expected_result"].strip(),
            duration_months=data["duration_months"], start_semester=data["start_semester"],
            budget_amount=data["budget_amount"], budget_currency=data["budget_currency"],
            status=data["status"],
            stakeholder_ids=frozenset(i.pk for i in data["stakeholders"]),
            indicator_ids=frozenset(i.pk for i in data["indicators"]),
            recommendation_ids=frozenset(t.pk for t in data["government_recommendations"]),
        )  # fmt: skip


class VisionForm(forms.Form):
    vision = forms.CharField(
        label=_("Vision"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The country's vision for its ASM sector, in its own words and language."),
    )
    vision_language = forms.ChoiceField(
        label=_("Language of the vision"), choices=[("", "—"), *settings.LANGUAGES], required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class InstitutionForm(forms.ModelForm):
    class Meta:
        model = Institution
        fields = ["name", "acronym", "kind"]

    def __init__(self, *args, country, **kwargs):
        super().__init__(*args, **kwargs)
        self.country = country
        self.helper = _helper()

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        taken = Institution.objects.filter(country=self.country, name__iexact=name)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                INSTITUTION_EXISTS % {"country": self.country.name, "name": name}
            )
        return name


class ProgressNoteForm(forms.Form):
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    body = forms.CharField(
        label=_("Progress"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class ActionCommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ActionOfPlanField(forms.ModelChoiceField):
    def label_from_instance(self, action):
        text = action.description
        return f"{action.problem.text[:40]} · {text[:80]}{'…' if len(text) > 80 else ''}"


class PracticeForm(forms.Form):
    name = forms.CharField(
        label=_("Practice"),
        max_length=PRACTICE_MAX_LENGTH,
        help_text=_("e.g. whole-ore amalgamation with mercury, cooperative alluvial mining"),
    )
    classification = forms.ChoiceField(
        label=_("Classification"), choices=Practice.Classification.choices
    )
    instrument = forms.CharField(
        label=_("Regulation (law)"),
        required=False,
        max_length=300,
        help_text=_("The law or decree that makes it legal, conditional or illegal."),
    )
    article = forms.CharField(label=_("Article"), required=False, max_length=100)
    action = ActionOfPlanField(
        label=_("Or the action that will create the regulation"),
        queryset=Action.objects.none(),
        required=False,
    )

    def __init__(self, *args, plan, practice=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan, self.practice = plan, practice
        self.fields["action"].queryset = plan_actions_qs(plan)
        self.helper = _helper()
        self.helper.layout = Layout(
            "name", "classification",
            Div(Div("instrument", css_class="col-sm-8"), Div("article", css_class="col-sm-4"),
                css_class="row"),
            "action",
        )  # fmt: skip

    @classmethod
    def initial_for(cls, practice) -> dict:
        return {"name": practice.name, "classification": practice.classification,
                "instrument": practice.instrument, "article": practice.article,
                "action": practice.action_id}  # fmt: skip

    def to_data(self) -> PracticeData:
        action = self.cleaned_data.get("action")
        return PracticeData(
            name=self.cleaned_data["name"], classification=self.cleaned_data["classification"],
            instrument=self.cleaned_data["instrument"], article=self.cleaned_data["article"],
            action_id=action.pk if action else None,
        )  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            pk = self.practice.pk if self.practice else None
            for problem in practice_problems(self.plan, self.to_data(), pk=pk):
                self.add_error(None, problem)
        return cleaned
