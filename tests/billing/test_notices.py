"""Billing tells the company: an invoice issued, due in three days, overdue (once)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from billing.notices import invoices_notify_due
from core.models import Notification, NotificationKind
from tests import factories


def test_issuing_an_invoice_notifies_the_company(tenant, company):
    from billing.actions.invoices import Line, invoice_issue

    park = factories.ParkFactory()
    factories.BillingSettingsFactory(operator=park.operator)
    invoice = invoice_issue(
        company=company,
        park=park,
        kind="service",
        lines=[Line("Service fee", "服务费", Decimal(1), Decimal(49300))],
    )
    row = Notification.objects.get(user=tenant)
    assert row.kind == NotificationKind.INVOICE_ISSUED
    assert invoice.number in row.text_en and "¥49,300.00" in row.text_zh
    assert row.url == invoice.get_absolute_url()


def test_due_soon_and_overdue_reminders_are_sent_once(tenant, company):
    today = timezone.localdate()
    soon = factories.InvoiceFactory(company=company, due_date=today + timedelta(3))
    late = factories.InvoiceFactory(company=company, due_date=today - timedelta(2))
    factories.InvoiceFactory(company=company, due_date=today + timedelta(10))
    Notification.objects.all().delete()
    assert invoices_notify_due(today=today) == 2
    kinds = dict(Notification.objects.values_list("url", "kind"))
    assert kinds == {
        soon.get_absolute_url(): NotificationKind.INVOICE_DUE_SOON,
        late.get_absolute_url(): NotificationKind.INVOICE_OVERDUE,
    }
    assert invoices_notify_due(today=today) == 0
