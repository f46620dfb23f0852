"""Glue between rows and the pure calculations: a policy's cost for its
prospect, and the relocation comparison for a park (and a prospect)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from attraction.models import CostSheet, Policy, PolicyItem, Prospect
from attraction.policy_cost import Commitments, Item, PolicyCost, policy_cost
from attraction.queries import current_cost_sheet
from attraction.relocation import Comparison, Costs, Size, compare, costs_of_sheet
from core.errors import Invalid, NotFound
from core.money import money
from parks.models import Park

ZERO = Decimal("0.00")


def prospect_monthly_rent(prospect: Prospect) -> Decimal:
    """The firm's monthly rent before concessions: its lease's when it has one,
    else the floor area it wants at the park's current rent."""
    if prospect.lease_id:
        return prospect.lease.monthly_rent
    sheet = current_cost_sheet(prospect.park)
    rate = sheet.rent_per_m2 if sheet else ZERO
    return money(prospect.area_m2 * rate)


def commitments_of(prospect: Prospect) -> Commitments:
    return Commitments(
        investment=prospect.planned_investment,
        annual_output=prospect.expected_annual_output,
        annual_tax=prospect.expected_annual_tax,
    )


@dataclass
class CostedPolicy:
    items: list[PolicyItem]
    result: PolicyCost


def cost_of_policy(policy: Policy) -> CostedPolicy:
    items = list(policy.items.all())
    prospect = policy.prospect
    return CostedPolicy(
        items,
        policy_cost(
            [Item.of(i) for i in items],
            monthly_rent=prospect_monthly_rent(prospect),
            commitments=commitments_of(prospect),
        ),
    )


@dataclass
class ComparisonResult:
    origin_city: str
    here: CostSheet
    comparison: Comparison
    origin: CostSheet | None = None  # the preset compared with, if any


def _preset(key: str) -> CostSheet:
    sheet = (
        CostSheet.objects.filter(park__isnull=True, preset_key=key)
        .order_by("-as_of")
        .first()
    )
    if sheet is None:
        raise Invalid.field("origin_preset", _("Unknown origin city."))
    return sheet


def comparison_for(
    *,
    park: Park,
    preset: str | None,
    origin: dict[str, Any] | None,
    market: str,
    size: dict[str, Any],
    prospect: Prospect | None = None,
    years: int = 1,
) -> ComparisonResult:
    """Figures typed in win over a preset's; one of the two is needed."""
    here = current_cost_sheet(park)
    if here is None:
        raise NotFound(_("This park has not published a cost sheet."))
    if origin:
        there = Costs(
            rent_per_m2=origin["rent_per_m2"],
            wage=origin["wages"],
            power_tariff=origin["power_tariff"],
            water_tariff=origin["water_tariff"],
            gas_tariff=origin.get("gas_tariff") or ZERO,
            logistics_per_tonne=origin.get("logistics_per_tonne") or ZERO,
        )
        sheet = _preset(preset) if preset else None
        city = sheet.display_city if sheet else _("Your location")
    elif preset:
        sheet = _preset(preset)
        there, city = costs_of_sheet(sheet, market), sheet.display_city
    else:
        raise Invalid.field("origin", _("Pick an origin city or enter its figures."))
    policy_items = None
    annual_tax = ZERO
    if prospect is not None:
        policy = Policy.objects.filter(prospect=prospect).first()
        if policy is not None:
            policy_items = [Item.of(i) for i in policy.items.all()]
        annual_tax = prospect.expected_annual_tax
    comparison = compare(
        there,
        costs_of_sheet(here, market),
        Size(**size),
        years=years,
        policy=policy_items,
        annual_tax=annual_tax,
    )
    return ComparisonResult(city, here, comparison, sheet)


def prospect_comparison(
    prospect: Prospect, preset: str = ""
) -> ComparisonResult | None:
    """Five years for the letter of intent: from the prospect's region of origin
    when it matches a preset city, its wanted area and jobs."""
    key = preset or _preset_for_region(prospect.origin_region)
    if not key or current_cost_sheet(prospect.park) is None:
        return None
    size = {
        "area_m2": prospect.area_m2,
        "staff": prospect.jobs,
        "kwh": Decimal("0"),
        "m3": Decimal("0"),
    }
    return comparison_for(
        park=prospect.park,
        preset=key,
        origin=None,
        market="prd",
        size=size,
        prospect=prospect,
        years=5,
    )


def _preset_for_region(region: str) -> str:
    region = (region or "").casefold()
    for sheet in CostSheet.objects.filter(park__isnull=True).order_by("-as_of"):
        names = {sheet.city.casefold(), sheet.city_zh, sheet.preset_key}
        if any(n and n in region for n in names):
            return sheet.preset_key
    return ""
