"""Budget totals of a plan: pure functions over plain `BudgetLine`s, no ORM, no request.

Money is never converted: every total is per ISO 4217 currency. How an action's amount is
shared out (our choices, shown on the plan page):

* per year: pro rata over the action's months, from the first month of its start semester
  (January or July) for its duration; an action with a start but no duration counts in its
  start year; one with no start is "not scheduled" (key None);
* per area: split evenly among the distinct areas of the indicators it addresses; with no
  indicator it is "no area" (key None);
* per stakeholder: split evenly among its responsible institutions (each one does part of
  the work, so no amount is counted twice); with none it is "no stakeholder" (key None).

Shares are rounded to the currency's minor unit (none for XOF, cents for USD) so that the
shares of one amount add up exactly to it: each share is the rounded running total minus
the previous rounded running total.
"""

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from babel.numbers import format_currency, get_currency_precision

from .semesters import month_starts, semester_start

Totals = dict[Hashable, dict[str, Decimal]]  # key (year, area, stakeholder) -> currency -> sum


@dataclass(frozen=True)
class BudgetLine:
    """One action's budget and what the totals share it by."""

    amount: Decimal
    currency: str
    start_semester: str = ""
    duration_months: int | None = None
    areas: tuple[str, ...] = ()
    stakeholders: tuple[str, ...] = ()


def minor_unit(currency: str) -> Decimal:
    """1 for XOF, 0.01 for USD: the smallest amount the currency writes."""
    return Decimal(1).scaleb(-get_currency_precision(currency))


def share_out(amount: Decimal, currency: str, weights: Sequence[int]) -> list[Decimal]:
    """`amount` in parts proportional to `weights`, rounded to the currency's minor unit,
    adding up exactly to the amount (rounded)."""
    total = sum(weights)
    if total <= 0:
        raise ValueError("Weights must add up to more than zero.")
    unit = minor_unit(currency)
    shares, running, previous = [], 0, Decimal(0)
    for weight in weights:
        running += weight
        exact = Fraction(amount) * Fraction(running, total)
        rounded = (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(
            unit, rounding=ROUND_HALF_UP
        )
        shares.append(rounded - previous)
        previous = rounded
    return shares


def totals_by_currency(lines: Iterable[BudgetLine]) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for line in lines:
        totals[line.currency] += line.amount
    return dict(sorted(totals.items()))


def _years(line: BudgetLine) -> list[tuple[Hashable, int]]:
    """(year, months in that year) of the line; [(None, 1)] when not scheduled."""
    if not line.start_semester:
        return [(None, 1)]
    if not line.duration_months:
        return [(semester_start(line.start_semester).year, 1)]
    months: dict[int, int] = defaultdict(int)
    for month in month_starts(line.start_semester, line.duration_months):
        months[month.year] += 1
    return sorted(months.items())


def _evenly(keys: tuple[str, ...]) -> list[tuple[Hashable, int]]:
    unique = list(dict.fromkeys(keys))
    return [(key, 1) for key in unique] or [(None, 1)]


def _totals(lines: Iterable[BudgetLine], parts: Callable) -> Totals:
    totals: dict[Hashable, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for line in lines:
        keyed = parts(line)
        shares = share_out(line.amount, line.currency, [weight for _key, weight in keyed])
        for (key, _weight), share in zip(keyed, shares, strict=True):
            totals[key][line.currency] += share
    return {key: dict(sorted(by_currency.items())) for key, by_currency in totals.items()}


def totals_by_year(lines: Iterable[BudgetLine]) -> Totals:
    return _sorted_with_none_last(_totals(lines, _years))


def totals_by_area(lines: Iterable[BudgetLine]) -> Totals:
    return _sorted_with_none_last(_totals(lines, lambda line: _evenly(line.areas)))


def totals_by_stakeholder(lines: Iterable[BudgetLine]) -> Totals:
    return _sorted_with_none_last(_totals(lines, lambda line: _evenly(line.stakeholders)))


def _sorted_with_none_last(totals: Totals) -> Totals:
    return dict(sorted(totals.items(), key=lambda item: (item[0] is None, str(item[0]))))


def format_money(amount: Decimal, currency: str, locale: str) -> str:
    """E.g. "800 000 F CFA" in French, "US$1,250.50" in Spanish: Babel's CLDR formats."""
    return format_currency(amount, currency, locale=locale)
