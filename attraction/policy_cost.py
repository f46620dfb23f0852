"""What an exclusive policy costs the park, against what the firm commits.
Pure, no database: the policy page, the letter of intent and the relocation
comparison all call it.

Costs: rent-free months × the firm's monthly rent; a rent discount × that rent
over the months charged within the costing horizon (five years, as the
relocation comparison); subsidies at their amount; a tax-rebate share × the
committed annual tax over its months. Payback is the total cost divided by the
committed annual tax: the years of tax that repay the package.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from core.money import money

HORIZON_YEARS = 5
HORIZON_MONTHS = HORIZON_YEARS * 12
ZERO = Decimal("0.00")
SUBSIDIES = (
    "fit_out_subsidy",
    "equipment_subsidy",
    "logistics_subsidy",
    "talent_subsidy",
)


@dataclass(frozen=True)
class Item:
    kind: str
    amount: Decimal | None = None
    rate_percent: Decimal | None = None
    months: int | None = None

    @classmethod
    def of(cls, item: Any) -> Item:
        return cls(item.kind, item.amount, item.rate_percent, item.months)


@dataclass(frozen=True)
class Commitments:
    investment: Decimal
    annual_output: Decimal
    annual_tax: Decimal


@dataclass(frozen=True)
class PolicyCost:
    lines: list[tuple[Item, Decimal]]
    total: Decimal
    commitments: Commitments
    payback_years: Decimal | None
    cost_per_investment_percent: Decimal | None

    @property
    def rent_free_months(self) -> int:
        return rent_free_months(item for item, _cost in self.lines)

    @property
    def discount_percent(self) -> Decimal:
        return discount_percent(item for item, _cost in self.lines)


def rent_free_months(items) -> int:
    return sum(i.months or 0 for i in items if i.kind == "rent_free_months")


def discount_percent(items) -> Decimal:
    rates = [i.rate_percent or ZERO for i in items if i.kind == "rent_discount"]
    return max(rates, default=ZERO)


def item_cost(
    item: Item, *, monthly_rent: Decimal, annual_tax: Decimal, free_months: int = 0
) -> Decimal:
    if item.kind == "rent_free_months":
        return money(monthly_rent * (item.months or 0))
    if item.kind == "rent_discount":
        charged = max(HORIZON_MONTHS - free_months, 0)
        return money(monthly_rent * (item.rate_percent or 0) / 100 * charged)
    if item.kind == "tax_rebate":
        years = Decimal(item.months or 0) / 12
        return money(annual_tax * (item.rate_percent or 0) / 100 * years)
    if item.kind in SUBSIDIES:
        return money(item.amount or 0)
    raise ValueError(f"unknown policy item kind {item.kind!r}")


def policy_cost(
    items: list[Item], *, monthly_rent: Decimal, commitments: Commitments
) -> PolicyCost:
    free = rent_free_months(items)
    lines = [
        (
            item,
            item_cost(
                item,
                monthly_rent=monthly_rent,
                annual_tax=commitments.annual_tax,
                free_months=free,
            ),
        )
        for item in items
    ]
    total = sum((cost for _item, cost in lines), ZERO)
    payback = (
        (total / commitments.annual_tax).quantize(Decimal("0.1"), ROUND_HALF_UP)
        if commitments.annual_tax > 0
        else None
    )
    share = (
        (total * 100 / commitments.investment).quantize(Decimal("0.1"), ROUND_HALF_UP)
        if commitments.investment > 0
        else None
    )
    return PolicyCost(lines, total, commitments, payback, share)
