from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from config.forms import KeysModelMultipleChoiceField
from countries.models import Country
from frameworks.models import Framework, Indicator, Tag

from .models import CaseStudy

SEED_TAG_PREFIX = "seed-"
TRANSLATION_EXISTS = _("This case study already has a version in %(language)s.")
TRANSLATION_SAME_LANGUAGE = _("A translation is in another language than the original.")


def current_indicators():
    """The indicators of the newest version of each published framework: those a new case
    study is filed under (the library finds them by code in every version)."""
    frameworks = Framework.objects.published().latest_versions()
    return Indicator.objects.filter(recommendation__area__framework__in=frameworks).order_by(
        "recommendation__area__framework__slug", "recommendation__area__order",
        "recommendation__order", "order",
    )  # fmt: skip


def current_recommendations():
    """The seven recommendations to governments (docs/domain.md), as the newest framework
    versions tag them."""
    frameworks = Framework.objects.published().latest_versions()
    return Tag.objects.filter(framework__in=frameworks, code__startswith=SEED_TAG_PREFIX).order_by(
        "code"
    )


class IndicatorChoiceField(KeysModelMultipleChoiceField):
    def label_from_instance(self, indicator):
        statement = indicator.statement
        return f"{indicator.code} · {statement[:90]}{'…' if len(statement) > 90 else ''}"


class CaseStudyForm(forms.ModelForm):
    indicators = IndicatorChoiceField(
        label=_("Indicators it addresses"), queryset=Indicator.objects.none(), required=False,
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )  # fmt: skip
    recommendations = KeysModelMultipleChoiceField(
        label=_("Recommendations to governments it illustrates"), queryset=Tag.objects.none(),
        required=False, widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    class Meta:
        model = CaseStudy
        fields = ["title", "language", "original", "country", "minerals", "asm_type",
                  "practice", "what_was_done", "results", "sources", "indicators",
                  "recommendations"]  # fmt: skip
        widgets = {
            "practice": forms.Textarea(attrs={"rows": 3}),
            "what_was_done": forms.Textarea(attrs={"rows": 5}),
            "results": forms.Textarea(attrs={"rows": 4}),
            "sources": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicators"].queryset = current_indicators()
        self.fields["recommendations"].queryset = current_recommendations()
        self.fields["country"].queryset = Country.objects.order_by("iso3")
        originals = CaseStudy.objects.filter(original__isnull=True)
        if self.instance.pk:
            originals = originals.exclude(pk=self.instance.pk)
        self.fields["original"].queryset = originals
        self.fields["original"].help_text = _("Leave empty for an original case study.")
        self.fields["language"].choices = settings.LANGUAGES
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "title",
            Div(Div("language", css_class="col-sm-4"), Div("original", css_class="col-sm-8"),
                css_class="row"),
            Div(Div("country", css_class="col-sm-4"), Div("minerals", css_class="col-sm-4"),
                Div("asm_type", css_class="col-sm-4"), css_class="row"),
            "practice", "what_was_done", "results", "sources", "indicators", "recommendations",
        )  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        original, language = cleaned.get("original"), cleaned.get("language")
        if original and language:
            if original.language == language:
                self.add_error("language", TRANSLATION_SAME_LANGUAGE)
            elif (
                original.translations.filter(language=language)
                .exclude(pk=self.instance.pk)
                .exists()
            ):
                label = dict(settings.LANGUAGES)[language]
                self.add_error("language", TRANSLATION_EXISTS % {"language": label})
        return cleaned


class LibraryFilterForm(forms.Form):
    """The library's filters, all optional; unknown values are simply ignored."""

    indicator = forms.CharField(label=_("Indicator"), required=False, max_length=20)
    recommendation = forms.ChoiceField(label=_("Recommendation to governments"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    mineral = forms.CharField(label=_("Mineral"), required=False, max_length=50)
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        every = [("", _("All"))]
        self.fields["recommendation"].choices = every + [
            (tag.code, tag.label) for tag in current_recommendations()
        ]
        self.fields["region"].choices = every + regions
        self.fields["language"].choices = every + list(settings.LANGUAGES)
