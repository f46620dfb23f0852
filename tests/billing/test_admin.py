# ruff: noqa: F811  (pytest fixtures imported from billing_fixtures)
"""Billing in the Django admin: settings editable; invoices, payments, Stripe
events and rent runs listed, searchable and read-only."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from billing.models import BillingSettings, RentRun, StripeEvent
from tests import factories
from tests.billing.billing_fixtures import (  # noqa: F401
    invoice,
    operator,
    park,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


def test_billing_settings_are_editable(admin_client, park, operator):
    settings = BillingSettings.objects.get(operator=operator)
    url = f"/admin/billing/billingsettings/{settings.pk}/change/"
    page = admin_client.get(url)
    assert page.status_code == 200 and 'name="invoice_prefix"' in page.content.decode()
    response = admin_client.post(
        url,
        {
            "operator": operator.pk,
            "invoice_prefix": "KL",
            "payment_terms_days": 15,
            "bank_account_name": "",
            "bank_name": "",
            "bank_account_number": "",
        },
    )
    assert response.status_code == 302
    settings.refresh_from_db()
    assert (settings.invoice_prefix, settings.payment_terms_days) == ("KL", 15)


def test_invoices_are_listed_searchable_and_read_only(admin_client, invoice):
    other = factories.InvoiceFactory()
    factories.PaymentFactory(invoice=invoice, amount=D("100.00"), status="flagged")
    page = admin_client.get(
        "/admin/billing/invoice/", {"q": invoice.number, "status__exact": "open"}
    ).content.decode()
    assert invoice.number in page and other.number not in page
    assert admin_client.get("/admin/billing/invoice/add/").status_code == 403
    detail = admin_client.get(f"/admin/billing/invoice/{invoice.pk}/change/")
    html = detail.content.decode()
    assert detail.status_code == 200 and 'name="total"' not in html
    assert "100.00" in html  # the payments inline
    response = admin_client.post(
        f"/admin/billing/invoice/{invoice.pk}/change/", {"total": "1.00"}
    )
    assert response.status_code == 403
    assert (
        admin_client.post(
            f"/admin/billing/invoice/{invoice.pk}/delete/", {"post": "yes"}
        ).status_code
        == 403
    )


def test_payments_events_and_runs_are_listed_read_only(admin_client, invoice):
    payment = factories.PaymentFactory(invoice=invoice, status="flagged")
    StripeEvent.objects.create(
        event_id="evt_admin_1", type="payment_intent.succeeded", payload={}
    )
    RentRun.objects.create(period=date(2026, 5, 1), status="done")
    flagged = admin_client.get("/admin/billing/payment/", {"status__exact": "flagged"})
    assert flagged.status_code == 200 and invoice.number in flagged.content.decode()
    accepted = admin_client.get(
        "/admin/billing/payment/", {"status__exact": "accepted"}
    )
    assert f"/admin/billing/payment/{payment.pk}/" not in accepted.content.decode()
    assert (
        "evt_admin_1"
        in admin_client.get("/admin/billing/stripeevent/").content.decode()
    )
    assert "2026-05" in admin_client.get("/admin/billing/rentrun/").content.decode()
    for model in ("payment", "stripeevent", "rentrun"):
        assert admin_client.get(f"/admin/billing/{model}/add/").status_code == 403


def test_operator_staff_cannot_open_the_admin(client, operator_user):
    client.force_login(operator_user)
    response = client.get("/admin/billing/invoice/")
    assert response.status_code == 302 and "/login/" in response.url
