"""A park's invoice figures: its operators' open invoices by due date (count,
billed, paid) and their invoices by status, kept so that the receivables, the
operator home and the invoice list's count read one row per park. See
`core.figures` for how they are kept."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from django.db import models
from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from billing.models.invoices import Invoice
from billing.models.payments import Payment
from core.figures import Figures
from parks.models import Park

ZERO = Decimal("0")


class Due(NamedTuple):
    """The open invoices of one park and payee due on one day."""

    park_id: int
    operator_id: int | None
    due_date: date
    count: int
    billed: Decimal
    paid: Decimal

    @property
    def owed(self) -> Decimal:
        return self.billed - self.paid


class InvoiceFigures(Figures):
    park = models.OneToOneField(
        Park, primary_key=True, on_delete=models.CASCADE, related_name="invoice_figures"
    )
    # [[operator id, due date, count, billed, paid], ...] of the open invoices.
    open_dues = models.JSONField(default=list)
    # {operator id: {status: count}} of all the operators' invoices.
    counts = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("invoice figures")
        verbose_name_plural = _("invoice figures")

    def dues(self, operator_ids: set[int]) -> list[Due]:
        return [
            Due(
                self.park_id,
                operator,
                date.fromisoformat(due),
                n,
                Decimal(billed),
                Decimal(paid),
            )
            for operator, due, n, billed, paid in self.open_dues
            if operator in operator_ids
        ]

    @classmethod
    def compute(cls, keys: list[int]) -> dict[int, dict[str, Any]]:
        issued = Invoice.objects.filter(park__in=keys, operator__isnull=False)
        dues: dict[int, list] = defaultdict(list)
        for d in open_dues(issued):
            dues[d.park_id].append(
                [
                    d.operator_id,
                    d.due_date.isoformat(),
                    d.count,
                    str(d.billed),
                    str(d.paid),
                ]
            )
        counts: dict[int, dict] = defaultdict(dict)
        for park_id, operator_id, status, n in (
            issued.values_list("park_id", "operator_id", "status")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            counts[park_id].setdefault(str(operator_id), {})[status] = n
        return {k: {"open_dues": dues[k], "counts": counts[k]} for k in keys}


def open_dues(invoices: models.QuerySet[Invoice]) -> list[Due]:
    """The open ones of the given invoices by park, payee and due date, with
    what was paid on them: two grouped queries, whatever their number."""
    open_ = invoices.filter(status=Invoice.Status.OPEN)
    group = ("park_id", "operator_id", "due_date")
    paid = {
        tuple(row[:3]): row[3]
        for row in Payment.objects.filter(
            invoice__in=open_.values("pk"), status=Payment.Status.ACCEPTED
        )
        .values_list(*(f"invoice__{name}" for name in group))
        .annotate(s=Sum("amount"))
        .order_by()
    }
    return [
        Due(park, operator, due, n, billed, paid.get((park, operator, due)) or ZERO)
        for park, operator, due, n, billed in open_.values_list(*group)
        .annotate(n=Count("pk"), billed=Sum("total"))
        .order_by("due_date", "park_id")
    ]


InvoiceFigures.follow_owner()
InvoiceFigures.follow(Invoice, lambda invoice: {"pk": invoice.park_id})
InvoiceFigures.follow(Payment, lambda payment: {"park__invoices": payment.invoice_id})
