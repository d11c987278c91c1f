from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Assessment
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
