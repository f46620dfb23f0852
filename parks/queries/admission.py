"""Admission reads: whether a park admitted a company, the SLA clock of an
application and the operator's queue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import F, QuerySet
from django.utils import timezone

from parks.models import AdmissionApplication
from parks.workdays import working_days_between


@dataclass(frozen=True)
class Clock:
    """Working days left until the decision is due (negative: overdue by)."""

    due_on: date | None
    days_left: int | None
    overdue: bool
    running: bool  # waiting on the operator (submitted), not on the tenant

    @property
    def days_overdue(self) -> int:
        return -self.days_left if self.overdue and self.days_left else 0


def admissions_granted(**filters: Any) -> QuerySet[AdmissionApplication]:
    """The admissions by which a park admitted a company (approved ones), for
    reads about several companies or parks at once; `is_admitted` asks for one."""
    return AdmissionApplication.objects.granted().filter(**filters)


def is_admitted(company: Any, park_id: int) -> bool:
    """The park admitted the company (an approved admission): what leasing or
    buying a unit, booking a service in the park, filing an operating report and
    a commitment require."""
    return admissions_granted(company=company, park_id=park_id).exists()


def sla_clock(application: AdmissionApplication, today: date | None = None) -> Clock:
    today = today or timezone.localdate()
    if application.due_on is None or not application.is_open:
        return Clock(application.due_on, None, False, False)
    days_left = working_days_between(today, application.due_on)
    return Clock(
        due_on=application.due_on,
        days_left=days_left,
        overdue=application.due_on < today,
        running=application.status == AdmissionApplication.Status.SUBMITTED,
    )


QUEUE_FILTERS = ("open", "overdue", *AdmissionApplication.Status.values)


def operator_queue(
    user: Any,
    *,
    status: str = "",
    officer_id: int | None = None,
    park_id: int | None = None,
    today: date | None = None,
) -> QuerySet[AdmissionApplication]:
    """The applications to the user's parks, oldest due first, with what a queue
    row shows joined in (a constant number of queries however many rows).

    `status` is one of the statuses, "open" (submitted or awaiting information)
    or "overdue" (open and past its due date)."""
    today = today or timezone.localdate()
    rows = AdmissionApplication.objects.of_operator(user).select_related(
        "company", "park", "officer"
    )
    if status == "open":
        rows = rows.open()
    elif status == "overdue":
        rows = rows.open().filter(due_on__lt=today)
    elif status in AdmissionApplication.Status.values:
        rows = rows.filter(status=status)
    if officer_id:
        rows = rows.filter(officer_id=officer_id)
    if park_id:
        rows = rows.filter(park_id=park_id)
    return rows.order_by(F("due_on").asc(nulls_last=True), "submitted_at", "pk")


def with_clocks(
    rows: Any, today: date | None = None
) -> list[tuple[AdmissionApplication, Clock]]:
    today = today or timezone.localdate()
    return [(row, sla_clock(row, today)) for row in rows]
