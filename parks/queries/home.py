"""What the portal homes show of parks: a tenant's applications and leases, an
operator's parks with their queues. A constant number of queries per user."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from parks.models import AdmissionApplication, Lease, LeaseApplication, Park, Sale
from parks.queries.inventory import parks_with_counts

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
    pending = (
        LeaseApplication.objects.of_member(user)
        .filter(status=LeaseApplication.Status.SUBMITTED)
        .count()
        + Sale.objects.of_member(user).filter(status__in=Sale.HOLDING).count()
    )
    return {
        **admissions,
        **{f"leases_{k}": v for k, v in leases.items()},
        "pending": pending,
    }


def operator_parks_summary(user: Any) -> list[Park]:
    """The user's parks, each annotated with unit counts and open work."""
    today = timezone.localdate()
    return list(
        parks_with_counts(Park.objects.operated_by(user)).annotate(
            admissions_open=Count(
                "admission_applications",
                filter=Q(admission_applications__status__in=OPEN_ADMISSION),
                distinct=True,
            ),
            admissions_overdue=Count(
                "admission_applications",
                filter=Q(
                    admission_applications__status__in=OPEN_ADMISSION,
                    admission_applications__due_on__lt=today,
                ),
                distinct=True,
            ),
            units_leased=Count(
                "units", filter=Q(units__status="leased"), distinct=True
            ),
            units_sold=Count("units", filter=Q(units__status="sold"), distinct=True),
            lease_applications_open=Count(
                "units__lease_applications",
                filter=Q(
                    units__lease_applications__status=LeaseApplication.Status.SUBMITTED
                ),
                distinct=True,
            ),
        )
    )
