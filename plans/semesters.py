"""Semesters as the plan tables write them (docs/action-plans.md): "2027-1" (January to
June), "2027-2" (July to December). Pure functions, no Django."""

import re
from datetime import date

SEMESTER_PATTERN = r"^[0-9]{4}-[12]$"
_SEMESTER = re.compile(SEMESTER_PATTERN)


def is_semester(text: str) -> bool:
    return bool(_SEMESTER.match(text or ""))


def semester_start(semester: str) -> date:
    """The first day of the semester: 1 January or 1 July."""
    if not is_semester(semester):
        raise ValueError(f"{semester!r} is not a semester like 2027-1.")
    year, half = semester.split("-")
    return date(int(year), 1 if half == "1" else 7, 1)


def add_months(day: date, months: int) -> date:
    """The same day of the month `months` later (plans start on the first of a month)."""
    index = day.month - 1 + months
    return day.replace(year=day.year + index // 12, month=index % 12 + 1)


def month_starts(semester: str, months: int) -> list[date]:
    """The first day of each month an action runs, from its start semester."""
    start = semester_start(semester)
    return [add_months(start, offset) for offset in range(months)]
