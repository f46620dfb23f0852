"""The one rent calculation of a lease: what is due, for which lease month.
Pure, no database; the contract's rent table, the rent run, the rent roll and
the lease page all call it, so the rent a tenant signs for is the rent invoiced.

The rule (stated in the contract, 租金计算规则): rent is due per **lease month**
(计租月), counted from the commencement date — a lease from 20 November has
months 20 Nov–19 Dec, 20 Dec–19 Jan, … (PRC Civil Code art. 202 for month ends,
see core.dates). Each lease month's rent is invoiced in the calendar month in
which that lease month begins. The first N lease months are rent-free; the
monthly rent escalates by a percentage at every lease anniversary, compounded
from the base rent and rounded half-up to the cent once; a negotiated discount
(e.g. from an exclusive policy) applies to every month's rent. A final lease
month cut short (by the term, a termination or a renewal) is charged pro rata
by days of that lease month.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from core.dates import term_end
from core.money import money

ZERO = Decimal("0.00")
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class RentTerms:
    """What the calculation needs of a lease; `end` already reflects a
    termination or a renewal that cut the lease short."""

    start: date
    end: date
    monthly_rent: Decimal
    rent_free_months: int = 0
    escalation_percent: Decimal = Decimal("0")
    discount_percent: Decimal = Decimal("0")

    # The lease columns `of_values` reads.
    FIELDS = (
        "start_date",
        "end_date",
        "terminated_on",
        "monthly_rent",
        "rent_free_months",
        "escalation_percent",
        "rent_discount_percent",
    )

    @classmethod
    def of(cls, lease: Any) -> RentTerms:
        """From a Lease."""
        return cls.of_values(**{name: getattr(lease, name) for name in cls.FIELDS})

    @classmethod
    def of_values(
        cls,
        *,
        start_date: date,
        end_date: date,
        terminated_on: date | None,
        monthly_rent: Decimal,
        rent_free_months: int,
        escalation_percent: Decimal,
        rent_discount_percent: Decimal,
        **_other: Any,
    ) -> RentTerms:
        """From a lease's column values (a `.values()` row). A termination ends
        the rent on its day; a lease cancelled before it starts owes none."""
        end = min(end_date, terminated_on) if terminated_on else end_date
        return cls(
            start=start_date,
            end=end,
            monthly_rent=Decimal(monthly_rent),
            rent_free_months=rent_free_months or 0,
            escalation_percent=Decimal(escalation_percent or 0),
            discount_percent=Decimal(rent_discount_percent or 0),
        )


@dataclass(frozen=True)
class RentPeriod:
    """One lease month: its dates, the rent due and whether it is rent-free."""

    index: int  # 0-based lease month
    start: date
    end: date
    lease_year: int  # 1-based
    monthly_rent: Decimal  # the rent of a whole month in that lease year
    amount: Decimal  # what is due: 0 when rent-free, pro rata when cut short
    rent_free: bool
    days: int  # days charged (or free) in this period
    full_days: int  # days of the whole lease month

    @property
    def prorated(self) -> bool:
        return self.days < self.full_days


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


def monthly_rent_in_year(terms: RentTerms, lease_year: int) -> Decimal:
    """The monthly rent in lease year `lease_year` (1-based): escalation
    compounded from the base each year (no accumulated rounding), then the
    discount, rounded once."""
    factor = (Decimal(1) + terms.escalation_percent / 100) ** (lease_year - 1)
    return money(terms.monthly_rent * factor * (1 - terms.discount_percent / 100))


def lease_month_start(start: date, index: int) -> date:
    return start if index == 0 else term_end(start, index) + ONE_DAY


def period(terms: RentTerms, index: int) -> RentPeriod | None:
    """Lease month `index` (0-based), or None when the lease has ended before it."""
    if index < 0:
        return None
    first = lease_month_start(terms.start, index)
    if first > terms.end:
        return None
    full_end = term_end(terms.start, index + 1)
    last = min(full_end, terms.end)
    year = index // 12 + 1
    rent = monthly_rent_in_year(terms, year)
    free = index < terms.rent_free_months
    days, full_days = (last - first).days + 1, (full_end - first).days + 1
    if free:
        amount = ZERO
    elif days < full_days:
        amount = money(rent * days / full_days)
    else:
        amount = rent
    return RentPeriod(index, first, last, year, rent, amount, free, days, full_days)


def lease_months(terms: RentTerms) -> list[RentPeriod]:
    """Every lease month of the lease, in order."""
    periods: list[RentPeriod] = []
    while (p := period(terms, len(periods))) is not None:
        periods.append(p)
    return periods


def contract_total(terms: RentTerms) -> Decimal:
    return sum((p.amount for p in lease_months(terms)), ZERO)


def rent_table(periods: list[RentPeriod]) -> list[RentYear]:
    """The periods grouped by lease year, for the contract and the lease page."""
    years: dict[int, list[RentPeriod]] = {}
    for p in periods:
        years.setdefault(p.lease_year, []).append(p)
    return [
        RentYear(
            lease_year=year,
            start=rows[0].start,
            end=rows[-1].end,
            months=len(rows),
            rent_free_months=sum(1 for r in rows if r.rent_free),
            monthly_rent=rows[0].monthly_rent,
            total=sum((r.amount for r in rows), ZERO),
        )
        for year, rows in years.items()
    ]


def _index_near(start: date, day: date) -> int:
    return (day.year - start.year) * 12 + day.month - start.month


def period_on(terms: RentTerms, day: date) -> RentPeriod | None:
    """The lease month that contains `day`, if the lease holds the unit then."""
    if not terms.start <= day <= terms.end:
        return None
    for index in range(_index_near(terms.start, day) + 1, -1, -1):
        p = period(terms, index)
        if p is not None and p.start <= day <= p.end:
            return p
    return None


def rent_on(terms: RentTerms, day: date) -> Decimal:
    """The rent due for the lease month containing `day` (0 outside the term)."""
    p = period_on(terms, day)
    return p.amount if p else ZERO


def lease_year_on(terms: RentTerms, day: date) -> int:
    """The lease year (1-based) that contains `day`; the first before the start."""
    year = max(1, day.year - terms.start.year)
    while lease_month_start(terms.start, 12 * year) <= day:
        year += 1
    while year > 1 and lease_month_start(terms.start, 12 * (year - 1)) > day:
        year -= 1
    return year


def current_monthly_rent(terms: RentTerms, day: date) -> Decimal | None:
    """The monthly rent in force on `day` (escalated and discounted, before any
    rent-free month), or the first year's rent before the lease starts; None
    after its end. The rent of the lease month containing `day`."""
    if day < terms.start:
        return monthly_rent_in_year(terms, 1)
    if day > terms.end:
        return None
    return monthly_rent_in_year(terms, lease_year_on(terms, day))


def rent_holds_until(terms: RentTerms, day: date) -> date:
    """The last day on which `current_monthly_rent` is still what it is on
    `day`: the eve of the next lease anniversary when the rent escalates there,
    else the end of the term; for ever once the term is over."""
    if day > terms.end:
        return date.max
    if not terms.escalation_percent:
        return terms.end
    anniversary = lease_month_start(terms.start, 12 * lease_year_on(terms, day))
    return min(terms.end, anniversary - ONE_DAY)


def months_between(terms: RentTerms, first: date, last: date) -> list[RentPeriod]:
    """Lease months that begin within [first, last], rent-free ones included.
    O(1) per lease whatever its term."""
    if last < terms.start or first > terms.end:
        return []
    near = _index_near(terms.start, first)
    months = []
    for index in range(max(near - 1, 0), near + 3):
        p = period(terms, index)
        if p is not None and first <= p.start <= last:
            months.append(p)
    return months


def due_between(terms: RentTerms, first: date, last: date) -> list[RentPeriod]:
    """Lease months that begin within [first, last] and have rent to pay: what a
    rent run for that calendar month invoices."""
    return [p for p in months_between(terms, first, last) if p.amount > 0]


def corrections(
    terms: RentTerms, invoiced: Mapping[date, Decimal]
) -> dict[date, Decimal]:
    """What each already-invoiced lease month (keyed by its first day) must be
    corrected by after the terms changed (a termination or renewal cut the
    lease short): the amount due now minus the amount invoiced, where not zero."""
    due = {p.start: p.amount for p in lease_months(terms)}
    return {
        start: due.get(start, ZERO) - amount
        for start, amount in invoiced.items()
        if due.get(start, ZERO) != amount
    }
