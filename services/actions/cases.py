"""Permit-case writes: open a case with its template's steps on the working-day
clock, and progress a step (status, note, documents shared by consent)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.errors import Conflict, Invalid, NotAllowed, NotFound
from core.limits import clean_value
from core.models import User
from parks.workdays import add_working_days
from services.actions.bookings import _share
from services.models import Booking, Case, CaseStep
from services.permits import STEP_TEMPLATES, PermitType
from tenants.models import Document


def case_open(*, booking: Booking, permit_type: str, actor: User) -> Case:
    """Called inside `booking_request`: the steps' due dates run one after the
    other from today, each `sla_days` working days long."""
    if permit_type not in PermitType.values:
        raise Invalid.field("permit_type", _("Choose a permit from the list."))
    case = Case.objects.create(booking=booking, permit_type=permit_type)
    due = case.opened_on
    for position, template in enumerate(STEP_TEMPLATES[permit_type], start=1):
        due = add_working_days(due, template.sla_days)
        CaseStep.objects.create(
            case=case, position=position, due_on=due, **asdict(template)
        )
    audit_record(actor=actor, obj=case, action="created", note=permit_type)
    return case


@transaction.atomic
def case_step_update(
    *,
    step: CaseStep,
    actor: User,
    status: str,
    note: str = "",
    documents: Iterable[Document] = (),
) -> CaseStep:
    """The step's owner moves it on; the last step done closes the case."""
    step = (
        CaseStep.objects.select_for_update()
        .select_related("case__booking__offering__provider", "case__booking__company")
        .get(pk=step.pk)
    )
    booking = step.case.booking
    if not step.can_update(actor):
        if not Booking.objects.visible_to(actor).filter(pk=booking.pk).exists():
            raise NotFound(_("Case not found."))
        if step.status == CaseStep.Status.DONE or step.case.status != Case.Status.OPEN:
            raise Conflict(_("This step is closed."), code="step_closed")
        raise NotAllowed(_("This step is not yours to update."))
    note = clean_value(CaseStep, "note", note or "")
    documents = list(documents)
    if documents and not step.can_attach(actor):
        raise NotAllowed(_("Only the tenant shares documents from its vault."))
    for document in documents:
        _share(booking, document, actor)
        step.documents.add(document)
    if note:
        step.note = note
        step.save(update_fields=["note"])
    if status != step.status:
        if status == CaseStep.Status.DONE:
            step.completed_on = timezone.localdate()
            step.save(update_fields=["completed_on"])
        step.transition(to=status, actor=actor, note=note)
    elif note or documents:
        audit_record(actor=actor, obj=step, action="changed", note=note)
    case = step.case
    if not case.steps.exclude(status=CaseStep.Status.DONE).exists():
        case.transition(to=Case.Status.CLOSED, actor=actor)
    return step
