""" "I have paid": a company notifies a transfer with its slip; the payment waits in
the operator's reconciliation queue and counts once accepted there."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from billing.actions.payment_notice import payment_notify
from billing.actions.review import payment_review
from billing.models import Payment
from core.errors import Conflict, Invalid, NotFound
from core.models import Notification, NotificationKind
from tests import factories, samples

PDF = samples.PDF


def slip():
    return SimpleUploadedFile("slip.pdf", PDF, content_type="application/pdf")


@pytest.fixture
def invoice(company):
    return factories.InvoiceFactory(company=company, total=Decimal("49300.00"))


def test_notified_payment_waits_for_the_operator_then_settles(tenant, invoice):
    finance = factories.OperatorStaffFactory(
        operator=invoice.operator, role="finance"
    ).user
    payment = payment_notify(
        invoice=invoice,
        actor=tenant,
        amount=Decimal("49300"),
        paid_on=timezone.localdate(),
        reference="HX-1",
        slip=slip(),
    )
    invoice.refresh_from_db()
    assert payment.status == Payment.Status.FLAGGED and invoice.status == "open"
    assert payment.slip.company_id == invoice.company_id
    row = Notification.objects.get(user=finance)
    assert row.kind == NotificationKind.PAYMENT_NOTIFIED and "¥49,300.00" in row.text_en
    payment_review(payment=payment, actor=finance, decision="accept", note="Received")
    invoice.refresh_from_db()
    assert invoice.status == "paid"


def test_notify_refuses_bad_input_and_strangers(tenant, other_tenant, invoice):
    today = timezone.localdate()

    def notice(actor=tenant, amount="1", paid_on=today):
        return payment_notify(
            invoice=invoice,
            actor=actor,
            amount=Decimal(amount),
            paid_on=paid_on,
            slip=slip(),
        )

    with pytest.raises(Invalid):
        notice(amount="50000")  # more than owed
    with pytest.raises(Invalid):
        notice(paid_on=today + timedelta(days=2))
    with pytest.raises(NotFound):
        notice(actor=other_tenant)
    invoice.status = "void"
    invoice.save()
    with pytest.raises(Conflict):
        notice()


def test_i_have_paid_page(client, tenant, invoice):
    client.force_login(tenant)
    page = client.get(invoice.get_absolute_url()).content.decode()
    assert "I have paid" in page
    url = reverse("billing:invoice_notify_payment", args=[invoice.pk])
    assert client.get(url).url == invoice.get_absolute_url()
    bad = client.post(url, {"amount": "", "paid_on": "2026-01-01"})
    assert bad.status_code == 200 and not Payment.objects.exists()
    ok = client.post(
        url,
        {
            "amount": "49300",
            "paid_on": timezone.localdate().isoformat(),
            "slip": slip(),
        },
    )
    assert ok.status_code == 302
    assert Payment.objects.get().status == Payment.Status.FLAGGED
    assert (
        "waits for the park" in client.get(invoice.get_absolute_url()).content.decode()
    )


def test_api_payment_notice(api_as, tenant, other_tenant, invoice):
    url = f"/invoices/{invoice.pk}/payment-notices"
    data = {"amount": "100.00", "paid_on": timezone.localdate().isoformat()}
    response = api_as(tenant).post(url, data=data, FILES={"slip": slip()})
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "flagged"
    stranger = api_as(other_tenant).post(url, data=data, FILES={"slip": slip()})
    assert stranger.status_code == 404
    too_much = api_as(tenant).post(
        url, data={**data, "amount": "999999"}, FILES={"slip": slip()}
    )
    assert too_much.status_code == 422
