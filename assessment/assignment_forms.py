"""Who answers which indicator by when, and each round's submission deadline."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import AssessmentCreateForm


def date_widget():
    return forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d")


NOTHING_CHOSEN = _("Choose a recommendation or at least one indicator.")


class AssignmentForm(forms.Form):
    """A focal point gives indicators, or every indicator of recommendations, to a member of
    the team, with a date by which to answer them."""

    recommendations = forms.MultipleChoiceField(
        label=_("Whole recommendations"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    indicators = forms.MultipleChoiceField(
        label=_("Indicators"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    assignee = forms.ChoiceField(
        label=_("Assign to"), required=False, widget=forms.Select(attrs={"class": "form-select"})
    )
    due_date = forms.DateField(label=_("Due date"), required=False, widget=date_widget())

    def __init__(self, *args, responses, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.responses = {str(r.pk): r for r in responses}
        recommendations = {}
        for response in responses:
            recommendation = response.indicator.recommendation
            recommendations.setdefault(
                str(recommendation.pk), f"{recommendation.code} {recommendation.title}"
            )
        self.fields["recommendations"].choices = list(recommendations.items())
        self.fields["indicators"].choices = [
            (str(r.pk), f"{r.indicator.code} {r.indicator.statement}") for r in responses
        ]
        self.fields["assignee"].choices = [("", _("Nobody"))] + [
            (str(user.pk), str(user)) for user in members
        ]
        self.members = {str(user.pk): user for user in members}

    def clean(self):
        data = super().clean()
        if not data.get("recommendations") and not data.get("indicators"):
            raise forms.ValidationError(NOTHING_CHOSEN)
        return data

    def chosen_responses(self) -> list:
        """The responses of the chosen indicators and of every chosen recommendation."""
        data = self.cleaned_data
        chosen = set(data["indicators"])
        recommendations = set(data["recommendations"])
        return [
            response
            for pk, response in self.responses.items()
            if pk in chosen or str(response.indicator.recommendation.pk) in recommendations
        ]

    def chosen_assignee(self):
        return self.members.get(self.cleaned_data["assignee"])


class RoundDeadlineForm(forms.Form):
    round = AssessmentCreateForm.base_fields["round"]
    submission_deadline = forms.DateField(label=_("Submission deadline"), widget=date_widget())
