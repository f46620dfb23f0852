"""Attraction API: Cost sheets and the relocation comparison."""

from datetime import date
from decimal import Decimal
from typing import Literal

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from attraction import actions
from attraction.api.common import OPTIONAL_AUTH, _operated_park, found
from attraction.comparison import comparison_for
from attraction.models import (
    CostSheet,
    Prospect,
)
from attraction.policy_cost import HORIZON_YEARS
from attraction.queries import (
    current_cost_sheet,
    origin_presets,
)
from core.access import get_scoped
from core.limits import schema_field
from core.schemas import Money, ObjectId
from parks.models import Park

router = Router()

# --- costs ------------------------------------------------------------------------


class CostSheetOut(Schema):
    id: int
    park_id: ObjectId | None
    city: str
    city_zh: str
    preset_key: str
    as_of: date
    rent_per_m2: Money
    sale_price_per_m2: Money
    wage_general: Money
    wage_skilled: Money
    wage_technical: Money
    power_tariff: Decimal
    water_tariff: Money
    gas_tariff: Money
    logistics: dict[str, Decimal]
    sources: str


class CostSheetIn(Schema):
    as_of: date
    rent_per_m2: Decimal = schema_field(CostSheet, "rent_per_m2")
    sale_price_per_m2: Decimal = schema_field(
        CostSheet, "sale_price_per_m2", Decimal("0")
    )
    wage_general: Decimal = schema_field(CostSheet, "wage_general")
    wage_skilled: Decimal = schema_field(CostSheet, "wage_skilled")
    wage_technical: Decimal = schema_field(CostSheet, "wage_technical")
    power_tariff: Decimal = schema_field(CostSheet, "power_tariff")
    water_tariff: Decimal = schema_field(CostSheet, "water_tariff")
    gas_tariff: Decimal = schema_field(CostSheet, "gas_tariff")
    logistics: dict[str, Decimal] = {}
    sources: str = schema_field(CostSheet, "sources", "")


@router.get(
    "/parks/{park_id}/cost-sheet", response={200: CostSheetOut, 404: dict}, auth=None
)
def park_cost_sheet(request: HttpRequest, park_id: ObjectId):
    park = get_scoped(Park.objects.all(), pk=park_id)
    return found(current_cost_sheet(park), "This park has not published a cost sheet.")


@router.post(
    "/parks/{park_id}/cost-sheet",
    response={201: CostSheetOut, 403: dict, 404: dict, 422: dict},
)
def park_cost_sheet_save(request: HttpRequest, park_id: ObjectId, payload: CostSheetIn):
    park = _operated_park(request, park_id)
    data = payload.dict()
    data["logistics"] = {k: str(v) for k, v in data["logistics"].items()}
    return Status(201, actions.cost_sheet_save(park=park, actor=request.user, **data))


@router.get("/relocation-presets", response=list[CostSheetOut], auth=None)
def relocation_presets(request: HttpRequest):
    return origin_presets()


class OriginIn(Schema):
    rent_per_m2: Decimal = Field(..., ge=0, max_digits=8)
    wages: Decimal = Field(..., ge=0, max_digits=10, description="monthly, per head")
    power_tariff: Decimal = Field(..., ge=0, max_digits=6)
    water_tariff: Decimal = Field(..., ge=0, max_digits=6)
    gas_tariff: Decimal = Field(Decimal("0"), ge=0, max_digits=6)
    logistics_per_tonne: Decimal = Field(Decimal("0"), ge=0, max_digits=8)


class SizeIn(Schema):
    area_m2: Decimal = Field(..., ge=0, max_digits=10)
    staff: int = Field(..., ge=0, le=100_000)
    kwh: Decimal = Field(Decimal("0"), ge=0, max_digits=14)
    m3: Decimal = Field(Decimal("0"), ge=0, max_digits=12)
    gas_m3: Decimal = Field(Decimal("0"), ge=0, max_digits=12)
    tonnes: Decimal = Field(Decimal("0"), ge=0, max_digits=12)


class ComparisonIn(Schema):
    origin_preset: str | None = Field(None, max_length=40)
    origin: OriginIn | None = None
    market: Literal["prd", "cc", "yrd", "southwest"] = "prd"
    size: SizeIn
    prospect_id: ObjectId | None = None


class ComparisonLineOut(Schema):
    key: str
    origin: Money
    here: Money
    saving: Money


class YearOut(Schema):
    year: int
    origin: Money
    here: Money
    relief: Money
    here_net: Money
    saving: Money


class ComparisonOut(Schema):
    origin_city: str
    here_city: str
    as_of: date
    years: list[YearOut]
    items: list[ComparisonLineOut]
    total_saving: Money


@router.post(
    "/parks/{park_id}/relocation-comparison",
    response={200: ComparisonOut, 404: dict, 422: dict},
    auth=OPTIONAL_AUTH,
    summary="Yearly cost there vs here; with prospect_id (operators), five years "
    "including its exclusive policy",
)
def relocation_comparison(
    request: HttpRequest, park_id: ObjectId, payload: ComparisonIn
):
    park = get_scoped(Park.objects.all(), pk=park_id)
    prospect = None
    if payload.prospect_id is not None:
        prospect = get_scoped(
            Prospect.objects.of_operator(request.user).filter(park=park),
            pk=payload.prospect_id,
        )
    result = comparison_for(
        park=park,
        preset=payload.origin_preset,
        origin=payload.origin.dict() if payload.origin else None,
        market=payload.market,
        size=payload.size.dict(),
        prospect=prospect,
        years=HORIZON_YEARS if prospect else 1,
    )
    return {
        "origin_city": result.origin_city,
        "here_city": result.here.display_city,
        "as_of": result.here.as_of,
        "years": [
            {
                "year": y.year,
                "origin": y.origin,
                "here": y.here,
                "relief": y.relief,
                "here_net": y.here_net,
                "saving": y.saving,
            }
            for y in result.comparison.years
        ],
        "items": [
            {"key": i.key, "origin": i.origin, "here": i.here, "saving": i.saving}
            for i in result.comparison.items
        ],
        "total_saving": result.comparison.total_saving,
    }
