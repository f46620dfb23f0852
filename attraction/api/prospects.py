"""Attraction API: The prospect pipeline, its figures and tenants' referrals."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from attraction import actions
from attraction.api.common import _operated_park, _prospect
from attraction.models import (
    Activity,
    Policy,
    Prospect,
)
from attraction.queries import (
    BoardFilter,
    pipeline_figures,
)
from core.limits import schema_field
from core.schemas import CappedPagination, Money, ObjectId, patch_schema

router = Router()

# --- prospects --------------------------------------------------------------------

Stages = Literal[
    "lead", "contacted", "visited", "negotiating", "signed", "landed", "lost"
]
Sources = Literal["direct", "tenant_referral", "partner_city", "fair"]


class ProspectIn(Schema):
    park_id: ObjectId
    company_name: str = schema_field(Prospect, "company_name", min_length=1)
    uscc: str = Field("", max_length=30)
    industry_code: str = Field(..., min_length=2, max_length=4)
    chain_link: ObjectId | None = Field(
        None, description="id of a link of the park's chain"
    )
    origin_region: str = schema_field(Prospect, "origin_region", "")
    source: Sources
    referred_by_company_id: ObjectId | None = None
    officer_id: ObjectId | None = None
    next_action_on: date | None = None
    next_action: str = schema_field(Prospect, "next_action", "")
    planned_investment: Decimal = schema_field(
        Prospect, "planned_investment", Decimal("0")
    )
    expected_annual_output: Decimal = schema_field(
        Prospect, "expected_annual_output", Decimal("0")
    )
    expected_annual_tax: Decimal = schema_field(
        Prospect, "expected_annual_tax", Decimal("0")
    )
    jobs: int = Field(0, ge=0, le=1_000_000)
    area_m2: Decimal = schema_field(Prospect, "area_m2", Decimal("0"))


ProspectPatch = patch_schema(
    ProspectIn,
    "ProspectPatch",
    exclude=frozenset({"park_id", "source", "referred_by_company_id"}),
)


class ProspectOut(Schema):
    id: int
    park_id: ObjectId
    company_name: str
    uscc: str
    industry_code: str
    chain_link: ObjectId | None = Field(None, alias="chain_link_id")
    origin_region: str
    source: str
    referred_by_company_id: ObjectId | None = Field(None, alias="referred_by_id")
    officer_id: ObjectId | None
    stage: str
    lost_reason: str
    next_action_on: date | None
    next_action: str
    planned_investment: Money
    expected_annual_output: Money
    expected_annual_tax: Money
    jobs: int
    area_m2: Decimal
    company_id: ObjectId | None
    lease_id: ObjectId | None
    sale_id: ObjectId | None
    created_at: datetime
    stage_changed_at: datetime


class ActivityOut(Schema):
    id: int
    kind: str
    on: date
    note: str
    from_stage: str
    to_stage: str
    actor_id: ObjectId | None
    at: datetime


class ItemOut(Schema):
    id: int
    kind: str
    amount: Money | None
    rate_percent: Decimal | None
    months: int | None
    conditions: str
    schedule: str
    budget_source: str
    cost: Money


class PolicyOut(Schema):
    id: int
    status: str
    drafted_by_id: ObjectId
    approved_by_id: ObjectId | None
    approved_at: datetime | None
    items: list[ItemOut]
    total_cost: Money
    payback_years: Decimal | None
    cost_per_investment_percent: Decimal | None


class ProspectDetailOut(ProspectOut):
    activities: list[ActivityOut]
    policy: PolicyOut | None


def policy_out(policy: Policy) -> dict:
    from attraction.comparison import cost_of_policy

    cost = cost_of_policy(policy)
    costs = {
        item.pk: amount
        for item, (_line, amount) in zip(cost.items, cost.result.lines, strict=True)
    }
    return {
        "id": policy.pk,
        "status": policy.status,
        "drafted_by_id": policy.drafted_by_id,
        "approved_by_id": policy.approved_by_id,
        "approved_at": policy.approved_at,
        "items": [
            {
                "id": item.pk,
                "kind": item.kind,
                "amount": item.amount,
                "rate_percent": item.rate_percent,
                "months": item.months,
                "conditions": item.conditions,
                "schedule": item.schedule,
                "budget_source": item.budget_source,
                "cost": costs[item.pk],
            }
            for item in cost.items
        ],
        "total_cost": cost.result.total,
        "payback_years": cost.result.payback_years,
        "cost_per_investment_percent": cost.result.cost_per_investment_percent,
    }


def prospect_detail_out(prospect: Prospect) -> dict:
    data = ProspectOut.from_orm(prospect).dict()
    data["chain_link_id"] = data.pop("chain_link")
    data["referred_by_id"] = data.pop("referred_by_company_id")
    policy = Policy.objects.filter(prospect=prospect).first()
    return {
        **data,
        "activities": list(prospect.activities.all()),
        "policy": policy_out(policy) if policy else None,
    }


def _fields(payload: Schema, *, exclude_unset: bool = False) -> dict:
    data = payload.dict(exclude_unset=exclude_unset)
    data.pop("park_id", None)
    if "referred_by_company_id" in data:
        data["referred_by"] = data.pop("referred_by_company_id")
    if "officer_id" in data:
        data["officer"] = data.pop("officer_id")
    return {k: v for k, v in data.items() if not (exclude_unset and v is None)}


@router.post("/prospects", response={201: ProspectOut, 403: dict, 404: dict, 422: dict})
def prospect_create(request: HttpRequest, payload: ProspectIn):
    park = _operated_park(request, payload.park_id)
    prospect = actions.prospect_create(
        park=park, actor=request.user, **_fields(payload)
    )
    return Status(201, prospect)


class ProspectFilters(Schema):
    park_id: ObjectId | None = None
    stage: Stages | None = None
    # Ids as the board's filter links carry them ("" for all).
    officer: str = Field("", pattern=r"^\d{0,19}$")
    link: str = Field("", pattern=r"^\d{0,19}$")
    source: str = schema_field(Prospect, "source", "")


@router.get("/prospects", response=list[ProspectOut])
@paginate(CappedPagination)
def prospect_list(request: HttpRequest, filters: Query[ProspectFilters]):
    qs = Prospect.objects.of_operator(request.user)
    if filters.park_id is not None:
        qs = qs.filter(park_id=filters.park_id)
    if filters.stage:
        qs = qs.filter(stage=filters.stage)
    board_filter = BoardFilter(filters.officer, filters.link, filters.source)
    return board_filter.apply(qs).order_by("-updated_at", "-id")


@router.get("/prospects/{prospect_id}", response={200: ProspectDetailOut, 404: dict})
def prospect_detail(request: HttpRequest, prospect_id: ObjectId):
    return prospect_detail_out(_prospect(request, prospect_id))


@router.patch(
    "/prospects/{prospect_id}",
    response={200: ProspectOut, 403: dict, 404: dict, 422: dict},
)
def prospect_update(
    request: HttpRequest, prospect_id: ObjectId, payload: ProspectPatch
):
    prospect = _prospect(request, prospect_id)
    return actions.prospect_update(
        prospect=prospect,
        actor=request.user,
        **_fields(payload, exclude_unset=True),
    )


class StageIn(Schema):
    stage: Stages
    # Kept as the reason when the prospect is lost, else in its trail.
    note: str = schema_field(Prospect, "lost_reason", "")


class StageOut(Schema):
    stage: str


@router.post(
    "/prospects/{prospect_id}/stage",
    response={200: StageOut, 403: dict, 404: dict, 409: dict, 422: dict},
    summary="Move a prospect: forward through the funnel, or lost with a reason",
)
def prospect_stage(request: HttpRequest, prospect_id: ObjectId, payload: StageIn):
    prospect = actions.prospect_set_stage(
        prospect=_prospect(request, prospect_id),
        actor=request.user,
        stage=payload.stage,
        note=payload.note,
    )
    return {"stage": prospect.stage}


class ActivityIn(Schema):
    kind: Literal["call", "visit", "meeting", "document", "note"]
    note: str = schema_field(Activity, "note", min_length=1)
    on: date | None = None
    next_action_on: date | None = None
    next_action: str = Field("", max_length=200)


@router.post(
    "/prospects/{prospect_id}/activities",
    response={201: ActivityOut, 403: dict, 404: dict, 422: dict},
)
def prospect_activity(request: HttpRequest, prospect_id: ObjectId, payload: ActivityIn):
    activity = actions.activity_log(
        prospect=_prospect(request, prospect_id),
        actor=request.user,
        **payload.dict(),
    )
    return Status(201, activity)


class RateOut(Schema):
    label: str
    total: int
    landed: int
    lost: int
    percent: Decimal | None


class StageRateOut(Schema):
    stage: str
    reached: int
    went_further: int
    percent: Decimal | None


class DaysOut(Schema):
    stage: str
    average_days: Decimal | None


class FiguresOut(Schema):
    stages: list[StageRateOut]
    by_source: list[RateOut]
    by_link: list[RateOut]
    by_officer: list[RateOut]
    days_per_stage: list[DaysOut]


@router.get("/parks/{park_id}/pipeline-figures", response={200: FiguresOut, 404: dict})
def park_pipeline_figures(request: HttpRequest, park_id: ObjectId):
    figures = pipeline_figures(_operated_park(request, park_id))
    return {
        "stages": [
            {"stage": str(s), "reached": r, "went_further": f, "percent": p}
            for s, r, f, p in figures.stages
        ],
        "by_source": [vars(r) | {"percent": r.percent} for r in figures.by_source],
        "by_link": [vars(r) | {"percent": r.percent} for r in figures.by_link],
        "by_officer": [vars(r) | {"percent": r.percent} for r in figures.by_officer],
        "days_per_stage": [
            {"stage": str(s), "average_days": d} for s, d in figures.days_per_stage
        ],
    }


class ReferralOut(Schema):
    id: int
    park_id: ObjectId
    company_name: str
    stage: str
    referred_by_company_id: ObjectId = Field(..., alias="referred_by_id")
    stage_changed_at: datetime


@router.get("/referrals", response=list[ReferralOut])
@paginate(CappedPagination)
def referral_list(request: HttpRequest):
    """The prospects the caller's companies referred, and how far they got."""
    return Prospect.objects.referred_by_member(request.user).order_by("-created_at")
