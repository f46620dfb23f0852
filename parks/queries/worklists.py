"""The operator's work lists behind the home's tiles. Each tile's figure is the
count of the very queryset its list pages through, so the two cannot disagree."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from core.access import sole_organisation_ids
from core.figures import status_count
from parks.models import Lease, LeaseApplication, ParkFigures
from parks.queries.admission import operator_queue
from parks.queries.occupancy import expiring_within

EXPIRING_DAYS = 90


def operator_lease_count(
    operator_ids: list[int], status: str = "", park_id: int | None = None
) -> int:
    """How many leases the operators' parks have (of one status, one park)."""
    ParkFigures.refresh()
    rows = ParkFigures.objects.filter(park__operator__in=operator_ids)
    if park_id is not None:
        rows = rows.filter(park=park_id)
    return sum(
        status_count(leases, status) for leases in rows.values_list("leases", flat=True)
    )


def portfolio_counts(user: Any, today: date, **querysets: QuerySet) -> dict[str, int]:
    """The counts of querysets over an operator's portfolio (a work list's
    rows), each counted once per change to the operator's parks: kept in the
    cache under the day and the parks' figures versions, which every change
    to a lease, an application or a unit moves. Counted directly for anyone
    who is not operator staff alone (their lists reach other parks)."""
    operators = sole_organisation_ids(user, "operator")
    if not operators:
        return {name: rows.count() for name, rows in querysets.items()}
    return ParkFigures.memo(
        f"counts:{sorted(querysets)}:{user.pk}:{operators}:{today}",
        lambda: {name: rows.count() for name, rows in querysets.items()},
        park__operator__in=operators,
    )


def expiring_leases(
    user: Any,
    *,
    within_days: int = EXPIRING_DAYS,
    park_id: int | None = None,
    today: date | None = None,
) -> QuerySet[Lease]:
    """Active leases of the operator's parks ending within the next days."""
    today = today or timezone.localdate()
    rows = Lease.objects.of_operator(user).filter(expiring_within(within_days, today))
    if park_id:
        rows = rows.filter(unit__park_id=park_id)
    return rows.order_by("end_date", "pk")


def lease_applications(user: Any, *, status: str = "") -> QuerySet[LeaseApplication]:
    rows = LeaseApplication.objects.visible_to(user)
    if status in LeaseApplication.Status.values:
        rows = rows.filter(status=status)
    return rows.order_by("-created_at", "-id")


def operator_tiles(user: Any) -> dict[str, int]:
    """The figures of the operator home's tiles (a constant number of queries)."""
    today = timezone.localdate()
    # The queue's "overdue" is its "open" past the due date: one query for both.
    admissions = operator_queue(user, status="open", today=today).aggregate(
        open=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today))
    )
    counts = portfolio_counts(
        user,
        today,
        expiring=expiring_leases(user, today=today),
        applications=lease_applications(user, status=LeaseApplication.Status.SUBMITTED),
    )
    return {
        "expiring_days": EXPIRING_DAYS,
        "admissions_open": admissions["open"],
        "admissions_overdue": admissions["overdue"],
        **counts,
    }
