"""Leasing writes: applications and their decision. The lease's life after approval
(activate, renew, terminate, expire) is in `parks.actions.leases`; sales are in
`parks.actions.sales`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import audit_created
from core.dates import term_end
from core.errors import Conflict, Invalid
from core.limits import bounds, clean_value, parse_decimal, validate
from core.models import NotificationKind, User
from core.money import money
from core.notifications import notify
from core.transitions import ensure_allowed
from parks import hooks
from parks.access import ensure_park_role
from parks.actions.unit_status import unit_refresh_status
from parks.models import Lease, LeaseApplication, Sale, Unit
from parks.models.leasing import lease_blocker, unit_taken
from parks.queries.admission import is_admitted
from tenants.access import ensure_manager
from tenants.models import Company


def check_term(term_months: int) -> None:
    low, high = bounds(LeaseApplication, "term_months")
    if not isinstance(term_months, int) or not low <= term_months <= high:
        raise Invalid.field(
            "term_months",
            _("Enter a term of %(min)d to %(max)d months.") % {"min": low, "max": high},
        )


def check_start(start_date: date, field: str = "start_date") -> None:
    if not isinstance(start_date, date) or start_date < timezone.localdate():
        raise Invalid.field(field, _("Enter a start date that is not in the past."))


def ensure_admitted(company: Company, unit: Unit) -> None:
    if not is_admitted(company, unit.park_id):
        raise Conflict(
            _(
                "%(company)s has no approved admission to this park: apply for "
                "admission first."
            )
            % {"company": company.name},
            code="admission_required",
        )


def lock_unit(unit: Unit) -> Unit:
    # On PostgreSQL this serialises actions on one unit; SQLite serialises all
    # writers anyway. The exclusion constraint remains the last word.
    return Unit.objects.select_for_update().select_related("park").get(pk=unit.pk)


def lock_deal[D: (LeaseApplication, Lease, Sale)](deal: D) -> D:
    """A lease application, lease or sale read again under a row lock, with its
    unit, park and company (on PostgreSQL their rows are locked with it)."""
    return (
        type(deal)
        .objects.select_for_update()
        .select_related("unit__park", "company")
        .get(pk=deal.pk)
    )


def lock_deal_as_manager[D: (LeaseApplication, Lease, Sale)](deal: D, actor: User) -> D:
    """The deal locked (`lock_deal`) for its park's managers to act on; anyone
    else is refused by `ensure_park_role` (404 to strangers, 403 to other staff)."""
    deal = lock_deal(deal)
    ensure_park_role(actor, deal.unit.park)
    return deal


def save_lease(lease: Lease) -> Lease:
    """Insert a lease; the database's refusal of an overlap becomes a 409."""
    if Lease.objects.overlapping(lease.unit, lease.start_date, lease.end_date).exists():
        raise unit_taken(lease.unit)
    try:
        with transaction.atomic():
            lease.save()
    except IntegrityError as exc:
        if "lease_no_overlap" in str(exc) or "exclu" in str(exc).lower():
            raise unit_taken(lease.unit) from None
        raise
    return lease


@transaction.atomic
def lease_apply(
    *,
    actor: User,
    company: Company,
    unit: Unit,
    start_date: date,
    term_months: int,
    note: str = "",
) -> LeaseApplication:
    """A tenant asks to lease a unit from `start_date` for `term_months`."""
    ensure_manager(actor, company)
    check_start(start_date)
    check_term(term_months)
    unit = lock_unit(unit)
    if not unit.for_lease:
        raise Conflict(
            _("Unit %(code)s is not offered for lease.") % {"code": unit.code},
            code="unit_not_for_lease",
        )
    if blocked := lease_blocker(unit, start_date, term_end(start_date, term_months)):
        raise blocked
    ensure_admitted(company, unit)
    if LeaseApplication.objects.filter(
        company=company, unit=unit, status=LeaseApplication.Status.SUBMITTED
    ).exists():
        raise Conflict(
            _("%(company)s already has an open application for this unit.")
            % {"company": company.name},
            code="duplicate_application",
        )
    application = LeaseApplication.objects.create(
        company=company,
        unit=unit,
        start_date=start_date,
        term_months=term_months,
        note=clean_value(LeaseApplication, "note", (note or "").strip()),
        created_by=actor,
    )
    audit_created(
        application,
        actor=actor,
        action="lease_applied",
        data={"start_date": start_date.isoformat(), "term_months": term_months},
    )
    return application


@transaction.atomic
def lease_application_withdraw(
    *, application: LeaseApplication, actor: User, note: str = ""
) -> LeaseApplication:
    application = LeaseApplication.objects.select_for_update().get(pk=application.pk)
    ensure_manager(actor, application.company)
    ensure_allowed(application, "withdraw", actor)
    application.transition(to=LeaseApplication.Status.WITHDRAWN, actor=actor, note=note)
    return application


def new_lease(
    *,
    unit: Unit,
    company: Company,
    start: date,
    term_months: int,
    rent_per_m2: Decimal,
    rent_free_months: int,
    escalation_percent: Decimal,
    application: LeaseApplication | None = None,
    previous: Lease | None = None,
) -> Lease:
    monthly_rent = money(unit.area_m2 * rent_per_m2)
    lease = Lease(
        unit=unit,
        company=company,
        application=application,
        previous=previous,
        start_date=start,
        end_date=term_end(start, term_months),
        rent_per_m2=rent_per_m2,
        monthly_rent=monthly_rent,
        deposit=money(monthly_rent * unit.park.deposit_months),
        rent_free_months=rent_free_months,
        escalation_percent=escalation_percent,
    )
    validate(lease, exclude=["application", "previous"])
    return lease


def lease_terms(rent_free_months: Any, escalation_percent: Any) -> tuple[int, Decimal]:
    """The operator's concessions as numbers (none when left empty); the lease
    model checks their limits when the lease is built."""
    free = parse_decimal(rent_free_months or 0, "rent_free_months", places="1")
    escalation = parse_decimal(escalation_percent or 0, "escalation_percent")
    return int(free), escalation


def _decision_note(note: str | None) -> str:
    return clean_value(
        LeaseApplication, "decision_note", (note or "").strip(), field="note"
    )


@transaction.atomic
def lease_reject(
    *, application: LeaseApplication, actor: User, note: str = ""
) -> LeaseApplication:
    """The park's manager turns a lease application down."""
    application = lock_deal_as_manager(application, actor)
    ensure_allowed(application, "reject", actor)
    application.decision_note = _decision_note(note)
    application.transition(
        to=LeaseApplication.Status.REJECTED, actor=actor, note=note, save=False
    )
    application.save(update_fields=["status", "decision_note", "updated_at"])
    _notify_lease_decision(application, None)
    return application


@transaction.atomic
def lease_approve(
    *,
    application: LeaseApplication,
    actor: User,
    note: str = "",
    rent_free_months: int | None = None,
    escalation_percent: Decimal | None = None,
) -> Lease:
    """The park's manager approves an application: the lease is written."""
    application = lock_deal_as_manager(application, actor)
    # The unit locked first, so the page's answer (`approval_blocker`) holds
    # while the lease is written; the action says why rather than that the
    # step is closed. Already decided or withdrawn: 409 before any lease.
    unit = application.unit = lock_unit(application.unit)
    if application.status == LeaseApplication.Status.SUBMITTED and (
        blocked := application.approval_blocker()
    ):
        raise blocked
    ensure_allowed(application, "approve", actor)
    note = _decision_note(note)
    free, escalation = lease_terms(rent_free_months, escalation_percent)
    lease = save_lease(
        new_lease(
            unit=unit,
            company=application.company,
            start=application.start_date,
            term_months=application.term_months,
            rent_per_m2=unit.monthly_rent_per_m2,
            rent_free_months=free,
            escalation_percent=escalation,
            application=application,
        )
    )
    application.decision_note = note
    application.save(update_fields=["decision_note", "updated_at"])
    application.transition(to=LeaseApplication.Status.APPROVED, actor=actor, note=note)
    audit_created(
        lease,
        actor=actor,
        action="lease_created",
        data={"application_id": application.pk},
    )
    unit_refresh_status(unit)
    hooks.lease_approved.fire(lease=lease, actor=actor)
    _notify_lease_decision(application, lease)
    return lease


def _notify_lease_decision(application: LeaseApplication, lease: Lease | None) -> None:
    """The company's members hear the decision (inbox, and email by task)."""
    params = {"unit": application.unit.code, "park": application.unit.park}
    if lease is None:
        message = gettext_lazy(
            "Your application to lease unit %(unit)s in %(park)s was rejected."
        )
        url = reverse("parks:lease_application", args=[application.pk])
    else:
        message = gettext_lazy(
            "Your application to lease unit %(unit)s in %(park)s is approved: "
            "the lease contract is ready."
        )
        url = reverse("parks:lease", args=[lease.pk])
    notify(
        users=User.objects.filter(memberships__company=application.company),
        kind=NotificationKind.LEASE_APPROVED,
        message=message,
        params=params,
        url=url,
    )


LEASE_DECISIONS = {"approve": lease_approve, "reject": lease_reject}
