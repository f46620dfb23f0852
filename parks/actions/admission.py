"""Every write of admission (入园): file, edit, submit, assign, decide, withdraw.

One-stop service: a submitted application gets a named first-responsible
officer and a decision due date `park.admission_sla_days` working days later
(Chinese calendar, see parks.workdays). When the officer asks for more
information and the tenant answers, the clock starts again from the answer,
as an administrative time limit does once the missing material is supplied.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import audit_record
from core.errors import Conflict, Invalid, NotAllowed, NotFound
from core.limits import clean_value, typed_number, validate
from core.models import NotificationKind, User
from core.notifications import notify
from parks import hooks
from parks.access import ensure_park_role
from parks.models import (
    MANAGER_ROLES,
    OFFICER_ROLES,
    AdmissionApplication,
    OperatorStaff,
    Park,
    PollutionCategory,
)
from parks.scoring import Figures, Score, Thresholds, read_fields, score_project
from parks.workdays import add_working_days
from tenants.access import ensure_manager
from tenants.models import Company, Document, member_role

Status = AdmissionApplication.Status
NUMBER_FIELDS = (
    "planned_investment",
    "expected_annual_output",
    "expected_annual_tax",
    "land_mu",
    "floor_area_m2",
    "energy_tce_per_year",
)
#: What the applicant says about the project: the fields its form edits.
FIGURE_FIELDS = (
    "project_summary",
    "industry_code",
    *NUMBER_FIELDS,
    "jobs",
    "pollution_category",
)


def _set_figures(application: AdmissionApplication, data: dict[str, Any]) -> None:
    """Put the applicant's figures on the application, shaped as people type
    them (the summary trimmed, an empty need as zero, amounts to the cent, the
    company's industry when none is given), and check them by the model's own
    rules: one 422 naming every bad field."""
    for name in FIGURE_FIELDS:
        if name in data:
            setattr(application, name, data[name])
    application.project_summary = (application.project_summary or "").strip()
    industry = (application.industry_code or "").strip()
    application.industry_code = industry or application.company.industry_code
    for name in NUMBER_FIELDS:
        value = getattr(application, name)
        setattr(application, name, typed_number("0" if value in (None, "") else value))
    application.pollution_category = (
        application.pollution_category or PollutionCategory.NONE
    )
    others = [
        f.name for f in AdmissionApplication._meta.fields if f.name not in FIGURE_FIELDS
    ]
    validate(application, exclude=others)


def _attachments(company: Company, items: Iterable[Any] | None) -> list[Document]:
    ids = {getattr(i, "pk", i) for i in (items or ())}
    if not ids:
        return []
    documents = list(Document.objects.in_vault().filter(company=company, pk__in=ids))
    if len(documents) != len(ids):
        raise Invalid.field(
            "attachments", _("Attach only documents of the applying company.")
        )
    return documents


def admission_score(application: AdmissionApplication) -> Score:
    """Score the application as it stands against its park's current thresholds."""
    return score_project(
        read_fields(Figures, application),
        Thresholds.of_park(application.park),
    )


def admission_preview(*, park: Park, company: Company, data: dict) -> Score:
    """The score of unsaved figures, for the live panel; Invalid when unusable."""
    application = AdmissionApplication(company=company, park=park)
    _set_figures(application, data)
    return admission_score(application)


@transaction.atomic
def admission_create(
    *,
    actor: User,
    company: Company,
    park: Park,
    attachments: Iterable[Any] | None = None,
    **data: Any,
) -> AdmissionApplication:
    """A draft application, scored; one live application per company and park."""
    ensure_manager(actor, company)
    application = AdmissionApplication(company=company, park=park, created_by=actor)
    _set_figures(application, data)
    documents = _attachments(company, attachments)
    live = AdmissionApplication.objects.filter(
        company=company,
        park=park,
        status__in=(*AdmissionApplication.OPEN_STATUSES, Status.DRAFT, Status.APPROVED),
    ).first()
    if live is not None:
        raise Conflict(
            _("%(company)s already has an application to this park (%(status)s).")
            % {"company": company.name, "status": live.get_status_display()},
            code="admission_exists",
        )
    application.score = admission_score(application).as_dict()
    application.save()
    application.attachments.set(documents)
    audit_record(actor=actor, obj=application, action="admission_created")
    return application


def _lock(application: AdmissionApplication) -> AdmissionApplication:
    return (
        AdmissionApplication.objects.select_for_update()
        .select_related("park", "company")
        .get(pk=application.pk)
    )


def ensure_editable(application: AdmissionApplication, actor: User) -> None:
    """Who may edit an application, and when: the applicant's owners and
    admins, while it is a draft or awaits information (its edit page asks
    the same, to say why it shows no form)."""
    ensure_manager(actor, application.company)
    if not application.is_editable:
        raise Conflict(
            _("Only a draft or an application awaiting information can be edited."),
            code="not_editable",
        )


@transaction.atomic
def admission_update(
    *,
    application: AdmissionApplication,
    actor: User,
    attachments: Iterable[Any] | None = None,
    **data: Any,
) -> AdmissionApplication:
    """Edit a draft, or answer an information request; the score follows."""
    application = _lock(application)
    ensure_editable(application, actor)
    _set_figures(application, data)
    if attachments is not None:
        application.attachments.set(_attachments(application.company, attachments))
    application.score = admission_score(application).as_dict()
    application.save()
    audit_record(actor=actor, obj=application, action="admission_updated")
    return application


def pick_officer(park: Park) -> User | None:
    """The park operator's manager with the fewest open applications; ties go to
    the longest-serving (lowest staff id). Staff stand in when there is no
    manager."""
    open_cases = Count(
        "user__admission_cases",
        filter=Q(user__admission_cases__status__in=AdmissionApplication.OPEN_STATUSES),
    )
    staff = (
        OperatorStaff.objects.filter(
            operator_id=park.operator_id, role__in=OFFICER_ROLES
        )
        .annotate(open_cases=open_cases)
        .select_related("user")
    )
    for role in OFFICER_ROLES:
        best = staff.filter(role=role).order_by("open_cases", "pk").first()
        if best is not None:
            return best.user
    return None


@transaction.atomic
def admission_submit(
    *, application: AdmissionApplication, actor: User, note: str = ""
) -> AdmissionApplication:
    """Send to the park (or answer an information request): the score is frozen,
    an officer named, and the SLA clock (re)started."""
    application = _lock(application)
    ensure_manager(actor, application.company)
    application.transition(to=Status.SUBMITTED, actor=actor, note=note, save=False)
    now = timezone.now()
    application.score = admission_score(application).as_dict()
    application.submitted_at = now
    application.due_on = add_working_days(
        timezone.localdate(now), application.park.admission_sla_days
    )
    if application.officer_id is None:
        application.officer = pick_officer(application.park)
    application.save()
    return application


def _ensure_operator(
    actor: User, application: AdmissionApplication, roles: Iterable[str]
) -> str:
    """The park's role check; the applicant's own members are told the step is
    the operator's (to anyone else the application does not exist)."""
    try:
        return ensure_park_role(
            actor,
            application.park,
            roles,
            missing=_("Admission application not found."),
        )
    except NotFound:
        if member_role(actor, application.company) is not None:
            raise NotAllowed(_("Only the park's operator may do this.")) from None
        raise


@transaction.atomic
def admission_assign_officer(
    *, application: AdmissionApplication, actor: User, officer: User
) -> AdmissionApplication:
    application = _lock(application)
    _ensure_operator(actor, application, MANAGER_ROLES)
    if not application.is_open:
        raise Conflict(
            _("An officer can be assigned only while the application is open."),
            code="not_open",
        )
    if officer.pk is None or not application.park.has_role(officer, OFFICER_ROLES):
        raise Invalid.field(
            "officer", _("Choose a manager or staff member of the park's operator.")
        )
    previous = application.officer
    application.officer = officer
    application.save(update_fields=["officer", "updated_at"])
    audit_record(
        actor=actor,
        obj=application,
        action="officer_assigned",
        note=str(officer),
        data={"from": getattr(previous, "pk", None), "to": officer.pk},
    )
    return application


def _decide(
    application: AdmissionApplication, actor: User, to: str, note: str, missing: str
) -> AdmissionApplication:
    application = _lock(application)
    _ensure_operator(actor, application, OFFICER_ROLES)
    note = clean_value(
        AdmissionApplication, "decision_note", (note or "").strip(), field="note"
    )
    if missing and not note:
        raise Invalid.field("note", missing)
    application.transition(to=to, actor=actor, note=note, save=False)
    application.decision_note = note
    if to != Status.INFO_REQUESTED:
        application.decided_at = timezone.now()
    application.save()
    notify(
        users=User.objects.filter(memberships__company=application.company),
        kind=NotificationKind.ADMISSION_DECIDED,
        message=gettext_lazy(
            "Your admission application to %(park)s: %(status)s. %(note)s"
        ),
        params={
            "park": application.park,
            "status": AdmissionApplication.Status(application.status).label,
            "note": note,
        },
        url=reverse("parks:admission", args=[application.pk]),
    )
    return application


@transaction.atomic
def admission_approve(
    *, application: AdmissionApplication, actor: User, note: str = ""
) -> AdmissionApplication:
    application = _decide(application, actor, Status.APPROVED, note, missing="")
    hooks.admission_approved.fire(application=application, actor=actor)
    return application


@transaction.atomic
def admission_reject(
    *, application: AdmissionApplication, actor: User, note: str = ""
) -> AdmissionApplication:
    return _decide(
        application,
        actor,
        Status.REJECTED,
        note,
        missing=_("Say why the application is rejected."),
    )


@transaction.atomic
def admission_request_info(
    *, application: AdmissionApplication, actor: User, note: str = ""
) -> AdmissionApplication:
    """Ask the tenant for more information; the SLA clock stops until they answer."""
    return _decide(
        application,
        actor,
        Status.INFO_REQUESTED,
        note,
        missing=_("Say which information is missing."),
    )


@transaction.atomic
def admission_withdraw(
    *, application: AdmissionApplication, actor: User, note: str = ""
) -> AdmissionApplication:
    application = _lock(application)
    ensure_manager(actor, application.company)
    application.transition(to=Status.WITHDRAWN, actor=actor, note=note)
    return application


# The two doors (API, page) pick the action by the operator's decision.
ADMISSION_DECISIONS = {
    "approve": admission_approve,
    "reject": admission_reject,
    "request_info": admission_request_info,
}
