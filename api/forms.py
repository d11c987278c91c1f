from datetime import timedelta

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT_LIFETIME = timedelta(days=90)
MAX_LIFETIME = timedelta(days=365)
EXPIRY_IN_THE_PAST = _("Choose a date after today.")
EXPIRY_TOO_LATE = _("A token lasts at most a year: choose %(date)s or earlier.")


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “Regional analysis notebook”."),
    )
    expires_on = forms.DateField(
        label=_("Expires on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The token stops working after this day (at most a year from today)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Create the token")))
        today = timezone.localdate()
        self.fields["expires_on"].initial = today + DEFAULT_LIFETIME
        self.fields["expires_on"].widget.attrs.update(
            min=(today + timedelta(days=1)).isoformat(), max=(today + MAX_LIFETIME).isoformat()
        )

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    def clean_expires_on(self):
        expires_on = self.cleaned_data["expires_on"]
        today = timezone.localdate()
        if expires_on <= today:
            raise forms.ValidationError(EXPIRY_IN_THE_PAST)
        if expires_on > today + MAX_LIFETIME:
            latest = today + MAX_LIFETIME
            raise forms.ValidationError(EXPIRY_TOO_LATE % {"date": latest.isoformat()})
        return expires_on
