"""Every write of commitments: create (by the operator, from an admission or a
policy), honour, breach, waive, add evidence, mark due; concerns: raise, answer,
escalate."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import Invalid, NotAllowed, NotFound
from core.files import store_upload
from core.limits import clean_value
from core.models import User
from core.records import save_audited
from governance.access import ensure_admitted
from governance.models import (
    Commitment,
    CommitmentKind,
    Evidence,
    Side,
)
from governance.notify import company_emails, notify, park_emails
from parks.access import ensure_park_role
from parks.models import MANAGER_ROLES, OFFICER_ROLES, AdmissionApplication, Park
from tenants.models import Company, Document

Status = Commitment.Status
PARK_KINDS = (
    CommitmentKind.RENT_FREE,
    CommitmentKind.SUBSIDY,
    CommitmentKind.TAX_REBATE,
    CommitmentKind.SERVICE,
    CommitmentKind.OTHER,
)


def _ensure_operator(actor: User, park: Park, roles=OFFICER_ROLES) -> None:
    ensure_park_role(actor, park, roles, missing=_("Commitment not found."))


def _lock(commitment: Commitment) -> Commitment:
    return (
        Commitment.objects.select_for_update(of=("self",))
        .select_related("park", "company")
        .get(pk=commitment.pk)
    )


@transaction.atomic
def commitment_create(
    *,
    actor: User | None,
    park: Park,
    company: Company,
    side: str,
    kind: str,
    description: str,
    due_date: date,
    amount: Decimal | None = None,
    source_kind: str = "operator",
    source_ref: str = "",
) -> Commitment:
    """Record a commitment. From the operator (actor set): park-side incentives
    for a company with business in the park. From a handler (admission approval,
    a policy package) the actor may be the approver."""
    if source_kind == "operator":
        _ensure_operator(actor, park)
        if side != Side.PARK or kind not in PARK_KINDS:
            raise Invalid.field(
                "kind", _("Choose an incentive the park owes the tenant.")
            )
        ensure_admitted(company, park, field="company_id")
    if not (description or "").strip():
        raise Invalid.field("description", _("Describe what was promised."))
    commitment = Commitment(
        park=park,
        company=company,
        side=side,
        kind=kind,
        description=description.strip(),
        amount=amount,
        due_date=due_date,
        source_kind=source_kind,
        source_ref=source_ref,
        created_by=actor,
    )
    return save_audited(
        commitment,
        actor=actor,
        action="commitment_created",
        data={"source": source_kind, "ref": source_ref},
    )


@dataclass(frozen=True)
class PromiseItem:
    """One promise of a source (an admission, a policy package) to record."""

    side: str
    kind: str
    description: str
    amount: Decimal | None
    due_date: date


def commitments_from_source(
    *,
    park: Park,
    company: Company,
    source_kind: str,
    source_ref: str,
    promises: Iterable[PromiseItem],
    actor: User | None,
) -> list[Commitment]:
    """Record a source's promises once (a second call for the same source adds
    nothing). The seam for higher apps: an approved exclusive policy package
    (attraction) calls this with source_kind="policy" and its park-side items."""
    if Commitment.objects.filter(
        source_kind=source_kind, source_ref=source_ref
    ).exists():
        return []
    return [
        commitment_create(
            actor=actor,
            park=park,
            company=company,
            source_kind=source_kind,
            source_ref=source_ref,
            **asdict(p),
        )
        for p in promises
    ]


# Tenant-side commitments from an approved admission: the promised investment is
# due within a year, the yearly output, tax and jobs by the end of the second
# full year (the ramp-up the park allows).
INVESTMENT_YEARS = 1
OPERATING_YEARS = 2


def commitments_from_admission(
    *, application: AdmissionApplication, actor: User
) -> list[Commitment]:
    """The `admission_approved` handler: the tenant's promises become commitments."""
    decided = timezone.localdate(application.decided_at or timezone.now())
    invest_due = date(decided.year + INVESTMENT_YEARS, 12, 31)
    operate_due = date(decided.year + OPERATING_YEARS, 12, 31)
    mu = application.land_mu_equivalent
    rows = [
        (
            CommitmentKind.INVESTMENT,
            application.planned_investment,
            invest_due,
            _("Fixed investment of CNY %(amount)s"),
        ),
        (
            CommitmentKind.OUTPUT,
            application.expected_annual_output,
            operate_due,
            _("Annual output of CNY %(amount)s"),
        ),
        (
            CommitmentKind.TAX,
            application.expected_annual_tax,
            operate_due,
            _("Annual tax of CNY %(amount)s"),
        ),
        (
            CommitmentKind.JOBS,
            Decimal(application.jobs),
            operate_due,
            _("%(amount)s jobs"),
        ),
    ]
    promises = []
    for kind, amount, due, text in rows:
        description = text % {"amount": f"{amount:,.0f}"}
        if mu > 0:
            description += _(" (%(value)s per mu)") % {"value": f"{amount / mu:,.0f}"}
        promises.append(PromiseItem(Side.TENANT, kind, description, amount, due))
    return commitments_from_source(
        park=application.park,
        company=application.company,
        source_kind="admission",
        source_ref=str(application.pk),
        promises=promises,
        actor=actor,
    )


def _close(commitment: Commitment, *, to: str, actor: User, note: str) -> Commitment:
    note = clean_value(Commitment, "close_note", note, field="note")
    commitment.transition(to=to, actor=actor, note=note, save=False)
    commitment.closed_at = timezone.now()
    commitment.closed_by = actor
    commitment.close_note = note
    commitment.save()
    subject = _("Commitment %(status)s: %(commitment)s") % {
        "status": commitment.get_status_display(),
        "commitment": commitment,
    }
    notify(
        subject,
        f"{commitment.description}\n\n{note}",
        company_emails(commitment.company) + park_emails(commitment.park),
    )
    return commitment


@transaction.atomic
def commitment_honour(
    *,
    commitment: Commitment,
    actor: User,
    note: str = "",
    evidence_document_ids: list[int] | None = None,
) -> Commitment:
    """The operator records that the commitment was kept (with evidence)."""
    commitment = _lock(commitment)
    _ensure_operator(actor, commitment.park)
    if not commitment.can_transition(Status.HONOURED):
        commitment.transition(to=Status.HONOURED, actor=actor)  # raises 409
    for document_id in evidence_document_ids or ():
        _add_document(commitment, actor, document_id)
    return _close(commitment, to=Status.HONOURED, actor=actor, note=note)


@transaction.atomic
def commitment_breach(*, commitment: Commitment, actor: User, note: str) -> Commitment:
    commitment = _lock(commitment)
    _ensure_operator(actor, commitment.park)
    if not (note or "").strip():
        raise Invalid.field("note", _("Say how the commitment was not kept."))
    return _close(commitment, to=Status.BREACHED, actor=actor, note=note.strip())


@transaction.atomic
def commitment_waive(*, commitment: Commitment, actor: User, note: str) -> Commitment:
    """Only a park manager may waive, and must say why."""
    commitment = _lock(commitment)
    _ensure_operator(actor, commitment.park, MANAGER_ROLES)
    if not (note or "").strip():
        raise Invalid.field("note", _("Give the reason for the waiver."))
    return _close(commitment, to=Status.WAIVED, actor=actor, note=note.strip())


def _ensure_party(actor: User, commitment: Commitment) -> None:
    if commitment.operator_role(actor) is not None:
        return
    if commitment.is_manager_member(actor):
        return
    if commitment.is_member(actor):
        raise NotAllowed(_("Only the company's owners and admins may do this."))
    raise NotFound(_("Commitment not found."))


def _add_document(commitment: Commitment, actor: User, document_id: Any) -> Evidence:
    document = Document.objects.filter(
        pk=document_id, company_id=commitment.company_id
    ).first()
    if document is None:
        raise Invalid.field(
            "evidence_document_ids",
            _("Choose documents of the company the commitment concerns."),
        )
    evidence = Evidence(
        commitment=commitment,
        document=document,
        label=document.filename,
        added_by=actor,
    )
    return save_audited(
        evidence,
        actor=actor,
        action="evidence_added",
        on=commitment,
        note=str(document),
    )


@transaction.atomic
def evidence_add(
    *,
    commitment: Commitment,
    actor: User,
    document_id: int | None = None,
    upload: UploadedFile | None = None,
    link: tuple[str, str, str] | None = None,
) -> Evidence:
    """Attach one piece of evidence: a document of the tenant's vault, a file
    (checked by content, stored privately), or a platform record
    `(link_kind, link_ref, label)` from governance.links."""
    commitment = _lock(commitment)
    _ensure_party(actor, commitment)
    if document_id is not None:
        return _add_document(commitment, actor, document_id)
    evidence = Evidence(commitment=commitment, added_by=actor)

    def save() -> Evidence:
        return save_audited(
            evidence,
            actor=actor,
            action="evidence_added",
            on=commitment,
            note=evidence.label,
        )

    if upload is not None:

        def save_file() -> None:
            evidence.label = evidence.filename
            save()

        store_upload(evidence, upload, "evidence", save=save_file)
        return evidence
    if link is None:
        raise Invalid.field("file", _("Choose a file or a document."))
    if not commitment.can_link_evidence(actor):
        raise NotAllowed(_("Only the park's operator may link platform records."))
    evidence.link_kind, evidence.link_ref, evidence.label = link
    return save()


def evidence_link(
    *, commitment: Commitment, actor: User, kind: str, ref: str
) -> Evidence:
    """The operator links a record the platform holds (governance.links)."""
    from governance.links import candidates

    if not commitment.can_link_evidence(actor):
        if commitment.is_member(actor):
            raise NotAllowed(_("Only the park's operator may link platform records."))
        raise NotFound(_("Commitment not found."))
    record = next(
        (r for r in candidates(commitment) if (r.kind, r.ref) == (kind, ref)), None
    )
    if record is None:
        raise Invalid.field(
            "ref", _("Choose an invoice line or payment of this tenant in this park.")
        )
    return evidence_add(
        commitment=commitment, actor=actor, link=(record.kind, record.ref, record.label)
    )


def commitments_mark_due(*, today: date | None = None) -> int:
    """Daily: pending commitments whose due date has come become `due`; both
    sides are told. Each row is locked and moved in its own transaction."""
    today = today or timezone.localdate()
    moved = 0
    ids = list(
        Commitment.objects.filter(
            status=Status.PENDING, due_date__lte=today
        ).values_list("pk", flat=True)
    )
    for pk in ids:
        with transaction.atomic():
            commitment = (
                Commitment.objects.select_for_update(of=("self",))
                .select_related("park", "company")
                .get(pk=pk)
            )
            if commitment.status != Status.PENDING:
                continue
            commitment.transition(to=Status.DUE, actor=None, save=False)
            commitment.due_notified_at = timezone.now()
            commitment.save()
            notify(
                _("Commitment due: %(commitment)s") % {"commitment": commitment},
                _(
                    "%(description)s is due on %(date)s. Record the outcome "
                    "(honoured or breached) with its evidence."
                )
                % {"description": commitment.description, "date": commitment.due_date},
                company_emails(commitment.company) + park_emails(commitment.park),
            )
            moved += 1
    return moved
