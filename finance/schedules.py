"""Repayment schedules and their costs: pure functions over Decimal, no database.

Conventions (bank practice in China, DESIGN.md §4):
- the monthly rate is the annual rate / 12; each period's interest is the
  outstanding balance × the monthly rate, rounded half-up to 0.01;
- the last period absorbs every rounding difference, so the principals sum to
  the amount exactly;
- due dates count whole months from the first due date and keep its day of the
  month where the month has it (Jan 31 → Feb 28/29 → Mar 31).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext

from core.dates import add_months

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


class Method:
    EQUAL_INSTALLMENT = "equal_installment"  # 等额本息
    EQUAL_PRINCIPAL = "equal_principal"  # 等额本金
    INTEREST_ONLY = "interest_only"  # 按月付息，到期还本
    BULLET = "bullet"  # 到期一次还本付息

    ALL = (EQUAL_INSTALLMENT, EQUAL_PRINCIPAL, INTEREST_ONLY, BULLET)


@dataclass(frozen=True)
class Period:
    period: int
    due_date: date
    payment: Decimal
    principal: Decimal
    interest: Decimal
    balance: Decimal


@dataclass(frozen=True)
class Summary:
    """What a borrower compares offers by."""

    first_payment: Decimal
    total_interest: Decimal
    total_payment: Decimal
    fees: Decimal
    total_cost: Decimal  # interest + fees
    apr_percent: Decimal


def round_cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def monthly_rate(annual_rate_percent: Decimal) -> Decimal:
    return Decimal(annual_rate_percent) / Decimal(100) / Decimal(12)


def equal_installment_payment(
    amount: Decimal, annual_rate_percent: Decimal, term_months: int
) -> Decimal:
    """P·r(1+r)^n / ((1+r)^n − 1), rounded half-up to the cent (P/n at 0%)."""
    amount = Decimal(amount)
    r = monthly_rate(annual_rate_percent)
    if r == 0:
        return round_cents(amount / term_months)
    with localcontext() as ctx:
        ctx.prec = 40
        growth = (1 + r) ** term_months
        return round_cents(amount * r * growth / (growth - 1))


def schedule(
    *,
    amount: Decimal,
    annual_rate_percent: Decimal,
    term_months: int,
    method: str,
    first_due_date: date,
) -> list[Period]:
    """The full repayment schedule; principals sum to `amount` exactly."""
    amount = round_cents(Decimal(amount))
    if amount <= 0:
        raise ValueError("amount must be positive")
    if term_months < 1:
        raise ValueError("term_months must be at least 1")
    if Decimal(annual_rate_percent) < 0:
        raise ValueError("the rate cannot be negative")
    if method not in Method.ALL:
        raise ValueError(f"unknown repayment method {method!r}")
    r = monthly_rate(annual_rate_percent)
    n = term_months

    if method == Method.BULLET:
        # One payment at maturity: principal plus simple interest for the term.
        interest = round_cents(amount * r * n)
        due = add_months(first_due_date, n - 1)
        return [Period(n, due, amount + interest, amount, interest, ZERO)]

    if method == Method.EQUAL_INSTALLMENT:
        level = equal_installment_payment(amount, annual_rate_percent, n)
    elif method == Method.EQUAL_PRINCIPAL:
        level = round_cents(amount / n)

    rows: list[Period] = []
    balance = amount
    for k in range(1, n + 1):
        interest = round_cents(balance * r)
        if k == n:
            principal = balance
        elif method == Method.EQUAL_INSTALLMENT:
            principal = min(level - interest, balance)
        elif method == Method.EQUAL_PRINCIPAL:
            principal = min(level, balance)
        else:  # interest only: principal at maturity
            principal = ZERO
        balance -= principal
        rows.append(
            Period(
                period=k,
                due_date=add_months(first_due_date, k - 1),
                payment=principal + interest,
                principal=principal,
                interest=interest,
                balance=balance,
            )
        )
    return rows


def apr_percent(
    *, net_proceeds: Decimal, periods: list[Period], max_iterations: int = 200
) -> Decimal:
    """Annual percentage rate: the monthly IRR of the cash flows × 12, in percent.

    The borrower receives `net_proceeds` (the amount less upfront fees) at t=0 and
    pays each period's payment at month t = its period number. The monthly rate
    i solves  net_proceeds = Σ payment_t / (1+i)^t ; the NPV falls strictly as i
    rises, so bisection on [-0.99, 1] converges; we stop when the bracket is below
    1e-12 a month. Nominal (× 12, not compounded), as Chinese lenders quote it.
    """
    flows = [(p.period, p.payment) for p in periods if p.payment]
    if net_proceeds <= 0 or not flows:
        raise ValueError("needs positive proceeds and at least one payment")

    with localcontext() as ctx:
        ctx.prec = 34

        def npv(i: Decimal) -> Decimal:
            base = 1 + i
            return sum(
                (payment / base**t for t, payment in flows), Decimal(0)
            ) - Decimal(net_proceeds)

        low, high = Decimal("-0.99"), Decimal("1")
        if npv(low) < 0 or npv(high) > 0:  # pragma: no cover - absurd inputs
            raise ValueError("no rate in range solves these cash flows")
        for _ in range(max_iterations):
            mid = (low + high) / 2
            if npv(mid) > 0:
                low = mid
            else:
                high = mid
            if high - low < Decimal("1e-12"):
                break
        monthly = (low + high) / 2
    return round_cents(monthly * 12 * 100)


def summarise(
    *, amount: Decimal, periods: list[Period], fees: Decimal = ZERO
) -> Summary:
    fees = round_cents(Decimal(fees or 0))
    total_interest = sum((p.interest for p in periods), ZERO)
    total_payment = sum((p.payment for p in periods), ZERO)
    return Summary(
        first_payment=periods[0].payment,
        total_interest=total_interest,
        total_payment=total_payment,
        fees=fees,
        total_cost=total_interest + fees,
        apr_percent=apr_percent(net_proceeds=Decimal(amount) - fees, periods=periods),
    )
