"""The SLA sources governance knows itself: admissions (parks) and concerns.
Registered in GovernanceConfig.ready; permit-agency steps join from services."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.models import Concern
from governance.sla import SlaCase, register_sla_source
from parks.models import AdmissionApplication
from services.models import CaseStep


def _day(moment) -> date | None:
    return timezone.localdate(moment) if moment else None


def admission_cases(
    park_ids: Sequence[int], start: date, end: date
) -> Iterator[tuple[int, SlaCase]]:
    rows = AdmissionApplication.objects.filter(
        park_id__in=park_ids,
        submitted_at__date__gte=start,
        submitted_at__date__lte=end,
    ).exclude(status=AdmissionApplication.Status.WITHDRAWN)
    for park_id, opened, due, closed in rows.values_list(
        "park_id", "submitted_at", "due_on", "decided_at"
    ):
        yield park_id, SlaCase(_day(opened), due, _day(closed))


def concern_cases(
    park_ids: Sequence[int], start: date, end: date
) -> Iterator[tuple[int, SlaCase]]:
    rows = Concern.objects.filter(
        commitment__park_id__in=park_ids,
        raised_at__date__gte=start,
        raised_at__date__lte=end,
    )
    for park_id, opened, due, closed in rows.values_list(
        "commitment__park_id", "raised_at", "due_on", "answered_at"
    ):
        yield park_id, SlaCase(_day(opened), due, _day(closed))


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
    for park_id, opened, due, closed in rows.values_list(
        "case__booking__park_id", "case__opened_on", "due_on", "completed_on"
    ):
        yield park_id, SlaCase(opened, due, closed)
