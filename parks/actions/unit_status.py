"""A unit's status, derived from its leases and sales.

`unit_refresh_status` is the only code that writes `Unit.status`: every action
that changes a lease or a sale calls it, so the status never drifts from the rows.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from parks.models import (
    Lease,
    ParkFigures,
    Sale,
    Unit,
    UnitStatus,
)


def unit_derive_status(unit: Unit, *, today: date | None = None) -> str:
    """sold (a completed sale) > leased (an active lease covering today) >
    reserved (an approved lease not yet ended, or a submitted/approved sale) >
    vacant."""
    today = today or timezone.localdate()
    if unit.sales.filter(status=Sale.Status.COMPLETED).exists():
        return UnitStatus.SOLD
    leases = unit.leases.filter(status__in=Lease.HOLDING, end_date__gte=today)
    if leases.filter(
        status=Lease.Status.ACTIVE, start_date__lte=today, end_date__gte=today
    ).exists():
        return UnitStatus.LEASED
    if (
        leases.filter(status=Lease.Status.APPROVED).exists()
        or unit.sales.filter(status__in=Sale.HOLDING).exists()
    ):
        return UnitStatus.RESERVED
    return UnitStatus.VACANT


def unit_refresh_status(unit: Unit, *, today: date | None = None) -> str:
    """Recompute and store the unit's status from its leases and sales."""
    status = unit_derive_status(unit, today=today)
    if status != unit.status:
        Unit.objects.filter(pk=unit.pk).update(status=status)
        ParkFigures.mark_stale([unit.park_id])  # an update sends no signal
        unit.status = status
    return status
