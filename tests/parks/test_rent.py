"""The one rent calculation (parks.rent): lease months, rent-free months,
compounded escalation, discount, proration, and the property that what the
rent run invoices over a lease's life always adds up to the contract."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from core.dates import add_months, month_bounds, term_end
from parks.rent import (
    RentTerms,
    contract_total,
    corrections,
    current_monthly_rent,
    due_between,
    lease_months,
    period_on,
    rent_holds_until,
    rent_on,
    rent_table,
)


def terms(**kw) -> RentTerms:
    args = {
        "start": date(2026, 1, 1),
        "end": date(2028, 12, 31),
        "monthly_rent": D("10000.00"),
    }
    args.update(kw)
    return RentTerms(**args)


def test_the_issue_example_invoices_what_the_contract_says():
    # ¥10,000/month from 2027-11-20 for 6 months: six whole lease months.
    lease = terms(start=date(2027, 11, 20), end=term_end(date(2027, 11, 20), 6))
    months = lease_months(lease)
    assert [(m.start, m.end) for m in months][:2] == [
        (date(2027, 11, 20), date(2027, 12, 19)),
        (date(2027, 12, 20), date(2028, 1, 19)),
    ]
    assert contract_total(lease) == D("60000.00")
    invoiced = sum(
        p.amount
        for month in range(8)
        for p in due_between(lease, *month_bounds(add_months(date(2027, 11, 1), month)))
    )
    assert invoiced == D("60000.00")


def test_rent_free_months_are_the_first_lease_months():
    lease = terms(start=date(2026, 1, 15), rent_free_months=2)
    months = lease_months(lease)
    assert [m.amount for m in months[:3]] == [D("0.00"), D("0.00"), D("10000.00")]
    assert rent_on(lease, date(2026, 3, 14)) == D("0.00")
    assert rent_on(lease, date(2026, 3, 15)) == D("10000.00")


def test_escalation_compounds_from_the_base_at_each_anniversary():
    lease = terms(escalation_percent=D("5"), discount_percent=D("0"))
    table = rent_table(lease_months(lease))
    assert [row.monthly_rent for row in table] == [
        D("10000.00"),
        D("10500.00"),
        D("11025.00"),
    ]
    assert [row.total for row in table] == [
        D("120000.00"),
        D("126000.00"),
        D("132300.00"),
    ]


def test_a_discount_applies_to_every_month_after_escalation():
    lease = terms(escalation_percent=D("3"), discount_percent=D("20"))
    assert current_monthly_rent(lease, date(2026, 6, 1)) == D("8000.00")
    assert current_monthly_rent(lease, date(2027, 6, 1)) == D("8240.00")


def test_a_lease_cut_short_prorates_its_last_lease_month_by_days():
    # Lease month 10 Jun – 9 Jul has 30 days; ending 19 Jun charges 10 of them.
    lease = terms(start=date(2026, 1, 10), end=date(2026, 6, 19))
    last = lease_months(lease)[-1]
    assert (last.start, last.end, last.days, last.full_days) == (
        date(2026, 6, 10),
        date(2026, 6, 19),
        10,
        30,
    )
    assert last.amount == D("3333.33") and last.prorated


def test_a_termination_before_the_start_owes_nothing():
    lease = RentTerms.of_values(
        start_date=date(2026, 5, 1),
        end_date=date(2027, 4, 30),
        terminated_on=date(2026, 4, 1),
        monthly_rent=D("9000"),
        rent_free_months=0,
        escalation_percent=D("0"),
        rent_discount_percent=D("0"),
    )
    assert lease_months(lease) == [] and contract_total(lease) == 0


def test_a_month_start_missing_in_a_short_month_still_gets_every_lease_month():
    # From 31 January: 31 Jan–28 Feb, 1 Mar–30 Mar, 31 Mar–30 Apr …
    lease = terms(start=date(2026, 1, 31), end=date(2026, 12, 30))
    starts = [m.start for m in lease_months(lease)][:4]
    assert starts == [
        date(2026, 1, 31),
        date(2026, 3, 1),
        date(2026, 3, 31),
        date(2026, 5, 1),
    ]
    assert due_between(lease, date(2026, 2, 1), date(2026, 2, 28)) == []
    assert len(due_between(lease, date(2026, 3, 1), date(2026, 3, 31))) == 2


def test_corrections_are_what_is_due_now_minus_what_was_invoiced():
    lease = terms(end=date(2026, 2, 14))
    invoiced = {date(2026, 1, 1): D("10000.00"), date(2026, 2, 1): D("10000.00"),
                date(2026, 3, 1): D("10000.00")}  # fmt: skip
    assert corrections(lease, invoiced) == {
        date(2026, 2, 1): D("5000.00") - D("10000.00"),
        date(2026, 3, 1): D("-10000.00"),
    }


# --- the property: the invoices of a lease always add up to its contract -------

money = st.decimals(min_value=D("0.01"), max_value=D("2000000"), places=2)
percent = st.decimals(min_value=D("0"), max_value=D("20"), places=2)


@st.composite
def leases(draw):
    start = draw(st.dates(date(2024, 1, 1), date(2032, 12, 31)))
    months = draw(st.integers(1, 120))
    return RentTerms(
        start=start,
        end=term_end(start, months),
        monthly_rent=draw(money),
        rent_free_months=draw(st.integers(0, min(months, 24))),
        escalation_percent=draw(percent),
        discount_percent=draw(
            st.decimals(min_value=D("0"), max_value=D("100"), places=2)
        ),
    )


def run_months(lease: RentTerms, from_month: date, to_month: date, invoiced: dict):
    """The rent run, month by month: each lease month invoiced once."""
    month = from_month
    while month <= to_month:
        for p in due_between(lease, *month_bounds(month)):
            invoiced.setdefault(p.start, p.amount)
        month = add_months(month, 1)


def cut(lease: RentTerms, on: date) -> RentTerms:
    return RentTerms(
        start=lease.start,
        end=min(lease.end, on),
        monthly_rent=lease.monthly_rent,
        rent_free_months=lease.rent_free_months,
        escalation_percent=lease.escalation_percent,
        discount_percent=lease.discount_percent,
    )


@settings(max_examples=2000, deadline=None)
@given(lease=leases())
def test_a_lease_invoiced_month_by_month_totals_its_contract(lease):
    invoiced: dict[date, D] = {}
    run_months(lease, lease.start.replace(day=1), lease.end, invoiced)
    table_total = sum((row.total for row in rent_table(lease_months(lease))), D(0))
    assert sum(invoiced.values(), D(0)) == contract_total(lease) == table_total


@settings(max_examples=2000, deadline=None)
@given(lease=leases(), data=st.data())
def test_a_terminated_or_renewed_lease_still_totals_its_contract(lease, data):
    """Invoices run for a while, then the lease is cut short (a termination or
    an early renewal, on any day, decided in any month, also after its own
    end); corrections true it up and the runs go on."""
    on = data.draw(st.dates(lease.start - timedelta(days=40), lease.end))
    decided = data.draw(
        st.dates(lease.start - timedelta(days=60), lease.end + timedelta(days=60))
    )
    invoiced: dict[date, D] = defaultdict(D)
    first_month = min(lease.start, decided).replace(day=1)
    run_months(lease, first_month, add_months(decided, -1), invoiced)
    shortened = cut(lease, on)
    for start, delta in corrections(shortened, dict(invoiced)).items():
        invoiced[start] += delta
    run_months(shortened, decided.replace(day=1), lease.end, invoiced)
    assert sum(invoiced.values(), D(0)) == contract_total(shortened)
    due = {p.start: p.amount for p in lease_months(shortened)}
    assert {k: v for k, v in invoiced.items() if v} == {
        k: v for k, v in due.items() if v
    }
    # A renewal from the day after the cut is a lease of its own.
    renewal = RentTerms(
        start=max(on, lease.start - timedelta(days=1)) + timedelta(days=1),
        end=term_end(max(on, lease.start) + timedelta(days=1), 12),
        monthly_rent=lease.monthly_rent,
        rent_free_months=0,
        escalation_percent=lease.escalation_percent,
    )
    renewed: dict[date, D] = {}
    run_months(renewal, renewal.start.replace(day=1), renewal.end, renewed)
    assert sum(renewed.values(), D(0)) == contract_total(renewal)


@settings(max_examples=1000, deadline=None)
@given(lease=leases(), data=st.data())
def test_the_rent_in_force_holds_until_the_day_it_says(lease, data):
    """What the kept figures rely on: the rent in force does not change from a
    day to the last day it is said to hold, and that day is the end of the
    term or the eve of an anniversary at which the rent escalates."""
    day = data.draw(st.dates(lease.start - timedelta(days=400), lease.end))
    until = rent_holds_until(lease, day)
    assert day <= until <= lease.end
    rent = current_monthly_rent(lease, day)
    later = data.draw(st.dates(day, until))
    assert current_monthly_rent(lease, later) == current_monthly_rent(lease, until)
    assert current_monthly_rent(lease, until) == rent
    if until < lease.end:  # the eve of an anniversary at which the rent escalates
        assert lease.escalation_percent > 0
        assert period_on(lease, until + timedelta(days=1)).index % 12 == 0


@settings(max_examples=2000, deadline=None)
@given(lease=leases(), data=st.data())
def test_the_rent_in_force_is_the_rent_of_the_lease_month_containing_the_day(
    lease, data
):
    day = data.draw(st.dates(lease.start, lease.end))
    assert current_monthly_rent(lease, day) == period_on(lease, day).monthly_rent


def test_after_the_term_the_rent_in_force_holds_for_ever():
    lease = terms(escalation_percent=D("5"))
    assert rent_holds_until(lease, date(2029, 1, 1)) == date.max
    assert rent_holds_until(lease, date(2026, 3, 9)) == date(2026, 12, 31)
    assert rent_holds_until(terms(), date(2026, 3, 9)) == date(2028, 12, 31)
