"""Finance API: invoices, their PDF, paying them, and the operator's billing
endpoints (bank transfers, voiding, reviewing flagged payments, rent runs)."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate
from pydantic import Field

from billing.actions import invoices as actions
from billing.actions.online import invoice_checkout_start
from billing.actions.payment_notice import payment_notify
from billing.actions.rent_run import parse_period, rent_run_start
from billing.actions.review import payment_review
from billing.models import Invoice, Payment, RentRun
from billing.queries import invoice_pdf_response
from core.access import get_scoped
from core.errors import NotFound
from core.limits import limited, schema_field
from core.schemas import CappedPagination, Money, ObjectId
from parks.models import Operator

router = Router(tags=["billing"])


class LineOut(Schema):
    description_en: str
    description_zh: str
    quantity: str
    unit_price: Money
    amount: Money


class PaymentOut(Schema):
    id: int
    method: str
    amount: Money
    paid_at: datetime
    status: str
    reference: str


class InvoiceOut(Schema):
    id: int
    number: str
    company_id: ObjectId
    park_id: ObjectId
    kind: str
    lines: list[LineOut]
    total: Money
    currency: str
    status: str
    issue_date: date
    due_date: date
    lease_id: ObjectId | None
    period_start: date | None
    replaces_id: ObjectId | None
    payments: list[PaymentOut]

    @staticmethod
    def resolve_payments(obj: Invoice) -> list[Payment]:
        return list(obj.payments.all())


class CheckoutOut(Schema):
    checkout_url: str
    session_id: str


class TransferIn(Schema):
    amount: Decimal = schema_field(Payment, "amount")
    paid_on: date
    reference: str = schema_field(Payment, "reference", "")


class VoidIn(Schema):
    reason: str = Field(min_length=1, max_length=1000)


class StatusOut(Schema):
    id: int
    status: str


class ReviewIn(Schema):
    decision: Literal["accept", "reject"]
    note: str = Field(min_length=1, max_length=1000)


class ReviewOut(Schema):
    id: int
    status: str
    invoice_status: str

    @staticmethod
    def resolve_invoice_status(obj: Payment) -> str:
        return obj.invoice.status


class RentRunIn(Schema):
    period: str = Field(pattern=r"^\d{4}-\d{2}$", examples=["2026-12"])
    operator_id: ObjectId | None = None


class RentRunOut(Schema):
    id: int
    period: date
    status: str
    total: int
    done: int
    created: int


def _invoices(request: HttpRequest):
    return Invoice.objects.visible_to(request.user).prefetch_related("payments")


@router.get("/invoices", response=list[InvoiceOut])
@paginate(CappedPagination)
def invoice_list(
    request: HttpRequest,
    status: limited(str | None, Query, Invoice, "status") = None,
):
    invoices = _invoices(request).order_by("-issue_date", "-id")
    return invoices.filter(status=status) if status else invoices


@router.get("/invoices/{invoice_id}", response=InvoiceOut)
def invoice_detail(request: HttpRequest, invoice_id: ObjectId):
    return get_scoped(_invoices(request), pk=invoice_id)


@router.get("/invoices/{invoice_id}/pdf")
def invoice_download(request: HttpRequest, invoice_id: ObjectId):
    invoice = get_scoped(Invoice.objects.visible_to(request.user), pk=invoice_id)
    return invoice_pdf_response(invoice)


@router.post("/invoices/{invoice_id}/pay", response=CheckoutOut)
def invoice_pay(request: HttpRequest, invoice_id: ObjectId):
    invoice = get_scoped(Invoice.objects.visible_to(request.user), pk=invoice_id)
    attempt = invoice_checkout_start(
        invoice=invoice,
        actor=request.user,
        success_url=request.build_absolute_uri(
            f"/invoices/{invoice.pk}/paid?session_id={{CHECKOUT_SESSION_ID}}"
        ),
        cancel_url=request.build_absolute_uri(f"/invoices/{invoice.pk}/?cancelled=1"),
    )
    return {"checkout_url": attempt.checkout_url, "session_id": attempt.session_id}


@router.post("/invoices/{invoice_id}/payments", response={201: PaymentOut})
def invoice_record_transfer(
    request: HttpRequest, invoice_id: ObjectId, payload: TransferIn
):
    invoice = get_scoped(Invoice.objects.of_operator(request.user), pk=invoice_id)
    payment = actions.bank_transfer_record(
        invoice=invoice, actor=request.user, **payload.dict()
    )
    return Status(201, payment)


@router.post("/invoices/{invoice_id}/payment-notices", response={201: PaymentOut})
def invoice_notify_payment(
    request: HttpRequest,
    invoice_id: ObjectId,
    paid_on: Form[date],
    slip: File[UploadedFile],
    amount: limited(Decimal, Form, Payment, "amount"),
    reference: limited(str, Form, Payment, "reference", "") = "",
):
    """ "I have paid": the company's owner or admin notifies a bank transfer with its
    remittance slip; the payment is `flagged` until the operator accepts it."""
    invoice = get_scoped(Invoice.objects.visible_to(request.user), pk=invoice_id)
    payment = payment_notify(
        invoice=invoice,
        actor=request.user,
        amount=amount,
        paid_on=paid_on,
        reference=reference,
        slip=slip,
    )
    return Status(201, payment)


@router.post("/invoices/{invoice_id}/void", response=StatusOut)
def invoice_void(request: HttpRequest, invoice_id: ObjectId, payload: VoidIn):
    invoice = get_scoped(Invoice.objects.of_operator(request.user), pk=invoice_id)
    return actions.invoice_void(
        invoice=invoice, actor=request.user, reason=payload.reason
    )


@router.post("/payments/{payment_id}/review", response=ReviewOut)
def payment_review_create(
    request: HttpRequest, payment_id: ObjectId, payload: ReviewIn
):
    payments = Payment.objects.filter(
        invoice__in=Invoice.objects.of_operator(request.user).values("pk")
    )
    payment = get_scoped(payments, pk=payment_id)
    return payment_review(payment=payment, actor=request.user, **payload.dict())


def _operator(request: HttpRequest, operator_id: ObjectId | None) -> Operator:
    operators = Operator.objects.filter(staff__user=request.user)
    if operator_id is None:
        operator = operators.order_by("pk").first()
        if operator is None:
            raise NotFound(_("You are not staff of a park operator."))
        return operator
    return get_scoped(operators, pk=operator_id)


@router.post("/rent-runs", response={202: RentRunOut})
def rent_run_create(request: HttpRequest, payload: RentRunIn):
    operator = _operator(request, payload.operator_id)
    run = rent_run_start(
        operator=operator, period=parse_period(payload.period), actor=request.user
    )
    run.refresh_from_db()
    return Status(202, run)


@router.get("/rent-runs/{run_id}", response=RentRunOut)
def rent_run_detail(request: HttpRequest, run_id: ObjectId):
    runs = RentRun.objects.filter(operator__staff__user=request.user)
    return get_scoped(runs, pk=run_id)
