"""Who else may read a company or a document: the operators it does business with.

Registered with tenants in ParksConfig.ready. An operator sees a company once it
has sent an admission application (not a draft) to one of the operator's parks,
or has a lease application, lease or sale on a unit there; and it sees the
documents attached to such admission applications.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from parks.models import AdmissionApplication, Lease, LeaseApplication, Park, Sale


def _parks(user: Any):
    return Park.objects.operated_by(user).values("pk")


def _sent_admissions(user: Any):
    return AdmissionApplication.objects.filter(park__in=_parks(user)).exclude(
        status=AdmissionApplication.Status.DRAFT
    )


def documents_of_sent_admissions() -> Q:
    """Documents attached to an admission an operator received: evidence."""
    through = AdmissionApplication.attachments.through
    return Q(
        pk__in=through.objects.exclude(
            admissionapplication__status=AdmissionApplication.Status.DRAFT
        ).values("document_id")
    )


def companies_in_operated_parks(user: Any) -> Q:
    units_q = {"unit__park__in": _parks(user)}
    return (
        Q(pk__in=_sent_admissions(user).values("company_id"))
        | Q(pk__in=LeaseApplication.objects.filter(**units_q).values("company_id"))
        | Q(pk__in=Lease.objects.filter(**units_q).values("company_id"))
        | Q(pk__in=Sale.objects.filter(**units_q).values("company_id"))
    )


def documents_of_admissions(user: Any) -> Q:
    through = AdmissionApplication.attachments.through
    return Q(
        pk__in=through.objects.filter(
            admissionapplication__in=_sent_admissions(user).values("pk")
        ).values("document_id")
    )
