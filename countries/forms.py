from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Country, m49_region_name

ANALYSIS_REGIONS = ["419", "021", "002", "142", "150", "009"]


def analysis_region_choices():
    return [("", _("All UN regions"))] + [(c, m49_region_name(c)) for c in ANALYSIS_REGIONS]


class CountryFilterForm(forms.Form):
    igf_region = forms.ChoiceField(
        label=_("IGF region"),
        required=False,
        choices=[("", _("All IGF regions")), *Country.IgfRegion.choices],
    )
    region = forms.ChoiceField(
        label=_("UN region"), required=False, choices=analysis_region_choices
    )
    status = forms.ChoiceField(
        label=_("Membership"),
        required=False,
        choices=[("", _("Members and former members")), *Country.MembershipStatus.choices],
    )

    def filter(self, countries):
        data = self.cleaned_data
        if data["igf_region"]:
            countries = countries.filter(igf_region=data["igf_region"])
        if data["region"] in {"419", "021"}:
            countries = countries.filter(m49_subregion=data["region"])
        elif data["region"]:
            countries = countries.filter(m49_region=data["region"])
        if data["status"]:
            countries = countries.filter(membership_status=data["status"])
        return countries
