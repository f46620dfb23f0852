# ruff: noqa: F811  (pytest fixtures imported from billing_fixtures)
"""Billing API: the contract's shape, scoping (another party → 404), operator
endpoints, the PDF, and the rent-run command."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.management import call_command
from freezegun import freeze_time
from pypdf import PdfReader

from billing.models import Invoice
from tests import factories
from tests.billing.billing_fixtures import (  # noqa: F401
    finance_user,
    invoice,
    lease,
    operator,
    park,
    plain_staff,
    unit,
)

pytestmark = pytest.mark.django_db


def test_tenant_lists_and_reads_own_invoices(api_as, tenant, invoice):
    factories.InvoiceFactory()  # someone else's
    factories.PaymentFactory(invoice=invoice, amount=D("400.00"))
    body = api_as(tenant).get("/invoices").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert set(item) >= {
        "id", "number", "company_id", "kind", "lines", "total", "status",
        "due_date", "payments",
    }  # fmt: skip
    assert item["total"] == "1000.00" and item["status"] == "open"
    assert item["payments"][0]["amount"] == "400.00"
    assert set(item["payments"][0]) >= {"id", "method", "amount", "paid_at"}
    assert api_as(tenant).get("/invoices?status=paid").json()["count"] == 0
    assert (
        api_as(tenant).get(f"/invoices/{invoice.pk}").json()["number"] == invoice.number
    )


def test_another_party_gets_404(api_as, other_tenant, invoice):
    outsider_operator = factories.OperatorStaffFactory().user
    for user in (other_tenant, outsider_operator):
        assert api_as(user).get(f"/invoices/{invoice.pk}").status_code == 404
        assert api_as(user).get(f"/invoices/{invoice.pk}/pdf").status_code == 404


def test_the_operator_sees_its_parks_invoices(api_as, operator_user, invoice):
    assert api_as(operator_user).get("/invoices").json()["count"] == 1


def test_the_pdf_is_bilingual_with_transfer_details(api_as, tenant, invoice):
    response = api_as(tenant).get(f"/invoices/{invoice.pk}/pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    from io import BytesIO

    text = PdfReader(BytesIO(response.content)).pages[0].extract_text()
    assert (
        invoice.number in text
        and "发票" in text
        and "大写金额" in text
        and "Invoice" in text
    )
    assert "2315 0101 0400 12345" in text  # the operator's account


def test_finance_staff_record_a_transfer_and_void(
    api_as, finance_user, invoice, company, park
):
    url = f"/invoices/{invoice.pk}/payments"
    body = {"amount": "1000.00", "paid_on": date.today().isoformat(), "reference": "R1"}
    response = api_as(finance_user).post(url, json=body)
    assert response.status_code == 201, response.content
    assert (
        api_as(finance_user).get(f"/invoices/{invoice.pk}").json()["status"] == "paid"
    )

    other = factories.InvoiceFactory(company=company, park=park)
    response = api_as(finance_user).post(
        f"/invoices/{other.pk}/void", json={"reason": "dup"}
    )
    assert response.json()["status"] == "void"
    again = api_as(finance_user).post(
        f"/invoices/{other.pk}/void", json={"reason": "x"}
    )
    assert again.status_code == 409


def test_tenants_and_plain_staff_cannot_record_transfers(
    api_as, tenant, plain_staff, invoice
):
    body = {"amount": "10.00", "paid_on": date.today().isoformat()}
    assert (
        api_as(tenant).post(f"/invoices/{invoice.pk}/payments", json=body).status_code
        == 404
    )
    assert (
        api_as(plain_staff)
        .post(f"/invoices/{invoice.pk}/payments", json=body)
        .status_code
        == 403
    )


@freeze_time("2026-03-02")
def test_rent_run_endpoint_and_command(
    api_as, finance_user, lease, capsys, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(finance_user).post("/rent-runs", json={"period": "2026-03"})
    assert response.status_code == 202
    run = api_as(finance_user).get(f"/rent-runs/{response.json()['id']}").json()
    assert (run["status"], run["created"]) == ("done", 1)
    call_command("run_rent", "--period", "2026-03")
    assert "0 invoices issued" in capsys.readouterr().out
    call_command("run_rent", "--period", "2026-04")
    assert Invoice.objects.filter(kind="rent").count() == 2
    bad = api_as(finance_user).post("/rent-runs", json={"period": "March"})
    assert bad.status_code == 422
