"""The SLA sources governance knows itself: admissions (parks) and concerns.
Registered in GovernanceConfig.ready; permit-agency steps join from services."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.dates import on_local_days
from governance.models import Concern
from governance.sla import SlaCase, register_sla_source
from parks.models import AdmissionApplication
from services.models import CaseStep


def _day(value: date | datetime | None) -> date | None:
    """A moment's local day; a day as it is."""
    return timezone.localdate(value) if isinstance(value, datetime) else value


def cases(
    rows: QuerySet, park: str, opened: str, due: str, closed: str
) -> Iterator[tuple[int, SlaCase]]:
    """(park id, case) of each row, from the columns named."""
    # Unordered: the summaries count and take a median.
    for park_id, *days in rows.order_by().values_list(park, opened, due, closed):
        yield park_id, SlaCase(*map(_day, days))


def admission_cases(
    park_ids: Sequence[int], start: date, end: date
) -> Iterator[tuple[int, SlaCase]]:
    rows = AdmissionApplication.objects.filter(
        on_local_days("submitted_at", start, end), park_id__in=park_ids
    ).exclude(status=AdmissionApplication.Status.WITHDRAWN)
    return cases(rows, "park_id", "submitted_at", "due_on", "decided_at")


def concern_cases(
    park_ids: Sequence[int], start: date, end: date
) -> Iterator[tuple[int, SlaCase]]:
    rows = Concern.objects.filter(
        on_local_days("raised_at", start, end), commitment__park_id__in=park_ids
    )
    return cases(rows, "commitment__park_id", "raised_at", "due_on", "answered_at")


def register() -> None:
    register_sla_source("admissions", _("Admission decisions"), admission_cases)
    register_sla_source("concerns", _("Answers to concerns"), concern_cases)
    register_sla_source("permit_steps", _("Permit-agency steps"), permit_step_cases)


def permit_step_cases(
    park_ids: Sequence[int], start: date, end: date
) -> Iterator[tuple[int, SlaCase]]:
    """Permit-agency steps (services) of cases opened in the period in these
    parks: each step is a case of its own with its working-day due date."""
    rows = CaseStep.objects.filter(
        case__booking__park_id__in=park_ids,
        case__opened_on__gte=start,
        case__opened_on__lte=end,
    )
    return cases(
        rows, "case__booking__park_id", "case__opened_on", "due_on", "completed_on"
    )
