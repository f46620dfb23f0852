"""A unit's status, derived from its leases and sales; and who may act on a park.

`unit_refresh_status` is the only code that writes `Unit.status`: every action
that changes a lease or a sale calls it, so the status never drifts from the rows.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import NotAllowed, NotFound
from parks.models import (
    Lease,
    OperatorRole,
    OperatorStaff,
    Park,
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


def ensure_park_role(
    actor: Any, park: Park, roles: tuple[str, ...] = (OperatorRole.MANAGER,)
) -> str:
    """The actor's role at the park's operator: NotFound when they are not its
    staff (the park's rows are not theirs to see), NotAllowed without `roles`."""
    role = (
        OperatorStaff.objects.filter(user=actor, operator_id=park.operator_id)
        .values_list("role", flat=True)
        .first()
        if getattr(actor, "is_authenticated", False)
        else None
    )
    if role is None:
        raise NotFound(_("Not found."))
    if role not in roles:
        raise NotAllowed(_("Only the park's managers may do this."))
    return role


def is_park_manager(user: Any, park: Park) -> bool:
    try:
        ensure_park_role(user, park)
    except (NotFound, NotAllowed):
        return False
    return True
