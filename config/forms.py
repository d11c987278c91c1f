"""Form fields shared by the apps."""

import datetime
import functools
import re
from decimal import Decimal

from babel.core import get_global
from babel.numbers import (
    NumberFormatError,
    format_decimal,
    get_territory_currencies,
    is_currency,
    parse_decimal,
)
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext_lazy as _

# A key the database can hold: SQLite raises OverflowError (a server error) on a bigger one.
DATABASE_KEY = re.compile(r"[0-9]{1,18}")


class KeysModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField of objects chosen by their numeric key that refuses any
    value that is not such a key before it reaches the database."""

    def _check_values(self, value):
        for key in value:
            if not DATABASE_KEY.fullmatch(str(key)):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": key},
                )
        return super()._check_values(value)


# Every kind of space a number may be grouped with: the space typed, the no-break space
# (U+00A0) and the narrow no-break space (U+202F) that French uses, the thin space (U+2009).
SPACES = re.compile(r"[ \u00a0\u202f\u2009]")
PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
NOT_A_NUMBER = _("Enter a number, e.g. %(example)s.")


def parse_localized_decimal(text: str, language: str | None = None) -> Decimal:
    """A number as a person of `language` writes it ("12 500 000,50" in French, "12,500,000.50"
    in English), or the plain form "12500000.50"; raises ValueError otherwise."""
    locale = to_locale(language or get_language() or settings.LANGUAGE_CODE)
    # A space never means anything but grouping in a number, whatever the language.
    text = SPACES.sub("", text.strip())
    try:
        value = parse_decimal(text, locale=locale, strict=True)
    except NumberFormatError:
        if not PLAIN_NUMBER.fullmatch(text):
            raise ValueError(text) from None
        value = Decimal(text)
    if not value.is_finite():
        raise ValueError(text)
    return value


class LocalizedDecimalField(forms.DecimalField):
    """A DecimalField that reads numbers written the user's way (Babel's parser). A text
    input (with a numeric keyboard on phones): a browser's number input refuses spaces."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("localize", True)
        super().__init__(*args, **kwargs)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "decimal"}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_localized_decimal(str(value))
        except ValueError:
            example = format_decimal(12500000.5, locale=to_locale(get_language() or "en"))
            raise ValidationError(NOT_A_NUMBER % {"example": example}, code="invalid") from None


class LocalizedIntegerField(forms.IntegerField):
    """An IntegerField that reads "20 000" in French or "20,000" in English."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("localize", True)
        super().__init__(*args, **kwargs)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "numeric"}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            number = parse_localized_decimal(str(value))
        except ValueError:
            number = None
        if number is None or number != number.to_integral_value():
            example = format_decimal(20000, locale=to_locale(get_language() or "en"))
            raise ValidationError(NOT_A_NUMBER % {"example": example}, code="invalid")
        return int(number)


def currencies_in_use() -> list[str]:
    """The ISO 4217 codes that are legal tender somewhere today (no withdrawn currency such
    as the Andorran peseta), by CLDR's territory data in Babel."""
    return sorted(_currencies_in_use(datetime.date.today()))


@functools.cache
def _currencies_in_use(day: datetime.date) -> frozenset:
    territories = get_global("territory_currencies")
    return frozenset(
        code
        for territory in territories
        for code in get_territory_currencies(territory, start_date=day, tender=True)
        if is_currency(code)
    )
