"""Calendar arithmetic by whole months, shared by leases, rent and loan schedules.

Terms are counted the way the PRC Civil Code (art. 202) counts them: a term of
months ends the day before the corresponding day of the expiry month, and when
that month has no corresponding day, on its last day. So a one-month lease from
31 January ends on the last day of February, never on a day that does not exist.

Also the one reading of "moments on these local days" for queries
(`on_local_days`), as bounds an index on the column can serve.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """`calendar.monthrange(year, month)[1]` without computing the weekday (the
    rent run and rent roll call this for every lease)."""
    if month == 2 and calendar.isleap(year):
        return 29
    return _DAYS[month - 1]


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), clamped to the end of a shorter
    month: 31 January + 1 month = 28 (or 29) February."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = days_in_month(year, month + 1)
    return date(year, month + 1, min(day.day, last))


def term_end(start: date, months: int) -> date:
    """The last day (inclusive) of a term of `months` months starting on `start`."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    last = days_in_month(year, month + 1)
    if start.day > last:
        return date(year, month + 1, last)
    return date(year, month + 1, start.day) - timedelta(days=1)


def months_between(start: date, end: date) -> int:
    """Whole months of a term from `start` up to and including `end` (≥ 0)."""
    if end < start:
        return 0
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    while months > 0 and term_end(start, months) > end:
        months -= 1
    return months


def month_bounds(day: date) -> tuple[date, date]:
    """First and last day of the calendar month holding `day`."""
    first = day.replace(day=1)
    return first, first.replace(day=days_in_month(first.year, first.month))


def on_local_days(field: str, start: date, end: date | None = None) -> Q:
    """Moments in `field` that fall on the local days `start` to `end` (inclusive;
    no end: from `start` on), the days of the current time zone as `__date` reads
    them. Bounds on the column itself, so an index on it serves the range, where
    `__date` converts every row first."""
    zone = timezone.get_current_timezone()
    lookups = {f"{field}__gte": datetime.combine(start, time.min, zone)}
    if end is not None:
        lookups[f"{field}__lt"] = datetime.combine(
            end + timedelta(days=1), time.min, zone
        )
    return Q(**lookups)
