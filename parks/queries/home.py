"""What the portal homes show of parks: a tenant's applications and leases, an
operator's parks with their queues. A constant number of queries per user."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from parks.models import (
    AdmissionApplication,
    Lease,
    LeaseApplication,
    Park,
    Sale,
    Unit,
    UnitStatus,
)

OPEN_ADMISSION = (
    AdmissionApplication.Status.SUBMITTED,
    AdmissionApplication.Status.INFO_REQUESTED,
)


def tenant_parks_summary(user: Any) -> dict[str, int]:
    admissions = AdmissionApplication.objects.of_member(user).aggregate(
        approved=Count("pk", filter=Q(status=AdmissionApplication.Status.APPROVED)),
        open=Count("pk", filter=Q(status__in=OPEN_ADMISSION)),
        info=Count("pk", filter=Q(status=AdmissionApplication.Status.INFO_REQUESTED)),
        drafts=Count("pk", filter=Q(status=AdmissionApplication.Status.DRAFT)),
    )
    leases = Lease.objects.of_member(user).aggregate(
        active=Count("pk", filter=Q(status=Lease.Status.ACTIVE)),
        upcoming=Count("pk", filter=Q(status=Lease.Status.APPROVED)),
    )
    # Applications and sales waiting on the operator, counted in one query.
    pending = (
        LeaseApplication.objects.of_member(user)
        .filter(status=LeaseApplication.Status.SUBMITTED)
        .values("pk")
        .union(
            Sale.objects.of_member(user).filter(status__in=Sale.HOLDING).values("pk"),
            all=True,
        )
        .count()
    )
    return {
        **admissions,
        **{f"leases_{k}": v for k, v in leases.items()},
        "pending": pending,
    }


def operator_parks_summary(user: Any) -> list[Park]:
    """The user's parks with unit counts by status and open work: one grouped
    query per kind of row over all the parks (a per-park subquery through units
    to their applications cost milliseconds per park)."""
    today = timezone.localdate()
    parks = list(Park.objects.operated_by(user).order_by("name", "id"))
    ids = [park.pk for park in parks]
    units: dict[int, dict[str, int]] = defaultdict(dict)
    for park_id, status, n in (
        Unit.objects.filter(park__in=ids)
        .values_list("park_id", "status")
        .annotate(n=Count("*"))
        .order_by()
    ):
        units[park_id][status] = n
    admissions = dict.fromkeys(ids, (0, 0)) | {
        row["park_id"]: (row["open"], row["overdue"])
        for row in AdmissionApplication.objects.filter(
            park__in=ids, status__in=OPEN_ADMISSION
        )
        .values("park_id")
        .annotate(open=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today)))
        .order_by()
    }
    applications = dict(
        LeaseApplication.objects.filter(
            unit__park__in=ids, status=LeaseApplication.Status.SUBMITTED
        )
        .values_list("unit__park_id")
        .annotate(n=Count("*"))
        .order_by()
    )
    for park in parks:
        counts = units[park.pk]
        park.units_total = sum(counts.values())
        park.units_vacant = counts.get(UnitStatus.VACANT, 0)
        park.units_leased = counts.get(UnitStatus.LEASED, 0)
        park.units_sold = counts.get(UnitStatus.SOLD, 0)
        park.admissions_open, park.admissions_overdue = admissions[park.pk]
        park.lease_applications_open = applications.get(park.pk, 0)
    return parks
