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

from billing.access import ensure_billing_staff
from billing.actions import invoices as actions
from billing.actions.online import invoice_checkout_start
from billing.actions.payment_notice import payment_notify
from billing.actions.rent_run import parse_period, rent_run_preview, rent_run_start
from billing.actions.review import payment_review
from billing.actions.statement import (
    statement_confirm,
    statement_entries,
    statement_token,
)
from billing.models import Invoice, Payment, RentRun
from billing.queries import (
    invoice_pdf_response,
    operator_invoice_count,
    reconciliation,
    reconciliation_period,
    statement_review,
)
from billing.statement import MAX_BYTES, MAX_LINES, parse_statement
from core.access import get_scoped, sole_organisation_ids
from core.errors import NotFound
from core.limits import limited, schema_field
from core.models import AuditEvent
from core.schemas import CappedPagination, ErrorOut, MappedPage, Money, ObjectId
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
    reason: str = schema_field(Invoice, "void_reason", min_length=1)


class StatusOut(Schema):
    id: int
    status: str


class ReviewIn(Schema):
    decision: Literal["accept", "reject"]
    # Kept in the payment's audit trail.
    note: str = schema_field(AuditEvent, "note", min_length=1)


class ReviewOut(Schema):
    id: int
    status: str
    invoice_status: str = Field(alias="invoice.status")


class RentRunIn(Schema):
    period: str = Field(pattern=r"^\d{4}-\d{2}$", examples=["2026-12"])
    operator_id: ObjectId | None = None


class RentRunExceptionOut(Schema):
    lease_id: int
    unit_code: str
    reason: Literal["invoiced", "rent_free", "no_rent", "ended", "no_month"]
    reason_label: str


class RentRunPreviewOut(Schema):
    period: date
    count: int
    total: Money
    skipped: int
    by_reason: dict[str, int]
    exceptions: list[RentRunExceptionOut]


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
    invoices = invoices.filter(status=status) if status else invoices
    # Operator staff see their whole portfolio: counted from the parks' figures.
    operators = sole_organisation_ids(request.user, "operator")
    count = operators and operator_invoice_count(set(operators), status or "")
    return MappedPage(invoices, counted=count)


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


RENT_RUN_ERRORS = dict.fromkeys((401, 403, 404, 422), ErrorOut)


@router.post("/rent-runs/preview", response={200: RentRunPreviewOut, **RENT_RUN_ERRORS})
def rent_run_preview_create(request: HttpRequest, payload: RentRunIn):
    """What `POST /rent-runs` for the month would issue now: the number of
    invoices, their total, and the billable leases skipped with the reason
    (`invoiced`, `rent_free`, `no_rent`, `ended`, `no_month`; the first 100
    listed, all counted in `by_reason`). Nothing is written. The run computes
    the same plan again when it starts, so a stale preview cannot mislead it.
    403 for staff outside finance; 404 for another operator."""
    operator = _operator(request, payload.operator_id)
    return rent_run_preview(
        operator=operator, period=parse_period(payload.period), actor=request.user
    )


@router.post("/rent-runs", response={202: RentRunOut, 409: ErrorOut, **RENT_RUN_ERRORS})
def rent_run_create(request: HttpRequest, payload: RentRunIn):
    """Start the month's run (confirming a preview); poll `GET /rent-runs/{id}`.
    409 while a run for the month is in progress."""
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


# --- reconciliation and bank statements -----------------------------------------


STATEMENT_ERRORS = dict.fromkeys((401, 403, 404, 422), ErrorOut)
READ_ERRORS = dict.fromkeys((401, 404, 422), ErrorOut)


class ReconciliationDayOut(Schema):
    day: date
    method: str
    status: str
    n: int
    amount: Money


class ReconciliationOut(Schema):
    since: date
    until: date
    payments: list[ReconciliationDayOut]


@router.get("/reconciliation", response={200: ReconciliationOut, **READ_ERRORS})
def reconciliation_detail(
    request: HttpRequest,
    since: date | None = None,
    until: date | None = None,
    operator_id: ObjectId | None = None,
):
    """Payments received by day, method and status from `since` to `until`
    (ISO dates, inclusive; the last 30 days by default). 422 when the period
    is reversed or longer than 366 days; 404 for another operator."""
    operator = _operator(request, operator_id)
    since, until = reconciliation_period(since, until)
    data = reconciliation(
        Invoice.objects.filter(operator=operator), since=since, until=until
    )
    rows = [row for _day, day_rows in data["by_day"] for row in day_rows]
    return {"since": since, "until": until, "payments": rows}


class CandidateOut(Schema):
    id: int
    number: str
    company: str
    outstanding: Money


class StatementLineOut(Schema):
    line: int
    date: date
    amount: Money
    reference: str
    payer: str
    status: Literal["matched", "ambiguous", "unmatched", "recorded"]
    by_reference: bool
    candidates: list[CandidateOut]
    recorded_invoice: str


class StatementOut(Schema):
    token: str
    lines: list[StatementLineOut]
    problems: list[str]


class MatchIn(Schema):
    line: int = Field(ge=1, le=MAX_LINES + 1)  # the file's line, header first
    invoice_id: ObjectId


class StatementConfirmIn(Schema):
    # The signed, compressed lines of a file of at most MAX_BYTES.
    token: str = Field(min_length=1, max_length=2 * MAX_BYTES)
    matches: list[MatchIn] = Field(max_length=MAX_LINES)
    operator_id: ObjectId | None = None


class OutcomeOut(Schema):
    line: int
    invoice_id: int
    status: Literal["recorded", "already", "refused"]
    payment_id: int | None
    detail: str


@router.post(
    "/reconciliation/statements", response={200: StatementOut, **STATEMENT_ERRORS}
)
def statement_upload(
    request: HttpRequest,
    file: File[UploadedFile],
    operator_id: Form[ObjectId | None] = None,
):
    """Read a bank statement CSV (UTF-8 or GBK; date, amount, reference, payer
    or 交易日期, 金额, 附言/摘要, 付款人; at most 512 KB and 2,000 lines) and
    propose an open invoice for each line: `matched` (the invoice number in the
    reference wins, else the one invoice owing that amount), `ambiguous` (pick
    among `candidates`), `unmatched`, or `recorded` (imported before). Lines
    that cannot be read are listed in `problems` with their line numbers; a
    file that cannot be read at all is a 422. Nothing is written: send `token`
    with the chosen matches to `/reconciliation/statements/confirm`."""
    operator = _operator(request, operator_id)
    ensure_billing_staff(request.user, operator.pk)
    statement = parse_statement(file.read(MAX_BYTES + 1))
    proposals = statement_review(operator.pk, statement.entries)
    lines = [
        {
            **p.entry.as_json(),
            "status": p.status,
            "by_reference": p.by_reference,
            "recorded_invoice": p.recorded_invoice,
            "candidates": [
                {
                    "id": i.pk,
                    "number": i.number,
                    "company": i.company.name,
                    "outstanding": i.outstanding,
                }
                for i in p.candidates
            ],
        }
        for p in proposals
    ]
    token = statement_token(operator, statement.entries)
    return {"token": token, "lines": lines, "problems": statement.problems}


@router.post(
    "/reconciliation/statements/confirm",
    response={200: list[OutcomeOut], **STATEMENT_ERRORS},
)
def statement_confirm_create(request: HttpRequest, payload: StatementConfirmIn):
    """Record a bank transfer for each chosen (line, invoice): `recorded`,
    `already` (the line was recorded before: never paid twice) or `refused`
    (the invoice is no longer open or owes less). 404 when an invoice is not
    the operator's (nothing is recorded then); 422 for an expired token."""
    operator = _operator(request, payload.operator_id)
    outcomes = statement_confirm(
        operator=operator,
        entries=statement_entries(operator, payload.token),
        matches=[(m.line, m.invoice_id) for m in payload.matches],
        actor=request.user,
    )
    return [
        {
            "line": o.entry.line,
            "invoice_id": o.invoice.pk,
            "status": o.status,
            "payment_id": o.payment.pk if o.payment else None,
            "detail": o.message,
        }
        for o in outcomes
    ]
