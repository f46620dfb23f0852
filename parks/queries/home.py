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
    Sale,
    Unit,
    UnitStatus,
)
from parks.queries.inventory import count_per_park, parks_with_counts

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
    """The user's parks, each annotated with unit counts and open work."""
    today = timezone.localdate()
    admissions_open = AdmissionApplication.objects.filter(status__in=OPEN_ADMISSION)
    return list(
        parks_with_counts(Park.objects.operated_by(user)).annotate(
            admissions_open=count_per_park(admissions_open),
            admissions_overdue=count_per_park(admissions_open.filter(due_on__lt=today)),
            units_leased=count_per_park(Unit.objects.filter(status=UnitStatus.LEASED)),
            units_sold=count_per_park(Unit.objects.filter(status=UnitStatus.SOLD)),
            lease_applications_open=count_per_park(
                LeaseApplication.objects.filter(
                    status=LeaseApplication.Status.SUBMITTED
                ),
                "unit__park",
            ),
        )
    )
