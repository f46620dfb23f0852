"""Confirming bank statement lines as payments of invoices.

Every payment goes through `bank_transfer_record` (the one home for recording a
transfer); each line is keyed (`StatementLine`, unique per operator), so a line
confirmed twice — the same statement imported again, or two people at once —
records one payment.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from billing.access import ensure_billing_staff
from billing.actions.invoices import bank_transfer_record
from billing.models import Invoice, Payment, StatementLine
from billing.statement import Entry
from core.access import get_scoped
from core.errors import DomainError, Invalid
from parks.models import Operator

SALT = "billing.statement"
TOKEN_MAX_AGE = 24 * 3600


def statement_token(operator: Operator, entries: list[Entry]) -> str:
    """The parsed lines, signed: the confirm step reads them back unchanged."""
    data = {"operator": operator.pk, "entries": [e.as_json() for e in entries]}
    return signing.dumps(data, salt=SALT, compress=True)


def statement_entries(operator: Operator, token: str) -> list[Entry]:
    try:
        data = signing.loads(token, salt=SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        raise Invalid.field(
            "token", _("The statement upload has expired; upload the file again.")
        ) from None
    if data.get("operator") != operator.pk:
        raise Invalid.field(
            "token", _("This statement was uploaded for another operator.")
        )
    return [Entry.from_json(e) for e in data["entries"]]


@dataclass
class Outcome:
    entry: Entry
    invoice: Invoice
    status: str  # recorded | already | refused
    payment: Payment | None = None
    message: str = ""


def statement_confirm(
    *,
    operator: Operator,
    entries: list[Entry],
    matches: list[tuple[int, int]],
    actor: Any,
) -> list[Outcome]:
    """Record a bank transfer for each (statement line, invoice id) chosen.
    Every invoice must be one of the operator's (else NotFound, nothing
    written); a line already recorded is skipped; a payment the invoice
    refuses (no longer open, more than outstanding) is reported, not raised."""
    ensure_billing_staff(actor, operator.pk)
    by_line = {entry.line: entry for entry in entries}
    invoices = Invoice.objects.filter(operator=operator)
    chosen: list[tuple[Entry, Invoice]] = []
    for line, invoice_id in matches:
        if line not in by_line:
            raise Invalid.field(
                "matches", _("Line %(n)s is not in the statement.") % {"n": line}
            )
        chosen.append((by_line[line], get_scoped(invoices, pk=invoice_id)))
    outcomes = []
    for entry, invoice in chosen:
        outcomes.append(_record(operator, entry, invoice, actor))
    return outcomes


def _record(operator: Operator, entry: Entry, invoice: Invoice, actor: Any) -> Outcome:
    lines = StatementLine.objects.filter(operator=operator, key=entry.key)
    try:
        with transaction.atomic():
            if lines.exists():
                return Outcome(entry, invoice, "already")
            payment = bank_transfer_record(
                invoice=invoice,
                actor=actor,
                amount=entry.amount,
                paid_on=entry.date,
                reference=(entry.reference or entry.payer)[:100],
            )
            StatementLine.objects.create(
                operator=operator,
                key=entry.key,
                booked_on=entry.date,
                amount=entry.amount,
                reference=entry.reference,
                payer=entry.payer,
                payment=payment,
                imported_by=actor,
            )
    except IntegrityError:  # confirmed by someone else meanwhile: rolled back
        return Outcome(entry, invoice, "already")
    except DomainError as exc:
        return Outcome(entry, invoice, "refused", message=exc.message)
    return Outcome(entry, invoice, "recorded", payment=payment)
