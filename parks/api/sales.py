"""Parks API: unit purchases (mounted on the leasing router)."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from core.access import get_scoped
from core.api import step_endpoint
from core.limits import limited, schema_field
from core.schemas import CappedPagination, Money, ObjectId
from parks.actions import sales
from parks.models import Sale, Unit
from tenants.access import member_company

router = Router(tags=["sales"])


class SaleIn(Schema):
    company_id: ObjectId
    unit_id: ObjectId
    down_payment_ratio: Decimal = schema_field(Sale, "down_payment_ratio")


class SaleOut(Schema):
    id: int
    unit_id: ObjectId
    company_id: ObjectId
    park_id: ObjectId = Field(alias="unit.park_id")
    unit_code: str = Field(alias="unit.code")
    area_m2: Decimal
    price: Money
    down_payment_ratio: Decimal
    down_payment: Money
    financed_amount: Money
    status: str
    decision_note: str
    created_at: datetime
    completed_on: date | None

    @staticmethod
    def resolve_area_m2(obj: Sale) -> Decimal:
        return obj.unit.area_m2


class SaleDecisionIn(Schema):
    decision: Literal["approve", "reject"]
    note: str = schema_field(Sale, "decision_note", "")


def _sales(request: HttpRequest):
    return Sale.objects.visible_to(request.user).select_related("unit")


@router.post("/sales", response={201: SaleOut})
def sale_create(request: HttpRequest, payload: SaleIn):
    company = member_company(request.user, payload.company_id)
    unit = get_scoped(Unit.objects.select_related("park"), pk=payload.unit_id)
    sale = sales.sale_apply(
        actor=request.user,
        company=company,
        unit=unit,
        down_payment_ratio=payload.down_payment_ratio,
    )
    return Status(201, sale)


@router.get("/sales", response=list[SaleOut])
@paginate(CappedPagination)
def sale_list(
    request: HttpRequest,
    status: limited(str, Query, Sale, "status", "") = "",
    park_id: ObjectId | None = None,
):
    qs = _sales(request).where(status=status, unit__park_id=park_id)
    return qs.order_by("-created_at", "-id")


@router.get("/sales/{sale_id}", response=SaleOut)
def sale_detail(request: HttpRequest, sale_id: ObjectId):
    return get_scoped(_sales(request), pk=sale_id)


def _operator_sale(request: HttpRequest, sale_id: int) -> Sale:
    return get_scoped(Sale.objects.of_operator(request.user), pk=sale_id)


@router.post("/sales/{sale_id}/decision", response=SaleOut)
def sale_decision(request: HttpRequest, sale_id: ObjectId, payload: SaleDecisionIn):
    decide = sales.SALE_DECISIONS[payload.decision]
    sale = _operator_sale(request, sale_id)
    return decide(sale=sale, actor=request.user, note=payload.note)


step_endpoint(
    router,
    "/sales/{sale_id}/complete",
    sales.sale_complete,
    _operator_sale,
    response=SaleOut,
)
step_endpoint(
    router,
    "/sales/{sale_id}/withdraw",
    sales.sale_withdraw,
    rows=Sale.objects.of_member,
    response=SaleOut,
)
