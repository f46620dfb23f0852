"""Relocation cost comparison (腾笼换鸟): a firm's yearly operating cost at its
current location and in the park, item by item. Pure, no database.

Wages are a monthly average over a typical staff mix (60% general workers,
30% skilled, 10% technicians and managers) unless the caller gives one figure.
With an exclusive policy, the park side over five years subtracts what the
policy gives back each year: rent-free months (the first lease months), the
rent discount on the months charged, one-off subsidies in year one, and the
tax-rebate share over its months.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from attraction.policy_cost import (
    SUBSIDIES,
    ZERO,
    Item,
    discount_percent,
    rent_free_months,
)
from core.money import money

STAFF_MIX = (Decimal("0.6"), Decimal("0.3"), Decimal("0.1"))
ITEMS = ("rent", "wages", "power", "water", "gas", "logistics")


@dataclass(frozen=True)
class Costs:
    """A place's unit costs (CNY): rent per m² per month, monthly wage per head,
    tariffs per kWh / m³ of water / m³ of gas, logistics per tonne."""

    rent_per_m2: Decimal
    wage: Decimal
    power_tariff: Decimal
    water_tariff: Decimal
    gas_tariff: Decimal
    logistics_per_tonne: Decimal


@dataclass(frozen=True)
class Size:
    area_m2: Decimal
    staff: int
    kwh: Decimal  # per year
    m3: Decimal  # water per year
    gas_m3: Decimal = Decimal("0")  # per year
    tonnes: Decimal = Decimal("0")  # shipped per year


def average_wage(general: Decimal, skilled: Decimal, technical: Decimal) -> Decimal:
    g, s, t = STAFF_MIX
    return money(general * g + skilled * s + technical * t)


def costs_of_sheet(sheet: Any, market: str) -> Costs:
    return Costs(
        rent_per_m2=sheet.rent_per_m2,
        wage=average_wage(sheet.wage_general, sheet.wage_skilled, sheet.wage_technical),
        power_tariff=sheet.power_tariff,
        water_tariff=sheet.water_tariff,
        gas_tariff=sheet.gas_tariff,
        logistics_per_tonne=Decimal(str((sheet.logistics or {}).get(market, 0))),
    )


def yearly(costs: Costs, size: Size) -> dict[str, Decimal]:
    return {
        "rent": money(size.area_m2 * costs.rent_per_m2 * 12),
        "wages": money(size.staff * costs.wage * 12),
        "power": money(size.kwh * costs.power_tariff),
        "water": money(size.m3 * costs.water_tariff),
        "gas": money(size.gas_m3 * costs.gas_tariff),
        "logistics": money(size.tonnes * costs.logistics_per_tonne),
    }


@dataclass(frozen=True)
class Line:
    key: str
    origin: Decimal
    here: Decimal

    @property
    def saving(self) -> Decimal:
        return self.origin - self.here


@dataclass(frozen=True)
class Year:
    year: int
    origin: Decimal
    here: Decimal
    relief: Decimal  # what the exclusive policy gives back that year

    @property
    def here_net(self) -> Decimal:
        return self.here - self.relief

    @property
    def saving(self) -> Decimal:
        return self.origin - self.here_net


@dataclass(frozen=True)
class Comparison:
    items: list[Line]
    years: list[Year]

    @property
    def total_saving(self) -> Decimal:
        return sum((y.saving for y in self.years), ZERO)

    @property
    def origin_total(self) -> Decimal:
        return sum((line.origin for line in self.items), ZERO)

    @property
    def here_total(self) -> Decimal:
        return sum((line.here for line in self.items), ZERO)


def _months_in_year(first: int, count: int, year: int) -> int:
    """How many of the lease months first+1 … first+count fall in `year`."""
    lo, hi = (year - 1) * 12, year * 12
    return max(0, min(hi, first + count) - max(lo, first))


def policy_relief(
    items: list[Item], *, monthly_rent: Decimal, annual_tax: Decimal, year: int
) -> Decimal:
    free = rent_free_months(items)
    relief = monthly_rent * _months_in_year(0, free, year)
    charged = 12 - _months_in_year(0, free, year)
    relief += monthly_rent * discount_percent(items) / 100 * charged
    for item in items:
        if item.kind in SUBSIDIES and year == 1:
            relief += item.amount or 0
        elif item.kind == "tax_rebate":
            months = _months_in_year(0, item.months or 0, year)
            relief += annual_tax * (item.rate_percent or 0) / 100 * months / 12
    return money(relief)


def compare(
    origin: Costs,
    here: Costs,
    size: Size,
    *,
    years: int = 1,
    policy: list[Item] | None = None,
    annual_tax: Decimal = ZERO,
) -> Comparison:
    there, ours = yearly(origin, size), yearly(here, size)
    items = [Line(key, there[key], ours[key]) for key in ITEMS]
    origin_total = sum(there.values(), ZERO)
    here_total = sum(ours.values(), ZERO)
    monthly_rent = money(size.area_m2 * here.rent_per_m2)
    rows = [
        Year(
            year,
            origin_total,
            here_total,
            policy_relief(
                policy, monthly_rent=monthly_rent, annual_tax=annual_tax, year=year
            )
            if policy
            else ZERO,
        )
        for year in range(1, years + 1)
    ]
    return Comparison(items, rows)
