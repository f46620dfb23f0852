"""Billing reads: receivables and ageing per park, reconciliation, the Excel
export and the invoice PDF — each a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO
from typing import Any

from django.db.models import (
    Count,
    DecimalField,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncDate
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from billing.gateways import bank_transfer
from billing.models import (
    Due,
    Invoice,
    InvoiceFigures,
    Payment,
    PaymentMethod,
    StatementLine,
    StripeEvent,
)
from billing.statement import propose
from core.bilingual import chinese_active
from core.dates import on_local_days
from core.errors import Invalid
from core.figures import status_count
from core.money import XLSX_DATE, XLSX_YUAN
from core.pdf import pdf_response, render_pdf
from parks.models import Park

ZERO = Decimal("0.00")
BUCKETS = ("current", "d0_30", "d31_60", "d61_90", "d90_plus")


def bucket_labels() -> dict[str, str]:
    return {
        "current": _("Not yet due"),
        "d0_30": _("0–30 days"),
        "d31_60": _("31–60 days"),
        "d61_90": _("61–90 days"),
        "d90_plus": _("Over 90 days"),
    }


def ageing_bucket(due_date: date, today: date) -> str:
    """Days past due: not yet due, 0–30, 31–60, 61–90, over 90."""
    late = (today - due_date).days
    if late <= 0:
        return "current" if late < 0 else "d0_30"
    if late <= 30:
        return "d0_30"
    if late <= 60:
        return "d31_60"
    if late <= 90:
        return "d61_90"
    return "d90_plus"


def with_outstanding(invoices):
    """Annotate paid and outstanding. A correlated sum per invoice: PostgreSQL
    computes it only for the rows a page keeps, where joining the payments and
    grouping by every invoice column summed them for all before the LIMIT."""
    accepted = (
        Payment.objects.filter(invoice=OuterRef("pk"), status=Payment.Status.ACCEPTED)
        .order_by()
        .values("invoice")
        .annotate(s=Sum("amount"))
        .values("s")
    )
    money = DecimalField(max_digits=14, decimal_places=2)
    paid = Coalesce(
        Subquery(accepted, output_field=money), Value(ZERO), output_field=money
    )
    return invoices.annotate(paid=paid).annotate(outstanding=F("total") - F("paid"))


@dataclass
class ParkReceivables:
    park_id: int
    park_name: str
    open_count: int = 0
    overdue_count: int = 0
    outstanding: Decimal = ZERO
    buckets: dict[str, Decimal] = field(
        default_factory=lambda: dict.fromkeys(BUCKETS, ZERO)
    )


def operator_dues(operator_ids: set[int]) -> list[Due]:
    """The operators' open invoices, by park and due date, from their parks'
    figures (an operator's invoices are those of its parks: an invoice is
    issued by its park's operator)."""
    InvoiceFigures.refresh()
    rows = InvoiceFigures.objects.filter(park__operator__in=operator_ids)
    return [due for row in rows for due in row.dues(operator_ids)]


def operator_invoice_count(operator_ids: set[int], status: str = "") -> int:
    """How many invoices the operators issued (of one status, if given)."""
    InvoiceFigures.refresh()
    keys = {str(k) for k in operator_ids}
    rows = InvoiceFigures.objects.filter(park__operator__in=operator_ids)
    return sum(
        status_count(by_status, status)
        for counts in rows.values_list("counts", flat=True)
        for operator, by_status in counts.items()
        if operator in keys
    )


def receivables_by_park(
    dues: list[Due], today: date | None = None
) -> list[ParkReceivables]:
    """Open invoices (`open_dues` of a queryset, or an operator's
    `operator_dues`) by park and ageing bucket, parks by name: one query for
    the parks' names."""
    today = today or timezone.localdate()
    names = {
        pk: (name, name_zh)
        for pk, name, name_zh in Park.objects.filter(
            pk__in={d.park_id for d in dues}
        ).values_list("pk", "name", "name_zh")
    }
    parks: dict[int, ParkReceivables] = {}
    by_name = sorted(dues, key=lambda due: (names[due.park_id], due.park_id))
    for due in by_name:
        name, name_zh = names[due.park_id]
        name = (chinese_active() and name_zh) or name
        park = parks.setdefault(due.park_id, ParkReceivables(due.park_id, name))
        park.buckets[ageing_bucket(due.due_date, today)] += due.owed
        park.outstanding += due.owed
        park.open_count += due.count
        if due.due_date < today:
            park.overdue_count += due.count
    return list(parks.values())


def receivables_sum(parks: list[ParkReceivables]) -> ParkReceivables:
    """The parks' receivables added up: the table's total row."""
    total = ParkReceivables(0, _("All parks"))
    for park in parks:
        total.open_count += park.open_count
        total.overdue_count += park.overdue_count
        total.outstanding += park.outstanding
        for bucket, amount in park.buckets.items():
            total.buckets[bucket] += amount
    return total


def is_overdue(today: date) -> Q:
    """An open invoice past its due date: the one rule for the home's tile, the
    billing page and the invoice list it links to."""
    return Q(status=Invoice.Status.OPEN, due_date__lt=today)


def overdue(invoices, today: date | None = None):
    return invoices.filter(is_overdue(today or timezone.localdate()))


def receivables_totals(dues: list[Due], today: date | None = None) -> dict[str, Any]:
    """Open, overdue and outstanding over the given open invoices."""
    today = today or timezone.localdate()
    return {
        "open": sum(d.count for d in dues),
        "overdue": sum(d.count for d in dues if d.due_date < today),
        "outstanding": sum((d.owed for d in dues), ZERO),
    }


# What a row of the overdue list shows: the invoice's number and due date, its
# company's and park's names (the outstanding amount is annotated).
OVERDUE_ROW = (
    "number", "due_date", "total", "company__name", "park__name", "park__name_zh",
)  # fmt: skip


def overdue_invoices(invoices, today: date | None = None, limit: int = 50):
    today = today or timezone.localdate()
    return (
        with_outstanding(overdue(invoices, today))
        .select_related("company", "park")
        .only(*OVERDUE_ROW)
        .order_by("due_date", "id")[:limit]
    )


RECONCILIATION_DAYS = 30
RECONCILIATION_MAX_DAYS = 366


def reconciliation_period(
    since: date | None, until: date | None, today: date | None = None
) -> tuple[date, date]:
    """The reconciliation's period: the last 30 days unless given; its start
    not after its end, and at most a year long (Invalid otherwise)."""
    until = until or today or timezone.localdate()
    since = since or until - timedelta(days=RECONCILIATION_DAYS)
    if since > until:
        raise Invalid.field("until", _("The end of the period is before its start."))
    if (until - since).days > RECONCILIATION_MAX_DAYS:
        raise Invalid.field(
            "until",
            _("Choose a period of at most %(n)s days.")
            % {"n": RECONCILIATION_MAX_DAYS},
        )
    return since, until


def reconciliation(
    invoices, *, since: date, until: date | None = None
) -> dict[str, Any]:
    """Payments by method and day from `since` to `until` (inclusive), and
    Stripe events that matched no invoice."""
    payments = Payment.objects.filter(
        on_local_days("paid_at", since, until), invoice__in=invoices.values("pk")
    )
    rows = (
        payments.annotate(day=TruncDate("paid_at"))
        .values("day", "method", "status")
        .annotate(n=Count("id"), amount=Sum("amount"))
        .order_by("-day", "method", "status")
    )
    by_day: dict[date, list[dict]] = defaultdict(list)
    for row in rows:
        row["method_label"] = PaymentMethod(row["method"]).label
        row["status_label"] = Payment.Status(row["status"]).label
        by_day[row["day"]].append(row)
    unmatched = StripeEvent.objects.filter(
        Q(outcome__in=[StripeEvent.Outcome.UNMATCHED, StripeEvent.Outcome.FLAGGED])
        & (Q(invoice__isnull=True) | Q(invoice__in=invoices.values("pk")))
    ).order_by("-received_at")[:100]
    return {"by_day": sorted(by_day.items(), reverse=True), "unmatched": unmatched,
            "flagged": flagged_payments(invoices)}  # fmt: skip


def statement_review(operator_id: int, entries: list) -> list:
    """Each statement line's proposed invoice among the operator's open ones
    (three queries, whatever the number of lines); a line already recorded
    carries the invoice its payment went to."""
    open_invoices = list(
        with_outstanding(
            Invoice.objects.filter(operator_id=operator_id, status=Invoice.Status.OPEN)
        )
        .select_related("company")
        .order_by("due_date", "id")
    )
    recorded = dict(
        StatementLine.objects.filter(
            operator_id=operator_id, key__in=[e.key for e in entries]
        ).values_list("key", "payment__invoice__number")
    )
    proposals = propose(entries, open_invoices, set(recorded))
    for proposal in proposals:
        proposal.recorded_invoice = recorded.get(proposal.entry.key, "")
    return proposals


def flagged_payments(invoices) -> list[Payment]:
    """Payments waiting for review on these invoices, newest first (one query)."""
    return list(
        Payment.objects.filter(
            invoice__in=invoices.values("pk"), status=Payment.Status.FLAGGED
        )
        .select_related("invoice")
        .order_by("-paid_at")[:100]
    )


def receivables_workbook(invoices, today: date | None = None) -> bytes:
    """Open invoices with their ageing, as an .xlsx file (streamed rows)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    today = today or timezone.localdate()
    labels = bucket_labels()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Receivables"))
    sheet.append(
        [
            _("Number"), _("Park"), _("Company"), _("Kind"), _("Issued on"),
            _("Due date"), _("Total"), _("Outstanding"), _("Days overdue"), _("Ageing"),
        ]
    )  # fmt: skip
    rows = (
        with_outstanding(invoices.filter(status=Invoice.Status.OPEN))
        .select_related("park", "company")
        .order_by("park__name", "due_date", "id")
    )

    def cell(value, number_format: str) -> WriteOnlyCell:
        written = WriteOnlyCell(sheet, value=value)
        written.number_format = number_format
        return written

    for inv in rows.iterator(chunk_size=2000):
        sheet.append(
            [
                inv.number, inv.park.name, inv.company.name, inv.get_kind_display(),
                cell(inv.issue_date, XLSX_DATE), cell(inv.due_date, XLSX_DATE),
                cell(inv.total, XLSX_YUAN), cell(inv.outstanding, XLSX_YUAN),
                max((today - inv.due_date).days, 0),
                labels[ageing_bucket(inv.due_date, today)],
            ]
        )  # fmt: skip
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def invoice_pdf(invoice: Invoice) -> bytes:
    """The bilingual invoice with the park's letterhead and transfer details."""
    invoice = (
        Invoice.objects.select_related("park", "park__operator", "company", "replaces")
        .prefetch_related("payments")
        .get(pk=invoice.pk)
    )
    paid = sum(
        (
            p.amount
            for p in invoice.payments.all()
            if p.status == Payment.Status.ACCEPTED
        ),
        ZERO,
    )
    owed = invoice.total - paid
    return render_pdf(
        "billing/invoice_pdf.html",
        {
            "invoice": invoice,
            "paid": paid,
            "outstanding": owed,
            "transfer": bank_transfer().instructions(invoice, f"{owed:.2f}"),
        },
    )


def invoice_pdf_response(invoice: Invoice) -> HttpResponse:
    return pdf_response(invoice_pdf(invoice), f"{invoice.number}.pdf")
