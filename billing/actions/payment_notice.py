""" "I have paid": a company tells the park it paid an invoice by bank transfer, with
the remittance slip. The payment waits in the operator's reconciliation queue (as a
flagged payment, reviewed like any other) and counts only once accepted there."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from billing.models import FINANCE_ROLES, Invoice, Payment, PaymentMethod, outstanding
from core.audit import audit_record
from core.errors import Conflict, Invalid, NotFound
from core.models import NotificationKind, User
from core.money import format_yuan, money
from core.notifications import notify
from core.transitions import ensure_allowed
from tenants.access import ensure_manager
from tenants.actions import document_upload
from tenants.models import DocumentKind, member_role

NOTIFIED = gettext_lazy("Payment notified by the company")


@transaction.atomic
def payment_notify(
    *,
    invoice: Invoice,
    actor: Any,
    amount: Decimal,
    paid_on: date,
    reference: str = "",
    slip: Any,
) -> Payment:
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if member_role(actor, invoice.company) is None:
        raise NotFound(_("Invoice not found."))
    ensure_manager(actor, invoice.company)
    if invoice.status != Invoice.Status.OPEN:
        raise Conflict(
            _("This invoice is %(status)s; there is nothing to pay.")
            % {"status": invoice.get_status_display()},
            code="invoice_not_open",
        )
    owed = outstanding(invoice)
    if owed <= 0:
        raise Conflict(_("Nothing is owed on this invoice."), code="nothing_owed")
    ensure_allowed(invoice, "notify_payment", actor)
    amount = money(amount)
    if amount <= 0 or amount > owed:
        raise Invalid.field(
            "amount",
            _("Enter the amount you transferred, at most %(owed)s.")
            % {"owed": format_yuan(owed)},
        )
    if paid_on > timezone.localdate():
        raise Invalid.field("paid_on", _("The transfer date cannot be in the future."))
    if slip is None:
        raise Invalid.field("slip", _("Attach the remittance slip."))
    document = document_upload(
        company=invoice.company, actor=actor, kind=DocumentKind.OTHER, file=slip
    )
    payment = Payment.objects.create(
        invoice=invoice,
        method=PaymentMethod.BANK_TRANSFER,
        amount=amount,
        paid_at=timezone.make_aware(datetime.combine(paid_on, time(12))),
        status=Payment.Status.FLAGGED,
        reference=reference.strip()[:100] or invoice.payment_reference,
        flag_reason=str(NOTIFIED),
        recorded_by=actor,
        slip=document,
    )
    audit_record(
        actor=actor,
        obj=invoice,
        action="payment_notified",
        note=payment.reference,
        data={"payment": payment.pk, "amount": str(amount), "slip": document.pk},
    )
    notify(
        users=User.objects.filter(
            operator_staff__operator_id=invoice.operator_id,
            operator_staff__role__in=FINANCE_ROLES,
        ),
        kind=NotificationKind.PAYMENT_NOTIFIED,
        message=gettext_lazy(
            "%(company)s says it paid %(amount)s for invoice %(number)s: "
            "check it in reconciliation."
        ),
        params={
            "company": invoice.company.name,
            "amount": format_yuan(amount),
            "number": invoice.number,
        },
        url=invoice.get_absolute_url(),
    )
    return payment


def can_notify_payment(user: Any, invoice: Invoice) -> bool:
    return "notify_payment" in invoice.allowed_actions(user)
