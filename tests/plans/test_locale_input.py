"""Budgets typed the user's way, and the currencies offered: those in use today, the
country's own first and preset."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from config.forms import parse_localized_decimal
from plans.models import Action

from .test_actions import form_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "language", "expected"),
    [
        ("12 500 000", "fr", "12500000"),
        ("12\u00a0500\u00a0000,50", "fr", "12500000.50"),
        ("12\u202f500\u202f000", "fr", "12500000"),
        ("12,500,000.50", "en", "12500000.50"),
        ("12.500.000,5", "es", "12500000.5"),
        ("12.500.000,5", "pt", "12500000.5"),
        ("12500000.5", "fr", "12500000.5"),
    ],
)
def test_a_number_is_read_as_the_user_writes_it(typed, language, expected):
    assert parse_localized_decimal(typed, language) == Decimal(expected)


@pytest.mark.parametrize("typed", ["douze", "NaN", "12,500,000.50"])
def test_what_is_not_a_number_in_french_is_refused(typed):
    with pytest.raises(ValueError):
        parse_localized_decimal(typed, "fr")


def test_a_french_focal_point_types_a_budget_with_spaces(client, focal_a, assessment_a):
    client.force_login(focal_a)
    url = reverse("plans:action_new", args=[assessment_a.pk]).replace("/en/", "/fr/", 1)
    answer = client.post(url, form_data(budget_amount="12 500 000"))
    assert answer.status_code == 302
    assert Action.objects.get().budget_amount == Decimal("12500000")


def test_a_wrong_number_says_how_to_write_one_and_keeps_what_was_typed(
    client, focal_a, assessment_a
):
    client.force_login(focal_a)
    url = reverse("plans:action_new", args=[assessment_a.pk]).replace("/en/", "/fr/", 1)
    answer = client.post(url, form_data(budget_amount="douze millions"))
    page = answer.content.decode()
    assert answer.status_code == 200
    assert "12\u202f500\u202f000,5" in page  # the example, in French
    assert 'value="douze millions"' in page
    assert not Action.objects.exists()


def test_only_currencies_in_use_are_offered_the_countrys_own_first_and_preset(
    client, focal_a, assessment_a
):
    client.force_login(focal_a)
    with translation.override("en"):
        form = client.get(reverse("plans:action_new", args=[assessment_a.pk])).context["form"]
    codes = [code for code, _label in form.fields["budget_currency"].choices]
    assert codes[1] == "XOF"
    assert "USD" in codes
    assert "ADP" not in codes and "AFA" not in codes  # Andorran peseta, afghani (1927–2002)
    assert form["budget_currency"].value() == "XOF"


def test_the_preset_currency_without_an_amount_is_no_budget(client, focal_a, assessment_a):
    client.force_login(focal_a)
    url = reverse("plans:action_new", args=[assessment_a.pk])
    answer = client.post(url, form_data(budget_amount="", budget_currency="XOF"))
    assert answer.status_code == 302
    action = Action.objects.get()
    assert action.budget_amount is None and action.budget_currency == ""
