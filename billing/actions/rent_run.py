"""The monthly rent run: one rent invoice per lease month that begins in the
run's calendar month (the rule and the amounts come from parks.rent), in batches.

The preview and the run share one plan (`_plan` and `_invoiced`): what a
preview counts is what the run issues, unless something changed in between —
and then the run, which plans again under the counter lock, is the one right.

Running it twice for a month creates nothing new: under the operator's counter
lock a batch skips the lease months already invoiced, and the partial unique
index on (lease, period_start, kind) is the last word — a conflicting batch
rolls back (numbers included, so no gaps) and is retried.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from itertools import islice
from typing import Any, NamedTuple

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from billing import hooks
from billing.access import ensure_billing_staff
from billing.actions.invoices import (
    Line,
    format_number,
    invoice_issue,
    invoice_prefix,
    lock_counter,
    payment_terms_days,
    reserve_numbers,
    void_locked,
)
from billing.models import (
    AutoPay,
    Invoice,
    InvoiceFigures,
    InvoiceKind,
    RentRun,
)
from core.audit import audit_record
from core.dates import month_bounds
from core.errors import Conflict, Invalid
from parks.models import Lease, Operator
from parks.rent import (
    RentPeriod,
    RentTerms,
    corrections,
    due_between,
    lease_months,
    months_between,
)

log = logging.getLogger(__name__)
BATCH_SIZE = 2000


class LeaseRow(NamedTuple):
    """The columns of a lease the run reads, in LEASE_FIELDS order."""

    id: int
    company_id: int
    park_id: int
    operator_id: int
    unit_code: str
    start_date: date
    end_date: date
    terminated_on: date | None
    monthly_rent: Decimal
    rent_free_months: int
    escalation_percent: Decimal
    rent_discount_percent: Decimal


# Who is invoiced, then the columns of the rent calculation (RentTerms.FIELDS).
LEASE_FIELDS = (
    "id",
    "company_id",
    "unit__park_id",
    "unit__park__operator_id",
    "unit__code",
    *RentTerms.FIELDS,
)


class Charge(NamedTuple):
    lease: LeaseRow
    period: RentPeriod
    lines: list[dict]


# Why a billable lease gets no invoice from a run (the preview's exceptions).
SKIP_REASONS = {
    "invoiced": gettext_lazy("Already invoiced for this month"),
    "rent_free": gettext_lazy("Rent-free month"),
    "no_rent": gettext_lazy("No monthly rent on the lease"),
    "ended": gettext_lazy("The lease ends before its next lease month"),
    "no_month": gettext_lazy("No lease month begins this month"),
}


class Skip(NamedTuple):
    lease_id: int
    unit_code: str
    reason: str

    @property
    def reason_label(self) -> str:
        return str(SKIP_REASONS[self.reason])


@dataclass
class RentRunPlan:
    """What a run for the month would issue now: count, total and exceptions."""

    period: date
    count: int = 0
    total: Decimal = Decimal("0.00")
    skipped: int = 0
    by_reason: dict[str, int] = field(default_factory=dict)
    exceptions: list[Skip] = field(default_factory=list)  # the first few
    companies: dict[int, str] = field(default_factory=dict)  # lease id → name

    EXCEPTIONS_SHOWN = 100

    def reasons(self) -> list[tuple[str, str, int]]:
        return [(k, str(SKIP_REASONS[k]), n) for k, n in self.by_reason.items()]


def parse_period(value: str) -> date:
    """'2026-12' → date(2026, 12, 1)."""
    try:
        year, month = (int(p) for p in value.strip().split("-")[:2])
        return date(year, month, 1)
    except (ValueError, TypeError):
        raise Invalid.field("period", _("Give the month as YYYY-MM.")) from None


def billable_leases(period: date, operator_id: int | None = None):
    """Leases that may have a lease month beginning in the calendar month."""
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
    transaction.on_commit(lambda: hooks.rent_run_started.fire(run_id=run.pk))
    return run


def rent_run_execute(run: RentRun, *, batch_size: int = BATCH_SIZE) -> RentRun:
    """Do the run, committing batch by batch so progress shows and memory stays flat."""
    leases = billable_leases(run.period, run.operator_id)
    with transaction.atomic():
        run = RentRun.objects.select_for_update().get(pk=run.pk)
        run.transition(to=RentRun.Status.RUNNING, actor=run.started_by)  # once
        RentRun.objects.filter(pk=run.pk).update(total=leases.count())
    autopay_companies = set(
        AutoPay.objects.filter(enabled=True)
        .exclude(payment_method_id="")
        .values_list("company_id", flat=True)
    )
    context = _RunContext(run.period)
    try:
        for batch in _lease_rows(leases, batch_size):
            created = _invoice_batch(batch, context)
            RentRun.objects.filter(pk=run.pk).update(
                done=F("done") + len(batch), created=F("created") + len(created)
            )
            charge = [i for i, company in created if company in autopay_companies]
            if charge:
                _enqueue_autopay(charge)
    except Exception as exc:  # the run must not stay "running" forever
        log.exception("rent run %s failed", run.pk)
        _finish(run, RentRun.Status.FAILED, error=str(exc)[:2000])
        raise
    _finish(run, RentRun.Status.DONE)
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


@transaction.atomic
def _finish(run: RentRun, status: str, *, error: str = "") -> None:
    """The run's last move; its counters, kept by row updates, stay as they are."""
    run.error, run.finished_at = error, timezone.now()
    run.transition(to=status, actor=run.started_by, note=error, save=False)
    run.save(update_fields=["status", "error", "finished_at"])


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


def _zh_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def rent_line(unit_code: str, period: RentPeriod) -> dict:
    """The invoice line of one lease month, in both languages."""
    span = f"{period.start:%Y-%m-%d} – {period.end:%Y-%m-%d}"
    en = f"Rent {span}, unit {unit_code}"
    zh_span = f"{_zh_date(period.start)}至{_zh_date(period.end)}"
    zh = f"{zh_span}租金（单元 {unit_code}）"
    if period.prorated:
        en += f" ({period.days}/{period.full_days} days)"
        zh += f"（计租 {period.days}/{period.full_days} 天）"
    amount = str(period.amount)
    return {
        "description_en": en,
        "description_zh": zh,
        "quantity": "1",
        "unit_price": amount,
        "amount": amount,
    }


def _skip_reason(terms: RentTerms, first: date, last: date) -> str:
    months = months_between(terms, first, last)
    if any(p.rent_free for p in months):
        return "rent_free"
    if months or terms.monthly_rent <= 0:
        return "no_rent"
    return "ended" if terms.end <= last else "no_month"


def _plan(batch: list[LeaseRow], first: date, last: date) -> tuple[list, list]:
    """The charges of a batch for the month, and the leases with none (and why)."""
    charges: list[Charge] = []
    skips: list[Skip] = []
    for row in batch:
        terms = RentTerms.of_values(**row._asdict())
        due = due_between(terms, first, last)
        charges.extend(Charge(row, p, [rent_line(row.unit_code, p)]) for p in due)
        if not due:
            skips.append(Skip(row.id, row.unit_code, _skip_reason(terms, first, last)))
    return charges, skips


def _invoiced(charges: list[Charge]) -> set[tuple[int, date]]:
    """(lease, lease month) of these charges that already have a rent invoice."""
    return set(
        Invoice.objects.filter(
            lease_id__in={c.lease.id for c in charges},
            period_start__in={c.period.start for c in charges},
            kind=InvoiceKind.RENT,
        )
        .exclude(status=Invoice.Status.VOID)
        .values_list("lease_id", "period_start")
    )


def _lease_rows(leases, batch_size: int) -> Iterator[list[LeaseRow]]:
    rows = (
        leases.order_by("unit__park__operator_id", "id")
        .values_list(*LEASE_FIELDS)
        .iterator(chunk_size=batch_size)
    )
    return _chunks((LeaseRow(*row) for row in rows), batch_size)


def rent_run_preview(
    *, operator: Operator, period: date, actor: Any, batch_size: int = BATCH_SIZE
) -> RentRunPlan:
    """What confirming a run for the month would issue now (nothing is written)."""
    ensure_billing_staff(actor, operator.pk)
    plan = RentRunPlan(period.replace(day=1))
    first, last = month_bounds(plan.period)
    reasons: Counter[str] = Counter()
    leases = billable_leases(plan.period, operator.pk)
    for batch in _lease_rows(leases, batch_size):
        charges, skips = _plan(batch, first, last)
        done = _invoiced(charges) if charges else set()
        for charge in charges:
            if (charge.lease.id, charge.period.start) in done:
                skips.append(Skip(charge.lease.id, charge.lease.unit_code, "invoiced"))
            else:
                plan.count += 1
                plan.total += charge.period.amount
        reasons.update(skip.reason for skip in skips)
        room = plan.EXCEPTIONS_SHOWN - len(plan.exceptions)
        plan.exceptions.extend(skips[: max(room, 0)])
    plan.by_reason = dict(reasons.most_common())
    plan.skipped = sum(reasons.values())
    plan.companies = dict(
        Lease.objects.filter(pk__in=[s.lease_id for s in plan.exceptions]).values_list(
            "pk", "company__name"
        )
    )
    return plan


def _invoice_batch(batch: list[LeaseRow], ctx: _RunContext) -> list[tuple[int, int]]:
    """Invoice one batch; returns (invoice id, company id) of what was created."""
    first, last = month_bounds(ctx.period)
    charges, _skips = _plan(batch, first, last)
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


def _insert(charges: list[Charge], ctx: _RunContext) -> list[tuple[int, int]]:
    by_operator: dict[int, list[Charge]] = defaultdict(list)
    for charge in charges:
        by_operator[charge.lease.operator_id].append(charge)
    created: list[tuple[int, int]] = []
    year = ctx.today.year
    for operator_id in sorted(by_operator):  # one lock order: no deadlocks
        lock_counter(operator_id=operator_id, year=year)
        group = by_operator[operator_id]
        done = _invoiced(group)
        group = [c for c in group if (c.lease.id, c.period.start) not in done]
        if not group:
            continue
        numbers = reserve_numbers(operator_id=operator_id, year=year, count=len(group))
        prefix, due = ctx.prefix(operator_id), ctx.due_date(operator_id)
        invoices = [
            Invoice(
                operator_id=operator_id,
                park_id=charge.lease.park_id,
                company_id=charge.lease.company_id,
                lease_id=charge.lease.id,
                number=format_number(prefix, year, seq),
                year=year,
                seq=seq,
                kind=InvoiceKind.RENT,
                lines=charge.lines,
                total=charge.period.amount,
                issue_date=ctx.today,
                due_date=due,
                period_start=charge.period.start,
            )
            for charge, seq in zip(group, numbers, strict=True)
        ]
        Invoice.objects.bulk_create(invoices)
        InvoiceFigures.mark_stale({i.park_id for i in invoices})  # no signal
        created.extend((i.pk, i.company_id) for i in invoices)
    return created


def _enqueue_autopay(invoice_ids: list[int]) -> None:
    for invoice_id in invoice_ids:
        hooks.autopay_due.fire(invoice_id=invoice_id)


def rent_true_up(*, lease: Lease, actor: Any) -> list[Invoice]:
    """The `lease_shortened` handler: bring what was invoiced for each lease month
    back to what the one rent calculation says is due now. An unpaid invoice is
    voided and, where rent is still due, reissued for the new amount; a paid
    one keeps its number and gets a credit note for the difference."""
    invoices = list(
        Invoice.objects.select_for_update()
        .filter(lease=lease, kind__in=(InvoiceKind.RENT, InvoiceKind.CREDIT))
        .exclude(status=Invoice.Status.VOID)
        .order_by("period_start", "id")
    )
    invoiced: dict[date, Decimal] = defaultdict(Decimal)
    rent_invoice: dict[date, Invoice] = {}
    credit_note: dict[date, Invoice] = {}
    for invoice in invoices:
        invoiced[invoice.period_start] += invoice.total
        by_kind = rent_invoice if invoice.kind == InvoiceKind.RENT else credit_note
        by_kind[invoice.period_start] = invoice
    terms = RentTerms.of(lease)
    due = {p.start: p for p in lease_months(terms)}
    reason = _("The lease now ends on %(day)s.") % {"day": terms.end.isoformat()}
    issued: list[Invoice] = []
    for start, delta in sorted(corrections(terms, invoiced).items()):
        original = rent_invoice.get(start)
        unpaid = (
            original is not None
            and invoiced[start] == original.total
            and not original.accepted_payments().exists()
        )
        if unpaid:
            void_locked(invoice=original, actor=actor, reason=reason)
            period = due.get(start)
            if period is not None and period.amount > 0:
                issued.append(_reissue(original, period, lease, actor, reason))
            continue
        # One credit note per lease month: a later correction replaces it.
        previous = credit_note.get(start)
        if previous is not None:
            void_locked(invoice=previous, actor=actor, reason=reason)
            delta += previous.total
        if delta:
            issued.append(_credit(lease, start, delta, actor, reason, previous))
    return issued


def _reissue(
    original: Invoice, period: RentPeriod, lease: Lease, actor: Any, reason: str
) -> Invoice:
    return invoice_issue(
        company=original.company,
        park=original.park,
        kind=InvoiceKind.RENT,
        lines=[Line.from_json(rent_line(lease.unit.code, period))],
        actor=actor,
        due_date=max(original.due_date, timezone.localdate()),
        lease=lease,
        period_start=period.start,
        replaces=original,
        note=reason,
    )


def _credit(
    lease: Lease,
    start: date,
    delta: Decimal,
    actor: Any,
    reason: str,
    previous: Invoice | None,
) -> Invoice:
    """A credit note for a lease month already paid: negative when the tenant
    is owed money back (a shortening only ever lowers what is due)."""
    unit = lease.unit.code
    en = f"Rent correction, lease month from {start:%Y-%m-%d}, unit {unit}"
    zh = f"{_zh_date(start)}起计租月租金冲减（单元 {unit}）"
    return invoice_issue(
        company=lease.company,
        park=lease.unit.park,
        kind=InvoiceKind.CREDIT,
        lines=[Line(en, zh, Decimal("1"), delta)],
        actor=actor,
        lease=lease,
        period_start=start,
        replaces=previous,
        note=reason,
    )
