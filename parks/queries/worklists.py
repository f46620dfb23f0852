"""The operator's work lists behind the home's tiles. Each tile's figure is the
count of the very queryset its list pages through, so the two cannot disagree."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from parks.models import Lease, LeaseApplication, portfolio_counts
from parks.queries.admission import operator_queue
from parks.queries.occupancy import expiring_within

EXPIRING_DAYS = 90


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
