"""Working days in mainland China, for the admission SLA clock.

The `holidays` package's China calendar lists the public holidays *and* the
bridge days off (调休 rest days, e.g. 2025-02-03/04), and keeps the weekend
days that are worked instead (make-up working days, e.g. Sunday 2025-01-26) in
`weekend_workdays`; its `is_working_day()` combines both. A working day here is
exactly what `is_working_day()` says. Years the package has not been told about
yet fall back to its fixed-date and lunar rules without make-up days.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=16)
def _calendar(year: int) -> holidays.HolidayBase:
    # Three years around the one asked so a span across New Year is covered.
    return holidays.country_holidays("CN", years=range(year - 1, year + 2))


def is_working_day(day: date) -> bool:
    return _calendar(day.year).is_working_day(day)


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (start itself not counted)."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end`; negative when `end`
    is before `start` (working days overdue)."""
    if end == start:
        return 0
    sign = 1 if end > start else -1
    low, high = (start, end) if sign == 1 else (end, start)
    count = 0
    current = low
    while current < high:
        current += timedelta(days=1)
        if is_working_day(current):
            count += 1
    return sign * count
