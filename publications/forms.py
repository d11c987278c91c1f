from datetime import UTC

from django import forms
from django.utils.translation import gettext_lazy as _

from scores.query import GROUPINGS


class ScheduleForm(forms.Form):
    publish_at = forms.DateTimeField(
        label=_("Publish on (UTC)"),
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local", "class": "form-control"}, format="%Y-%m-%dT%H:%M"
        ),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=_("Coordinated Universal Time. Your local time is shown once it is saved."),
    )

    def clean_publish_at(self):
        # The field says UTC, whatever the server's time zone.
        value = self.cleaned_data["publish_at"]
        return value.replace(tzinfo=None).replace(tzinfo=UTC)


class RegionalReportForm(forms.Form):
    round = forms.CharField(label=_("Round"), max_length=20)
    grouping = forms.ChoiceField(label=_("Grouping"), choices=list(GROUPINGS.items()))
