from datetime import UTC, date, datetime, time, timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from countries.models import Country

from .events import Kind, events_of

DATES_REVERSED = _("The first day must not come after the last day.")


class AuditFilterForm(forms.Form):
    """Which events the audit page lists: by kind, country, user and day (UTC)."""

    kinds = forms.MultipleChoiceField(
        label=_("What"), choices=Kind.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.none(), required=False
    )
    user = forms.CharField(label=_("User"), max_length=150, required=False)
    since = forms.DateField(
        label=_("From (UTC)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To (UTC)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, countries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = countries

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise forms.ValidationError(DATES_REVERSED)
        return data

    def filter(self, events):
        """The events that match the form (call after is_valid())."""
        data = self.cleaned_data
        if data["kinds"]:
            events = events.filter(event__in=events_of(data["kinds"]))
        if data["country"]:
            events = events.filter(country=data["country"])
        if data["user"]:
            events = events.filter(username__iexact=data["user"].strip())
        if data["since"]:
            events = events.filter(created_at__gte=_day_start(data["since"]))
        if data["until"]:
            events = events.filter(created_at__lt=_day_start(data["until"], next_day=True))
        return events


def _day_start(day: date, *, next_day: bool = False) -> datetime:
    """Midnight UTC at the start of the day (or of the next one)."""
    return datetime.combine(day + timedelta(days=int(next_day)), time.min, tzinfo=UTC)
