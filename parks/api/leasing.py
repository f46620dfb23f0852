"""Parks API: lease applications, leases and their contract, occupancy.
Sales are in `parks.api.sales`, mounted on this router."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from core.access import get_scoped, sole_organisation_ids
from core.api import step_endpoint
from core.limits import limited, schema_field
from core.schemas import CappedPagination, MappedPage, Money, NoteIn, ObjectId
from parks.actions import leases, leasing
from parks.api import sales
from parks.contract import contract_response
from parks.models import Lease, LeaseApplication, Park, Unit
from parks.queries.occupancy import (
    OVERVIEW_SORTS,
    operated_parks,
    overview_totals,
    park_occupancy,
    parks_overview,
    with_rates,
)
from parks.queries.worklists import operator_lease_count
from tenants.access import member_company

router = Router(tags=["leasing"])
router.add_router("", sales.router)


RENT_IN_FORCE = (
    "The active leases' monthly rent in force today: escalated at each lease "
    "anniversary and discounted by the lease's terms, as the rent roll shows it "
    "(rent-free months do not lower it)."
)


class LeaseApplicationIn(Schema):
    company_id: ObjectId
    unit_id: ObjectId
    start_date: date
    term_months: int = schema_field(LeaseApplication, "term_months")
    note: str = schema_field(LeaseApplication, "note", "")


class LeaseApplicationOut(Schema):
    id: int
    company_id: ObjectId
    unit_id: ObjectId
    park_id: ObjectId = Field(alias="unit.park_id")
    unit_code: str = Field(alias="unit.code")
    start_date: date
    term_months: int
    status: str
    note: str
    decision_note: str
    created_at: datetime
    lease_id: ObjectId | None

    @staticmethod
    def resolve_lease_id(obj: LeaseApplication) -> int | None:
        lease = getattr(obj, "lease", None) if obj.status == "approved" else None
        return lease.pk if lease else None


class LeaseDecisionIn(Schema):
    decision: Literal["approve", "reject"]
    note: str = schema_field(LeaseApplication, "decision_note", "")
    rent_free_months: int | None = schema_field(Lease, "rent_free_months", None)
    escalation_percent: Decimal | None = schema_field(Lease, "escalation_percent", None)


class DecisionOut(Schema):
    status: str
    lease_id: ObjectId | None = None


class StatusOut(Schema):
    id: int
    status: str


class LeaseOut(Schema):
    id: int
    unit_id: ObjectId
    company_id: ObjectId
    park_id: ObjectId = Field(alias="unit.park_id")
    unit_code: str
    start_date: date
    end_date: date
    rent_per_m2: Money
    monthly_rent: Money
    deposit: Money
    rent_free_months: int
    escalation_percent: Decimal
    status: str
    previous_id: ObjectId | None
    activated_on: date | None
    terminated_on: date | None
    termination_reason: str

    @staticmethod
    def resolve_unit_code(obj: Lease) -> str:
        return obj.unit.code


class RentYearOut(Schema):
    lease_year: int
    start: date
    end: date
    months: int
    rent_free_months: int
    monthly_rent: Money
    total: Money


class LeaseDetailOut(LeaseOut):
    rent_table: list[RentYearOut]

    @staticmethod
    def resolve_rent_table(obj: Lease) -> list:
        return obj.rent_table()


class RenewIn(NoteIn):
    term_months: int = schema_field(LeaseApplication, "term_months")
    rent_per_m2: Decimal | None = schema_field(Lease, "rent_per_m2", None)
    start_date: date | None = None
    rent_free_months: int = schema_field(Lease, "rent_free_months", 0)
    escalation_percent: Decimal | None = schema_field(Lease, "escalation_percent", None)


class TerminateIn(Schema):
    on: date
    reason: str = schema_field(Lease, "termination_reason")


class OccupancyOut(Schema):
    park_id: ObjectId
    as_of: date
    units_total: int
    units_leased: int
    units_sold: int
    units_vacant: int
    units_reserved: int
    occupancy_rate: float
    occupancy_rate_by_area: float
    total_area_m2: Decimal
    leased_area_m2: Decimal
    sold_area_m2: Decimal
    vacant_area_m2: Decimal
    reserved_area_m2: Decimal
    active_leases: int
    monthly_rent: Money = Field(description=RENT_IN_FORCE)
    revenue_run_rate: Money
    expiring_30: int
    expiring_60: int
    expiring_90: int


class OverviewFigures(Schema):
    units_total: int
    units_leased: int
    units_sold: int
    units_vacant: int
    occupancy_rate: float
    occupancy_rate_by_area: float
    area_total: Decimal
    area_occupied: Decimal
    monthly_rent: Money = Field(description=RENT_IN_FORCE)


class OverviewRow(OverviewFigures):
    park_id: int = Field(alias="pk")
    name: str


class OverviewOut(Schema):
    count: int
    items: list[OverviewRow]
    totals: OverviewFigures


OverviewSort = Literal[tuple(k for s in OVERVIEW_SORTS for k in (s, f"-{s}"))]


class OverviewQuery(Schema):
    sort: OverviewSort = "name"
    limit: int = Field(25, ge=1, le=200)
    offset: int = Field(0, ge=0, le=1_000_000)


def _applications(request: HttpRequest):
    return LeaseApplication.objects.visible_to(request.user).select_related(
        "unit", "lease"
    )


def _leases(request: HttpRequest):
    return Lease.objects.visible_to(request.user).select_related("unit")


@router.post("/lease-applications", response={201: LeaseApplicationOut})
def lease_application_create(request: HttpRequest, payload: LeaseApplicationIn):
    company = member_company(request.user, payload.company_id)
    unit = get_scoped(Unit.objects.select_related("park"), pk=payload.unit_id)
    application = leasing.lease_apply(
        actor=request.user,
        company=company,
        unit=unit,
        start_date=payload.start_date,
        term_months=payload.term_months,
        note=payload.note,
    )
    return Status(201, application)


@router.get("/lease-applications", response=list[LeaseApplicationOut])
@paginate(CappedPagination)
def lease_application_list(
    request: HttpRequest,
    status: limited(str, Query, LeaseApplication, "status", "") = "",
    park_id: ObjectId | None = None,
):
    qs = _applications(request).where(status=status, unit__park_id=park_id)
    return qs.order_by("-created_at", "-id")


@router.get("/lease-applications/{application_id}", response=LeaseApplicationOut)
def lease_application_detail(request: HttpRequest, application_id: ObjectId):
    return get_scoped(_applications(request), pk=application_id)


@router.post("/lease-applications/{application_id}/decision", response=DecisionOut)
def lease_application_decision(
    request: HttpRequest, application_id: ObjectId, payload: LeaseDecisionIn
):
    application = get_scoped(
        LeaseApplication.objects.of_operator(request.user), pk=application_id
    )
    if payload.decision == "reject":
        application = leasing.lease_reject(
            application=application, actor=request.user, note=payload.note
        )
        return {"status": application.status, "lease_id": None}
    lease = leasing.lease_approve(
        application=application,
        actor=request.user,
        note=payload.note,
        rent_free_months=payload.rent_free_months,
        escalation_percent=payload.escalation_percent,
    )
    return {"status": LeaseApplication.Status.APPROVED, "lease_id": lease.pk}


step_endpoint(
    router,
    "/lease-applications/{application_id}/withdraw",
    leasing.lease_application_withdraw,
    rows=LeaseApplication.objects.of_member,
    response=StatusOut,
    out=lambda application, _request: {
        "id": application.pk,
        "status": application.status,
    },
)


@router.get("/leases", response=list[LeaseOut])
@paginate(CappedPagination)
def lease_list(
    request: HttpRequest,
    status: limited(str, Query, Lease, "status", "") = "",
    park_id: ObjectId | None = None,
    company_id: ObjectId | None = None,
):
    qs = _leases(request).where(
        status=status, unit__park_id=park_id, company_id=company_id
    )
    # Operator staff see their whole portfolio: counted from the parks' figures.
    operators = None if company_id else sole_organisation_ids(request.user, "operator")
    count = operators and operator_lease_count(operators, status, park_id)
    return MappedPage(qs.order_by("-start_date", "-id"), counted=count)


@router.get("/leases/{lease_id}", response=LeaseDetailOut)
def lease_detail(request: HttpRequest, lease_id: ObjectId):
    return get_scoped(_leases(request), pk=lease_id)


@router.get("/leases/{lease_id}/contract.pdf")
def lease_contract(request: HttpRequest, lease_id: ObjectId):
    lease = get_scoped(_leases(request), pk=lease_id)
    return contract_response(lease)


step_endpoint(
    router,
    "/leases/{lease_id}/activate",
    leases.lease_activate,
    rows=Lease.objects.of_operator,
    response=LeaseOut,
)


@router.post("/leases/{lease_id}/renew", response={201: LeaseOut})
def lease_renew(request: HttpRequest, lease_id: ObjectId, payload: RenewIn):
    lease = get_scoped(Lease.objects.of_operator(request.user), pk=lease_id)
    renewal = leases.lease_renew(lease=lease, actor=request.user, **payload.dict())
    return Status(201, renewal)


@router.post("/leases/{lease_id}/terminate", response=LeaseOut)
def lease_terminate(request: HttpRequest, lease_id: ObjectId, payload: TerminateIn):
    lease = get_scoped(Lease.objects.of_operator(request.user), pk=lease_id)
    return leases.lease_terminate(
        lease=lease, actor=request.user, on=payload.on, reason=payload.reason
    )


@router.get("/occupancy/parks", response=OverviewOut)
def occupancy_overview(request: HttpRequest, query: Query[OverviewQuery]):
    """Each of the operator's parks with its figures (units, leased, sold,
    vacant, occupancy by units and by area, area occupied and total, monthly
    rent of the active leases), sorted by `sort` (`-` for descending) and paged
    by `limit`/`offset`; `totals` are over all the parks and equal the sum of
    the rows. Empty for a user who staffs no operator; 422 for an unknown sort."""
    parks = operated_parks(request.user)
    rows = parks_overview(parks, query.sort)
    page = with_rates(rows[query.offset : query.offset + query.limit])
    return {
        "count": rows.count(),
        "items": page,
        "totals": overview_totals(parks),
    }


@router.get("/parks/{park_id}/occupancy", response=OccupancyOut)
def occupancy(request: HttpRequest, park_id: ObjectId):
    park = get_scoped(Park.objects.operated_by(request.user), pk=park_id)
    return park_occupancy(park)
