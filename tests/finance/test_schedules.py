"""Repayment schedules: exact to the cent, against closed forms and known cases."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest

from finance.schedules import (
    Method,
    add_months,
    apr_percent,
    equal_installment_payment,
    schedule,
    summarise,
)

D = Decimal
START = date(2026, 1, 31)


def build(amount="1000000.00", rate="4.35", n=60, method=Method.EQUAL_INSTALLMENT):
    return schedule(
        amount=D(amount),
        annual_rate_percent=D(rate),
        term_months=n,
        method=method,
        first_due_date=START,
    )


@pytest.mark.parametrize(
    "amount, rate, n, payment",
    [
        ("1000000.00", "4.35", 60, "18574.89"),
        ("1000000.00", "4.90", 120, "10557.74"),
        ("1000000.00", "0", 10, "100000.00"),
    ],
)
def test_equal_installment_payment_matches_hand_checked_examples(
    amount, rate, n, payment
):
    assert equal_installment_payment(D(amount), D(rate), n) == D(payment)


@pytest.mark.parametrize("method", Method.ALL)
@pytest.mark.parametrize(
    "amount, rate, n",
    [("1000000.00", "4.35", 60), ("333333.33", "3.85", 37), ("1000.01", "7", 1)],
)
def test_principals_sum_exactly_to_the_amount(method, amount, rate, n):
    rows = build(amount, rate, n, method)
    assert sum(r.principal for r in rows) == D(amount)
    assert rows[-1].balance == 0
    for row in rows:
        assert row.payment == row.principal + row.interest
        assert row.payment.as_tuple().exponent == -2


def test_equal_installment_payments_equal_but_the_last():
    rows = build("1000000.00", "4.90", 120)
    assert {r.payment for r in rows[:-1]} == {D("10557.74")}
    assert abs(rows[-1].payment - D("10557.74")) < D("1.00")


def test_equal_installment_interest_follows_the_closed_form_balance():
    """Balance after k payments: P(1+r)^k − A((1+r)^k − 1)/r, within rounding."""
    rows = build("1000000.00", "4.35", 60)
    r = D("4.35") / 100 / 12
    a = D("18574.89")
    for k in (1, 12, 30, 59):
        growth = (1 + r) ** k
        closed = D("1000000") * growth - a * (growth - 1) / r
        assert abs(rows[k - 1].balance - closed) < D("0.05")
    assert rows[0].interest == D("3625.00")  # 1,000,000 × 4.35% / 12


def test_equal_principal_closed_form():
    rows = build("1200000.00", "4.80", 12, Method.EQUAL_PRINCIPAL)
    r = D("0.004")
    for k, row in enumerate(rows, start=1):
        assert row.principal == D("100000.00")
        expected = (D("1200000") - (k - 1) * D("100000")) * r
        assert row.interest == expected.quantize(D("0.01"), ROUND_HALF_UP)
    assert rows[0].payment == D("104800.00")
    assert rows[-1].payment == D("100400.00")


def test_interest_only_pays_principal_at_maturity():
    rows = build("500000.00", "3.60", 12, Method.INTEREST_ONLY)
    assert [r.payment for r in rows[:-1]] == [D("1500.00")] * 11
    assert rows[-1].payment == D("501500.00")
    assert rows[-1].principal == D("500000.00")


def test_bullet_is_one_payment_of_principal_and_simple_interest():
    rows = build("500000.00", "3.60", 12, Method.BULLET)
    assert len(rows) == 1
    assert rows[0].period == 12
    assert rows[0].interest == D("18000.00")
    assert rows[0].payment == D("518000.00")
    assert rows[0].due_date == date(2026, 12, 31)


def test_due_dates_are_month_end_safe_and_keep_the_anchor_day():
    rows = build(n=14)
    assert [r.due_date for r in rows[:4]] == [
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
    ]
    assert rows[13].due_date == date(2027, 2, 28)
    assert add_months(date(2027, 12, 31), 2) == date(2028, 2, 29)
    assert add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)


def test_rounding_half_up():
    # 100.10 × 0.5%/12 … use a case whose interest lands on exactly half a cent.
    rows = schedule(
        amount=D("300.00"),
        annual_rate_percent=D("2"),
        term_months=2,
        method=Method.EQUAL_PRINCIPAL,
        first_due_date=START,
    )
    assert rows[0].interest == D("0.50")  # 300 × 0.02/12 = 0.5 exactly
    rows = schedule(
        amount=D("3.00"),
        annual_rate_percent=D("2"),
        term_months=1,
        method=Method.INTEREST_ONLY,
        first_due_date=START,
    )
    assert rows[0].interest == D("0.01")  # 0.005 rounds half-up


def test_apr_equals_the_nominal_rate_without_fees_and_rises_with_them():
    rows = build("1000000.00", "4.35", 60)
    assert apr_percent(net_proceeds=D("1000000.00"), periods=rows) == D("4.35")
    with_fees = summarise(amount=D("1000000.00"), periods=rows, fees=D("10000"))
    assert with_fees.apr_percent == D("4.76")
    assert with_fees.total_interest == D("114493.40")
    assert with_fees.total_cost == D("124493.40")
    assert with_fees.first_payment == D("18574.89")


def test_bad_inputs_are_refused():
    with pytest.raises(ValueError):
        build(amount="0")
    with pytest.raises(ValueError):
        build(n=0)
    with pytest.raises(ValueError):
        build(method="balloon")
