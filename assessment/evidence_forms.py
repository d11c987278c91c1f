"""The form that adds an evidence item (a legal reference, a document or a web link)."""

from urllib.parse import urlsplit

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .evidence import ACCEPT_ATTRIBUTE, FILE_EMPTY, check_upload, max_upload_bytes
from .models import Evidence

Kind = Evidence.Kind

TITLE_REQUIRED = _("Give the evidence a title.")
KIND_REQUIRED = _("Choose the kind of evidence.")
LEGAL_NEEDS_INSTRUMENT = _("Name the legal instrument, e.g. the Mining Code or Law No. 2016-32.")
LEGAL_NEEDS_DATE = _("Give the date of the legal instrument.")
DOCUMENT_NEEDS_FILE = _("Choose the file to upload.")
LINK_NEEDS_URL = _("Give the address of the web page.")
URL_SCHEME_NOT_ALLOWED = _("Only web addresses starting with http:// or https:// are accepted.")
URL_INVALID = _("This is not a valid web address.")

ALLOWED_URL_SCHEMES = ("http", "https")
# Which fields each kind uses (the title and kind aside), and which of them it requires.
FIELDS_BY_KIND = {
    Kind.LEGAL: ("instrument", "article", "date", "url"),
    Kind.DOCUMENT: ("file",),
    Kind.LINK: ("url",),
}
REQUIRED_BY_KIND = {
    Kind.LEGAL: {"instrument": LEGAL_NEEDS_INSTRUMENT, "date": LEGAL_NEEDS_DATE},
    Kind.DOCUMENT: {"file": DOCUMENT_NEEDS_FILE},
    Kind.LINK: {"url": LINK_NEEDS_URL},
}


def validate_web_url(value: str) -> None:
    """http(s) only: javascript:, data:, file: and the like never become links."""
    try:
        scheme = urlsplit(value).scheme
    except ValueError:  # e.g. "https://[" (an unclosed IPv6 address)
        raise ValidationError(URL_INVALID, code="invalid") from None
    if scheme.lower() not in ALLOWED_URL_SCHEMES:
        raise ValidationError(URL_SCHEME_NOT_ALLOWED, code="scheme")
    URLValidator(schemes=list(ALLOWED_URL_SCHEMES), message=URL_INVALID)(value)


class WebUrlField(forms.URLField):
    default_validators = [validate_web_url]
    default_error_messages = {"invalid": URL_INVALID}


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of evidence"),
        choices=Kind.choices,
        initial=Kind.LEGAL,
        widget=forms.RadioSelect,
        error_messages={"required": KIND_REQUIRED},
    )
    title = forms.CharField(
        label=_("Title"), max_length=300, error_messages={"required": TITLE_REQUIRED}
    )
    instrument = forms.CharField(
        label=_("Legal instrument"),
        max_length=300,
        required=False,
        help_text=_("e.g. Mining Code, Law No. 2016-32"),
    )
    article = forms.CharField(
        label=_("Article"),
        max_length=100,
        required=False,
        help_text=_("Leave empty to cite the whole instrument."),
    )
    date = forms.DateField(
        label=_("Date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    url = WebUrlField(
        label=_("Link"), max_length=500, required=False, assume_scheme="https",
        help_text=_("An address starting with https:// or http://"),
    )  # fmt: skip
    file = forms.FileField(
        label=_("File"),
        required=False,
        error_messages={"empty": FILE_EMPTY},
        widget=forms.FileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )

    def __init__(self, *args, response_pk: int | None = None, **kwargs):
        # One form per indicator on a page: ids carry the response so labels stay unique.
        kwargs.setdefault("auto_id", f"id_evidence{response_pk}_%s" if response_pk else "id_%s")
        super().__init__(*args, **kwargs)
        self.upload = None
        self.fields["file"].help_text = _(
            "PDF, Word, Excel, OpenDocument, PNG, JPEG, text or CSV; up to %(limit)s."
        ) % {"limit": filesizeformat(max_upload_bytes())}
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            InlineRadios("kind"),
            "title",
            Div("instrument", "article", "date", css_class="evidence-fields evidence-legal"),
            Div("file", css_class="evidence-fields evidence-document"),
            Div("url", css_class="evidence-fields evidence-url"),
        )

    @classmethod
    def for_response(cls, response, data=None, files=None) -> "EvidenceForm":
        return cls(data, files, response_pk=response.pk)

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if not kind:
            return data
        for name in set(self.fields) - {"kind", "title", *FIELDS_BY_KIND[kind]}:
            # A field this kind does not use: its value and its errors do not count.
            self.errors.pop(name, None)
            data.pop(name, None)
        for name, message in REQUIRED_BY_KIND[kind].items():
            if name not in self.errors and not data.get(name):
                self.add_error(name, message)
        if kind == Kind.DOCUMENT and data.get("file"):
            try:
                self.upload = check_upload(data["file"])
            except ValidationError as error:
                self.add_error("file", error)
        return data

    def evidence_fields(self) -> dict:
        """Keyword arguments for `evidence.evidence_create`, limited to the kind's fields."""
        data = self.cleaned_data
        kind = data["kind"]
        used = FIELDS_BY_KIND[kind]
        fields = {"kind": kind, "title": data["title"].strip()}
        for name in ("instrument", "article", "url"):
            fields[name] = data.get(name, "").strip() if name in used else ""
        fields["date"] = data.get("date") if "date" in used else None
        fields["upload"] = self.upload if kind == Kind.DOCUMENT else None
        return fields
