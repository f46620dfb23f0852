"""What the portal homes show of parks: a tenant's applications and leases, an
operator's parks with their queues. A constant number of queries per user."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from parks.models import (
    AdmissionApplication,
    Lease,
    LeaseApplication,
    Park,
    ParkFigures,
    Sale,
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


HOME_PARKS = 10


def operator_parks_summary(user: Any) -> tuple[list[Park], int]:
    """The user's parks with the most open work first (at most HOME_PARKS of
    them: the occupancy overview pages through all), with unit counts by
    status and open work, and how many parks there are. The counts come from
    the parks' figures, the admissions (due dates) in one grouped query."""
    today = timezone.localdate()
    ParkFigures.refresh()
    parks = list(
        Park.objects.operated_by(user).select_related("figures").order_by("name", "id")
    )
    ids = [park.pk for park in parks]
    admissions = dict.fromkeys(ids, (0, 0)) | {
        row["park_id"]: (row["open"], row["overdue"])
        for row in AdmissionApplication.objects.filter(
            park__in=ids, status__in=OPEN_ADMISSION
        )
        .values("park_id")
        .annotate(open=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today)))
        .order_by()
    }
    for park in parks:
        figures = ParkFigures.of(park)
        park.units_total = figures.units_total
        park.units_vacant = figures.units_vacant
        park.units_leased = figures.units_leased
        park.units_sold = figures.units_sold
        park.admissions_open, park.admissions_overdue = admissions[park.pk]
        park.lease_applications_open = figures.applications_submitted
    busiest = sorted(
        parks, key=lambda p: -(p.admissions_open + p.lease_applications_open)
    )  # stable: equal work keeps the name order
    return busiest[:HOME_PARKS], len(parks)
