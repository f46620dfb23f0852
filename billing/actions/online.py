"""Online payment: start a Checkout for an invoice, save a card for rent and charge
it off-session. What Stripe then tells us arrives in billing.actions.stripe_events."""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from billing.gateways import CheckoutStart, PaymentGateway, online_gateway
from billing.gateways.base import Checkout, SavedCard
from billing.models import (
    AutoPay,
    CheckoutAttempt,
    Invoice,
    InvoiceKind,
    outstanding,
)
from core.audit import audit_record
from core.errors import Conflict, NotAllowed
from core.money import to_minor_units
from core.transitions import ensure_allowed
from tenants.models import Company, can_manage_company, member_role

log = logging.getLogger(__name__)
SESSION_REUSE = timedelta(hours=23)  # Checkout sessions expire after 24 hours


def attempt_key(invoice: Invoice, channel: str, number: int) -> str:
    """One idempotency key per attempt, stored with it so a retry reuses it. The
    random tail keeps keys unique even when a reset database repeats ids."""
    return f"invoice-{invoice.pk}-{channel}-{number}-{secrets.token_hex(4)}"


def _new_attempt(
    invoice: Invoice, channel: str, amount: Decimal, **fields: Any
) -> CheckoutAttempt:
    """The invoice's next numbered attempt, keyed so a retry is idempotent."""
    number = invoice.checkout_attempts.count() + 1
    return CheckoutAttempt.objects.create(
        invoice=invoice,
        attempt=number,
        idempotency_key=attempt_key(invoice, channel, number),
        amount=amount,
        **fields,
    )


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
    amount = outstanding(invoice)
    if amount <= 0:
        raise Conflict(_("Nothing is owed on this invoice."), code="nothing_owed")
    ensure_allowed(invoice, "pay", actor)
    recent = (
        invoice.checkout_attempts.filter(
            status=CheckoutAttempt.Status.OPEN,
            amount=amount,
            created_at__gte=timezone.now() - SESSION_REUSE,
        )
        .exclude(checkout_url="")
        .order_by("-attempt")
        .first()
    )
    if recent:
        return recent
    attempt = _new_attempt(invoice, "checkout", amount, created_by=actor)
    start = gateway.checkout_start(
        Checkout(
            invoice_id=invoice.pk,
            description=f"{invoice.number} · {invoice.park.name}",
            amount_minor=to_minor_units(amount),
            currency=invoice.currency,
            idempotency_key=attempt.idempotency_key,
            success_url=success_url,
            cancel_url=cancel_url,
            customer_email=getattr(actor, "email", ""),
        )
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
        amount = outstanding(invoice)
        if (
            autopay is None
            or not autopay.payment_method_id
            or invoice.kind != InvoiceKind.RENT
            or invoice.status != Invoice.Status.OPEN
            or amount <= 0
        ):
            return None
        attempt = _new_attempt(invoice, "autopay", amount)
    result = gateway.charge_saved_card(
        invoice_id=invoice.pk,
        amount_minor=to_minor_units(amount),
        currency=invoice.currency,
        card=SavedCard(autopay.customer_id, autopay.payment_method_id),
        idempotency_key=attempt.idempotency_key,
    )
    attempt.session_id = result.external_id
    attempt.save(update_fields=["session_id"])
    if result.status == "failed":
        attempt.transition(to=CheckoutAttempt.Status.FAILED, actor=None)
    if result.error:
        log.info("autopay for invoice %s failed: %s", invoice.number, result.error)
    return attempt
