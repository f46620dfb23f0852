"""The monthly rent run: one rent invoice per lease and month, in batches.

Running it twice for a month creates nothing new: under the operator's counter
lock a batch skips the leases already invoiced for the month, and the partial
unique index on (lease, period_start, kind) is the last word — a conflicting
batch rolls back (numbers included, so no gaps) and is retried.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from decimal import Decimal
from itertools import islice
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from billing.actions.invoices import (
    ensure_billing_staff,
    format_number,
    invoice_prefix,
    payment_terms_days,
    reserve_numbers,
)
from billing.models import AutoPay, Invoice, InvoiceKind, RentRun
from billing.rent import month_bounds, rent_for_month
from core.audit import audit_record
from core.errors import Conflict, Invalid
from parks.models import Lease, Operator

log = logging.getLogger(__name__)
BATCH_SIZE = 2000
LEASE_FIELDS = (
    "id",
    "company_id",
    "unit__park_id",
    "unit__park__operator_id",
    "unit__code",
    "start_date",
    "end_date",
    "terminated_on",
    "monthly_rent",
    "rent_free_months",
    "escalation_percent",
)


def parse_period(value: str) -> date:
    """'2026-12' → date(2026, 12, 1)."""
    try:
        year, month = (int(p) for p in value.strip().split("-")[:2])
        return date(year, month, 1)
    except (ValueError, TypeError):
        raise Invalid.field("period", _("Give the month as YYYY-MM.")) from None


def billable_leases(period: date, operator_id: int | None = None):
    """Leases that held their unit for at least a day of the month."""
    first, last = month_bounds(period)
    leases = Lease.objects.filter(start_date__lte=last, end_date__gte=first).filter(
        Q(terminated_on__isnull=True) | Q(terminated_on__gte=first)
    )
    if operator_id is not None:
        leases = leases.filter(unit__park__operator_id=operator_id)
    return leases


@transaction.atomic
def rent_run_start(*, operator: Operator, period: date, actor: Any) -> RentRun:
    """The operator's button: a run record now, the work in a task after commit."""
    from billing.tasks import rent_run_task

    ensure_billing_staff(actor, operator.pk)
    period = period.replace(day=1)
    busy = RentRun.objects.filter(
        operator=operator,
        period=period,
        status__in=(RentRun.Status.PENDING, RentRun.Status.RUNNING),
    )
    if busy.exists():
        raise Conflict(_("A rent run for this month is already in progress."))
    run = RentRun.objects.create(operator=operator, period=period, started_by=actor)
    transaction.on_commit(lambda: rent_run_task.enqueue(run_id=run.pk))
    return run


def rent_run_execute(run: RentRun, *, batch_size: int = BATCH_SIZE) -> RentRun:
    """Do the run, committing batch by batch so progress shows and memory stays flat."""
    leases = billable_leases(run.period, run.operator_id)
    RentRun.objects.filter(pk=run.pk).update(
        status=RentRun.Status.RUNNING, total=leases.count(), done=0, created=0
    )
    autopay_companies = set(
        AutoPay.objects.filter(enabled=True)
        .exclude(payment_method_id="")
        .values_list("company_id", flat=True)
    )
    context = _RunContext(run.period)
    rows = (
        leases.order_by("unit__park__operator_id", "id")
        .values_list(*LEASE_FIELDS)
        .iterator(chunk_size=batch_size)
    )
    try:
        for batch in _chunks(rows, batch_size):
            created = _invoice_batch(batch, context)
            RentRun.objects.filter(pk=run.pk).update(
                done=F("done") + len(batch), created=F("created") + len(created)
            )
            charge = [i for i, company in created if company in autopay_companies]
            if charge:
                _enqueue_autopay(charge)
    except Exception as exc:  # the run must not stay "running" forever
        log.exception("rent run %s failed", run.pk)
        RentRun.objects.filter(pk=run.pk).update(
            status=RentRun.Status.FAILED,
            error=str(exc)[:2000],
            finished_at=timezone.now(),
        )
        raise
    RentRun.objects.filter(pk=run.pk).update(
        status=RentRun.Status.DONE, finished_at=timezone.now()
    )
    run.refresh_from_db()
    audit_record(
        actor=run.started_by,
        obj=run,
        action="rent_run",
        data={
            "period": f"{run.period:%Y-%m}",
            "created": run.created,
            "leases": run.total,
        },
    )
    return run


class _RunContext:
    """What stays the same for every lease of one run, looked up once."""

    def __init__(self, period: date) -> None:
        self.period = period
        self.today = timezone.localdate()
        self._prefix: dict[int, str] = {}
        self._terms: dict[int, int] = {}

    def prefix(self, operator_id: int) -> str:
        if operator_id not in self._prefix:
            self._prefix[operator_id] = invoice_prefix(operator_id)
        return self._prefix[operator_id]

    def due_date(self, operator_id: int) -> date:
        if operator_id not in self._terms:
            self._terms[operator_id] = payment_terms_days(operator_id)
        return max(self.today, self.period) + timedelta(days=self._terms[operator_id])


def _chunks(rows: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


def _rent_lines(row: tuple, period: date) -> tuple[Decimal, list[dict]] | None:
    (_id, _company, _park, _operator, unit_code, start, end, terminated_on, rent,
     free_months, escalation) = row  # fmt: skip
    month = rent_for_month(
        start=start,
        end=end,
        terminated_on=terminated_on,
        monthly_rent=rent,
        period=period,
        rent_free_months=free_months,
        escalation_percent=escalation,
    )
    if month.amount <= 0:
        return None
    label = f"{period:%Y-%m}"
    en = f"Rent {label}, unit {unit_code}"
    zh = f"{period.year}年{period.month}月租金（单元 {unit_code}）"
    if month.prorated or month.free_days:
        en += f" ({month.billable_days}/{month.days_in_month} days)"
        zh += f"（计租 {month.billable_days}/{month.days_in_month} 天）"
    amount = str(month.amount)
    line = {
        "description_en": en,
        "description_zh": zh,
        "quantity": "1",
        "unit_price": amount,
        "amount": amount,
    }
    return month.amount, [line]


def _invoice_batch(batch: list[tuple], ctx: _RunContext) -> list[tuple[int, int]]:
    """Invoice one batch; returns (invoice id, company id) of what was created."""
    charges = []
    for row in batch:
        priced = _rent_lines(row, ctx.period)
        if priced:
            charges.append((row, *priced))
    if not charges:
        return []
    for attempt in range(3):
        try:
            with transaction.atomic():
                return _insert(charges, ctx)
        except IntegrityError:
            # Another run inserted some of these meanwhile; the rollback returned
            # our numbers. Try again: the skip-check now sees its rows.
            if attempt == 2:
                raise
            log.info("rent run batch conflicted; retrying")
    return []


def _insert(charges: list[tuple], ctx: _RunContext) -> list[tuple[int, int]]:
    by_operator: dict[int, list[tuple]] = defaultdict(list)
    for charge in charges:
        by_operator[charge[0][3]].append(charge)
    created: list[tuple[int, int]] = []
    year = ctx.today.year
    for operator_id in sorted(by_operator):  # one lock order: no deadlocks
        group = by_operator[operator_id]
        numbers = reserve_numbers(operator_id=operator_id, year=year, count=0)
        done = set(
            Invoice.objects.filter(
                lease_id__in=[c[0][0] for c in group],
                period_start=ctx.period,
                kind=InvoiceKind.RENT,
            ).values_list("lease_id", flat=True)
        )
        group = [c for c in group if c[0][0] not in done]
        if not group:
            continue
        numbers = reserve_numbers(operator_id=operator_id, year=year, count=len(group))
        prefix, due = ctx.prefix(operator_id), ctx.due_date(operator_id)
        invoices = [
            Invoice(
                operator_id=operator_id,
                park_id=row[2],
                company_id=row[1],
                lease_id=row[0],
                number=format_number(prefix, year, seq),
                year=year,
                seq=seq,
                kind=InvoiceKind.RENT,
                lines=lines,
                total=amount,
                issue_date=ctx.today,
                due_date=due,
                period_start=ctx.period,
            )
            for (row, amount, lines), seq in zip(group, numbers, strict=True)
        ]
        Invoice.objects.bulk_create(invoices)
        created.extend((i.pk, i.company_id) for i in invoices)
    return created


def _enqueue_autopay(invoice_ids: list[int]) -> None:
    from billing.tasks import autopay_charge_task

    for invoice_id in invoice_ids:
        autopay_charge_task.enqueue(invoice_id=invoice_id)
