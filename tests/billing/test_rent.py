"""The rent schedule: full months, proration, rent-free months, escalation."""

from datetime import date
from decimal import Decimal as D

from billing.rent import add_months, escalated_rent, rent_for_month


def rent(period, **kw):
    args = {
        "start": date(2026, 1, 1),
        "end": date(2028, 12, 31),
        "monthly_rent": D("10000.00"),
        "period": period,
    }
    args.update(kw)
    return rent_for_month(**args)


def test_a_full_month_is_the_monthly_rent():
    month = rent(date(2026, 3, 1))
    assert month.amount == D("10000.00")
    assert (month.billable_days, month.prorated) == (31, False)


def test_months_outside_the_lease_cost_nothing():
    assert rent(date(2025, 12, 1)).amount == 0
    assert rent(date(2029, 1, 1)).amount == 0


def test_a_partial_first_month_is_prorated_by_days():
    # 16 March to 31 March: 16 of 31 days.
    month = rent(date(2026, 3, 1), start=date(2026, 3, 16))
    assert month.amount == D("5161.29")  # 10000 * 16 / 31, half-up
    assert month.prorated


def test_a_partial_last_month_is_prorated_by_days():
    month = rent(date(2026, 2, 1), end=date(2026, 2, 14))
    assert month.amount == D("5000.00")  # 14 of 28 days


def test_early_termination_prorates_the_last_month():
    month = rent(date(2026, 6, 1), terminated_on=date(2026, 6, 10))
    assert month.amount == D("3333.33")  # 10 of 30 days
    assert rent(date(2026, 7, 1), terminated_on=date(2026, 6, 10)).amount == 0


def test_rent_free_months_are_the_first_months_from_the_start():
    kw = {"start": date(2026, 1, 15), "rent_free_months": 2}
    assert rent(date(2026, 1, 1), **kw).amount == 0
    assert rent(date(2026, 2, 1), **kw).amount == 0
    march = rent(date(2026, 3, 1), **kw)  # free until 14 March, charged from 15th
    assert (march.free_days, march.billable_days) == (14, 17)
    assert march.amount == D("5483.87")  # 10000 * 17 / 31
    assert rent(date(2026, 4, 1), **kw).amount == D("10000.00")


def test_escalation_compounds_each_lease_year():
    kw = {"escalation_percent": D("5")}
    assert rent(date(2026, 12, 1), **kw).amount == D("10000.00")
    assert rent(date(2027, 1, 1), **kw).amount == D("10500.00")
    assert rent(date(2028, 1, 1), **kw).amount == D("11025.00")
    assert escalated_rent(D("10000"), D("3.5"), 3) == D("11087.18")


def test_an_anniversary_inside_a_month_splits_it():
    # Lease from 16 March; the second year starts 16 March 2027.
    month = rent(date(2027, 3, 1), start=date(2026, 3, 16), escalation_percent=D("10"))
    # 15 days at 10000 + 16 days at 11000, over 31 days.
    assert month.amount == D("10516.13")


def test_add_months_clamps_to_the_month_end():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
