from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.forms import LocalizedDecimalField, LocalizedIntegerField

from .models import AsmProfile, Assessment
from .services import ResponseChange

NOT_APPLICABLE = "na"
NO_RATING = ""


class ResponseForm(forms.Form):
    """One indicator's answer. Choices come from the view, so a page of forms costs no query
    per indicator."""

    rating = forms.ChoiceField(label=_("Rating"), required=False, widget=forms.RadioSelect)
    not_applicable_reason = forms.CharField(
        label=_("Why it does not apply"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required before submission when the indicator is not applicable."),
    )
    justification = forms.CharField(
        label=_("Justification"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the rating rests on: the laws, programmes and facts that show it."),
    )
    target = forms.ChoiceField(label=_("Target level"), required=False)
    assignee = forms.ChoiceField(label=_("Assigned to"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, levels, members, allows_not_applicable=True, **kwargs):
        super().__init__(*args, **kwargs)
        rating_choices = [(str(level.pk), f"{level.code} · {level.label}") for level in levels]
        if allows_not_applicable:
            rating_choices.append((NOT_APPLICABLE, _("Not applicable")))
        self.fields["rating"].choices = [(NO_RATING, _("Not rated yet")), *rating_choices]
        self.fields["target"].choices = [(NO_RATING, _("No target"))] + [
            (str(level.pk), f"{level.code} · {level.label}") for level in levels
        ]
        self.fields["assignee"].choices = [(NO_RATING, _("Nobody"))] + [
            (str(user.pk), str(user)) for user in members
        ]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            InlineRadios("rating"),
            Div("not_applicable_reason", css_class="na-reason"),
            "justification",
            Div(Div("target", css_class="col-sm-6"), Div("assignee", css_class="col-sm-6"),
                css_class="row"),
            "version",
        )  # fmt: skip

    @classmethod
    def initial_for(cls, response) -> dict:
        if response.not_applicable:
            rating = NOT_APPLICABLE
        else:
            rating = str(response.level_id) if response.level_id else NO_RATING
        return {
            "rating": rating,
            "not_applicable_reason": response.not_applicable_reason,
            "justification": response.justification,
            "target": str(response.target_level_id or ""),
            "assignee": str(response.assignee_id or ""),
            "version": response.version,
        }

    def to_change(self) -> ResponseChange:
        data = self.cleaned_data
        rating = data["rating"]
        return ResponseChange(
            level_id=int(rating) if rating not in (NO_RATING, NOT_APPLICABLE) else None,
            not_applicable=rating == NOT_APPLICABLE,
            not_applicable_reason=(
                data["not_applicable_reason"].strip() if rating == NOT_APPLICABLE else ""
            ),
            justification=data["justification"].strip(),
            target_level_id=int(data["target"]) if data["target"] else None,
            assignee_id=int(data["assignee"]) if data["assignee"] else None,
        )


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000
    )


class TransitionForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )  # fmt: skip


class AssessmentCreateForm(forms.Form):
    country = forms.ModelChoiceField(label=_("Country"), queryset=None)
    round = forms.RegexField(
        label=_("Round"),
        regex=r"^[0-9A-Za-z][0-9A-Za-z ._-]{0,19}$",
        help_text=_('Usually the year, e.g. "2026".'),
        error_messages={"invalid": _("Use up to 20 letters, digits, spaces, dots or dashes.")},
    )
    framework = forms.ModelChoiceField(label=_("Framework"), queryset=None)

    def __init__(self, *args, countries, frameworks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = countries
        self.fields["framework"].queryset = frameworks
        self.helper = FormHelper()

    def clean(self):
        data = super().clean()
        country, round_ = data.get("country"), data.get("round")
        if country and round_ and Assessment.objects.filter(country=country, round=round_).exists():
            raise forms.ValidationError(
                _("%(country)s already has an assessment for round %(round)s."),
                params={"country": country, "round": round_},
            )
        return data


PROFILE_SOURCE_REQUIRED = _("Say where this figure comes from.")
PROFILE_YEAR_REQUIRED = _("Give the year this figure describes.")
PROFILE_YEAR_RANGE = _("Give a year between %(first)s and %(last)s.")
PROFILE_WOMEN_ABOVE_TOTAL = _("There cannot be more women than people in the workforce.")
PROFILE_DATE_IN_FUTURE = _("This date is in the future.")
FIRST_PROFILE_YEAR = 1950


class AsmProfileForm(forms.ModelForm):
    """The ASM profile of one round. Every group of figures that is filled in needs its
    source and the year it describes."""

    class Meta:
        model = AsmProfile
        fields = [
            name
            for group in AsmProfile.GROUPS
            for name in (*AsmProfile.GROUPS[group], f"{group}_source", f"{group}_year")
        ]
        widgets = {
            "asm_types": forms.Textarea(attrs={"rows": 2}),
            "regions": forms.Textarea(attrs={"rows": 2}),
            "production": forms.Textarea(attrs={"rows": 2}),
            "minamata_notification": forms.DateInput(attrs={"type": "date"}),
            "minamata_plan": forms.DateInput(attrs={"type": "date"}),
        }
        # Figures typed the user's way ("20 000" in French).
        field_classes = {
            "workforce_total": LocalizedIntegerField,
            "workforce_women": LocalizedIntegerField,
            "formalised_share": LocalizedDecimalField,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["formalised_share"].validators += [
            MinValueValidator(0),
            MaxValueValidator(100),
        ]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            *[
                Fieldset(
                    str(PROFILE_GROUPS[group]),
                    *names,
                    Div(
                        Div(f"{group}_source", css_class="col-md-9"),
                        Div(f"{group}_year", css_class="col-md-3"),
                        css_class="row",
                    ),
                )
                for group, names in AsmProfile.GROUPS.items()
            ]
        )

    def clean(self):
        data = super().clean()
        last_year = timezone.now().year + 1
        for group, names in AsmProfile.GROUPS.items():
            year = data.get(f"{group}_year")
            if year is not None and not FIRST_PROFILE_YEAR <= year <= last_year:
                self.add_error(
                    f"{group}_year",
                    PROFILE_YEAR_RANGE % {"first": FIRST_PROFILE_YEAR, "last": last_year},
                )
            if not any(data.get(name) not in (None, "") for name in names):
                continue
            if not (data.get(f"{group}_source") or "").strip():
                self.add_error(f"{group}_source", PROFILE_SOURCE_REQUIRED)
            if year is None and f"{group}_year" not in self.errors:
                self.add_error(f"{group}_year", PROFILE_YEAR_REQUIRED)
        total, women = data.get("workforce_total"), data.get("workforce_women")
        if total is not None and women is not None and women > total:
            self.add_error("workforce_women", PROFILE_WOMEN_ABOVE_TOTAL)
        for name in ("minamata_notification", "minamata_plan"):
            if data.get(name) and data[name] > timezone.localdate():
                self.add_error(name, PROFILE_DATE_IN_FUTURE)
        return data


PROFILE_GROUPS = {
    "minerals": _("Minerals, types of ASM and regions"),
    "workforce": _("Workforce"),
    "production": _("Production"),
    "formalised": _("Formalisation"),
    "minamata": _("Minamata Convention on Mercury"),
    "eiti": _("Extractive Industries Transparency Initiative (EITI)"),
}
