"""Refunds of a cancelled, paid booking: through the gateway the money came in
by (Stripe), after the cancellation commits; a bank transfer is paid back by the
provider by hand, so the booking only records that it is due."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from billing.gateways import online_gateway
from billing.models import Payment, PaymentMethod
from core.audit import audit_record
from core.money import money, to_minor_units
from services.models import Booking


def refund_booking(*, booking: Booking, amount: Decimal, actor: Any) -> None:
    """Called inside the cancelling action: the gateway call waits for commit."""
    amount = money(amount)
    if amount <= 0:
        return
    card = booking.invoice.payments.filter(
        status=Payment.Status.ACCEPTED, method=PaymentMethod.STRIPE
    ).exists()
    audit_record(
        actor=actor,
        obj=booking,
        action="refund_due",
        note=_("%(amount)s to refund by card")
        if card
        else _("%(amount)s to refund by bank transfer"),
        data={"amount": str(amount)},
    )
    if card:
        transaction.on_commit(
            lambda: booking_refund_task.enqueue(
                booking_id=booking.pk, amount=str(amount)
            )
        )


@task()
def booking_refund_task(*, booking_id: int, amount: str) -> str:
    """Refund through the gateway, payment by payment, up to `amount`; the
    gateway's charge.refunded webhook then adjusts the payments in billing."""
    booking = Booking.objects.select_related("invoice").get(pk=booking_id)
    gateway = online_gateway()
    if gateway is None or booking.refunded_at is not None:
        return "skipped"
    left = Decimal(amount)
    refund_ids = []
    for payment in booking.invoice.payments.filter(
        status=Payment.Status.ACCEPTED, method=PaymentMethod.STRIPE
    ).order_by("pk"):
        part = min(left, payment.amount)
        if part <= 0:
            break
        refund_ids.append(
            gateway.refund(
                external_id=payment.external_id,
                amount_minor=to_minor_units(part),
                idempotency_key=f"booking-{booking.pk}-refund-{payment.pk}",
            )
        )
        left -= part
    Booking.objects.filter(pk=booking.pk).update(refunded_at=timezone.now())
    audit_record(
        actor=None,
        obj=booking,
        action="refunded",
        note=", ".join(refund_ids),
        data={"amount": amount},
    )
    return "refunded"
