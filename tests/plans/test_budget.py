"""Budget totals: pure functions, no database."""

from decimal import Decimal

import pytest

from plans.budget import (
    BudgetLine,
    format_money,
    share_out,
    totals_by_area,
    totals_by_currency,
    totals_by_stakeholder,
    totals_by_year,
)

D = Decimal


@pytest.mark.parametrize(
    "amount,currency,weights,expected",
    [
        (D("100"), "USD", [1, 1, 1], [D("33.33"), D("33.34"), D("33.33")]),
        (D("100"), "XOF", [1, 1, 1], [D("33"), D("34"), D("33")]),
        (D("1000"), "XOF", [6, 6], [D("500"), D("500")]),
        (D("10"), "USD", [1], [D("10.00")]),
        (D("0.05"), "USD", [1, 1], [D("0.03"), D("0.02")]),
    ],
)
def test_shares_are_rounded_to_the_currency_and_add_up_to_the_amount(
    amount, currency, weights, expected
):
    shares = share_out(amount, currency, weights)
    assert shares == expected
    assert sum(shares) == amount


def test_totals_are_kept_per_currency_and_never_converted():
    lines = [BudgetLine(D("800000"), "XOF"), BudgetLine(D("1250.50"), "USD"),
             BudgetLine(D("200000"), "XOF")]  # fmt: skip
    assert totals_by_currency(lines) == {"USD": D("1250.50"), "XOF": D("1000000")}


def test_an_action_over_two_years_is_spread_pro_rata_over_its_months():
    # 2027-2 for 12 months: July-December 2027 and January-June 2028.
    line = BudgetLine(D("1200"), "USD", start_semester="2027-2", duration_months=12)
    assert totals_by_year([line]) == {2027: {"USD": D("600.00")}, 2028: {"USD": D("600.00")}}


def test_an_uneven_spread_keeps_the_exact_total():
    line = BudgetLine(D("1000"), "XOF", start_semester="2026-2", duration_months=18)
    totals = totals_by_year([line])
    assert totals == {2026: {"XOF": D("333")}, 2027: {"XOF": D("667")}}


def test_without_a_duration_the_amount_counts_in_the_start_year_and_without_a_start_apart():
    lines = [BudgetLine(D("10"), "USD", start_semester="2028-1"), BudgetLine(D("5"), "USD")]
    assert totals_by_year(lines) == {2028: {"USD": D("10")}, None: {"USD": D("5")}}


def test_years_of_several_currencies_are_summed_separately():
    lines = [BudgetLine(D("600"), "XOF", "2027-1", 6), BudgetLine(D("100"), "USD", "2027-2", 6),
             BudgetLine(D("300"), "XOF", "2027-2", 6)]  # fmt: skip
    assert totals_by_year(lines) == {2027: {"USD": D("100.00"), "XOF": D("900")}}


def test_an_action_on_several_areas_is_split_evenly_between_them():
    lines = [BudgetLine(D("90"), "USD", areas=("6.1", "6.3")), BudgetLine(D("10"), "USD")]
    assert totals_by_area(lines) == {
        "6.1": {"USD": D("45.00")},
        "6.3": {"USD": D("45.00")},
        None: {"USD": D("10")},
    }


def test_an_action_is_split_evenly_among_its_stakeholders_so_nothing_counts_twice():
    lines = [BudgetLine(D("100"), "XOF", stakeholders=("MMG", "COOK", "MMG")),
             BudgetLine(D("30"), "XOF", stakeholders=("COOK",))]  # fmt: skip
    totals = totals_by_stakeholder(lines)
    assert totals == {"COOK": {"XOF": D("80")}, "MMG": {"XOF": D("50")}}
    assert sum(amounts["XOF"] for amounts in totals.values()) == D("130")


def test_an_action_without_stakeholders_is_counted_under_none():
    assert totals_by_stakeholder([BudgetLine(D("7"), "HNL")]) == {None: {"HNL": D("7")}}


@pytest.mark.parametrize(
    "amount,currency,locale,expected",
    [
        (D("800000"), "XOF", "fr", "800\u202f000\u00a0F\u202fCFA"),
        (D("1250.5"), "USD", "en", "$1,250.50"),
        (D("1250.5"), "USD", "es", "1.250,50\u00a0US$"),
        (D("1250.5"), "HNL", "es", "1.250,50\u00a0HNL"),
    ],
)
def test_money_is_formatted_in_the_readers_language(amount, currency, locale, expected):
    assert format_money(amount, currency, locale) == expected
