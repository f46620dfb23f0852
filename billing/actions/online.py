"""Online payment: start a Checkout for an invoice, save a card for rent and charge
it off-session, and apply Stripe's webhook events exactly once each."""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from billing.actions.invoices import invoice_settle, paid_total
from billing.gateways import CheckoutStart, PaymentGateway, online_gateway
from billing.gateways.base import SavedCard
from billing.models import (
    AutoPay,
    CheckoutAttempt,
    Invoice,
    InvoiceKind,
    Payment,
    PaymentMethod,
    StripeEvent,
)
from core.audit import audit_record
from core.errors import Conflict, NotAllowed
from core.money import to_minor_units
from tenants.models import Company, can_manage_company, member_role

log = logging.getLogger(__name__)
SESSION_REUSE = timedelta(hours=23)  # Checkout sessions expire after 24 hours


def attempt_key(invoice: Invoice, channel: str, number: int) -> str:
    """One idempotency key per attempt, stored with it so a retry reuses it. The
    random tail keeps keys unique even when a reset database repeats ids."""
    return f"invoice-{invoice.pk}-{channel}-{number}-{secrets.token_hex(4)}"


def require_online_gateway() -> PaymentGateway:
    gateway = online_gateway()
    if gateway is None:
        raise Conflict(
            _("Online payment is not available; pay by bank transfer."),
            code="payments_unavailable",
        )
    return gateway


# --- Checkout ------------------------------------------------------------------


@transaction.atomic
def invoice_checkout_start(
    *, invoice: Invoice, actor: Any, success_url: str, cancel_url: str
) -> CheckoutAttempt:
    """A Checkout session for what is still owed. The row lock and the reuse of a
    recent open session keep a double click from opening two."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if member_role(actor, invoice.company) is None:
        raise NotAllowed(_("Only the company's members can pay its invoices."))
    if invoice.status != Invoice.Status.OPEN:
        raise Conflict(_("This invoice is not open."), code="invoice_not_open")
    gateway = require_online_gateway()
    amount = invoice.total - paid_total(invoice)
    if amount <= 0:
        raise Conflict(_("Nothing is owed on this invoice."), code="nothing_owed")
    recent = (
        invoice.checkout_attempts.filter(
            status="open",
            amount=amount,
            created_at__gte=timezone.now() - SESSION_REUSE,
        )
        .exclude(checkout_url="")
        .order_by("-attempt")
        .first()
    )
    if recent:
        return recent
    number = invoice.checkout_attempts.count() + 1
    attempt = CheckoutAttempt.objects.create(
        invoice=invoice,
        attempt=number,
        idempotency_key=attempt_key(invoice, "checkout", number),
        amount=amount,
        created_by=actor,
    )
    start = gateway.checkout_start(
        invoice_id=invoice.pk,
        description=f"{invoice.number} · {invoice.park.name}",
        amount_minor=to_minor_units(amount),
        currency=invoice.currency,
        idempotency_key=attempt.idempotency_key,
        success_url=success_url,
        cancel_url=cancel_url,
        customer_email=getattr(actor, "email", ""),
    )
    attempt.session_id, attempt.checkout_url = start.session_id, start.checkout_url
    attempt.save(update_fields=["session_id", "checkout_url"])
    audit_record(
        actor=actor,
        obj=invoice,
        action="checkout_start",
        data={"session_id": start.session_id, "amount": str(amount)},
    )
    return attempt


# --- automatic payment of rent -------------------------------------------------


def _ensure_company_manager(actor: Any, company: Company) -> None:
    if not can_manage_company(actor, company):
        raise NotAllowed(_("Only the company's owner or an admin may do this."))


def autopay_setup_start(
    *, company: Company, actor: Any, return_url: str
) -> CheckoutStart:
    _ensure_company_manager(actor, company)
    gateway = require_online_gateway()
    autopay = AutoPay.objects.filter(company=company).first()
    customer_id, start = gateway.card_setup_start(
        customer_id=autopay.customer_id if autopay else "",
        company_name=company.name,
        email=actor.email,
        return_url=return_url,
    )
    AutoPay.objects.update_or_create(
        company=company, defaults={"customer_id": customer_id}
    )
    return start


@transaction.atomic
def autopay_setup_finish(*, company: Company, actor: Any, session_id: str) -> AutoPay:
    _ensure_company_manager(actor, company)
    gateway = require_online_gateway()
    autopay = AutoPay.objects.select_for_update().get(company=company)
    try:
        card = gateway.card_setup_finish(session_id=session_id)
    except ValueError:
        raise Conflict(_("The card was not saved."), code="card_not_saved") from None
    if card.customer_id != autopay.customer_id:
        raise NotAllowed(_("This card belongs to another customer."))
    autopay.payment_method_id = card.payment_method_id
    autopay.card_brand, autopay.card_last4 = card.brand[:20], card.last4[:4]
    autopay.enabled = True
    autopay.save()
    audit_record(
        actor=actor, obj=company, action="autopay_on", data={"last4": card.last4}
    )
    return autopay


@transaction.atomic
def autopay_disable(*, company: Company, actor: Any) -> None:
    _ensure_company_manager(actor, company)
    AutoPay.objects.filter(company=company).update(enabled=False)
    audit_record(actor=actor, obj=company, action="autopay_off")


def autopay_charge(*, invoice_id: int) -> CheckoutAttempt | None:
    """Charge a rent invoice to the company's saved card. The webhook settles it."""
    gateway = online_gateway()
    if gateway is None:
        return None
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=invoice_id)
        autopay = AutoPay.objects.filter(
            company_id=invoice.company_id, enabled=True
        ).first()
        amount = invoice.total - paid_total(invoice)
        if (
            autopay is None
            or not autopay.payment_method_id
            or invoice.kind != InvoiceKind.RENT
            or invoice.status != Invoice.Status.OPEN
            or amount <= 0
        ):
            return None
        number = invoice.checkout_attempts.count() + 1
        attempt = CheckoutAttempt.objects.create(
            invoice=invoice,
            attempt=number,
            idempotency_key=attempt_key(invoice, "autopay", number),
            amount=amount,
        )
    result = gateway.charge_saved_card(
        invoice_id=invoice.pk,
        amount_minor=to_minor_units(amount),
        currency=invoice.currency,
        card=SavedCard(autopay.customer_id, autopay.payment_method_id),
        idempotency_key=attempt.idempotency_key,
    )
    attempt.session_id = result.external_id
    attempt.status = "failed" if result.status == "failed" else "open"
    attempt.save(update_fields=["session_id", "status"])
    if result.error:
        log.info("autopay for invoice %s failed: %s", invoice.number, result.error)
    return attempt


# --- webhooks ------------------------------------------------------------------


def stripe_event_apply(data: dict[str, Any]) -> StripeEvent:
    """Store a verified event once and apply it; a replay returns the stored row."""
    with transaction.atomic():
        event, created = StripeEvent.objects.get_or_create(
            event_id=data["id"],
            defaults={
                "type": data.get("type", ""),
                "payload": data,
                "created": datetime.fromtimestamp(data.get("created") or 0, tz=UTC),
            },
        )
        if not created:
            return event
        obj = (data.get("data") or {}).get("object") or {}
        handler = HANDLERS.get(event.type)
        if handler is None:
            log.info(
                "Stripe event %s of type %s is not handled", event.event_id, event.type
            )
            event.outcome = StripeEvent.Outcome.UNHANDLED
        else:
            handler(event, obj)
        event.save()
    return event


def _invoice_id(obj: dict[str, Any]) -> int | None:
    raw = (obj.get("metadata") or {}).get("invoice_id") or obj.get(
        "client_reference_id"
    )
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


def _locked_invoice(event: StripeEvent, obj: dict[str, Any]) -> Invoice | None:
    invoice_id = _invoice_id(obj)
    invoice = (
        Invoice.objects.select_for_update().filter(pk=invoice_id).first()
        if invoice_id
        else None
    )
    if invoice is None:
        event.outcome = StripeEvent.Outcome.UNMATCHED
        event.note = "no invoice for this object"
        log.warning("Stripe event %s matches no invoice", event.event_id)
    event.invoice = invoice
    return invoice


def _apply_payment(
    event: StripeEvent,
    obj: dict[str, Any],
    *,
    external_id: str,
    amount_minor: int,
    currency: str,
) -> None:
    invoice = _locked_invoice(event, obj)
    if invoice is None:
        return
    if Payment.objects.filter(
        method=PaymentMethod.STRIPE, external_id=external_id
    ).exists():
        event.outcome, event.note = StripeEvent.Outcome.IGNORED, "already recorded"
        return
    amount = Decimal(amount_minor) / 100
    owed = invoice.total - paid_total(invoice)
    problem = ""
    if currency.lower() != invoice.currency.lower():
        problem = f"currency {currency} differs from {invoice.currency}"
    elif invoice.status != Invoice.Status.OPEN:
        problem = f"invoice is {invoice.status}"
    elif amount != owed:
        problem = f"paid {amount}, owed {owed}"
    payment = Payment.objects.create(
        invoice=invoice,
        method=PaymentMethod.STRIPE,
        amount=amount,
        currency=currency.upper(),
        paid_at=event.created or timezone.now(),
        reference=external_id,
        external_id=external_id,
        status=Payment.Status.FLAGGED if problem else Payment.Status.ACCEPTED,
        flag_reason=problem,
    )
    invoice.checkout_attempts.filter(status="open").update(status="complete")
    if problem:
        log.warning("Stripe payment %s flagged: %s", external_id, problem)
        event.outcome, event.note = StripeEvent.Outcome.FLAGGED, problem
        audit_record(actor=None, obj=invoice, action="payment_flagged", note=problem)
        return
    audit_record(
        actor=None,
        obj=invoice,
        action="payment",
        data={"method": payment.method, "amount": str(amount), "event": event.event_id},
    )
    invoice_settle(invoice=invoice, actor=None)
    event.outcome = StripeEvent.Outcome.APPLIED


def on_checkout_completed(event: StripeEvent, session: dict[str, Any]) -> None:
    if session.get("mode") != "payment" or session.get("payment_status") != "paid":
        # Setup sessions finish on the return page; delayed methods send
        # checkout.session.async_payment_succeeded later.
        if session.get("mode") == "payment" and _locked_invoice(event, session) is None:
            return
        event.outcome = StripeEvent.Outcome.IGNORED
        event.note = f"mode {session.get('mode')}, {session.get('payment_status')}"
        return
    _apply_payment(
        event,
        session,
        external_id=session.get("payment_intent") or session["id"],
        amount_minor=int(session.get("amount_total") or 0),
        currency=session.get("currency") or "",
    )


def on_checkout_failed(event: StripeEvent, session: dict[str, Any]) -> None:
    invoice = _locked_invoice(event, session)
    if invoice is None:
        return
    invoice.checkout_attempts.filter(session_id=session.get("id")).update(
        status="failed"
    )
    audit_record(actor=None, obj=invoice, action="payment_failed", note=event.type)
    event.outcome = StripeEvent.Outcome.APPLIED


def on_payment_intent_succeeded(event: StripeEvent, intent: dict[str, Any]) -> None:
    _apply_payment(
        event,
        intent,
        external_id=intent["id"],
        amount_minor=int(intent.get("amount_received") or intent.get("amount") or 0),
        currency=intent.get("currency") or "",
    )


def on_payment_intent_failed(event: StripeEvent, intent: dict[str, Any]) -> None:
    invoice = _locked_invoice(event, intent)
    if invoice is None:
        return
    # A failure never undoes a payment, whatever order the events arrive in.
    invoice.checkout_attempts.filter(session_id=intent["id"]).update(status="failed")
    error = (intent.get("last_payment_error") or {}).get("message", "")
    audit_record(actor=None, obj=invoice, action="payment_failed", note=error[:200])
    event.outcome = StripeEvent.Outcome.APPLIED


def on_charge_refunded(event: StripeEvent, charge: dict[str, Any]) -> None:
    external_id = charge.get("payment_intent") or charge["id"]
    payment = (
        Payment.objects.select_for_update()
        .filter(method=PaymentMethod.STRIPE, external_id=external_id)
        .first()
    )
    if payment is None:
        invoice = _locked_invoice(event, charge)
        if invoice is None:
            return
        # Refunded before its success event arrived: remember it, so the late
        # success does not count the money.
        Payment.objects.create(
            invoice=invoice,
            method=PaymentMethod.STRIPE,
            amount=Decimal(int(charge.get("amount") or 0)) / 100,
            currency=(charge.get("currency") or invoice.currency).upper(),
            paid_at=event.created or timezone.now(),
            external_id=external_id,
            reference=external_id,
            status=Payment.Status.REFUNDED,
        )
        event.outcome = StripeEvent.Outcome.APPLIED
        return
    invoice = Invoice.objects.select_for_update().get(pk=payment.invoice_id)
    event.invoice = invoice
    # amount_refunded is cumulative over all refunds of the charge, so the money
    # kept is always the charge less it, however many partial refunds came before.
    charged = Decimal(int(charge.get("amount") or 0)) / 100 or payment.amount
    refunded = Decimal(int(charge.get("amount_refunded") or 0)) / 100
    kept = charged - refunded
    if kept <= 0:
        payment.status = Payment.Status.REFUNDED
    else:
        payment.amount = kept
    payment.save(update_fields=["status", "amount"])
    audit_record(
        actor=None,
        obj=invoice,
        action="refund",
        data={"amount": str(refunded), "kept": str(max(kept, Decimal(0)))},
    )
    invoice_settle(invoice=invoice, actor=None)
    event.outcome = StripeEvent.Outcome.APPLIED


HANDLERS: dict[str, Callable[[StripeEvent, dict[str, Any]], None]] = {
    "checkout.session.completed": on_checkout_completed,
    "checkout.session.async_payment_succeeded": on_checkout_completed,
    "checkout.session.async_payment_failed": on_checkout_failed,
    "payment_intent.succeeded": on_payment_intent_succeeded,
    "payment_intent.payment_failed": on_payment_intent_failed,
    "charge.refunded": on_charge_refunded,
}


def parse_payload(payload: bytes) -> dict[str, Any]:
    return json.loads(payload.decode("utf-8"))
