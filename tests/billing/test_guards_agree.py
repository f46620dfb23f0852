# ruff: noqa: F811  (pytest fixtures imported from billing_fixtures)
"""An invoice's steps (pay, record a transfer, void, notify a transfer): the rule
the page asks (`Invoice.allowed_actions`) is the rule the action enforces, for
every state and every kind of person who meets it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from billing.actions import invoices as invoice_actions
from billing.actions.online import invoice_checkout_start
from billing.actions.payment_notice import can_notify_payment, payment_notify
from billing.gateways.base import CheckoutStart
from billing.gateways.stripe_gateway import StripeGateway
from billing.models import Invoice, outstanding
from core.errors import DomainError
from services.payments import provider_issuer
from tests import factories
from tests.billing.billing_fixtures import (  # noqa: F401
    finance_user,
    operator,
    park,
    plain_staff,
)
from tests.guards import assert_guards_agree
from tests.samples import PDF

pytestmark = pytest.mark.django_db

STEPS = {
    "pay": lambda invoice, actor: invoice_checkout_start(
        invoice=invoice,
        actor=actor,
        success_url="https://enclave.test/paid",
        cancel_url="https://enclave.test/cancelled",
    ),
    "record_transfer": lambda invoice, actor: invoice_actions.bank_transfer_record(
        invoice=invoice,
        actor=actor,
        amount=Decimal("100.00"),
        paid_on=timezone.localdate(),
        reference="ABC-1",
    ),
    "void": lambda invoice, actor: invoice_actions.invoice_void(
        invoice=invoice, actor=actor, reason="Wrong amount"
    ),
    "notify_payment": lambda invoice, actor: payment_notify(
        invoice=invoice,
        actor=actor,
        amount=Decimal("100.00"),
        paid_on=timezone.localdate(),
        slip=SimpleUploadedFile("slip.pdf", PDF, content_type="application/pdf"),
    ),
}
# Where each step's form posts on the invoice page.
STEP_URLS = {
    "pay": "billing:invoice_pay",
    "record_transfer": "billing:invoice_transfer",
    "void": "billing:invoice_void",
    "notify_payment": "billing:invoice_notify_payment",
}


def allowed_steps(invoice: Invoice, actor) -> set[str]:
    allowed = invoice.allowed_actions(actor)
    # The page asks the notice form's guard by its own name: the same answer.
    assert can_notify_payment(actor, invoice) == ("notify_payment" in allowed)
    return allowed


@pytest.fixture
def online(settings, monkeypatch):
    """Card payment switched on, with Stripe's side answered on the machine."""
    settings.STRIPE_SECRET_KEY = "sk_test_guards"
    monkeypatch.setattr(
        StripeGateway,
        "checkout_start",
        lambda self, checkout: CheckoutStart(
            f"cs_test_{checkout.idempotency_key}", "https://checkout.test/session"
        ),
    )


@pytest.fixture
def provider_staff(db):
    return factories.ProviderStaffFactory()


@pytest.fixture
def invoices(company, park, provider_staff) -> dict[str, Invoice]:
    """One invoice in each state the payee and the payer meet."""

    def invoice(**kw) -> Invoice:
        return factories.InvoiceFactory(company=company, park=park, **kw)

    part_paid = invoice()
    factories.PaymentFactory(invoice=part_paid, amount=Decimal("400.00"))
    notified = invoice()
    factories.PaymentFactory(
        invoice=notified, amount=Decimal("1000.00"), status="flagged"
    )
    paid = invoice(status="paid")
    factories.PaymentFactory(invoice=paid)
    issuer = provider_issuer(provider_staff.provider)
    return {
        "open": invoice(),
        "part_paid": part_paid,
        "notified": notified,
        "paid": paid,
        "void": invoice(status="void", void_reason="Issued twice"),
        "nothing_owed": invoice(total=Decimal("0.00")),
        "credit": invoice(kind="credit", total=Decimal("-200.00")),
        "provider_open": invoice(
            operator=None, issuer=issuer, number="SP-GUARD-000001"
        ),
    }


@pytest.fixture
def actors(
    tenant,
    company,
    other_tenant,
    operator_user,
    finance_user,
    plain_staff,
    provider_staff,
) -> dict[str, object]:
    return {
        "tenant_owner": tenant,
        "tenant_admin": factories.MembershipFactory(company=company, role="admin").user,
        "tenant_member": factories.MembershipFactory(
            company=company, role="member"
        ).user,
        "other_tenant": other_tenant,
        "operator_manager": operator_user,
        "operator_finance": finance_user,
        "operator_staff": plain_staff,
        "other_operator_finance": factories.OperatorStaffFactory(role="finance").user,
        "provider_staff": provider_staff.user,
        "bank_maker": factories.BankStaffFactory(role="maker").user,
        "stranger": factories.UserFactory(),
    }


def test_each_step_succeeds_exactly_when_the_guard_allows_it(online, invoices, actors):
    assert_guards_agree(
        invoices,
        actors,
        STEPS,
        lambda invoice, actor, step: step in allowed_steps(invoice, actor),
    )


def test_the_guards_name_who_acts_on_an_open_invoice(online, invoices, actors):
    invoice = invoices["open"]
    assert allowed_steps(invoice, actors["tenant_owner"]) == {"pay", "notify_payment"}
    assert allowed_steps(invoice, actors["tenant_member"]) == {"pay"}
    assert allowed_steps(invoice, actors["operator_finance"]) == {
        "record_transfer",
        "void",
    }
    assert allowed_steps(invoice, actors["operator_staff"]) == set()
    assert allowed_steps(invoices["provider_open"], actors["provider_staff"]) == {
        "record_transfer",
        "void",
    }
    # A provider records the transfers it receives: no notice to a queue it
    # does not have.
    assert allowed_steps(invoices["provider_open"], actors["tenant_owner"]) == {"pay"}
    assert allowed_steps(invoices["part_paid"], actors["operator_manager"]) == {
        "record_transfer"
    }


def test_without_online_payment_nobody_is_offered_the_card(invoices, actors):
    invoice = invoices["open"]
    assert "pay" not in invoice.allowed_actions(actors["tenant_owner"])
    with pytest.raises(DomainError) as refused:
        STEPS["pay"](invoice, actors["tenant_owner"])
    assert refused.value.code == "payments_unavailable"


def test_the_invoice_page_shows_the_allowed_steps_only(
    client, online, invoices, actors
):
    shown = 0
    for state, invoice in invoices.items():
        for who, actor in actors.items():
            client.force_login(actor)
            response = client.get(reverse("billing:invoice", args=[invoice.pk]))
            if response.status_code == 404:
                continue  # not theirs: nothing to offer
            assert response.status_code == 200, (state, who)
            html = response.content.decode()
            allowed = allowed_steps(Invoice.objects.get(pk=invoice.pk), actor)
            for step, url_name in STEP_URLS.items():
                offered = f'action="{reverse(url_name, args=[invoice.pk])}"' in html
                assert offered == (step in allowed), (state, who, step, allowed)
            shown += bool(allowed)
    assert shown
    assert outstanding(invoices["credit"]) < 0
