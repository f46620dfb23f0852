"""The life of a lease after approval: activate, renew, terminate, expire."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_created, audit_record
from core.errors import Conflict, Invalid
from core.limits import clean_value, parse_decimal
from core.models import User
from core.transitions import ensure_allowed
from parks import hooks
from parks.actions.leasing import (
    check_start,
    check_term,
    lease_terms,
    lock_deal_as_manager,
    new_lease,
    save_lease,
)
from parks.actions.unit_status import unit_refresh_status
from parks.models import Lease, Unit


@transaction.atomic
def lease_activate(*, lease: Lease, actor: User, note: str = "") -> Lease:
    """Hand the unit over: the lease becomes active from its start date."""
    lease = lock_deal_as_manager(lease, actor)
    today = timezone.localdate()
    if lease.status == Lease.Status.APPROVED and lease.start_date > today:
        raise Conflict(
            _("This lease starts on %(date)s; activate it from that day.")
            % {"date": lease.start_date.isoformat()},
            code="lease_not_started",
        )
    if lease.status == Lease.Status.APPROVED and lease.end_date < today:
        raise Conflict(_("This lease has already ended."), code="lease_ended")
    ensure_allowed(lease, "activate", actor)
    lease.transition(to=Lease.Status.ACTIVE, actor=actor, note=note, save=False)
    lease.activated_on = today
    lease.save(update_fields=["status", "activated_on", "updated_at"])
    unit_refresh_status(lease.unit)
    return lease


@transaction.atomic
def lease_renew(
    *,
    lease: Lease,
    actor: User,
    term_months: int,
    rent_per_m2: Decimal | None = None,
    start_date: date | None = None,
    rent_free_months: int = 0,
    escalation_percent: Decimal | None = None,
    note: str = "",
) -> Lease:
    """A new lease for the same company and unit, linked to this one by
    `previous`; this one ends the day before the renewal starts."""
    lease = lock_deal_as_manager(lease, actor)
    if not lease.is_holding:
        raise Conflict(
            _("Only an approved or active lease can be renewed."),
            code="lease_not_renewable",
        )
    if Lease.objects.filter(previous=lease).exists():
        raise Conflict(_("This lease has already been renewed."), code="renewed")
    if lease.terminated_on:
        raise Conflict(_("This lease is being terminated."), code="lease_not_renewable")
    if lease.end_date < timezone.localdate():
        raise Conflict(
            _("This lease's term is over: sign a new lease instead of a renewal."),
            code="lease_ended",
        )
    ensure_allowed(lease, "renew", actor)
    check_term(term_months)
    start = start_date or lease.end_date + timedelta(days=1)
    if not lease.start_date < start <= lease.end_date + timedelta(days=1):
        raise Invalid.field(
            "start_date",
            _(
                "A renewal starts after this lease starts and at the latest "
                "the day after it ends."
            ),
        )
    if start_date is not None:
        check_start(start)
    rate = parse_decimal(
        lease.rent_per_m2 if rent_per_m2 is None else rent_per_m2, "rent_per_m2"
    )
    free, escalation = lease_terms(
        rent_free_months,
        lease.escalation_percent if escalation_percent is None else escalation_percent,
    )
    renewal = new_lease(  # checked against the lease's limits before anything moves
        unit=lease.unit,
        company=lease.company,
        start=start,
        term_months=term_months,
        rent_per_m2=rate,
        rent_free_months=free,
        escalation_percent=escalation,
        previous=lease,
    )
    if start <= lease.end_date:
        old_end = lease.end_date
        lease.end_date = start - timedelta(days=1)
        lease.save(update_fields=["end_date", "updated_at"])
        audit_record(
            actor=actor,
            obj=lease,
            action="lease_end_moved",
            data={"from": old_end.isoformat(), "to": lease.end_date.isoformat()},
        )
        hooks.lease_shortened.fire(lease=lease, actor=actor)
    renewal = save_lease(renewal)
    audit_record(
        actor=actor,
        obj=lease,
        action="lease_renewed",
        note=note,
        data={"renewal_id": renewal.pk},
    )
    audit_created(
        renewal,
        actor=actor,
        action="lease_created",
        note=note,
        data={"previous_id": lease.pk},
    )
    unit_refresh_status(lease.unit)
    return renewal


@transaction.atomic
def lease_terminate(*, lease: Lease, actor: User, on: date, reason: str) -> Lease:
    """End a lease early. `on` is the last day the tenant holds the unit: in the
    past it ends now; in the future the lease runs until then and the daily
    expiry run closes it as terminated."""
    lease = lock_deal_as_manager(lease, actor)
    reason = clean_value(
        Lease, "termination_reason", (reason or "").strip(), field="reason"
    )
    if not reason:
        raise Invalid.field("reason", _("Say why the lease is terminated."))
    if not lease.is_holding:
        raise Conflict(_("This lease has already ended."), code="lease_ended")
    if Lease.objects.filter(previous=lease, status__in=Lease.HOLDING).exists():
        raise Conflict(
            _("Terminate the renewal of this lease first."), code="lease_renewed"
        )
    if not isinstance(on, date):
        raise Invalid.field("on", _("Enter the termination date."))
    ensure_allowed(lease, "terminate", actor)
    today = timezone.localdate()
    lease.termination_reason = reason
    lease.terminated_on = on
    if lease.status == Lease.Status.APPROVED:
        # Not handed over yet: a cancellation, effective at once.
        lease.save(update_fields=["termination_reason", "terminated_on", "updated_at"])
        lease.transition(to=Lease.Status.TERMINATED, actor=actor, note=reason)
    else:
        if not lease.start_date <= on <= lease.end_date:
            raise Invalid.field(
                "on",
                _("Choose a date from %(start)s to %(end)s.")
                % {
                    "start": lease.start_date.isoformat(),
                    "end": lease.end_date.isoformat(),
                },
            )
        old_end = lease.end_date
        lease.end_date = on
        lease.save(
            update_fields=[
                "termination_reason",
                "terminated_on",
                "end_date",
                "updated_at",
            ]
        )
        if on < today:
            lease.transition(to=Lease.Status.TERMINATED, actor=actor, note=reason)
        else:
            audit_record(
                actor=actor,
                obj=lease,
                action="lease_termination_scheduled",
                note=reason,
                data={"on": on.isoformat(), "end_was": old_end.isoformat()},
            )
    hooks.lease_shortened.fire(lease=lease, actor=actor)
    unit_refresh_status(lease.unit)
    return lease


@transaction.atomic
def leases_expire(*, today: date | None = None, actor: User | None = None) -> dict:
    """The daily run: close leases past their end (expired, or terminated when a
    termination was scheduled), cancel approved leases never handed over, and
    start renewals whose first day has come. Returns counts."""
    today = today or timezone.localdate()
    counts = {"expired": 0, "terminated": 0, "renewals_started": 0}
    touched: dict[int, Unit] = {}
    ended = (
        Lease.objects.select_for_update()
        .select_related("unit")
        .filter(status__in=Lease.HOLDING, end_date__lt=today)
    )
    for lease in ended:
        if lease.status == Lease.Status.ACTIVE and not lease.terminated_on:
            lease.transition(to=Lease.Status.EXPIRED, actor=actor, note="end of term")
            counts["expired"] += 1
        else:
            lease.transition(
                to=Lease.Status.TERMINATED,
                actor=actor,
                note=lease.termination_reason or "never activated",
            )
            counts["terminated"] += 1
        touched[lease.unit_id] = lease.unit
    renewals = (
        Lease.objects.select_for_update()
        .select_related("unit")
        .filter(
            status=Lease.Status.APPROVED,
            previous__isnull=False,
            start_date__lte=today,
            end_date__gte=today,
        )
    )
    for lease in renewals:
        lease.transition(
            to=Lease.Status.ACTIVE, actor=actor, note="renewal started", save=False
        )
        lease.activated_on = today
        lease.save(update_fields=["status", "activated_on", "updated_at"])
        counts["renewals_started"] += 1
        touched[lease.unit_id] = lease.unit
    for unit in touched.values():
        unit_refresh_status(unit, today=today)
    return counts
