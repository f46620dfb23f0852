"""Finance API: lending — banks and products, requests, offers and schedules."""

from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from core.access import get_scoped, organisation_ids, sole_organisation_ids
from core.api import step_endpoint, two_factor_setting_endpoints
from core.limits import limited, schema_field
from core.lookups import given
from core.pdf import pdf_response
from core.schemas import (
    CappedPagination,
    MappedPage,
    Money,
    NoteIn,
    ObjectId,
)
from finance.actions import bank as bank_actions
from finance.actions import requests as actions
from finance.actions.dossier import dossier_pdf, offer_schedule, offer_view
from finance.actions.security import bank_security_update
from finance.models import (
    Bank,
    FinanceRequest,
    Offer,
    Product,
    ProductKind,
    RequestRoute,
    current_lpr,
)
from finance.queries import bank_request_count
from tenants.access import member_company
from tenants.models import Document

router = Router(tags=["lending"])


# --- schemas -------------------------------------------------------------------


class BankOut(Schema):
    id: int
    name: str
    name_zh: str
    review_sla_days: int


class ProductOut(Schema):
    id: int
    bank_id: ObjectId
    bank_name: str
    kind: str
    name: str
    name_zh: str
    min_amount: Money
    max_amount: Money
    max_term_months: int
    lpr_tenor: str
    spread_bp: int
    base_annual_rate: str | None
    max_ltv_percent: str
    eligible_size_classes: list[str]
    eligible_industries: list[str]


class RequestIn(Schema):
    company_id: ObjectId
    kind: str = schema_field(FinanceRequest, "kind")
    amount: Decimal = schema_field(FinanceRequest, "amount")
    term_months: int = schema_field(FinanceRequest, "term_months")
    purpose: str = schema_field(FinanceRequest, "purpose")
    bank_ids: list[ObjectId]
    sale_id: ObjectId | None = None
    document_ids: list[ObjectId] = []


class SubmitIn(Schema):
    consent: bool = False
    document_ids: list[ObjectId] | None = None


class DocumentRef(Schema):
    id: int
    kind: str
    filename: str
    sha256: str


class RouteOut(Schema):
    bank_id: ObjectId
    bank_name: str
    status: str
    seen_at: datetime | None


class RequestOut(Schema):
    id: int
    status: str
    company_id: ObjectId
    company_name: str
    kind: str
    amount: Money
    term_months: int
    purpose: str
    sale_id: ObjectId | None
    purchase_price: Money | None
    down_payment: Money | None
    ltv_percent: str | None
    bank_ids: list[ObjectId]
    routes: list[RouteOut]
    shared_documents: list[DocumentRef]
    created_at: datetime
    submitted_at: datetime | None


class OfferIn(Schema):
    amount: Decimal = schema_field(Offer, "amount")
    annual_rate_percent: Decimal = schema_field(Offer, "annual_rate_percent")
    term_months: int = schema_field(Offer, "term_months")
    repayment_method: str = schema_field(Offer, "repayment_method")
    fees: Decimal = schema_field(Offer, "fees", Decimal("0"))
    conditions: str = schema_field(Offer, "conditions", "")
    first_due_date: date | None = None


class OfferOut(Schema):
    id: int
    request_id: ObjectId
    bank_id: ObjectId
    bank_name: str
    status: str
    amount: Money
    annual_rate_percent: str
    term_months: int
    repayment_method: str
    fees: Money
    conditions: str
    first_due_date: date
    monthly_payment_first: Money
    total_interest: Money
    total_payment: Money
    total_cost: Money
    apr_percent: str
    issued_at: datetime | None
    return_note: str | None = None


class ScheduleRow(Schema):
    period: int
    due_date: date
    payment: Money
    principal: Money
    interest: Money
    balance: Money


# --- helpers -------------------------------------------------------------------


def _product_out(product: Product, lpr: dict[str, Decimal]) -> dict[str, Any]:
    rate = product.base_annual_rate(lpr)
    return {
        **{f: getattr(product, f) for f in ProductOut.model_fields if f != "bank_name"},
        "bank_name": str(product.bank),
        "base_annual_rate": None if rate is None else f"{rate:.2f}",
        "max_ltv_percent": f"{product.max_ltv_percent:.2f}",
    }


def request_out(req: FinanceRequest, user: Any) -> dict[str, Any]:
    return requests_out([req], user)[0]


def requests_out(reqs: list[FinanceRequest], user: Any) -> list[dict[str, Any]]:
    """Requests as this user may see them: a bank sees only its own routing and
    only the documents its consent covers. A constant number of queries for a page
    (the company must be selected with the request)."""
    ids = [r.pk for r in reqs]
    links = list(
        FinanceRequest.shared_documents.through.objects.filter(
            financerequest_id__in=ids
        )
        .select_related("document")
        .order_by("document__kind", "document_id")
    )
    member_of = set(organisation_ids(user, "tenant") or ())
    my_banks = set(organisation_ids(user, "bank") or ())
    routes: dict[int, list[RequestRoute]] = defaultdict(list)
    for route in RequestRoute.objects.filter(request_id__in=ids).select_related("bank"):
        routes[route.request_id].append(route)
    # Document.visible_to (each of its scopes), decided for the page's documents
    # only: the rules' subquery over every document shared with the bank was
    # most of a bank's page.
    visible: set[int] = set()
    if links:
        page_documents = Document.objects.filter(
            pk__in={link.document_id for link in links}
        )
        for party in page_documents.scopes:
            visible |= set(
                page_documents.scoped(user, party).values_list("pk", flat=True)
            )
    documents: dict[int, list[Document]] = defaultdict(list)
    for link in links:
        documents[link.financerequest_id].append(link.document)
    out = []
    for req in reqs:
        is_member = req.company_id in member_of
        mine = [r for r in routes[req.pk] if is_member or r.bank_id in my_banks]
        docs = [d for d in documents[req.pk] if is_member or d.pk in visible]
        ltv = req.ltv_percent
        out.append(
            {
                "id": req.pk,
                "status": req.status,
                "company_id": req.company_id,
                "company_name": req.company.name,
                "kind": req.kind,
                "amount": req.amount,
                "term_months": req.term_months,
                "purpose": req.purpose,
                "sale_id": req.sale_id,
                "purchase_price": req.purchase_price,
                "down_payment": req.down_payment,
                "ltv_percent": None if ltv is None else f"{ltv:.2f}",
                "bank_ids": [r.bank_id for r in mine],
                "routes": [
                    {
                        "bank_id": r.bank_id,
                        "bank_name": str(r.bank),
                        "status": r.status,
                        "seen_at": r.seen_at,
                    }
                    for r in mine
                ],
                "shared_documents": docs,
                "created_at": req.created_at,
                "submitted_at": req.submitted_at,
            }
        )
    return out


def offer_out(offer: Offer, user: Any) -> dict[str, Any]:
    view = offer_view(offer)
    is_bank = offer.bank.staff.filter(user=user).exists()
    return {
        "id": offer.pk,
        "request_id": offer.request_id,
        "bank_id": offer.bank_id,
        "bank_name": str(offer.bank),
        "status": offer.status,
        "amount": offer.amount,
        "annual_rate_percent": f"{offer.annual_rate_percent.normalize():f}",
        "term_months": offer.term_months,
        "repayment_method": offer.repayment_method,
        "fees": offer.fees,
        "conditions": offer.conditions,
        "first_due_date": offer.schedule_start(),
        "monthly_payment_first": view.summary.first_payment,
        "total_interest": view.summary.total_interest,
        "total_payment": view.summary.total_payment,
        "total_cost": view.summary.total_cost,
        "apr_percent": f"{view.summary.apr_percent:.2f}",
        "issued_at": offer.issued_at,
        "return_note": offer.return_note if is_bank else None,
    }


def _request(request: HttpRequest, request_id: ObjectId) -> FinanceRequest:
    return get_scoped(
        FinanceRequest.objects.visible_to(request.user).select_related("company"),
        pk=request_id,
    )


def _offer(request: HttpRequest, offer_id: ObjectId) -> Offer:
    return get_scoped(
        Offer.objects.visible_to(request.user).select_related("bank", "request"),
        pk=offer_id,
    )


# --- banks and products (public) -----------------------------------------------


@router.get("/banks", response=list[BankOut], auth=None)
@paginate(CappedPagination)
def bank_list(request: HttpRequest):
    return Bank.objects.order_by("name", "id")


two_factor_setting_endpoints(
    router,
    Bank,
    bank_security_update,
    path="/banks/{bank_id}/security",
    who="its checkers",
)


@router.get("/finance/products", response=list[ProductOut], auth=None)
@paginate(CappedPagination)
def product_list(
    request: HttpRequest,
    kind: limited(str | None, Query, Product, "kind") = None,
    bank_id: ObjectId | None = None,
):
    products = Product.objects.active().select_related("bank")
    if kind:
        products = products.filter(kind=kind if kind in ProductKind.values else "-")
    products = given(products, bank_id=bank_id)
    lpr = current_lpr()
    return [_product_out(p, lpr) for p in products.order_by("bank__name", "kind")]


# --- requests ------------------------------------------------------------------


@router.post("/finance/requests", response={201: RequestOut})
def request_create(request: HttpRequest, payload: RequestIn):
    company = member_company(request.user, payload.company_id)
    data = payload.dict(exclude={"company_id"})
    req = actions.request_create(actor=request.user, company=company, **data)
    return Status(201, request_out(req, request.user))


@router.get("/finance/requests", response=list[RequestOut])
@paginate(CappedPagination)
def request_list(
    request: HttpRequest,
    status: limited(str | None, Query, FinanceRequest, "status") = None,
):
    user = request.user
    rows = (
        FinanceRequest.objects.visible_to(request.user)
        .select_related("company")
        .where(status=status)
    )
    # Staff of one bank see its requests: counted from the bank's figures.
    banks = sole_organisation_ids(user, "bank") or []
    count = bank_request_count(banks[0], status or "") if len(banks) == 1 else None
    # Paginated in SQL: only the page's requests are turned into their output.
    return MappedPage(
        rows.order_by("-created_at", "-id"),
        lambda page: requests_out(page, user),
        counted=count,
    )


@router.get("/finance/requests/{request_id}", response=RequestOut)
def request_detail(request: HttpRequest, request_id: ObjectId):
    return request_out(_request(request, request_id), request.user)


@router.post("/finance/requests/{request_id}/submit", response=RequestOut)
def request_submit(
    request: HttpRequest, request_id: ObjectId, payload: SubmitIn | None = None
):
    req = get_scoped(FinanceRequest.objects.of_member(request.user), pk=request_id)
    payload = payload or SubmitIn()
    req = actions.request_submit(
        request=req,
        actor=request.user,
        consent=payload.consent,
        document_ids=payload.document_ids,
    )
    return request_out(req, request.user)


step_endpoint(
    router,
    "/finance/requests/{request_id}/withdraw",
    actions.request_withdraw,
    rows=FinanceRequest.objects.of_member,
    response=RequestOut,
    out=lambda req, request: request_out(req, request.user),
)


@router.post("/finance/requests/{request_id}/decline", response=RequestOut)
def request_decline(
    request: HttpRequest, request_id: ObjectId, payload: NoteIn | None = None
):
    """A bank declines a request routed to it."""
    req = get_scoped(FinanceRequest.objects.of_bank(request.user), pk=request_id)
    bank_actions.route_decline(
        request=req, actor=request.user, reason=payload.note if payload else ""
    )
    req.refresh_from_db()
    return request_out(req, request.user)


@router.get("/finance/requests/{request_id}/dossier.pdf")
def request_dossier(request: HttpRequest, request_id: ObjectId):
    req = _request(request, request_id)
    return pdf_response(dossier_pdf(req, request.user), f"dossier-{req.pk}.pdf")


# --- offers --------------------------------------------------------------------


@router.post("/finance/requests/{request_id}/offers", response={201: OfferOut})
def offer_create(request: HttpRequest, request_id: ObjectId, payload: OfferIn):
    req = get_scoped(FinanceRequest.objects.of_bank(request.user), pk=request_id)
    offer = bank_actions.offer_create(request=req, actor=request.user, **payload.dict())
    return Status(201, offer_out(offer, request.user))


@router.get("/finance/requests/{request_id}/offers", response=list[OfferOut])
def offer_list(request: HttpRequest, request_id: ObjectId):
    req = _request(request, request_id)
    offers = (
        Offer.objects.visible_to(request.user)
        .filter(request=req)
        .select_related("bank")
        .order_by("created_at", "id")
    )
    return [offer_out(o, request.user) for o in offers]


def _bank_offer(request: HttpRequest, offer_id: int) -> Offer:
    return get_scoped(Offer.objects.of_bank(request.user), pk=offer_id)


def _offer_out(offer: Offer, request: HttpRequest) -> dict:
    return offer_out(offer, request.user)


@router.put("/finance/offers/{offer_id}", response=OfferOut)
def offer_revise(request: HttpRequest, offer_id: ObjectId, payload: OfferIn):
    offer = bank_actions.offer_revise(
        offer=_bank_offer(request, offer_id), actor=request.user, **payload.dict()
    )
    return offer_out(offer, request.user)


step_endpoint(
    router,
    "/finance/offers/{offer_id}/approve",
    bank_actions.offer_approve,
    _bank_offer,
    response=OfferOut,
    out=_offer_out,
)


@router.post("/finance/offers/{offer_id}/return", response=OfferOut)
def offer_return(request: HttpRequest, offer_id: ObjectId, payload: NoteIn):
    offer = bank_actions.offer_return(
        offer=_bank_offer(request, offer_id), actor=request.user, note=payload.note
    )
    return offer_out(offer, request.user)


step_endpoint(
    router,
    "/finance/offers/{offer_id}/decline",
    bank_actions.offer_withdraw,
    _bank_offer,
    response=OfferOut,
    out=_offer_out,
    name="offer_decline",
)


@router.post("/finance/offers/{offer_id}/accept", response=OfferOut)
def offer_accept(request: HttpRequest, offer_id: ObjectId):
    offer = get_scoped(Offer.objects.of_member(request.user), pk=offer_id)
    offer = actions.offer_accept(offer=offer, actor=request.user)
    return offer_out(offer, request.user)


@router.get("/finance/offers/{offer_id}", response=OfferOut)
def offer_detail(request: HttpRequest, offer_id: ObjectId):
    return offer_out(_offer(request, offer_id), request.user)


@router.get("/finance/offers/{offer_id}/schedule", response=list[ScheduleRow])
def offer_schedule_rows(request: HttpRequest, offer_id: ObjectId):
    return offer_schedule(_offer(request, offer_id))
