"""Attraction API: chain map, prospects and their stages, exclusive policies,
cost sheets and the relocation comparison."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from attraction import actions
from attraction.comparison import comparison_for
from attraction.documents import letter_response
from attraction.models import (
    Chain,
    ChainLink,
    Policy,
    PolicyItem,
    Prospect,
)
from attraction.policy_cost import HORIZON_YEARS
from attraction.queries import (
    BoardFilter,
    chain_map,
    current_cost_sheet,
    origin_presets,
    pipeline_figures,
)
from core.access import get_scoped
from core.auth import api_auth
from core.errors import NotFound
from core.schemas import CappedPagination, Money
from parks.models import Park

router = Router(tags=["attraction"])


def anyone(request: HttpRequest) -> bool:
    """Lets a public endpoint still recognise a signed-in caller."""
    return True


OPTIONAL_AUTH = [*api_auth, anyone]


def _operated_park(request: HttpRequest, park_id: int) -> Park:
    return get_scoped(Park.objects.operated_by(request.user).distinct(), pk=park_id)


def _prospect(request: HttpRequest, prospect_id: int) -> Prospect:
    return get_scoped(
        Prospect.objects.of_operator(request.user).select_related("park"),
        pk=prospect_id,
    )


# --- chain map --------------------------------------------------------------------


class FirmOut(Schema):
    company_id: int
    name: str
    industry_code: str
    output: Money | None
    output_basis: str | None  # reported | committed


class ProspectBrief(Schema):
    id: int
    company_name: str
    stage: str


class LinkOut(Schema):
    id: int
    key: str
    name: str
    name_zh: str
    description: str
    description_zh: str
    position: str
    order: int
    industry_codes: list[str]
    status: Literal["strong", "weak", "gap"]
    tenants: int
    output: Money | None = None
    firms: list[FirmOut] | None = None
    open_prospects: list[ProspectBrief] | None = None
    strong_min_firms: int
    strong_min_output: Money
    weak_min_firms: int
    weak_min_output: Money


class ChainOut(Schema):
    id: int
    name: str
    name_zh: str
    industry_code: str
    gap_points: int
    weak_points: int
    copied_from_id: int | None


class ChainMapOut(Schema):
    park_id: int
    full: bool
    chain: ChainOut | None
    links: list[LinkOut]
    looking_for: list[str]


def chain_map_out(park: Park, *, full: bool) -> dict:
    cmap = chain_map(park, with_prospects=full)
    links = []
    for row in cmap.rows:
        link = row.link
        out = {
            "id": link.pk,
            "key": link.key,
            "name": link.name,
            "name_zh": link.name_zh,
            "description": link.description,
            "description_zh": link.description_zh,
            "position": link.position,
            "order": link.order,
            "industry_codes": link.industry_codes,
            "status": row.status,
            "tenants": len(row.firms),
            "strong_min_firms": link.strong_min_firms,
            "strong_min_output": link.strong_min_output,
            "weak_min_firms": link.weak_min_firms,
            "weak_min_output": link.weak_min_output,
        }
        if full:
            out["output"] = row.output
            out["firms"] = [
                {
                    "company_id": f.company.pk,
                    "name": f.company.name,
                    "industry_code": f.industry_code,
                    "output": f.output.amount if f.output else None,
                    "output_basis": f.output.basis if f.output else None,
                }
                for f in row.firms
            ]
            out["open_prospects"] = [
                {"id": p.pk, "company_name": p.company_name, "stage": p.stage}
                for p in row.prospects
            ]
        links.append(out)
    return {
        "park_id": park.pk,
        "full": full,
        "chain": cmap.chain,
        "links": links,
        "looking_for": [r.link.display_name for r in cmap.wanted],
    }


@router.get(
    "/parks/{park_id}/chain-map",
    response={200: ChainMapOut, 404: dict},
    auth=OPTIONAL_AUTH,
    summary="A park's industry chain: full for its operator, a summary for anyone",
)
def park_chain_map(request: HttpRequest, park_id: int):
    park = get_scoped(Park.objects.all(), pk=park_id)
    full = Park.objects.operated_by(request.user).filter(pk=park.pk).exists()
    return chain_map_out(park, full=full)


class ChainIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    name_zh: str = Field("", max_length=200)
    industry_code: str = Field(..., min_length=2, max_length=2)
    gap_points: int = Field(10, ge=0, le=50)
    weak_points: int = Field(5, ge=0, le=50)


@router.post(
    "/parks/{park_id}/chain",
    response={200: ChainOut, 403: dict, 404: dict, 422: dict},
)
def park_chain_save(request: HttpRequest, park_id: int, payload: ChainIn):
    park = _operated_park(request, park_id)
    return actions.chain_save(park=park, actor=request.user, **payload.dict())


class CopyIn(Schema):
    template_id: int


@router.get("/chain-templates", response=list[ChainOut])
def chain_templates(request: HttpRequest):
    return Chain.objects.shared().order_by("name")


@router.post(
    "/parks/{park_id}/chain/copy",
    response={201: ChainOut, 404: dict, 409: dict, 422: dict},
)
def park_chain_copy(request: HttpRequest, park_id: int, payload: CopyIn):
    park = _operated_park(request, park_id)
    template = get_scoped(Chain.objects.shared(), pk=payload.template_id)
    return Status(
        201, actions.chain_copy(template=template, park=park, actor=request.user)
    )


class ChainLinkIn(Schema):
    key: str = Field(..., pattern=r"^[-a-z0-9_]{1,40}$")
    order: int = Field(0, ge=0, le=1000)
    position: Literal["upstream", "midstream", "downstream"]
    name: str = Field(..., min_length=1, max_length=120)
    name_zh: str = Field("", max_length=120)
    description: str = ""
    description_zh: str = ""
    industry_codes: list[str] = Field(..., min_length=1, max_length=20)
    strong_min_firms: int = Field(3, ge=1, le=1000)
    strong_min_output: Decimal = Field(Decimal("100000000"), ge=0, max_digits=14)
    weak_min_firms: int = Field(1, ge=1, le=1000)
    weak_min_output: Decimal = Field(Decimal("0"), ge=0, max_digits=14)


class LinkSavedOut(Schema):
    id: int
    key: str


def _park_chain(request: HttpRequest, park_id: int) -> Chain:
    park = _operated_park(request, park_id)
    chain = Chain.objects.filter(park=park).first()
    if chain is None:
        raise NotFound("This park has no chain yet.")
    return chain


@router.post(
    "/parks/{park_id}/chain/links",
    response={201: LinkSavedOut, 403: dict, 404: dict, 422: dict},
)
def chain_link_create(request: HttpRequest, park_id: int, payload: ChainLinkIn):
    chain = _park_chain(request, park_id)
    return Status(
        201, actions.link_save(chain=chain, actor=request.user, **payload.dict())
    )


def _link(request: HttpRequest, link_id: int) -> ChainLink:
    return get_scoped(
        ChainLink.objects.filter(
            chain__park__in=Park.objects.operated_by(request.user)
        ).select_related("chain__park"),
        pk=link_id,
    )


@router.put(
    "/chain-links/{link_id}",
    response={200: LinkSavedOut, 403: dict, 404: dict, 422: dict},
)
def chain_link_update(request: HttpRequest, link_id: int, payload: ChainLinkIn):
    link = _link(request, link_id)
    return actions.link_save(
        chain=link.chain, link=link, actor=request.user, **payload.dict()
    )


@router.delete("/chain-links/{link_id}", response={204: None, 403: dict, 404: dict})
def chain_link_delete(request: HttpRequest, link_id: int):
    actions.link_delete(link=_link(request, link_id), actor=request.user)
    return Status(204, None)


# --- prospects --------------------------------------------------------------------

Stages = Literal[
    "lead", "contacted", "visited", "negotiating", "signed", "landed", "lost"
]
Sources = Literal["direct", "tenant_referral", "partner_city", "fair"]


class ProspectIn(Schema):
    park_id: int
    company_name: str = Field(..., min_length=1, max_length=200)
    uscc: str = Field("", max_length=30)
    industry_code: str = Field(..., min_length=2, max_length=4)
    chain_link: int | None = Field(None, description="id of a link of the park's chain")
    origin_region: str = Field("", max_length=100)
    source: Sources
    referred_by_company_id: int | None = None
    officer_id: int | None = None
    next_action_on: date | None = None
    next_action: str = Field("", max_length=200)
    planned_investment: Decimal = Field(Decimal("0"), ge=0, max_digits=14)
    expected_annual_output: Decimal = Field(Decimal("0"), ge=0, max_digits=14)
    expected_annual_tax: Decimal = Field(Decimal("0"), ge=0, max_digits=14)
    jobs: int = Field(0, ge=0, le=1_000_000)
    area_m2: Decimal = Field(Decimal("0"), ge=0, max_digits=10)


class ProspectPatch(Schema):
    company_name: str | None = Field(None, min_length=1, max_length=200)
    uscc: str | None = Field(None, max_length=30)
    industry_code: str | None = Field(None, min_length=2, max_length=4)
    chain_link: int | None = None
    origin_region: str | None = Field(None, max_length=100)
    officer_id: int | None = None
    next_action_on: date | None = None
    next_action: str | None = Field(None, max_length=200)
    planned_investment: Decimal | None = Field(None, ge=0, max_digits=14)
    expected_annual_output: Decimal | None = Field(None, ge=0, max_digits=14)
    expected_annual_tax: Decimal | None = Field(None, ge=0, max_digits=14)
    jobs: int | None = Field(None, ge=0, le=1_000_000)
    area_m2: Decimal | None = Field(None, ge=0, max_digits=10)


class ProspectOut(Schema):
    id: int
    park_id: int
    company_name: str
    uscc: str
    industry_code: str
    chain_link: int | None = Field(None, alias="chain_link_id")
    origin_region: str
    source: str
    referred_by_company_id: int | None = Field(None, alias="referred_by_id")
    officer_id: int | None
    stage: str
    lost_reason: str
    next_action_on: date | None
    next_action: str
    planned_investment: Money
    expected_annual_output: Money
    expected_annual_tax: Money
    jobs: int
    area_m2: Decimal
    company_id: int | None
    lease_id: int | None
    sale_id: int | None
    created_at: datetime
    stage_changed_at: datetime


class ActivityOut(Schema):
    id: int
    kind: str
    on: date
    note: str
    from_stage: str
    to_stage: str
    actor_id: int | None
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
    drafted_by_id: int
    approved_by_id: int | None
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
    costs = {item.pk: c for item, c in zip(cost.items, cost.result.lines, strict=True)}
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
                "cost": costs[item.pk][1],
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
    park_id: int | None = None
    stage: Stages | None = None
    officer: str = ""
    link: str = ""
    source: str = ""


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
def prospect_detail(request: HttpRequest, prospect_id: int):
    return prospect_detail_out(_prospect(request, prospect_id))


@router.patch(
    "/prospects/{prospect_id}",
    response={200: ProspectOut, 403: dict, 404: dict, 422: dict},
)
def prospect_update(request: HttpRequest, prospect_id: int, payload: ProspectPatch):
    prospect = _prospect(request, prospect_id)
    return actions.prospect_update(
        prospect=prospect,
        actor=request.user,
        **_fields(payload, exclude_unset=True),
    )


class StageIn(Schema):
    stage: Stages
    note: str = Field("", max_length=2000)


class StageOut(Schema):
    stage: str


@router.post(
    "/prospects/{prospect_id}/stage",
    response={200: StageOut, 403: dict, 404: dict, 409: dict, 422: dict},
    summary="Move a prospect: forward through the funnel, or lost with a reason",
)
def prospect_stage(request: HttpRequest, prospect_id: int, payload: StageIn):
    prospect = actions.prospect_set_stage(
        prospect=_prospect(request, prospect_id),
        actor=request.user,
        stage=payload.stage,
        note=payload.note,
    )
    return {"stage": prospect.stage}


class ActivityIn(Schema):
    kind: Literal["call", "visit", "meeting", "document", "note"]
    note: str = Field(..., min_length=1, max_length=4000)
    on: date | None = None
    next_action_on: date | None = None
    next_action: str = Field("", max_length=200)


@router.post(
    "/prospects/{prospect_id}/activities",
    response={201: ActivityOut, 403: dict, 404: dict, 422: dict},
)
def prospect_activity(request: HttpRequest, prospect_id: int, payload: ActivityIn):
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
def park_pipeline_figures(request: HttpRequest, park_id: int):
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
    park_id: int
    company_name: str
    stage: str
    referred_by_company_id: int = Field(..., alias="referred_by_id")
    stage_changed_at: datetime


@router.get("/referrals", response=list[ReferralOut])
@paginate(CappedPagination)
def referral_list(request: HttpRequest):
    """The prospects the caller's companies referred, and how far they got."""
    return Prospect.objects.referred_by_member(request.user).order_by("-created_at")


# --- exclusive policy -------------------------------------------------------------


def _policy(request: HttpRequest, prospect_id: int) -> Policy:
    prospect = _prospect(request, prospect_id)
    policy = Policy.objects.filter(prospect=prospect).first()
    if policy is None:
        raise NotFound("This prospect has no policy yet.")
    return policy


@router.post(
    "/prospects/{prospect_id}/policy",
    response={200: PolicyOut, 403: dict, 404: dict, 409: dict},
    summary="Start (or fetch) the prospect's exclusive policy draft",
)
def policy_draft(request: HttpRequest, prospect_id: int):
    policy = actions.policy_draft(
        prospect=_prospect(request, prospect_id), actor=request.user
    )
    return policy_out(policy)


class ItemIn(Schema):
    kind: Literal[
        "rent_free_months",
        "rent_discount",
        "fit_out_subsidy",
        "equipment_subsidy",
        "logistics_subsidy",
        "tax_rebate",
        "talent_subsidy",
    ]
    amount: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    rate_percent: Decimal | None = Field(None, ge=0, le=100, decimal_places=2)
    months: int | None = Field(None, ge=1, le=120)
    conditions: str = Field("", max_length=300)
    schedule: str = Field("", max_length=200)
    budget_source: str = Field("", max_length=200)


@router.post(
    "/prospects/{prospect_id}/policy/items",
    response={201: PolicyOut, 403: dict, 404: dict, 409: dict, 422: dict},
)
def policy_item_add(request: HttpRequest, prospect_id: int, payload: ItemIn):
    policy = _policy(request, prospect_id)
    actions.policy_item_add(policy=policy, actor=request.user, **payload.dict())
    return Status(201, policy_out(policy))


@router.delete(
    "/policy-items/{item_id}", response={204: None, 403: dict, 404: dict, 409: dict}
)
def policy_item_remove(request: HttpRequest, item_id: int):
    item = get_scoped(
        PolicyItem.objects.filter(
            policy__prospect__in=Prospect.objects.of_operator(request.user)
        ),
        pk=item_id,
    )
    actions.policy_item_remove(item=item, actor=request.user)
    return Status(204, None)


class ProspectNoteIn(Schema):
    note: str = Field("", max_length=2000)


def _decide(
    request: HttpRequest, prospect_id: int, action, payload: ProspectNoteIn | None
):
    policy = action(
        policy=_policy(request, prospect_id),
        actor=request.user,
        note=payload.note if payload else "",
    )
    return policy_out(policy)


DECISION_RESPONSES = {200: PolicyOut, 403: dict, 404: dict, 409: dict}


@router.post(
    "/prospects/{prospect_id}/policy/submit",
    response=DECISION_RESPONSES,
    summary="The officer submits the package for approval",
)
def policy_submit(
    request: HttpRequest, prospect_id: int, payload: ProspectNoteIn | None = None
):
    return _decide(request, prospect_id, actions.policy_submit, payload)


@router.post(
    "/prospects/{prospect_id}/policy/approve",
    response=DECISION_RESPONSES,
    summary="A park manager other than the drafter approves (maker–checker: 409)",
)
def policy_approve(
    request: HttpRequest, prospect_id: int, payload: ProspectNoteIn | None = None
):
    return _decide(request, prospect_id, actions.policy_approve, payload)


@router.post(
    "/prospects/{prospect_id}/policy/return",
    response=DECISION_RESPONSES,
    summary="The checker sends the package back to draft",
)
def policy_return(
    request: HttpRequest, prospect_id: int, payload: ProspectNoteIn | None = None
):
    return _decide(request, prospect_id, actions.policy_return, payload)


@router.get(
    "/prospects/{prospect_id}/letter-of-intent.pdf",
    response={200: None, 404: dict},
)
def letter_of_intent(request: HttpRequest, prospect_id: int):
    prospect = _prospect(request, prospect_id)
    return letter_response(prospect)


# --- costs ------------------------------------------------------------------------


class CostSheetOut(Schema):
    id: int
    park_id: int | None
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
    rent_per_m2: Decimal = Field(..., ge=0, max_digits=8, decimal_places=2)
    sale_price_per_m2: Decimal = Field(Decimal("0"), ge=0, max_digits=10)
    wage_general: Decimal = Field(..., ge=0, max_digits=10, decimal_places=2)
    wage_skilled: Decimal = Field(..., ge=0, max_digits=10, decimal_places=2)
    wage_technical: Decimal = Field(..., ge=0, max_digits=10, decimal_places=2)
    power_tariff: Decimal = Field(..., ge=0, max_digits=6, decimal_places=4)
    water_tariff: Decimal = Field(..., ge=0, max_digits=6, decimal_places=2)
    gas_tariff: Decimal = Field(..., ge=0, max_digits=6, decimal_places=2)
    logistics: dict[str, Decimal] = {}
    sources: str = Field("", max_length=4000)


@router.get(
    "/parks/{park_id}/cost-sheet", response={200: CostSheetOut, 404: dict}, auth=None
)
def park_cost_sheet(request: HttpRequest, park_id: int):
    park = get_scoped(Park.objects.all(), pk=park_id)
    sheet = current_cost_sheet(park)
    if sheet is None:
        raise NotFound("This park has not published a cost sheet.")
    return sheet


@router.post(
    "/parks/{park_id}/cost-sheet",
    response={201: CostSheetOut, 403: dict, 404: dict, 422: dict},
)
def park_cost_sheet_save(request: HttpRequest, park_id: int, payload: CostSheetIn):
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
    prospect_id: int | None = None


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
def relocation_comparison(request: HttpRequest, park_id: int, payload: ComparisonIn):
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
