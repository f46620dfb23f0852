"""The SLA sources governance knows itself: admissions (parks) and concerns.
Registered in GovernanceConfig.ready; permit-agency steps join from services."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.models import Concern
from governance.sla import SlaCase, register_sla_source
from parks.models import AdmissionApplication, Park
from services.models import CaseStep


def _day(moment) -> date | None:
    return timezone.localdate(moment) if moment else None


def admission_cases(park: Park, start: date, end: date) -> list[SlaCase]:
    rows = AdmissionApplication.objects.filter(
        park=park,
        submitted_at__date__gte=start,
        submitted_at__date__lte=end,
    ).exclude(status=AdmissionApplication.Status.WITHDRAWN)
    return [
        SlaCase(
            opened_on=_day(a.submitted_at),
            due_on=a.due_on,
            closed_on=_day(a.decided_at),
        )
        for a in rows.only("submitted_at", "due_on", "decided_at")
    ]


def concern_cases(park: Park, start: date, end: date) -> list[SlaCase]:
    rows = Concern.objects.filter(
        commitment__park=park, raised_at__date__gte=start, raised_at__date__lte=end
    )
    return [
        SlaCase(
            opened_on=_day(c.raised_at), due_on=c.due_on, closed_on=_day(c.answered_at)
        )
        for c in rows.only("raised_at", "due_on", "answered_at")
    ]


def register() -> None:
    register_sla_source("admissions", _("Admission decisions"), admission_cases)
    register_sla_source("concerns", _("Answers to concerns"), concern_cases)
    register_sla_source("permit_steps", _("Permit-agency steps"), permit_step_cases)


def permit_step_cases(park: Park, start: date, end: date) -> list[SlaCase]:
    """Permit-agency steps (services) of cases opened in the period in this park:
    each step is a case of its own with its working-day due date."""
    rows = CaseStep.objects.filter(
        case__booking__park=park,
        case__opened_on__gte=start,
        case__opened_on__lte=end,
    ).select_related("case")
    return [
        SlaCase(opened_on=s.case.opened_on, due_on=s.due_on, closed_on=s.completed_on)
        for s in rows.only("due_on", "completed_on", "case__opened_on")
    ]
