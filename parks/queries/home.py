"""What the portal homes show of parks: a tenant's applications and leases, an
operator's parks with their queues. A constant number of queries per user."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, F, Q
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
    the parks' kept figures; the overdue admissions (a due date) of the parks
    shown in one grouped query."""
    today = timezone.localdate()
    ParkFigures.refresh()
    operated = Park.objects.operated_by(user)
    parks = list(
        operated.select_related("figures")
        .annotate(
            work=F("figures__admissions_open") + F("figures__applications_submitted")
        )
        .order_by("-work", "name", "id")[:HOME_PARKS]
    )
    overdue = dict(
        AdmissionApplication.objects.filter(park__in=parks, due_on__lt=today)
        .open()
        .values_list("park_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for park in parks:
        figures = ParkFigures.of(park)
        park.units_total = figures.units_total
        park.units_vacant = figures.units_vacant
        park.units_leased = figures.units_leased
        park.units_sold = figures.units_sold
        park.admissions_open = figures.admissions_open
        park.admissions_overdue = overdue.get(park.pk, 0)
        park.lease_applications_open = figures.applications_submitted
    return parks, (operated.count() if len(parks) == HOME_PARKS else len(parks))
