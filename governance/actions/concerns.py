"""Concerns: a tenant's question about a park commitment, answered by the
park's service officer within a working-day SLA, escalated when overdue."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.errors import Conflict, Invalid, NotAllowed, NotFound
from core.models import User
from core.records import save_audited
from governance.actions.commitments import _lock
from governance.models import Commitment, Concern, ParkGovernance, Side
from governance.notify import company_emails, manager_emails, notify, park_emails
from parks.access import ensure_park_role
from parks.models import OFFICER_ROLES
from parks.workdays import add_working_days


@transaction.atomic
def concern_raise(*, commitment: Commitment, actor: User, text: str) -> Concern:
    """A tenant raises a concern on a park commitment; the park's service
    officer must answer within the park's working-day SLA."""
    commitment = _lock(commitment)
    if not commitment.is_member(actor):
        if commitment.operator_role(actor) is not None:
            raise NotAllowed(_("Only the tenant may raise a concern."))
        raise NotFound(_("Commitment not found."))
    if not commitment.is_manager_member(actor):
        raise NotAllowed(_("Only the company's owners and admins may do this."))
    if commitment.side != Side.PARK:
        raise Conflict(
            _("Concerns are raised on the park's commitments."), code="not_park_side"
        )
    if not (text or "").strip():
        raise Invalid.field("text", _("Describe your concern."))
    settings = ParkGovernance.of(commitment.park)
    now = timezone.now()
    concern = Concern(
        commitment=commitment,
        text=text.strip(),
        raised_by=actor,
        raised_at=now,
        officer=settings.service_officer,
        due_on=add_working_days(timezone.localdate(now), settings.concern_sla_days),
    )
    save_audited(concern, actor=actor, action="concern_raised")
    officer_email = [settings.service_officer.email] if settings.service_officer else []
    notify(
        _("Concern raised: %(commitment)s") % {"commitment": commitment},
        _("%(text)s\n\nAnswer by %(date)s.")
        % {"text": concern.text, "date": concern.due_on},
        officer_email or park_emails(commitment.park),
    )
    return concern


@transaction.atomic
def concern_answer(*, concern: Concern, actor: User, answer: str) -> Concern:
    concern = (
        Concern.objects.select_for_update(of=("self",))
        .select_related("commitment__park", "commitment__company")
        .get(pk=concern.pk)
    )
    commitment = concern.commitment
    try:
        missing = _("Concern not found.")
        ensure_park_role(actor, commitment.park, OFFICER_ROLES, missing=missing)
    except NotFound:
        if commitment.is_member(actor):  # the tenant's side: a step not theirs
            raise NotAllowed(_("Only the park's operator may answer.")) from None
        raise
    if not (answer or "").strip():
        raise Invalid.field("answer", _("Write the answer."))
    concern.transition(to=Concern.Status.ANSWERED, actor=actor, save=False)
    concern.answer = answer.strip()
    concern.answered_by = actor
    concern.answered_at = timezone.now()
    concern.save()
    notify(
        _("Your concern was answered: %(commitment)s") % {"commitment": commitment},
        concern.answer,
        company_emails(commitment.company),
    )
    return concern


def concerns_escalate(*, today: date | None = None) -> int:
    """Daily: open concerns past their due date go to the park's managers, once."""
    today = today or timezone.localdate()
    count = 0
    rows = Concern.objects.filter(
        status=Concern.Status.OPEN, due_on__lt=today, escalated_at__isnull=True
    ).values_list("pk", flat=True)
    for pk in list(rows):
        with transaction.atomic():
            concern = (
                Concern.objects.select_for_update(of=("self",))
                .select_related("commitment__park", "commitment__company")
                .get(pk=pk)
            )
            if concern.status != Concern.Status.OPEN or concern.escalated_at:
                continue
            concern.escalated_at = timezone.now()
            concern.save(update_fields=["escalated_at"])
            audit_record(actor=None, obj=concern, action="concern_escalated")
            notify(
                _("Overdue concern escalated: %(commitment)s")
                % {"commitment": concern.commitment},
                _("%(text)s\n\nThe answer was due on %(date)s.")
                % {"text": concern.text, "date": concern.due_on},
                manager_emails(concern.commitment.park),
            )
            count += 1
    return count
