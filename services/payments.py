"""Money for bookings, through billing: the provider's own invoice series, the
service invoice once a confirmed booking has a price, the booking marked paid
when billing says its invoice is paid, and a cancellation's fee or refund."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from billing.actions.invoices import Line, invoice_issue, invoice_withdraw
from billing.models import Invoice, InvoiceKind, Issuer
from billing.models.issuers import PROVIDER_SERIES, default_prefix
from core.audit import audit_record
from services.models import Booking, Provider


def provider_issuer(provider: Provider) -> Issuer:
    """The provider's issuer in billing, created on first use and kept in step
    with the provider's payee details."""
    fields = {
        "name": provider.payee_name or provider.name_zh or provider.name,
        "invoice_prefix": provider.invoice_prefix
        or default_prefix(PROVIDER_SERIES, provider.pk),
        "bank_account_name": provider.payee_name or provider.name,
        "bank_name": provider.payee_bank,
        "bank_account_number": provider.payee_account,
    }
    if provider.issuer_id is None:
        issuer = Issuer.objects.create(**fields)
        Provider.objects.filter(pk=provider.pk).update(issuer=issuer)
        provider.issuer = issuer
        return issuer
    issuer = provider.issuer
    changed = [k for k, v in fields.items() if getattr(issuer, k) != v]
    for name in changed:
        setattr(issuer, name, fields[name])
    if changed:
        issuer.save(update_fields=changed)
    return issuer


def _line(booking: Booking, amount: Decimal, *, fee: bool = False) -> Line:
    offering = booking.offering
    when = f"{timezone.localtime(booking.starts_at):%Y-%m-%d %H:%M}"
    if fee:
        return Line(
            description_en=f"Cancellation fee: {offering.name_en}, {when}",
            description_zh=f"取消费：{offering.name_zh}（{when}）",
            quantity=Decimal("1"),
            unit_price=amount,
        )
    return Line(
        description_en=f"{offering.name_en}, {when} (booking #{booking.pk})",
        description_zh=f"{offering.name_zh}（{when}，预约 #{booking.pk}）",
        quantity=Decimal("1"),
        unit_price=amount,
    )


def booking_invoice_if_due(booking: Booking, actor: Any) -> Invoice | None:
    """Issue the service invoice, payable to the provider, once the booking is
    confirmed and priced (fixed price, or an accepted quote). Called inside the
    confirming or accepting action; at most one per booking."""
    if (
        booking.invoice_id is not None
        or booking.price is None
        or booking.status != Booking.Status.CONFIRMED
    ):
        return None
    invoice = invoice_issue(
        company=booking.company,
        park=booking.park,
        kind=InvoiceKind.SERVICE,
        lines=[_line(booking, booking.price)],
        actor=actor,
        issuer=provider_issuer(booking.offering.provider),
        note=_("Booking #%(id)s") % {"id": booking.pk},
    )
    booking.invoice = invoice
    booking.save(update_fields=["invoice", "updated_at"])
    return invoice


def on_invoice_paid(*, invoice: Invoice, actor: Any) -> None:
    """Billing's `invoice_paid` handler: the booking it bills shows paid."""
    for booking in Booking.objects.select_for_update().filter(invoice=invoice):
        if booking.paid_at is None:
            booking.paid_at = timezone.now()
            booking.save(update_fields=["paid_at", "updated_at"])
            audit_record(actor=actor, obj=booking, action="paid", note=invoice.number)


def settle_cancellation(booking: Booking, actor: Any, fee: Decimal) -> None:
    """An unpaid invoice is withdrawn; a fee is invoiced; a paid booking is
    refunded what the fee leaves (by the gateway it was paid through)."""
    from services.refunds import refund_booking

    invoice = booking.invoice
    if invoice is not None and invoice.status == Invoice.Status.OPEN:
        invoice_withdraw(
            invoice=invoice,
            actor=actor,
            reason=_("Booking #%(id)s cancelled.") % {"id": booking.pk},
        )
    if invoice is not None and invoice.status == Invoice.Status.PAID:
        refund_booking(booking=booking, amount=booking.price - fee, actor=actor)
    elif fee > 0:
        booking.fee_invoice = invoice_issue(
            company=booking.company,
            park=booking.park,
            kind=InvoiceKind.SERVICE,
            lines=[_line(booking, fee, fee=True)],
            actor=actor,
            issuer=provider_issuer(booking.offering.provider),
        )
        booking.save(update_fields=["fee_invoice", "updated_at"])
