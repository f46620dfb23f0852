"""Review of flagged payments: the operator's finance staff accept a payment the
webhook could not match to its invoice, or reject it to be refunded by hand."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from billing.access import ensure_billing_staff
from billing.actions.invoices import invoice_settle
from billing.models import Invoice, Payment, outstanding
from core.audit import audit_record
from core.errors import Conflict, Invalid, NotFound
from parks.models import OperatorStaff

ACCEPT = "accept"
REJECT = "reject"
DECISIONS = {ACCEPT: Payment.Status.ACCEPTED, REJECT: Payment.Status.REJECTED}


@transaction.atomic
def payment_review(
    *, payment: Payment, actor: Any, decision: str, note: str
) -> Payment:
    """Accept a flagged payment (it then counts toward its invoice, which becomes
    paid once covered) or reject it (the money goes back outside the platform)."""
    if decision not in DECISIONS:
        raise Invalid.field("decision", _("Choose accept or reject."))
    note = note.strip()
    if not note:
        raise Invalid.field("note", _("Say why you accept or reject the payment."))
    # Invoice first, then payment: the order every billing write locks them in.
    invoice = Invoice.objects.select_for_update().get(pk=payment.invoice_id)
    if not OperatorStaff.objects.filter(
        operator_id=invoice.operator_id, user_id=getattr(actor, "pk", None)
    ).exists():
        # Another operator's payment: the same answer as for an absent one.
        raise NotFound(_("No such payment."))
    ensure_billing_staff(actor, invoice.operator_id)
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if payment.status != Payment.Status.FLAGGED:
        raise Conflict(
            _("This payment is not waiting for review; it is %(status)s.")
            % {"status": payment.get_status_display()},
            code="payment_not_flagged",
        )
    if decision == ACCEPT:
        _check_acceptable(invoice, payment)
    owed = outstanding(invoice)
    payment.transition(to=DECISIONS[decision], actor=actor, note=note)
    data = {
        "payment": payment.pk,
        "decision": decision,
        "amount": str(payment.amount),
        "currency": payment.currency,
        "flag_reason": payment.flag_reason,
    }
    if decision == ACCEPT and payment.amount > owed:
        data["overpaid"] = str(payment.amount - max(owed, 0))
    if decision == REJECT:
        data["refund_outside_platform"] = str(payment.amount)
    audit_record(
        actor=actor,
        obj=invoice,
        action=f"payment_{'accepted' if decision == ACCEPT else 'rejected'}",
        note=_review_note(decision, note, data),
        data=data,
    )
    if decision == ACCEPT:
        invoice_settle(invoice=invoice, actor=actor)
    payment.invoice = invoice
    return payment


def _check_acceptable(invoice: Invoice, payment: Payment) -> None:
    """Money can only count toward an invoice that can still be paid, in its
    own currency; anything else is rejected and refunded."""
    if payment.currency.upper() != invoice.currency.upper():
        raise Conflict(
            _(
                "The payment is in %(paid)s but the invoice is in %(owed)s; "
                "reject it and refund the money."
            )
            % {"paid": payment.currency, "owed": invoice.currency},
            code="payment_currency_mismatch",
        )
    if invoice.status == Invoice.Status.VOID:
        raise Conflict(
            _("The invoice is void; reject the payment and refund the money."),
            code="invoice_void",
        )


def _review_note(decision: str, note: str, data: dict[str, str]) -> str:
    if decision == REJECT:
        return _("%(note)s — refund %(amount)s %(currency)s outside the platform.") % {
            "note": note,
            "amount": data["amount"],
            "currency": data["currency"],
        }
    if "overpaid" in data:
        return _("%(note)s — over-payment of %(over)s accepted.") % {
            "note": note,
            "over": data["overpaid"],
        }
    return note
