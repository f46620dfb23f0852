"""Attraction API: The chain map and chain templates."""

from decimal import Decimal
from typing import Annotated, Literal

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from attraction import actions
from attraction.api.common import OPTIONAL_AUTH, _operated_park, found
from attraction.models import (
    CODE_PATTERN,
    Chain,
    ChainLink,
)
from attraction.queries import (
    chain_map,
)
from core.access import get_scoped
from core.limits import schema_field
from core.schemas import Money, ObjectId
from parks.models import Park

router = Router()

# --- chain map --------------------------------------------------------------------


class FirmOut(Schema):
    company_id: ObjectId
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
    copied_from_id: ObjectId | None


class ChainMapOut(Schema):
    park_id: ObjectId
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
def park_chain_map(request: HttpRequest, park_id: ObjectId):
    park = get_scoped(Park.objects.all(), pk=park_id)
    full = Park.objects.operated_by(request.user).filter(pk=park.pk).exists()
    return chain_map_out(park, full=full)


class ChainIn(Schema):
    name: str = schema_field(Chain, "name")
    name_zh: str = schema_field(Chain, "name_zh", "")
    industry_code: str = Field(..., min_length=2, max_length=2)
    gap_points: int = schema_field(Chain, "gap_points", 10)
    weak_points: int = schema_field(Chain, "weak_points", 5)


@router.post(
    "/parks/{park_id}/chain",
    response={200: ChainOut, 403: dict, 404: dict, 422: dict},
)
def park_chain_save(request: HttpRequest, park_id: ObjectId, payload: ChainIn):
    park = _operated_park(request, park_id)
    return actions.chain_save(park=park, actor=request.user, **payload.dict())


class CopyIn(Schema):
    template_id: ObjectId


@router.get("/chain-templates", response=list[ChainOut])
def chain_templates(request: HttpRequest):
    return Chain.objects.shared().order_by("name")


@router.post(
    "/parks/{park_id}/chain/copy",
    response={201: ChainOut, 404: dict, 409: dict, 422: dict},
)
def park_chain_copy(request: HttpRequest, park_id: ObjectId, payload: CopyIn):
    park = _operated_park(request, park_id)
    template = get_scoped(Chain.objects.shared(), pk=payload.template_id)
    return Status(
        201, actions.chain_copy(template=template, park=park, actor=request.user)
    )


class ChainLinkIn(Schema):
    key: str = Field(..., pattern=r"^[-a-z0-9_]{1,40}$")
    order: int = Field(0, ge=0, le=1000)
    position: Literal["upstream", "midstream", "downstream"]
    name: str = schema_field(ChainLink, "name")
    name_zh: str = schema_field(ChainLink, "name_zh", "")
    description: str = schema_field(ChainLink, "description", "")
    description_zh: str = schema_field(ChainLink, "description_zh", "")
    industry_codes: list[Annotated[str, Field(pattern=CODE_PATTERN)]] = Field(
        ..., min_length=1, max_length=20
    )
    strong_min_firms: int = Field(3, ge=1, le=1000)
    strong_min_output: Decimal = schema_field(
        ChainLink, "strong_min_output", Decimal("100000000")
    )
    weak_min_firms: int = Field(1, ge=1, le=1000)
    weak_min_output: Decimal = schema_field(ChainLink, "weak_min_output", Decimal("0"))


class LinkSavedOut(Schema):
    id: int
    key: str


def _park_chain(request: HttpRequest, park_id: ObjectId) -> Chain:
    park = _operated_park(request, park_id)
    return found(Chain.objects.filter(park=park).first(), "This park has no chain yet.")


@router.post(
    "/parks/{park_id}/chain/links",
    response={201: LinkSavedOut, 403: dict, 404: dict, 422: dict},
)
def chain_link_create(request: HttpRequest, park_id: ObjectId, payload: ChainLinkIn):
    chain = _park_chain(request, park_id)
    return Status(
        201, actions.link_save(chain=chain, actor=request.user, **payload.dict())
    )


def _link(request: HttpRequest, link_id: ObjectId) -> ChainLink:
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
def chain_link_update(request: HttpRequest, link_id: ObjectId, payload: ChainLinkIn):
    link = _link(request, link_id)
    return actions.link_save(
        chain=link.chain, link=link, actor=request.user, **payload.dict()
    )


@router.delete("/chain-links/{link_id}", response={204: None, 403: dict, 404: dict})
def chain_link_delete(request: HttpRequest, link_id: ObjectId):
    actions.link_delete(link=_link(request, link_id), actor=request.user)
    return Status(204, None)
