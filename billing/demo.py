"""Demo billing: operators' invoice settings, deposits and four months of rent
for the demo leases, some paid by transfer, some overdue. Safe to run again."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from billing.actions.invoices import bank_transfer_record, deposit_invoice_for_lease
from billing.actions.rent_run import rent_run_execute
from billing.models import BillingSettings, Invoice, InvoiceFigures, RentRun
from core.dates import add_months
from core.models import User
from parks.models import Lease, Operator, OperatorStaff

DEMO_BILLING = {
    "operator@example.com": (
        "FQ",
        "佛山—黔东南共建园区运营有限公司",
        "Agricultural Bank of China, Kaili Development Zone Branch",
        "2315 0101 0400 18866",
        "中国农业银行凯里开发区支行",
    ),
    "operator2@example.com": (
        "GB",
        "广州—毕节飞地园区开发有限公司",
        "Bank of Guizhou, Bijie Branch",
        "6601 2020 0008 31415",
        "贵州银行毕节分行",
    ),
}


def seed_billing(users: dict[str, User]) -> None:
    for email, (prefix, account, bank, number, bank_zh) in DEMO_BILLING.items():
        staff = OperatorStaff.objects.filter(user=users[email]).first()
        if staff is None:
            continue
        BillingSettings.objects.update_or_create(
            operator=staff.operator,
            defaults={
                "invoice_prefix": prefix,
                "bank_account_name": account,
                "bank_name": bank,
                "bank_name_zh": bank_zh,
                "bank_account_number": number,
            },
        )
        _seed_operator(staff.operator, users[email])


def _seed_operator(operator: Operator, actor: User) -> None:
    leases = Lease.objects.filter(
        unit__park__operator=operator, status__in=Lease.HOLDING
    ).select_related("unit__park", "company")
    for lease in leases:
        deposit_invoice_for_lease(lease=lease, actor=actor)
    today = timezone.localdate()
    base = today.replace(day=1)
    for back in (3, 2, 1, 0):
        period = add_months(base, -back)
        done = RentRun.objects.filter(
            operator=operator, period=period, status=RentRun.Status.DONE
        )
        if not done.exists():
            rent_run_execute(
                RentRun.objects.create(
                    operator=operator, period=period, started_by=actor
                )
            )
        # Demo history: date earlier months' invoices as if issued back then,
        # so receivables show ageing.
        # This month's rent is not due yet; earlier months' fell due on the 10th.
        due = today + timedelta(days=10) if back == 0 else period + timedelta(days=10)
        Invoice.objects.filter(
            operator=operator, kind="rent", period_start=period
        ).update(issue_date=period, due_date=due)
        InvoiceFigures.mark_stale(park__operator=operator)
    # Most tenants paid what fell due: a few invoices stay overdue, a few part-paid,
    # so that ageing, receivables and reconciliation have something to show.
    past = Invoice.objects.filter(
        operator=operator,
        status=Invoice.Status.OPEN,
        due_date__lt=today,
        payments__isnull=True,
    ).order_by("id")
    for invoice in past:
        if invoice.seq % 7 == 3:
            continue  # left overdue
        half = (invoice.total / 2).quantize(Decimal("0.01"))
        amount = half if invoice.seq % 11 == 5 else invoice.total
        bank_transfer_record(
            invoice=invoice,
            actor=actor,
            amount=amount,
            paid_on=min(invoice.due_date, today),
            reference=f"DEMO-{invoice.number}",
        )
