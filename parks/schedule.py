"""Lease date and rent arithmetic: pure functions, no database.

Terms are counted in months the way the PRC Civil Code (art. 202) counts them: a
term ends the day before the corresponding day of the expiry month, and when that
month has no corresponding day, on its last day. So a one-month lease from
31 January ends on the last day of February, never on a day that does not exist.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from core.money import money

MAX_TERM_MONTHS = 120


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def term_end(start: date, months: int) -> date:
    """The last day (inclusive) of a term of `months` months starting on `start`."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    if start.day > last:
        return date(year, month + 1, last)
    return date(year, month + 1, start.day) - timedelta(days=1)


def months_between(start: date, end: date) -> int:
    """Whole lease months from `start` up to and including `end` (≥ 0)."""
    if end < start:
        return 0
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    while months > 0 and term_end(start, months) > end:
        months -= 1
    return months


@dataclass(frozen=True)
class RentPeriod:
    """One lease month: its dates, the rent due and whether it is rent-free."""

    index: int  # 0-based lease month
    start: date
    end: date
    lease_year: int  # 1-based
    monthly_rent: Decimal  # the escalated rent of that lease year
    amount: Decimal  # what is due: 0 in a rent-free month
    rent_free: bool


@dataclass(frozen=True)
class RentYear:
    """A row of the contract's rent table."""

    lease_year: int
    start: date
    end: date
    months: int
    rent_free_months: int
    monthly_rent: Decimal
    total: Decimal


def escalated_rent(
    monthly_rent: Decimal,
    escalation_percent: Decimal,
    year: int,
    discount_percent: Decimal = Decimal("0"),
) -> Decimal:
    """The monthly rent in lease year `year` (1-based), compounding from the base
    rent each time so rounding does not accumulate, less a negotiated discount
    (e.g. an exclusive policy's), rounded once."""
    factor = (Decimal(1) + Decimal(escalation_percent) / 100) ** (year - 1)
    discount = 1 - Decimal(discount_percent) / 100
    return money(Decimal(monthly_rent) * factor * discount)


def rent_periods(
    *,
    start: date,
    end: date,
    monthly_rent: Decimal,
    rent_free_months: int = 0,
    escalation_percent: Decimal = Decimal("0"),
    discount_percent: Decimal = Decimal("0"),
) -> list[RentPeriod]:
    """Every lease month from `start` to `end`; a last partial month is charged
    pro rata by days."""
    periods: list[RentPeriod] = []
    index = 0
    period_start = start
    while period_start <= end:
        full_end = term_end(start, index + 1)
        period_end = min(full_end, end)
        year = index // 12 + 1
        rent = escalated_rent(monthly_rent, escalation_percent, year, discount_percent)
        free = index < rent_free_months
        amount = Decimal("0.00") if free else rent
        if period_end < full_end and not free:
            days = (full_end - period_start).days + 1
            used = (period_end - period_start).days + 1
            amount = money(rent * used / days)
        periods.append(
            RentPeriod(index, period_start, period_end, year, rent, amount, free)
        )
        index += 1
        period_start = period_end + timedelta(days=1)
    return periods


def rent_table(periods: list[RentPeriod]) -> list[RentYear]:
    """The periods grouped by lease year, for the contract and the lease page."""
    years: dict[int, list[RentPeriod]] = {}
    for period in periods:
        years.setdefault(period.lease_year, []).append(period)
    return [
        RentYear(
            lease_year=year,
            start=rows[0].start,
            end=rows[-1].end,
            months=len(rows),
            rent_free_months=sum(1 for r in rows if r.rent_free),
            monthly_rent=rows[0].monthly_rent,
            total=sum((r.amount for r in rows), Decimal("0.00")),
        )
        for year, rows in years.items()
    ]


def rent_on(periods: list[RentPeriod], day: date) -> Decimal:
    """The rent due for the lease month that contains `day` (0 outside the term)."""
    for period in periods:
        if period.start <= day <= period.end:
            return period.amount
    return Decimal("0.00")
