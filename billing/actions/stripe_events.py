"""Stripe's webhook events, each applied exactly once: payments settle invoices,
failures release checkout attempts, refunds are recorded by Stripe's own ids so any
order of delivery gives the same ledger."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from billing.actions.invoices import invoice_settle
from billing.models import (
    CheckoutAttempt,
    Invoice,
    Payment,
    PaymentMethod,
    StripeEvent,
    StripeRefund,
    outstanding,
)
from core.audit import audit_record

log = logging.getLogger(__name__)

MAX_ID = 100


class MalformedEvent(ValueError):
    """A validly signed event this code cannot read: kept as rejected, never a 5xx."""


def _text(value: Any, name: str, *, required: bool = True) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value or len(value) > MAX_ID:
        raise MalformedEvent(f"{name} must be a string of 1 to {MAX_ID} characters")
    return value


def event_problem(data: Any) -> str:
    """Why a signed payload cannot be applied as an event, or "" if it can."""
    try:
        if not isinstance(data, dict):
            raise MalformedEvent(
                f"the body is a JSON {type(data).__name__}, not an object"
            )
        _text(data.get("id"), "id")
        _text(data.get("type"), "type")
        created = data.get("created")
        if created is not None and (
            isinstance(created, bool) or not isinstance(created, int)
        ):
            raise MalformedEvent("created must be an integer timestamp")
        if created is not None and not 0 <= created < 2**33:
            raise MalformedEvent("created is out of range")
        envelope = data.get("data")
        if not isinstance(envelope, dict) or not isinstance(
            envelope.get("object"), dict
        ):
            raise MalformedEvent("data.object must be an object")
        if data["type"] in HANDLERS:
            obj = envelope["object"]
            _text(obj.get("id"), "data.object.id")
            for key in ("payment_intent", "charge"):
                if obj.get(key) is not None and not isinstance(obj.get(key), str):
                    raise MalformedEvent(f"data.object.{key} must be a string id")
    except MalformedEvent as exc:
        return str(exc)
    return ""


def stripe_event_reject(payload: Any, reason: str) -> StripeEvent:
    """Keep a signed but unreadable event, once per distinct body, with the reason."""
    digest = hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()
    event, _created = StripeEvent.objects.get_or_create(
        event_id=f"rejected:{digest}"[:MAX_ID],
        defaults={
            "type": "",
            "payload": payload
            if isinstance(payload, dict | list)
            else {"body": payload},
            "outcome": StripeEvent.Outcome.REJECTED,
            "note": reason[:300],
        },
    )
    log.warning("Stripe event rejected: %s", reason)
    return event


def stripe_event_apply(data: Any) -> StripeEvent:
    """Store a verified event once and apply it; a replay returns the stored row.
    An event that cannot be read is stored as rejected with the reason."""
    problem = event_problem(data)
    if problem:
        return stripe_event_reject(data, problem)
    try:
        return _apply(data)
    except (KeyError, TypeError, ValueError, ArithmeticError, AttributeError) as exc:
        # A field of the wrong shape deep in the object: nothing was applied (the
        # transaction rolled back); keep the event and say why.
        return stripe_event_reject(data, f"unreadable {data['type']}: {exc!r}")


def _apply(data: dict[str, Any]) -> StripeEvent:
    with transaction.atomic():
        created = data.get("created")
        event, is_new = StripeEvent.objects.get_or_create(
            event_id=data["id"],
            defaults={
                "type": data["type"],
                "payload": data,
                "created": datetime.fromtimestamp(created or 0, tz=UTC),
            },
        )
        if not is_new:
            return event
        obj = data["data"]["object"]
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
    owed = outstanding(invoice)
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
        gross_amount=amount,
    )
    attempts_move(invoice.checkout_attempts.all(), to=CheckoutAttempt.Status.COMPLETE)
    parked = StripeRefund.objects.filter(payment_intent=external_id, payment=None)
    if parked.update(payment=payment):
        # Refunds that arrived before their payment now apply to it.
        _settle_refunds(payment, invoice, event)
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


def attempts_move(attempts, *, to: str) -> None:
    """Move checkout attempts that may make this move, each audited; the others
    (a completed one told it failed) stay as they are."""
    for attempt in attempts.select_for_update():
        if attempt.can_transition(to):
            attempt.transition(to=to, actor=None)


def on_checkout_failed(event: StripeEvent, session: dict[str, Any]) -> None:
    invoice = _locked_invoice(event, session)
    if invoice is None:
        return
    attempts_move(
        invoice.checkout_attempts.filter(session_id=session.get("id")),
        to=CheckoutAttempt.Status.FAILED,
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
    attempts_move(
        invoice.checkout_attempts.filter(session_id=intent["id"]),
        to=CheckoutAttempt.Status.FAILED,
    )
    error = (intent.get("last_payment_error") or {}).get("message", "")
    audit_record(actor=None, obj=invoice, action="payment_failed", note=error[:200])
    event.outcome = StripeEvent.Outcome.APPLIED


def _minor(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"amount {value!r} is not a non-negative integer")
    return Decimal(value) / 100


def _record_refund(
    refund_id: str, *, amount: Decimal, intent: str, charge_id: str, cumulative: bool
) -> None:
    row, created = StripeRefund.objects.select_for_update().get_or_create(
        refund_id=refund_id,
        defaults={
            "amount": amount,
            "payment_intent": intent,
            "charge_id": charge_id,
            "cumulative": cumulative,
        },
    )
    # A cumulative total only grows, so the largest seen is the latest; a refund
    # row takes the amount its latest event reports (a failed refund becomes 0).
    new_amount = max(row.amount, amount) if cumulative else amount
    if not created and new_amount != row.amount:
        row.amount = new_amount
        row.save(update_fields=["amount"])


def _settle_refunds(payment: Payment, invoice: Invoice, event: StripeEvent) -> None:
    """Set the payment's kept amount from every refund recorded for it."""
    refunds = list(payment.refunds.all())
    each = sum((r.amount for r in refunds if not r.cumulative), Decimal(0))
    total = max([each] + [r.amount for r in refunds if r.cumulative])
    gross = payment.gross_amount or payment.amount
    refunded = min(total, gross)
    if payment.status == Payment.Status.REJECTED:
        return
    if refunded >= gross:
        payment.status, payment.amount = Payment.Status.REFUNDED, gross
    else:
        payment.amount = gross - refunded
    payment.save(update_fields=["status", "amount"])
    audit_record(
        actor=None,
        obj=invoice,
        action="refund",
        data={
            "amount": str(refunded),
            "kept": str(gross - refunded),
            "event": event.event_id,
        },
    )
    invoice_settle(invoice=invoice, actor=None)


def _apply_refunds(event: StripeEvent, intent: str) -> None:
    payment = (
        Payment.objects.select_for_update()
        .filter(method=PaymentMethod.STRIPE, external_id=intent)
        .first()
    )
    if payment is None:
        event.outcome = StripeEvent.Outcome.PARKED
        event.note = f"refund waits for payment {intent}"[:300]
        return
    StripeRefund.objects.filter(payment_intent=intent, payment=None).update(
        payment=payment
    )
    invoice = Invoice.objects.select_for_update().get(pk=payment.invoice_id)
    event.invoice = invoice
    _settle_refunds(payment, invoice, event)
    event.outcome = StripeEvent.Outcome.APPLIED


def on_charge_refunded(event: StripeEvent, charge: dict[str, Any]) -> None:
    """Record each refund the charge lists (by its id), and the charge's cumulative
    total; apply them to the payment, or park them until it arrives."""
    intent = charge.get("payment_intent") or charge["id"]
    refunds = (charge.get("refunds") or {}).get("data") or []
    for refund in refunds:
        _record_refund(
            _text(refund.get("id"), "refund id"),
            amount=_refund_amount(refund),
            intent=intent,
            charge_id=charge["id"],
            cumulative=False,
        )
    # One cumulative row per charge and intent (ids are up to 100 characters each).
    pair = hashlib.sha256(f"{intent}|{charge['id']}".encode()).hexdigest()
    _record_refund(
        f"cumulative:{pair}",
        amount=_minor(charge.get("amount_refunded") or 0),
        intent=intent,
        charge_id=charge["id"],
        cumulative=True,
    )
    _apply_refunds(event, intent)


def _refund_amount(refund: dict[str, Any]) -> Decimal:
    if refund.get("status") in ("failed", "canceled"):
        return Decimal(0)
    return _minor(refund.get("amount") or 0)


def on_refund_event(event: StripeEvent, refund: dict[str, Any]) -> None:
    """refund.created / refund.updated / charge.refund.updated: one refund."""
    intent = refund.get("payment_intent") or refund.get("charge") or ""
    if not intent:
        raise ValueError("refund names neither a payment intent nor a charge")
    _record_refund(
        refund["id"],
        amount=_refund_amount(refund),
        intent=intent,
        charge_id=refund.get("charge") or "",
        cumulative=False,
    )
    _apply_refunds(event, intent)


HANDLERS: dict[str, Callable[[StripeEvent, dict[str, Any]], None]] = {
    "checkout.session.completed": on_checkout_completed,
    "checkout.session.async_payment_succeeded": on_checkout_completed,
    "checkout.session.async_payment_failed": on_checkout_failed,
    "payment_intent.succeeded": on_payment_intent_succeeded,
    "payment_intent.payment_failed": on_payment_intent_failed,
    "charge.refunded": on_charge_refunded,
    "refund.created": on_refund_event,
    "refund.updated": on_refund_event,
    "charge.refund.updated": on_refund_event,
}


def parse_payload(payload: bytes) -> dict[str, Any]:
    return json.loads(payload.decode("utf-8"))
