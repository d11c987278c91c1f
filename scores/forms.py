"""The comparison's filters (a GET form: its URL is the comparison, shareable; the regional
report reads the same form) and an analyst's saved group of countries."""

from __future__ import annotations

from crispy_forms.bootstrap import InlineCheckboxes
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from accounts.roles import is_igf_staff
from assessment.models import Assessment
from assessment.scoring import code_sort_key
from config.forms import KeysModelMultipleChoiceField
from countries.models import Country
from frameworks.models import Framework

from .models import CountryGroup
from .query import (
    DEFAULT_GROUPING,
    GROUPINGS,
    PROFILE_FACTS,
    ComparisonQuery,
    InvalidComparison,
    comparison_query,
    published_frameworks,
)

DUPLICATE_GROUP_NAME = _("You already have a group of that name.")
GROUP_NEEDS_COUNTRIES = _("Pick at least one country.")


def visible_rounds(user) -> list[str]:
    """The rounds the user has figures of (IGF staff: drafts' rounds too), newest first."""
    assessments = Assessment.objects.comparable_for(user, include_drafts=is_igf_staff(user))
    rounds = assessments.order_by().values_list("round", flat=True).distinct()
    return sorted(set(rounds), key=code_sort_key, reverse=True)


class ComparisonForm(forms.Form):
    """What to compare. Always bound: missing parameters take the defaults, so that the
    page, its exports and the links between them read the same query."""

    framework = forms.ChoiceField(label=_("Framework version"))
    round = forms.MultipleChoiceField(
        label=_("Rounds"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "None ticked: the round with the most assessments. "
            "The trends show every round unless you tick two or more."
        ),
    )
    grouping = forms.ChoiceField(label=_("Group countries by"))
    profile = forms.MultipleChoiceField(
        label=_("Only countries whose ASM profile says"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=list(PROFILE_FACTS.items()),
        help_text=_("Each round's own ASM profile, as the country team filled it in."),
    )
    include_drafts = forms.BooleanField(
        label=_("Include unfinished assessments (labelled as drafts)"), required=False
    )

    def __init__(
        self,
        params: QueryDict,
        *,
        user,
        rounds: list[str] | None = None,
        frameworks: list[Framework] | None = None,
    ):
        frameworks = published_frameworks() if frameworks is None else frameworks
        rounds = visible_rounds(user) if rounds is None else rounds
        self.frameworks = {str(framework.pk): framework for framework in frameworks}
        super().__init__(_with_defaults(params, frameworks))
        self.user = user
        self.fields["framework"].choices = [
            (pk, _framework_label(framework)) for pk, framework in self.frameworks.items()
        ]
        self.fields["round"].choices = [(r, r) for r in rounds]
        self.fields["grouping"].choices = self._grouping_choices()
        if not is_igf_staff(user):
            del self.fields["include_drafts"]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Row(
                Column("framework", css_class="col-md-4"),
                Column("grouping", css_class="col-md-4"),
                Column(*self._extra_fields(), css_class="col-md-4"),
            ),
            InlineCheckboxes("round"),
            InlineCheckboxes("profile"),
        )

    def _grouping_choices(self) -> list:
        """The regional groupings, then (analysts) the user's own saved groups."""
        regions = list(GROUPINGS.items())
        if not is_igf_staff(self.user):
            return regions
        mine = CountryGroup.objects.owned_by(self.user).values_list("pk", "name")
        groups = [(f"group:{pk}", name) for pk, name in mine]
        return [(_("Regions"), regions), (_("My groups"), groups)] if groups else regions

    def _extra_fields(self) -> list[str]:
        return ["include_drafts"] if "include_drafts" in self.fields else []

    def clean_framework(self) -> Framework:
        return self.frameworks[self.cleaned_data["framework"]]

    @property
    def selected_rounds(self) -> tuple[str, ...]:
        """The ticked rounds in order ("2022" before "2024")."""
        return tuple(sorted(self.cleaned_data.get("round") or (), key=code_sort_key))

    def clean(self):
        data = super().clean()
        if not self.errors:
            try:
                self.query = comparison_query(
                    user=self.user,
                    framework=data["framework"],
                    rounds=self.selected_rounds,
                    grouping=data["grouping"],
                    include_drafts=bool(data.get("include_drafts")),
                    profile=tuple(data.get("profile") or ()),
                )
            except InvalidComparison as invalid:
                for name, messages in invalid.errors.items():
                    for message in messages:
                        self.add_error(name if name in self.fields else None, message)
        return data

    def comparison_query(self, rounds: tuple[str, ...] | None = None) -> ComparisonQuery:
        """The query of the valid form, over `rounds` instead of the ticked ones if given."""
        return self.query if rounds is None else self.query.with_rounds(rounds)

    def query_string(self, rounds: tuple[str, ...] | None = None) -> str:
        """The valid form as URL parameters (rounds replaced when given): for export links."""
        data = self.cleaned_data
        params = QueryDict(mutable=True)
        params["framework"] = str(data["framework"].pk)
        params["grouping"] = data["grouping"]
        params.setlist("round", list(self.selected_rounds if rounds is None else rounds))
        if data.get("include_drafts"):
            params["include_drafts"] = "on"
        params.setlist("profile", list(data.get("profile") or ()))
        return params.urlencode()


def _with_defaults(params: QueryDict, frameworks: list[Framework]) -> QueryDict:
    data = params.copy()
    if not data.get("framework") and frameworks:
        data["framework"] = str(frameworks[0].pk)
    if not data.get("grouping"):
        data["grouping"] = DEFAULT_GROUPING
    return data


def _framework_label(framework: Framework) -> str:
    return _("%(title)s, version %(version)s") % {
        "title": framework.title,
        "version": framework.version,
    }


class CountryGroupForm(forms.ModelForm):
    """A named group of countries; the owner is the analyst who saves it (set by the view)."""

    class Meta:
        model = CountryGroup
        fields = ["name", "countries"]
        field_classes = {"countries": KeysModelMultipleChoiceField}
        widgets = {"countries": forms.SelectMultiple(attrs={"size": 14})}
        help_texts = {
            "countries": _("Hold Ctrl (Cmd on a Mac) to pick several countries."),
        }

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner
        countries = self.fields["countries"]
        countries.queryset = Country.objects.all()
        # By name in the reader's language (the table is ordered by ISO3).
        countries.choices = sorted(
            ((country.pk, str(country.name) or country.iso3) for country in countries.queryset),
            key=lambda choice: choice[1].casefold(),
        )
        countries.error_messages["required"] = GROUP_NEEDS_COUNTRIES
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        others = CountryGroup.objects.owned_by(self.owner).filter(name__iexact=name)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(DUPLICATE_GROUP_NAME)
        return name

    def save(self, commit: bool = True) -> CountryGroup:
        self.instance.owner = self.owner
        return super().save(commit=commit)
