# ruff: noqa: F811  (pytest fixtures imported from fixture modules)
"""Stripe end to end against local doubles: Checkout through the HTTP double,
customers, SetupIntents and PaymentIntents in a real localstripe, webhooks
signed as Stripe signs them."""

from __future__ import annotations

import json
import time
from datetime import date
from decimal import Decimal as D

import pytest
import stripe
from django.test import Client
from freezegun import freeze_time

from billing.actions.online import autopay_setup_finish, autopay_setup_start
from billing.actions.rent_run import rent_run_execute
from billing.gateways.base import Checkout
from billing.gateways.stripe_gateway import StripeGateway
from billing.models import AutoPay, Invoice, Payment, RentRun, StripeEvent
from tests.billing.billing_fixtures import (  # noqa: F401
    finance_user,
    invoice,
    lease,
    operator,
    park,
    unit,
)
from tests.billing.stripe_fixtures import (  # noqa: F401
    WEBHOOK_SECRET,
    localstripe_url,
    stripe_double,
    stripe_on,
)

pytestmark = pytest.mark.django_db
WEBHOOK = "/payments/stripe/webhook"


def post_event(event: dict, *, secret: str = WEBHOOK_SECRET, header: str | None = None):
    payload = json.dumps(event)
    if header is None:
        header = stripe.WebhookSignature.generate_signature_header(payload, secret)
    return Client().post(
        WEBHOOK, data=payload, content_type="application/json",
        HTTP_STRIPE_SIGNATURE=header,
    )  # fmt: skip


def pay(api_as, user, invoice):
    response = api_as(user).post(f"/invoices/{invoice.pk}/pay")
    assert response.status_code == 200, response.content
    return response.json()


def test_pay_opens_a_checkout_for_the_invoice_amount(
    stripe_on, api_as, tenant, invoice
):
    body = pay(api_as, tenant, invoice)
    assert body["checkout_url"].startswith(stripe_on.url + "/pay/cs_test_")
    session = stripe_on.sessions[body["session_id"]]
    assert session["amount_total"] == 100000  # minor units, from the invoice
    assert session["metadata"] == {"invoice_id": str(invoice.pk)}
    # A second click reuses the open session instead of opening another.
    assert pay(api_as, tenant, invoice)["session_id"] == body["session_id"]


def test_a_retried_create_with_the_same_key_returns_the_same_session(stripe_on):
    gateway = StripeGateway()
    checkout = Checkout(
        invoice_id=1, description="x", amount_minor=500, currency="CNY",
        idempotency_key=f"retry-{time.time_ns()}", success_url="http://t/s",
        cancel_url="http://t/c",
    )  # fmt: skip
    calls = stripe_on.create_calls
    first, second = gateway.checkout_start(checkout), gateway.checkout_start(checkout)
    assert first == second
    assert stripe_on.create_calls == calls + 1


def test_others_cannot_pay_and_a_paid_invoice_cannot_be_paid(
    stripe_on, api_as, other_tenant, operator_user, invoice, tenant
):
    assert api_as(other_tenant).post(f"/invoices/{invoice.pk}/pay").status_code == 404
    assert api_as(operator_user).post(f"/invoices/{invoice.pk}/pay").status_code == 403
    Invoice.objects.filter(pk=invoice.pk).update(status="paid")
    response = api_as(tenant).post(f"/invoices/{invoice.pk}/pay")
    assert response.status_code == 409


def test_without_a_stripe_key_nothing_pretends_to_charge(
    settings, api_as, tenant, invoice, client
):
    settings.STRIPE_SECRET_KEY = ""
    response = api_as(tenant).post(f"/invoices/{invoice.pk}/pay")
    assert response.status_code == 409
    assert response.json()["code"] == "payments_unavailable"
    client.force_login(tenant)
    page = client.get(f"/invoices/{invoice.pk}/").content.decode()
    assert "Pay by bank transfer" in page and invoice.number in page
    assert "by card" not in page


def test_a_completed_checkout_pays_the_invoice_once_even_replayed(
    stripe_on, api_as, tenant, invoice
):
    session_id = pay(api_as, tenant, invoice)["session_id"]
    event = stripe_on.complete(session_id)
    for _ in range(5):
        response = post_event(event)
        assert response.status_code == 200
    invoice.refresh_from_db()
    assert invoice.status == "paid"
    assert invoice.payments.get().amount == D("1000.00")
    assert StripeEvent.objects.filter(event_id=event["id"]).count() == 1


def test_a_bad_signature_is_refused(stripe_on, api_as, tenant, invoice):
    event = stripe_on.complete(pay(api_as, tenant, invoice)["session_id"])
    assert post_event(event, secret="whsec_wrong").status_code == 400
    assert post_event(event, header="t=1,v1=deadbeef").status_code == 400
    assert post_event(event, header="").status_code == 400
    assert not StripeEvent.objects.exists()
    invoice.refresh_from_db()
    assert invoice.status == "open"


def test_an_amount_that_does_not_match_is_flagged_not_accepted(
    stripe_on, api_as, tenant, invoice
):
    session_id = pay(api_as, tenant, invoice)["session_id"]
    event = stripe_on.complete(session_id, amount_total=90000)
    assert post_event(event).status_code == 200
    invoice.refresh_from_db()
    assert invoice.status == "open"
    payment = invoice.payments.get()
    assert payment.status == "flagged" and "paid 900" in payment.flag_reason
    assert StripeEvent.objects.get().outcome == "flagged"


def intent_event(stripe_on, invoice, event_type, intent_id, amount=100000, **extra):
    obj = {
        "id": intent_id, "object": "payment_intent", "amount": amount,
        "amount_received": amount, "currency": "cny",
        "metadata": {"invoice_id": str(invoice.pk)}, **extra,
    }  # fmt: skip
    return stripe_on.event(event_type, obj)


def test_events_out_of_order_settle_once(stripe_on, api_as, tenant, invoice):
    session_id = pay(api_as, tenant, invoice)["session_id"]
    completed = stripe_on.complete(session_id)
    intent_id = completed["data"]["object"]["payment_intent"]
    succeeded = intent_event(stripe_on, invoice, "payment_intent.succeeded", intent_id)
    failed = intent_event(
        stripe_on, invoice, "payment_intent.payment_failed", intent_id,
        last_payment_error={"message": "declined"},
    )  # fmt: skip
    # The intent's success arrives first, then the session, then a stale failure.
    for event in (succeeded, completed, failed):
        assert post_event(event).status_code == 200
    invoice.refresh_from_db()
    assert invoice.status == "paid"
    assert invoice.payments.count() == 1
    outcomes = dict(StripeEvent.objects.values_list("type", "outcome"))
    assert outcomes["checkout.session.completed"] == "ignored"


def test_a_refund_reopens_and_an_early_refund_blocks_a_late_success(stripe_on, invoice):
    charge = {
        "id": "ch_1", "object": "charge", "payment_intent": "pi_early",
        "amount": 100000, "amount_refunded": 100000, "currency": "cny",
        "metadata": {"invoice_id": str(invoice.pk)},
    }  # fmt: skip
    post_event(stripe_on.event("charge.refunded", charge))
    post_event(intent_event(stripe_on, invoice, "payment_intent.succeeded", "pi_early"))
    invoice.refresh_from_db()
    assert invoice.status == "open"
    assert invoice.payments.get().status == "refunded"

    post_event(intent_event(stripe_on, invoice, "payment_intent.succeeded", "pi_2"))
    invoice.refresh_from_db()
    assert invoice.status == "paid"
    post_event(stripe_on.event("charge.refunded", {**charge, "payment_intent": "pi_2"}))
    invoice.refresh_from_db()
    assert invoice.status == "open"


def test_partial_refunds_reduce_the_payment_and_reopen_the_invoice(stripe_on, invoice):
    post_event(intent_event(stripe_on, invoice, "payment_intent.succeeded", "pi_p"))
    invoice.refresh_from_db()
    assert invoice.status == "paid"
    total_minor = int(invoice.total * 100)
    charge = {
        "id": "ch_p", "object": "charge", "payment_intent": "pi_p",
        "amount": total_minor, "amount_refunded": 10000, "currency": "cny",
        "metadata": {"invoice_id": str(invoice.pk)},
    }  # fmt: skip
    post_event(stripe_on.event("charge.refunded", charge))
    payment = invoice.payments.get()
    assert payment.status == "accepted"
    assert payment.amount == invoice.total - 100
    invoice.refresh_from_db()
    assert invoice.status == "open"
    # A second partial refund: Stripe reports the cumulative amount refunded.
    post_event(stripe_on.event("charge.refunded", {**charge, "amount_refunded": 30000}))
    payment.refresh_from_db()
    assert payment.amount == invoice.total - 300


def test_unknown_and_unmatched_events_are_acknowledged_and_kept(stripe_on, invoice):
    assert (
        post_event(stripe_on.event("customer.created", {"id": "cus_1"})).status_code
        == 200
    )
    orphan = intent_event(stripe_on, invoice, "payment_intent.succeeded", "pi_x")
    orphan["data"]["object"]["metadata"] = {}
    assert post_event(orphan).status_code == 200
    assert dict(StripeEvent.objects.values_list("type", "outcome")) == {
        "customer.created": "unhandled",
        "payment_intent.succeeded": "unmatched",
    }


def wait_for_sink(double, event_type: str, timeout: float = 10) -> tuple[bytes, str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for body, header in double.sink:
            if json.loads(body)["type"] == event_type:
                return body, header
        time.sleep(0.1)
    raise AssertionError(f"localstripe sent no {event_type}")


@freeze_time("2026-03-02", tick=True)
def test_autopay_saves_a_card_and_the_rent_run_charges_it(
    stripe_on, tenant, company, lease, operator
):
    # The tenant saves a card: a setup-mode Checkout creating a real SetupIntent.
    start = autopay_setup_start(company=company, actor=tenant, return_url="http://t/r")
    stripe_on.complete(start.session_id)
    autopay = autopay_setup_finish(
        company=company, actor=tenant, session_id=start.session_id
    )
    assert autopay.enabled and autopay.card_last4 == "4242"
    assert autopay.customer_id.startswith("cus_")

    # The rent run charges it off-session; localstripe reports success by webhook.
    rent_run_execute(RentRun.objects.create(operator=operator, period=date(2026, 3, 1)))
    invoice = Invoice.objects.get(kind="rent")
    attempt = invoice.checkout_attempts.get()
    assert attempt.session_id.startswith("pi_")
    assert attempt.idempotency_key.startswith(f"invoice-{invoice.pk}-autopay-1-")
    body, header = wait_for_sink(stripe_on, "payment_intent.succeeded")
    response = Client().post(
        WEBHOOK, data=body, content_type="application/json",
        HTTP_STRIPE_SIGNATURE=header,
    )  # fmt: skip
    assert response.status_code == 200
    invoice.refresh_from_db()
    assert invoice.status == "paid"
    assert Payment.objects.get().external_id == attempt.session_id
    assert AutoPay.objects.get().payment_method_id
