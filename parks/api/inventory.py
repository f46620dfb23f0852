"""Parks API: parks and their units (public), unit import and export (operator)."""

from decimal import Decimal
from typing import Literal

from django.http import HttpRequest
from ninja import File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate
from pydantic import Field

from core.access import get_scoped
from core.downloads import file_response
from core.limits import schema_field
from core.schemas import CappedPagination, Money, ObjectId
from parks.actions.unit_import import ImportRejected, units_import
from parks.models import Park, Unit
from parks.queries.inventory import parks_with_counts, unit_search
from parks.queries.unit_sheets import units_export_csv, units_export_xlsx

router = Router(tags=["inventory"])


class IndustryOut(Schema):
    code: str
    name: str


class ParkOut(Schema):
    id: int
    name: str
    name_zh: str
    kind: str
    host_region: str
    partner_region: str
    leading_industry: str
    featured_industries: list[str]
    leading_industry_name: str
    featured_industry_names: list[IndustryOut]
    address: str
    area_mu: Decimal
    units_total: int
    units_vacant: int
    min_investment_per_mu: Money
    min_output_per_mu: Money
    min_tax_per_mu: Money
    min_jobs: int
    max_energy_per_10k_output: Decimal
    output_share_host: Decimal
    tax_share_host: Decimal
    admission_sla_days: int

    @staticmethod
    def resolve_featured_industry_names(obj: Park) -> list[dict]:
        return [{"code": c, "name": n} for c, n in obj.featured_industry_names]


class UnitOut(Schema):
    id: int
    code: str
    building: str = Field(alias="building.name")
    building_id: ObjectId
    floor: int
    area_m2: Decimal
    status: str
    offer: str
    floor_load_kn_m2: Decimal
    ceiling_height_m: Decimal
    power_kva: int
    monthly_rent_per_m2: Money | None
    sale_price_per_m2: Money | None


class UnitFilters(Schema):
    status: str = schema_field(Unit, "status", "")
    offer: str = schema_field(Unit, "offer", "")
    min_area: Decimal | None = Field(None, ge=0)
    max_area: Decimal | None = Field(None, ge=0)
    building_id: ObjectId | None = None


class RowErrorOut(Schema):
    row: int
    column: str
    message: str


class ImportOut(Schema):
    created: list[str]
    updated: list[str]


@router.get("/parks", response=list[ParkOut], auth=None)
@paginate(CappedPagination)
def park_list(request: HttpRequest):
    return parks_with_counts()


@router.get("/parks/{park_id}", response=ParkOut, auth=None)
def park_detail(request: HttpRequest, park_id: ObjectId):
    return get_scoped(parks_with_counts(), pk=park_id)


@router.get("/parks/{park_id}/units", response=list[UnitOut], auth=None)
@paginate(CappedPagination)
def unit_list(request: HttpRequest, park_id: ObjectId, filters: Query[UnitFilters]):
    park = get_scoped(Park.objects.all(), pk=park_id)
    return unit_search(park, **filters.dict())


@router.post(
    "/parks/{park_id}/units/import",
    response={200: ImportOut, 422: dict},
)
def unit_import(request: HttpRequest, park_id: ObjectId, file: File[UploadedFile]):
    park = get_scoped(Park.objects.operated_by(request.user), pk=park_id)
    try:
        result = units_import(park=park, actor=request.user, file=file)
    except ImportRejected as exc:
        return Status(
            422,
            {
                "detail": exc.message,
                "code": exc.code,
                "fields": exc.fields,
                "rows": [RowErrorOut(**vars(r)).dict() for r in exc.rows],
            },
        )
    return result


@router.get("/parks/{park_id}/units/export", response={200: None})
def unit_export(
    request: HttpRequest, park_id: ObjectId, format: Literal["xlsx", "csv"] = "xlsx"
):
    park = get_scoped(Park.objects.operated_by(request.user), pk=park_id)
    export = units_export_csv if format == "csv" else units_export_xlsx
    name = "csv" if format == "csv" else "xlsx"
    return file_response(export(park), f"units-{park.pk}.{name}")
