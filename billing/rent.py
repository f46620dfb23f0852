"""The rent schedule: what a lease costs in one calendar month. Pure, no database.

Lease months and years count from the start date (a lease starting on 15 March
has its second lease year from 15 March next year). Rent-free months are the
first N lease months; the monthly rent escalates by a percentage at every lease
anniversary, compounded and rounded to the cent as a contract would state it; a
month only partly inside the lease (first, last, or cut short by termination) is
prorated by calendar days.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from core.money import money

ZERO = Decimal("0.00")
ONE_DAY = timedelta(days=1)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 = 28 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def month_bounds(period: date) -> tuple[date, date]:
    """First and last day of the calendar month holding `period`."""
    first = period.replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def escalated_rent(
    monthly_rent: Decimal, escalation_percent: Decimal, year: int
) -> Decimal:
    """Monthly rent in lease year `year` (0-based), compounded, rounded half-up."""
    factor = (Decimal(1) + Decimal(escalation_percent) / Decimal(100)) ** year
    return money(Decimal(monthly_rent) * factor)


@dataclass(frozen=True)
class MonthRent:
    amount: Decimal
    billable_days: int
    days_in_month: int
    free_days: int

    @property
    def prorated(self) -> bool:
        return 0 < self.billable_days + self.free_days < self.days_in_month


def rent_for_month(
    *,
    start: date,
    end: date,
    monthly_rent: Decimal,
    period: date,
    rent_free_months: int = 0,
    escalation_percent: Decimal = ZERO,
    terminated_on: date | None = None,
) -> MonthRent:
    """Rent of a lease for the calendar month holding `period`.

    `end` and `terminated_on` are inclusive last days; the earlier one wins.
    """
    first, last = month_bounds(period)
    days_in_month = last.day
    last_day = min(end, terminated_on) if terminated_on else end
    lo, hi = max(first, start), min(last, last_day)
    if lo > hi:
        return MonthRent(ZERO, 0, days_in_month, 0)
    free_until = add_months(start, rent_free_months)  # first day that is charged

    # Cut [lo, hi] where the charge changes: end of rent-free, anniversaries.
    year_of_lo = _lease_year(start, lo)
    cuts = {lo, hi + ONE_DAY}
    if lo < free_until <= hi:
        cuts.add(free_until)
    anniversary = add_months(start, 12 * (year_of_lo + 1))
    if anniversary <= hi:
        cuts.add(anniversary)
    points = sorted(cuts)

    amount = Decimal(0)
    billable = free = 0
    for a, b in zip(points, points[1:], strict=False):
        days = (b - a).days
        if a < free_until:
            free += days
            continue
        billable += days
        rate = escalated_rent(monthly_rent, escalation_percent, _lease_year(start, a))
        amount += rate * days / days_in_month
    return MonthRent(money(amount), billable, days_in_month, free)


def _lease_year(start: date, day: date) -> int:
    """0 in the first lease year, 1 from the first anniversary, ..."""
    years = day.year - start.year
    if add_months(start, 12 * years) > day:
        years -= 1
    return max(years, 0)
