"""Records the platform already holds that prove a park commitment was kept.

A rent-free month is the zero-amount line of a rent invoice that honoured it; a
subsidy or a tax rebate is money the park paid the tenant: a credit note to the
company and the payment recorded on it. Only records of the commitment's own
park and company are offered, so a link never shows another party's data.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from billing.models import Invoice, InvoiceKind, Payment
from governance.models import Commitment, CommitmentKind, Evidence

PAID_TO_TENANT = (CommitmentKind.SUBSIDY, CommitmentKind.TAX_REBATE)


@dataclass(frozen=True)
class Record:
    kind: str  # invoice_line | credit_note | payment
    ref: str
    label: str
    url: str


def _invoices(commitment: Commitment):
    return Invoice.objects.filter(
        park_id=commitment.park_id, company_id=commitment.company_id
    ).exclude(status=Invoice.Status.VOID)


def candidates(commitment: Commitment) -> list[Record]:
    """The records that may be linked to this commitment, not linked yet."""
    found: list[Record] = []
    if commitment.kind == CommitmentKind.RENT_FREE:
        for invoice in _invoices(commitment).filter(kind=InvoiceKind.RENT):
            for index, line in enumerate(invoice.lines):
                if Decimal(line.get("amount", "0")) == 0:
                    found.append(
                        Record(
                            "invoice_line",
                            f"{invoice.pk}:{index}",
                            f"{invoice.number} · {line.get('description_zh', '')} "
                            f"{line.get('description_en', '')} · ¥0.00",
                            invoice.get_absolute_url(),
                        )
                    )
    elif commitment.kind in PAID_TO_TENANT:
        credits = list(_invoices(commitment).filter(kind=InvoiceKind.CREDIT))
        for invoice in credits:
            found.append(
                Record(
                    "credit_note",
                    str(invoice.pk),
                    f"{invoice.number} · ¥{-invoice.total:,.2f}",
                    invoice.get_absolute_url(),
                )
            )
        for payment in Payment.objects.filter(invoice__in=credits).select_related(
            "invoice"
        ):
            found.append(
                Record(
                    "payment",
                    str(payment.pk),
                    f"{payment.invoice.number} · {payment.get_method_display()} · "
                    f"¥{abs(payment.amount):,.2f} · {payment.paid_at:%Y-%m-%d}",
                    payment.invoice.get_absolute_url(),
                )
            )
    linked = set(
        commitment.evidence.exclude(link_kind="").values_list("link_kind", "link_ref")
    )
    return [r for r in found if (r.kind, r.ref) not in linked]


def link_url(evidence: Evidence) -> str:
    """Where a linked record is shown (both sides may open the invoice)."""
    invoice_id = evidence.link_ref.split(":")[0]
    if evidence.link_kind in ("invoice_line", "credit_note") and invoice_id.isdigit():
        return Invoice(pk=int(invoice_id)).get_absolute_url()
    if evidence.link_kind == "payment" and evidence.link_ref.isdigit():
        payment = Payment.objects.filter(pk=int(evidence.link_ref)).first()
        return payment.invoice.get_absolute_url() if payment else ""
    return ""
