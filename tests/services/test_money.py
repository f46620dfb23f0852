# ruff: noqa: F811  (pytest fixtures imported from fixture modules)
"""Bookings and billing: the service invoice payable to the provider (its own
numbering and bank details), paid by transfer or by card through the Stripe
double, the booking shown paid via billing's hook, cancellation fees and refunds."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal

import pytest
import stripe
from django.test import Client
from django.utils import timezone

from billing.actions.invoices import bank_transfer_record
from billing.models import Invoice, Payment
from core.audit import audit_trail
from core.errors import NotAllowed
from services.actions import bookings as act
from tests import factories
from tests.billing.stripe_fixtures import (  # noqa: F401
    WEBHOOK_SECRET,
    localstripe_url,
    stripe_double,
    stripe_on,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def confirmed(market, book):
    market.provider.invoice_prefix = "TYLT"
    market.provider.payee_bank = "Bank of Guiyang"
    market.provider.payee_account = "6222 1234"
    market.provider.save()
    booking = book(days=3)
    return act.booking_confirm(booking=booking, actor=market.provider_user)


def test_confirming_a_fixed_price_booking_invoices_it_to_the_provider(
    confirmed, market
):
    invoice = confirmed.invoice
    market.provider.refresh_from_db()
    assert invoice.issuer == market.provider.issuer and invoice.operator is None
    assert invoice.number == f"TYLT-{timezone.localdate().year}-000001"
    assert invoice.kind == "service" and invoice.total == Decimal("1200.00")
    assert invoice.company == market.company and invoice.park == market.park
    # The tenant and the provider see it; the park's operator is not its payee.
    assert Invoice.objects.visible_to(market.tenant).filter(pk=invoice.pk).exists()
    assert (
        Invoice.objects.visible_to(market.provider_user).filter(pk=invoice.pk).exists()
    )
    assert not Invoice.objects.visible_to(market.operator).exists()
    assert not Invoice.objects.visible_to(
        factories.ProviderStaffFactory().user
    ).exists()


def test_each_provider_numbers_its_own_invoices(confirmed, market, book):
    second = act.booking_confirm(booking=book(days=4), actor=market.provider_user)
    assert second.invoice.number.endswith("-000002")
    other = factories.ProviderStaffFactory(provider__invoice_prefix="QFHR")
    from services.payments import provider_issuer

    assert provider_issuer(other.provider).invoice_prefix == "QFHR"


def test_a_bank_transfer_recorded_by_the_provider_marks_the_booking_paid(
    confirmed, market
):
    with pytest.raises(NotAllowed):
        bank_transfer_record(
            invoice=confirmed.invoice,
            actor=market.operator,
            amount=Decimal("1200"),
            paid_on=timezone.localdate(),
        )
    bank_transfer_record(
        invoice=confirmed.invoice,
        actor=market.provider_user,
        amount=Decimal("1200"),
        paid_on=timezone.localdate(),
        reference="TYLT",
    )
    confirmed.refresh_from_db()
    assert confirmed.invoice.status == "paid" and confirmed.paid_at is not None
    assert audit_trail(confirmed).filter(action="paid").exists()


def test_the_transfer_instructions_name_the_provider(confirmed, client, market):
    client.force_login(market.tenant)
    html = client.get(f"/invoices/{confirmed.invoice.pk}/").content.decode()
    assert "6222 1234" in html and "Bank of Guiyang" in html


def test_on_quote_the_invoice_follows_the_accepted_quote(market, book):
    offering = factories.OfferingFactory(
        provider=market.provider, pricing="quote", price=None
    )
    booking = act.booking_confirm(
        booking=book(offering=offering), actor=market.provider_user
    )
    assert booking.invoice is None  # nothing to invoice before a price
    quote = act.quote_send(
        booking=booking,
        actor=market.provider_user,
        amount=Decimal("3300"),
        scope="Contract review",
        valid_until=timezone.localdate() + timedelta(days=5),
    )
    act.quote_accept(quote=quote, actor=market.tenant)
    booking.refresh_from_db()
    assert booking.invoice.total == Decimal("3300.00")


def test_cancel_unpaid_in_the_free_window_withdraws_the_invoice(confirmed, market):
    booking = act.booking_cancel(booking=confirmed, actor=market.tenant)
    booking.invoice.refresh_from_db()
    assert booking.invoice.status == "void" and booking.fee_invoice is None


def test_cancel_unpaid_late_invoices_the_fee(confirmed, market):
    late = confirmed.starts_at - timedelta(hours=3)
    booking = act.booking_cancel(booking=confirmed, actor=market.tenant, now=late)
    booking.invoice.refresh_from_db()
    assert booking.invoice.status == "void"
    assert booking.fee_invoice.total == Decimal("600.00")
    assert booking.fee_invoice.issuer == booking.invoice.issuer


def test_cancel_paid_by_transfer_records_a_refund_due(confirmed, market):
    bank_transfer_record(
        invoice=confirmed.invoice,
        actor=market.provider_user,
        amount=Decimal("1200"),
        paid_on=timezone.localdate(),
    )
    booking = act.booking_cancel(booking=confirmed, actor=market.tenant)
    due = audit_trail(booking).get(action="refund_due")
    assert due.data == {"amount": "1200.00"} and booking.refunded_at is None


def post_event(event: dict):
    payload = json.dumps(event)
    header = stripe.WebhookSignature.generate_signature_header(payload, WEBHOOK_SECRET)
    return Client().post(
        "/payments/stripe/webhook",
        data=payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=header,
    )


def test_paid_by_card_then_cancelled_in_the_free_window_is_refunded_by_stripe(
    stripe_on, api_as, confirmed, market, django_capture_on_commit_callbacks
):
    checkout = api_as(market.tenant).post(f"/invoices/{confirmed.invoice.pk}/pay")
    assert checkout.status_code == 200, checkout.content
    event = stripe_on.complete(checkout.json()["session_id"])
    assert post_event(event).status_code == 200
    confirmed.refresh_from_db()
    assert confirmed.paid_at is not None and confirmed.invoice.status == "paid"
    with django_capture_on_commit_callbacks(execute=True):
        act.booking_cancel(booking=confirmed, actor=market.tenant)
    assert stripe_on.refunds[-1]["amount"] == 120000
    assert post_event(stripe_on.last_refund_event).status_code == 200
    confirmed.refresh_from_db()
    assert confirmed.refunded_at is not None
    payment = Payment.objects.get(invoice=confirmed.invoice)
    assert payment.status == "refunded"


def test_paid_by_card_then_cancelled_late_refunds_what_the_fee_leaves(
    stripe_on, api_as, confirmed, market, django_capture_on_commit_callbacks
):
    checkout = api_as(market.tenant).post(f"/invoices/{confirmed.invoice.pk}/pay")
    post_event(stripe_on.complete(checkout.json()["session_id"]))
    late = confirmed.starts_at - timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        act.booking_cancel(booking=confirmed, actor=market.tenant, now=late)
    assert stripe_on.refunds[-1]["amount"] == 60000
    post_event(stripe_on.last_refund_event)
    payment = Payment.objects.get(invoice=confirmed.invoice)
    assert payment.status == "accepted" and payment.amount == Decimal("600.00")
