"""What billing tells people: an invoice issued, due in three days, overdue. The
reminders run once a day (`manage.py notify_invoices_due`) and tell each invoice's
company once per kind."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy

from billing.models import Invoice
from core.models import Notification, NotificationKind, User
from core.money import format_yuan
from core.notifications import notify

DUE_SOON_DAYS = 3


def _members(invoice: Invoice):
    return User.objects.filter(memberships__company_id=invoice.company_id)


def _params(invoice: Invoice) -> dict:
    return {
        "number": invoice.number,
        "amount": format_yuan(invoice.total),
        "due": invoice.due_date.isoformat(),
        "park": invoice.park,
    }


def notify_invoice_issued(invoice: Invoice) -> None:
    notify(
        users=_members(invoice),
        kind=NotificationKind.INVOICE_ISSUED,
        message=gettext_lazy(
            "Invoice %(number)s from %(park)s: %(amount)s, due on %(due)s."
        ),
        params=_params(invoice),
        url=invoice.get_absolute_url(),
    )


def invoices_notify_due(*, today: date | None = None) -> int:
    """Remind of open invoices due in three days and of overdue ones, once each."""
    today = today or timezone.localdate()
    sent = 0
    batches = (
        (
            NotificationKind.INVOICE_DUE_SOON,
            Invoice.objects.filter(due_date=today + timedelta(days=DUE_SOON_DAYS)),
            gettext_lazy("Invoice %(number)s (%(amount)s) is due on %(due)s."),
        ),
        (
            NotificationKind.INVOICE_OVERDUE,
            Invoice.objects.filter(due_date__lt=today),
            gettext_lazy(
                "Invoice %(number)s (%(amount)s) was due on %(due)s and is overdue."
            ),
        ),
    )
    for kind, invoices, message in batches:
        for invoice in invoices.filter(status=Invoice.Status.OPEN).select_related(
            "park"
        ):
            url = invoice.get_absolute_url()
            if Notification.objects.filter(kind=kind, url=url).exists():
                continue
            notify(
                users=_members(invoice),
                kind=kind,
                message=message,
                params=_params(invoice),
                url=url,
            )
            sent += 1
    return sent
