# ruff: noqa: F811  (pytest fixtures imported from billing_fixtures)
"""Billing pages: tenant list and detail, operator dashboard with ageing, the
rent-run progress fragment, the Excel export, reconciliation, the webhook door."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal as D
from io import BytesIO

import pytest
from openpyxl import load_workbook

from billing.models import RentRun
from billing.queries import ageing_bucket
from tests import factories
from tests.billing.billing_fixtures import (  # noqa: F401
    finance_user,
    invoice,
    operator,
    park,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


def test_ageing_buckets():
    today = date(2026, 6, 30)
    days = {0: "d0_30", 30: "d0_30", 31: "d31_60", 61: "d61_90", 91: "d90_plus"}
    for late, bucket in days.items():
        assert ageing_bucket(today - timedelta(days=late), today) == bucket
    assert ageing_bucket(today + timedelta(days=1), today) == "current"


def test_tenant_pages(client, tenant, invoice, other_tenant):
    client.force_login(tenant)
    assert invoice.number in client.get("/invoices/").content.decode()
    page = client.get(f"/invoices/{invoice.pk}/").content.decode()
    assert "Payment reference" in page and "Record a bank transfer" not in page
    assert (
        client.get(f"/invoices/{invoice.pk}/pdf")["Content-Type"] == "application/pdf"
    )
    client.force_login(other_tenant)
    assert client.get(f"/invoices/{invoice.pk}/").status_code == 404


def test_operator_dashboard_shows_ageing_and_overdue(
    client, finance_user, park, company, django_assert_max_num_queries
):
    today = date.today()
    factories.InvoiceFactory(
        park=park, company=company, due_date=today - timedelta(days=45)
    )
    factories.InvoiceFactory(
        park=park, company=company, due_date=today - timedelta(days=100)
    )
    late = factories.InvoiceFactory(
        park=park, company=company, due_date=today - timedelta(days=5)
    )
    factories.PaymentFactory(invoice=late, amount=D("250.00"))
    client.force_login(finance_user)
    # After a change: the park's figures recomputed and the receivables with them.
    with django_assert_max_num_queries(17):
        page = client.get("/billing/").content.decode()
    assert "Kaili Enclave Park" in page and "¥2,750.00" in page  # 3000 less 250
    assert "Overdue" in page and late.number in page
    with django_assert_max_num_queries(12):  # until the next change: kept
        assert "¥2,750.00" in client.get("/billing/").content.decode()
    more = [factories.InvoiceFactory(park=park, company=company) for _ in range(5)]
    with django_assert_max_num_queries(17):
        assert "¥7,750.00" in client.get("/billing/").content.decode()
    assert more


def test_the_excel_export_lists_open_invoices(client, finance_user, invoice):
    client.force_login(finance_user)
    response = client.get("/billing/receivables.xlsx")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Number" and rows[1][0] == invoice.number


def test_rent_run_button_shows_progress(
    client, finance_user, operator, django_capture_on_commit_callbacks
):
    client.force_login(finance_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/billing/rent-runs", {"period": "2026-03"}, HTTP_HX_REQUEST="true"
        )
    assert response.status_code == 200
    assert "<progress" in response.content.decode()
    run = RentRun.objects.get()
    fragment = client.get(f"/billing/rent-runs/{run.pk}/", HTTP_HX_REQUEST="true")
    assert "every 1s" not in fragment.content.decode()  # done: polling stops
    RentRun.objects.filter(pk=run.pk).update(status="running", total=10, done=4)
    fragment = client.get(f"/billing/rent-runs/{run.pk}/").content.decode()
    assert 'hx-trigger="every 1s"' in fragment and 'value="4"' in fragment


def test_an_operator_cannot_see_another_operators_run(client, operator_user):
    run = RentRun.objects.create(
        operator=factories.OperatorFactory(), period=date(2026, 3, 1)
    )
    client.force_login(operator_user)
    assert client.get(f"/billing/rent-runs/{run.pk}/").status_code == 404


def test_reconciliation_page(client, finance_user, invoice):
    factories.PaymentFactory(
        invoice=invoice, amount=D("100.00"), method="bank_transfer"
    )
    client.force_login(finance_user)
    page = client.get("/billing/reconciliation/").content.decode()
    assert "Bank transfer" in page and "100.00" in page


def test_the_webhook_is_outside_the_api_and_csrf_exempt(settings):
    from django.test import Client

    settings.STRIPE_WEBHOOK_SECRET = "whsec_x"
    response = Client(enforce_csrf_checks=True).post(
        "/payments/stripe/webhook", data="{}", content_type="application/json"
    )
    assert response.status_code == 400  # refused for its signature, not CSRF
