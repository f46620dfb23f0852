"""Billing writes: number and issue invoices, void and reissue them, record bank
transfers, settle an invoice once its payments cover it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from billing import hooks
from billing.access import ensure_invoice_staff
from billing.models import (
    BillingSettings,
    Invoice,
    InvoiceCounter,
    InvoiceKind,
    Issuer,
    IssuerCounter,
    Payment,
    PaymentMethod,
    outstanding,
)
from billing.models.issuers import OPERATOR_SERIES, default_prefix
from billing.notices import notify_invoice_issued
from core.audit import audit_created, audit_record
from core.errors import Conflict, Invalid
from core.limits import clean_value
from core.money import money
from parks.models import Lease, Park
from tenants.models import Company

DEFAULT_TERMS_DAYS = 10


@dataclass(frozen=True)
class Line:
    description_en: str
    description_zh: str
    quantity: Decimal
    unit_price: Decimal

    @property
    def amount(self) -> Decimal:
        return money(self.quantity * self.unit_price)

    @classmethod
    def from_json(cls, row: dict[str, str]) -> Line:
        return cls(
            description_en=row["description_en"],
            description_zh=row["description_zh"],
            quantity=Decimal(row["quantity"]),
            unit_price=Decimal(row["unit_price"]),
        )

    def as_json(self) -> dict[str, str]:
        return {
            "description_en": self.description_en,
            "description_zh": self.description_zh,
            "quantity": str(self.quantity),
            "unit_price": str(money(self.unit_price)),
            "amount": str(self.amount),
        }


# --- settings ---------------------------------------------------------------------


def invoice_prefix(operator_id: int) -> str:
    prefix = (
        BillingSettings.objects.filter(operator_id=operator_id)
        .values_list("invoice_prefix", flat=True)
        .first()
    )
    return prefix or default_prefix(OPERATOR_SERIES, operator_id)


def payment_terms_days(operator_id: int) -> int:
    days = (
        BillingSettings.objects.filter(operator_id=operator_id)
        .values_list("payment_terms_days", flat=True)
        .first()
    )
    return DEFAULT_TERMS_DAYS if days is None else days


def format_number(prefix: str, year: int, seq: int) -> str:
    return f"{prefix}-{year}-{seq:06d}"


def lock_counter(
    *, year: int, operator_id: int | None = None, issuer_id: int | None = None
):
    """Lock an operator's or an issuer's numbering for the year until the
    transaction ends: whoever holds it is the only one issuing in that series."""
    if issuer_id is not None:
        counter, _created = IssuerCounter.objects.select_for_update().get_or_create(
            issuer_id=issuer_id, year=year
        )
    else:
        counter, _created = InvoiceCounter.objects.select_for_update().get_or_create(
            operator_id=operator_id, year=year
        )
    return counter


def reserve_numbers(
    *,
    year: int,
    count: int,
    operator_id: int | None = None,
    issuer_id: int | None = None,
) -> range:
    """Take `count` consecutive numbers of an operator's or an issuer's series.
    Must run inside the transaction that inserts the invoices: the counter row
    stays locked until it commits, and a rollback gives the numbers back, so
    there are never gaps or duplicates."""
    counter = lock_counter(year=year, operator_id=operator_id, issuer_id=issuer_id)
    first = counter.last + 1
    counter.last += count
    counter.save(update_fields=["last"])
    return range(first, first + count)


# --- issuing -------------------------------------------------------------------


@transaction.atomic
def invoice_issue(
    *,
    company: Company,
    park: Park,
    kind: str,
    lines: list[Line],
    actor: Any = None,
    due_date: date | None = None,
    lease: Lease | None = None,
    period_start: date | None = None,
    replaces: Invoice | None = None,
    note: str = "",
    issuer: Issuer | None = None,
) -> Invoice:
    """Issue an invoice payable to the park's operator, or to `issuer` (its own
    numbering, terms and bank details) when given."""
    if kind not in InvoiceKind.values:
        raise Invalid.field("kind", _("Unknown invoice kind."))
    if not lines:
        raise Invalid.field("lines", _("An invoice needs at least one line."))
    if any(line.quantity <= 0 for line in lines) or (
        kind != InvoiceKind.CREDIT and any(line.unit_price < 0 for line in lines)
    ):
        raise Invalid.field(
            "lines", _("Quantities must be positive, prices not negative.")
        )
    today = timezone.localdate()
    terms = (
        issuer.payment_terms_days
        if issuer is not None
        else payment_terms_days(park.operator_id)
    )
    due = due_date or today + timedelta(days=terms)
    if due < today:
        raise Invalid.field("due_date", _("The due date cannot be in the past."))
    if issuer is not None:
        (seq,) = reserve_numbers(issuer_id=issuer.pk, year=today.year, count=1)
        prefix = issuer.invoice_prefix
    else:
        (seq,) = reserve_numbers(operator_id=park.operator_id, year=today.year, count=1)
        prefix = invoice_prefix(park.operator_id)
    invoice = Invoice.objects.create(
        operator_id=None if issuer is not None else park.operator_id,
        issuer=issuer,
        park=park,
        company=company,
        number=format_number(prefix, today.year, seq),
        year=today.year,
        seq=seq,
        kind=kind,
        lines=[line.as_json() for line in lines],
        total=sum((line.amount for line in lines), Decimal("0.00")),
        issue_date=today,
        due_date=due,
        lease=lease,
        period_start=period_start,
        replaces=replaces,
    )
    audit_created(
        invoice,
        actor=actor,
        action="issue",
        note=note,
        data={"number": invoice.number, "total": str(invoice.total)},
    )
    notify_invoice_issued(invoice)
    return invoice


def deposit_invoice_for_lease(*, lease: Lease, actor: Any) -> Invoice | None:
    """The `lease_approved` handler: the deposit invoice, issued once per lease."""
    if lease.deposit <= 0:
        return None
    existing = (
        Invoice.objects.filter(lease=lease, kind=InvoiceKind.DEPOSIT)
        .exclude(status=Invoice.Status.VOID)
        .first()
    )
    if existing:
        return existing
    unit = lease.unit
    return invoice_issue(
        company=lease.company,
        park=unit.park,
        kind=InvoiceKind.DEPOSIT,
        lease=lease,
        period_start=lease.start_date,
        actor=actor,
        lines=[
            Line(
                description_en=f"Security deposit, unit {unit.code}",
                description_zh=f"租赁保证金（单元 {unit.code}）",
                quantity=Decimal("1"),
                unit_price=lease.deposit,
            )
        ],
    )


# --- corrections ---------------------------------------------------------------


def _locked(invoice: Invoice) -> Invoice:
    return Invoice.objects.select_for_update().get(pk=invoice.pk)


@transaction.atomic
def invoice_void(*, invoice: Invoice, actor: Any, reason: str) -> Invoice:
    invoice = _locked(invoice)
    ensure_invoice_staff(actor, invoice)
    return void_locked(invoice=invoice, actor=actor, reason=reason)


@transaction.atomic
def invoice_withdraw(*, invoice: Invoice, actor: Any, reason: str) -> Invoice:
    """Void an unpaid invoice because the business event behind it ended (a
    booking cancelled): the calling action has already checked the actor's
    right to end that event, so no finance role is asked for here."""
    return void_locked(invoice=_locked(invoice), actor=actor, reason=reason)


def void_locked(*, invoice: Invoice, actor: Any, reason: str) -> Invoice:
    """Void a locked invoice that has no accepted payment; the caller has
    checked that the actor may (or the system does it as a consequence)."""
    reason = clean_value(Invoice, "void_reason", reason.strip(), field="reason")
    if not reason:
        raise Invalid.field("reason", _("Say why the invoice is voided."))
    if invoice.accepted_payments().exists():
        raise Conflict(
            _("Payments were received on this invoice; it cannot be voided."),
            code="invoice_has_payments",
        )
    invoice.void_reason = reason
    invoice.save(update_fields=["void_reason", "updated_at"])
    invoice.transition(to=Invoice.Status.VOID, actor=actor, note=invoice.void_reason)
    return invoice


@transaction.atomic
def invoice_reissue(
    *,
    invoice: Invoice,
    actor: Any,
    reason: str,
    lines: list[Line],
    due_date: date | None = None,
) -> Invoice:
    """Void an invoice and issue its correction, which points back at it."""
    old = invoice_void(invoice=invoice, actor=actor, reason=reason)
    return invoice_issue(
        company=old.company,
        park=old.park,
        kind=old.kind,
        lines=lines,
        actor=actor,
        due_date=due_date,
        lease=old.lease,
        period_start=old.period_start,
        replaces=old,
        issuer=old.issuer,
        note=_("Reissue of %(number)s: %(reason)s")
        % {"number": old.number, "reason": reason},
    )


# --- payments ------------------------------------------------------------------


def invoice_settle(*, invoice: Invoice, actor: Any) -> Invoice:
    """Mark a locked, open invoice paid once accepted payments cover it, and reopen
    a paid one that a refund left short."""
    covered = outstanding(invoice) <= 0
    if invoice.status == Invoice.Status.OPEN and covered:
        invoice.transition(to=Invoice.Status.PAID, actor=actor)
        hooks.invoice_paid.fire(invoice=invoice, actor=actor)
    elif invoice.status == Invoice.Status.PAID and not covered:
        invoice.transition(
            to=Invoice.Status.OPEN, actor=actor, note=_("Reopened after a refund.")
        )
    return invoice


@transaction.atomic
def bank_transfer_record(
    *,
    invoice: Invoice,
    actor: Any,
    amount: Decimal,
    paid_on: date,
    reference: str = "",
) -> Payment:
    """A transfer the payee's finance staff saw arrive; partial ones allowed."""
    invoice = _locked(invoice)
    ensure_invoice_staff(actor, invoice)
    if invoice.status != Invoice.Status.OPEN:
        raise Conflict(
            _("Only an open invoice can receive a payment."), code="invoice_not_open"
        )
    amount = money(amount)
    if amount <= 0:
        raise Invalid.field("amount", _("The amount must be positive."))
    left = outstanding(invoice)
    if amount > left:
        raise Invalid.field(
            "amount",
            _("Only %(left)s is outstanding on this invoice.") % {"left": left},
        )
    if paid_on > timezone.localdate():
        raise Invalid.field("paid_on", _("The transfer date cannot be in the future."))
    paid_at = timezone.make_aware(datetime.combine(paid_on, time(12)))
    payment = Payment.objects.create(
        invoice=invoice,
        method=PaymentMethod.BANK_TRANSFER,
        amount=amount,
        paid_at=paid_at,
        reference=reference.strip(),
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        obj=invoice,
        action="payment",
        data={"method": payment.method, "amount": str(amount), "reference": reference},
    )
    invoice_settle(invoice=invoice, actor=actor)
    return payment
