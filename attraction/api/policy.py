"""Attraction API: exclusive policies (一企一策), maker–checker, letter of intent."""

from decimal import Decimal
from typing import Literal

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from attraction import actions
from attraction.api.common import _prospect, found
from attraction.api.prospects import PolicyOut, policy_out
from attraction.documents import letter_response
from attraction.models import (
    Policy,
    PolicyItem,
)
from attraction.queries import policy_items_of_operator
from core.access import get_scoped
from core.api import step_endpoint
from core.limits import schema_field
from core.schemas import ObjectId

router = Router()

# --- exclusive policy -------------------------------------------------------------


def _policy(request: HttpRequest, prospect_id: ObjectId) -> Policy:
    prospect = _prospect(request, prospect_id)
    return found(
        Policy.objects.filter(prospect=prospect).first(),
        "This prospect has no policy yet.",
    )


@router.post(
    "/prospects/{prospect_id}/policy",
    response={200: PolicyOut, 403: dict, 404: dict, 409: dict},
    summary="Start (or fetch) the prospect's exclusive policy draft",
)
def policy_draft(request: HttpRequest, prospect_id: ObjectId):
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
    amount: Decimal | None = schema_field(PolicyItem, "amount", None)
    rate_percent: Decimal | None = schema_field(PolicyItem, "rate_percent", None)
    months: int | None = Field(None, ge=1, le=120)
    conditions: str = schema_field(PolicyItem, "conditions", "")
    schedule: str = schema_field(PolicyItem, "schedule", "")
    budget_source: str = schema_field(PolicyItem, "budget_source", "")


@router.post(
    "/prospects/{prospect_id}/policy/items",
    response={201: PolicyOut, 403: dict, 404: dict, 409: dict, 422: dict},
)
def policy_item_add(request: HttpRequest, prospect_id: ObjectId, payload: ItemIn):
    policy = _policy(request, prospect_id)
    actions.policy_item_add(policy=policy, actor=request.user, **payload.dict())
    return Status(201, policy_out(policy))


@router.delete(
    "/policy-items/{item_id}", response={204: None, 403: dict, 404: dict, 409: dict}
)
def policy_item_remove(request: HttpRequest, item_id: ObjectId):
    item = get_scoped(policy_items_of_operator(request.user), pk=item_id)
    actions.policy_item_remove(item=item, actor=request.user)
    return Status(204, None)


for _action, _summary in (
    (actions.policy_submit, "The officer submits the package for approval"),
    (
        actions.policy_approve,
        "A park manager other than the drafter approves (maker–checker: 409)",
    ),
    (actions.policy_return, "The checker sends the package back to draft"),
):
    step_endpoint(
        router,
        f"/prospects/{{prospect_id}}/policy/{_action.__name__.removeprefix('policy_')}",
        _action,
        _policy,
        target="policy",
        response={200: PolicyOut, 403: dict, 404: dict, 409: dict},
        out=lambda policy, _request: policy_out(policy),
        summary=_summary,
    )


@router.get(
    "/prospects/{prospect_id}/letter-of-intent.pdf",
    response={200: None, 404: dict},
)
def letter_of_intent(request: HttpRequest, prospect_id: ObjectId):
    prospect = _prospect(request, prospect_id)
    return letter_response(prospect)
