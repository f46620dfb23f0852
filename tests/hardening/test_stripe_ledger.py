"""Stripe refunds are idempotent records: any delivery order of a payment, two
partial refunds and a bank transfer gives the same ledger; a refund before its
payment waits for it; signed but malformed events are kept as rejected, never
answered with a 5xx."""

from __future__ import annotations

import itertools
import json
from datetime import date
from decimal import Decimal as D

import pytest
import stripe
from django.test import Client

from billing.actions.invoices import bank_transfer_record
from billing.models import Payment, StripeEvent, StripeRefund
from tests import factories

SECRET = "whsec_hardening"
WEBHOOK = "/payments/stripe/webhook"
INTENT = "pi_ledger"
CHARGE = "ch_ledger"
# The figures: a ¥33,320 invoice paid ¥12,400 by card and ¥20,920 by
# transfer; the card payment is refunded 10% and then a further 20%.
TOTAL, CARD, TRANSFER = D("33320.00"), D("12400.00"), D("20920.00")
REFUND_1, REFUND_2 = D("1240.00"), D("2480.00")


@pytest.fixture
def webhooks(settings):
    settings.STRIPE_WEBHOOK_SECRET = SECRET


@pytest.fixture
def invoice(company, operator_user):
    operator = operator_user.operator_staff.get().operator
    factories.BillingSettingsFactory(operator=operator)
    park = factories.ParkFactory(operator=operator)
    return factories.InvoiceFactory(park=park, company=company, total=TOTAL)


@pytest.fixture
def finance_user(invoice):
    return factories.OperatorStaffFactory(
        operator=invoice.operator, role="finance"
    ).user


def post(body, *, raw: bytes | None = None):
    payload = raw.decode() if raw is not None else json.dumps(body)
    header = stripe.WebhookSignature.generate_signature_header(payload, SECRET)
    return Client().post(
        WEBHOOK,
        data=payload.encode(),
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=header,
    )


def event(event_id: str, event_type: str, obj: dict, created: int = 1_760_000_000):
    return {
        "id": event_id,
        "object": "event",
        "type": event_type,
        "created": created,
        "data": {"object": obj},
    }


def minor(amount: D) -> int:
    return int(amount * 100)


def refund(refund_id: str, amount: D) -> dict:
    return {
        "id": refund_id,
        "object": "refund",
        "amount": minor(amount),
        "status": "succeeded",
        "charge": CHARGE,
        "payment_intent": INTENT,
    }


def card_events(invoice) -> dict[str, dict]:
    """The payment and the two refunds, as Stripe sends them: each charge.refunded
    lists the refunds so far and the cumulative amount refunded. The refunds carry
    no invoice id (as when refunded from the Stripe dashboard)."""
    charge = {
        "id": CHARGE,
        "object": "charge",
        "payment_intent": INTENT,
        "amount": minor(CARD),
        "currency": "cny",
        "metadata": {},
    }
    return {
        "payment": event(
            "evt_pay",
            "payment_intent.succeeded",
            {
                "id": INTENT,
                "object": "payment_intent",
                "amount": minor(CARD),
                "amount_received": minor(CARD),
                "currency": "cny",
                "metadata": {"invoice_id": str(invoice.pk)},
            },
        ),
        "refund_1": event(
            "evt_r1",
            "charge.refunded",
            {
                **charge,
                "amount_refunded": minor(REFUND_1),
                "refunds": {"data": [refund("re_1", REFUND_1)]},
            },
        ),
        "refund_2": event(
            "evt_r2",
            "charge.refunded",
            {
                **charge,
                "amount_refunded": minor(REFUND_1 + REFUND_2),
                "refunds": {
                    "data": [refund("re_1", REFUND_1), refund("re_2", REFUND_2)]
                },
            },
        ),
    }


def ledger(invoice) -> dict:
    payments = {
        p.method: (p.amount, p.gross_amount, p.status != Payment.Status.REFUNDED)
        for p in invoice.payments.all()
    }
    refunds = sorted(
        (r.refund_id, r.amount) for r in StripeRefund.objects.filter(cumulative=False)
    )
    return {"payments": payments, "refunds": refunds}


STEPS = ("payment", "refund_1", "refund_2", "transfer")


@pytest.mark.parametrize("order", list(itertools.permutations(STEPS)), ids="-".join)
def test_every_delivery_order_gives_the_same_ledger(
    webhooks, invoice, finance_user, order
):
    events = card_events(invoice)
    for step in order:
        if step == "transfer":
            bank_transfer_record(
                invoice=invoice,
                actor=finance_user,
                amount=TRANSFER,
                paid_on=date.today(),
                reference="ICBC 0001",
            )
            continue
        assert post(events[step]).status_code == 200
        # A replay of what came before changes nothing.
        assert post(events[step]).status_code == 200
    assert ledger(invoice) == {
        "payments": {
            "stripe": (CARD - REFUND_1 - REFUND_2, CARD, True),
            "bank_transfer": (TRANSFER, None, True),
        },
        "refunds": [("re_1", REFUND_1), ("re_2", REFUND_2)],
    }
    money_in = sum(p.amount for p in invoice.payments.exclude(status="rejected"))
    assert money_in == D("8680.00") + TRANSFER


def test_an_older_cumulative_refund_arriving_last_does_not_shrink_the_refund(
    webhooks, invoice
):
    """Without refund ids, the largest cumulative amount refunded wins."""
    events = card_events(invoice)
    for key in ("refund_1", "refund_2"):
        del events[key]["data"]["object"]["refunds"]
    for key in ("payment", "refund_2", "refund_1"):
        post(events[key])
    assert invoice.payments.get().amount == CARD - REFUND_1 - REFUND_2


def test_a_refund_before_its_payment_is_parked_and_applied_when_it_comes(
    webhooks, invoice
):
    events = card_events(invoice)
    full = event(
        "evt_full",
        "charge.refunded",
        {
            **events["refund_1"]["data"]["object"],
            "amount_refunded": minor(CARD),
            "refunds": {"data": [refund("re_full", CARD)]},
        },
    )
    assert post(full).json()["outcome"] == "parked"
    assert StripeRefund.objects.filter(payment=None).count() == 2
    # The payment arrives: the parked refund applies; the invoice is not paid.
    assert post(events["payment"]).status_code == 200
    payment = invoice.payments.get()
    assert payment.status == "refunded"
    assert StripeRefund.objects.filter(payment=None).count() == 0
    invoice.refresh_from_db()
    assert invoice.status == "open"


def test_a_refund_event_by_itself_is_recorded_by_its_id(webhooks, invoice):
    events = card_events(invoice)
    post(events["payment"])
    refunded = event("evt_refund_created", "refund.created", refund("re_9", REFUND_2))
    assert post(refunded).json()["outcome"] == "applied"
    assert (
        post(
            {**refunded, "id": "evt_refund_updated", "type": "refund.updated"}
        ).status_code
        == 200
    )
    assert invoice.payments.get().amount == CARD - REFUND_2
    failed = {**refund("re_9", REFUND_2), "status": "failed"}
    post(event("evt_refund_failed", "refund.updated", failed))
    assert invoice.payments.get().amount == CARD


MALFORMED = {
    "no id": {
        "object": "event",
        "type": "payment_intent.succeeded",
        "data": {"object": {"id": "pi"}},
    },
    "a JSON array": [{"id": "evt_1"}],
    "id over 100 characters": {
        "id": "evt_" + "x" * 101,
        "type": "customer.created",
        "data": {"object": {}},
    },
    "created as a string": {
        "id": "evt_c",
        "type": "customer.created",
        "created": "yesterday",
        "data": {"object": {}},
    },
    "data.object a string": {
        "id": "evt_d",
        "type": "charge.refunded",
        "data": {"object": "ch_1"},
    },
    "intent without id": {
        "id": "evt_i",
        "type": "payment_intent.succeeded",
        "data": {"object": {"amount": 100}},
    },
    "amount as a string": {
        "id": "evt_a",
        "type": "charge.refunded",
        "data": {
            "object": {
                "id": "ch_a",
                "payment_intent": "pi_a",
                "amount_refunded": "lots",
            }
        },
    },
    "refund ids not strings": {
        "id": "evt_r",
        "type": "charge.refunded",
        "data": {
            "object": {
                "id": "ch_r",
                "amount_refunded": 1,
                "refunds": {"data": [{"id": 5}]},
            }
        },
    },
    "a JSON string": "evt",
    "null": None,
}


@pytest.mark.parametrize("body", MALFORMED.values(), ids=MALFORMED.keys())
def test_signed_but_malformed_events_are_kept_as_rejected_never_5xx(
    webhooks, invoice, body
):
    response = post(body)
    assert response.status_code in (200, 400)
    assert response.json()["outcome"] == "rejected"
    stored = StripeEvent.objects.get()
    assert stored.outcome == "rejected" and stored.note
    # Delivered again (Stripe retries), it is stored once.
    post(body)
    assert StripeEvent.objects.count() == 1
    assert not invoice.payments.exists()


def test_a_signed_body_that_is_not_json_is_kept_and_answered_400(webhooks, db):
    response = post(None, raw=b"{not json at all")
    assert response.status_code == 400
    assert StripeEvent.objects.get().note == "the body is not JSON"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_deliveries_of_the_same_refund_record_it_once(webhooks, invoice):
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    events = card_events(invoice)
    post(events["payment"])

    def deliver(_):
        try:
            return post(events["refund_2"]).status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(4) as pool:
        codes = list(pool.map(deliver, range(4)))
    assert set(codes) <= {200}
    assert invoice.payments.get().amount == CARD - REFUND_1 - REFUND_2
    assert StripeRefund.objects.filter(cumulative=False).count() == 2
