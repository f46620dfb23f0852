"""Every write of tenant onboarding: companies, members, invitations, KYC documents."""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, timedelta
from decimal import Decimal
from typing import TypedDict, Unpack

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.cn import uscc as stdnum_uscc
from stdnum.exceptions import InvalidChecksum, InvalidLength, ValidationError

from core.audit import audit_record
from core.errors import Conflict, Invalid, NotAllowed, NotFound
from core.files import store_upload
from core.limits import typed_number, validate
from core.models import User
from tenants.access import ensure_manager
from tenants.models import (
    Company,
    Document,
    DocumentKind,
    Invitation,
    MemberRole,
    Membership,
)
from tenants.sizing import sme_size_class

INVITATION_DAYS = 14


def uscc_normalise(value: str) -> str:
    """The compact, upper-case USCC, or Invalid on `uscc` saying what is wrong."""
    number = stdnum_uscc.compact(value or "")
    try:
        return stdnum_uscc.validate(number)
    except InvalidLength:
        message = _("A USCC has 18 characters; this one has %(n)d.") % {
            "n": len(number)
        }
    except InvalidChecksum:
        message = _("The check character does not match: please re-type the USCC.")
    except ValidationError:
        message = _("A USCC uses digits and capital letters except I, O, Z, S and V.")
    raise Invalid.field("uscc", message, code="uscc_invalid")


def _set_profile(company: Company, facts: dict) -> None:
    """Put a company's profile facts on it, shaped as people type them (names
    trimmed, amounts to the cent), and check them by the model's own rules (one
    422 naming every bad field); the SME size class follows from them."""
    for field in ("name", "legal_representative"):
        facts[field] = (facts[field] or "").strip()
    for field in ("registered_capital", "annual_revenue"):
        facts[field] = typed_number(facts[field])
    for field, value in facts.items():
        setattr(company, field, value)
    validate(company, exclude=["uscc", "size_class", "created_by"])
    company.size_class = sme_size_class(
        industry_code=company.industry_code,
        employees=company.employees,
        annual_revenue=company.annual_revenue,
    )


class CompanyFacts(TypedDict):
    """What a company says about itself when it registers or edits its profile
    (`Company.PROFILE_FIELDS`; the USCC is given once, at registration)."""

    name: str
    legal_representative: str
    registered_capital: Decimal | str
    founded_on: date
    employees: int
    annual_revenue: Decimal | str
    industry_code: str


@transaction.atomic
def company_register(
    *, actor: User, uscc: str, **facts: Unpack[CompanyFacts]
) -> Company:
    """Register a company; the actor becomes its owner. Every bad field is
    named at once, the USCC's with the others."""
    company = Company(created_by=actor)
    uscc_error = None
    try:
        company.uscc = uscc_normalise(uscc)
    except Invalid as exc:
        uscc_error = exc
    try:
        _set_profile(company, dict(facts))
    except Invalid as exc:
        if uscc_error:
            exc.fields.update(uscc_error.fields)
        raise
    if uscc_error:
        raise uscc_error
    if Company.objects.filter(uscc=company.uscc).exists():
        raise _uscc_taken()
    try:
        with transaction.atomic():
            company.save()
    except IntegrityError:
        raise _uscc_taken() from None
    Membership.objects.create(company=company, user=actor, role=MemberRole.OWNER)
    audit_record(actor=actor, obj=company, action="company_registered")
    return company


def _uscc_taken() -> Conflict:
    return Conflict(
        _("A company with this USCC is already registered."),
        code="uscc_taken",
        fields={"uscc": [_("A company with this USCC is already registered.")]},
    )


@transaction.atomic
def company_update(*, company: Company, actor: User, **changes) -> Company:
    """Edit the profile (the USCC is fixed once registered); size class follows."""
    company = Company.objects.select_for_update().get(pk=company.pk)
    ensure_manager(actor, company)
    facts = {f: changes.get(f, getattr(company, f)) for f in Company.PROFILE_FIELDS}
    _set_profile(company, facts)
    company.save()
    audit_record(actor=actor, obj=company, action="company_updated")
    return company


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def member_invite(
    *, company: Company, actor: User, email: str, role: str, accept_url: str
) -> tuple[Invitation, str]:
    """Invite someone by email; returns the invitation and the one-time token.

    `accept_url` is a format string with `{token}` for the link in the email.
    """
    actor_role = ensure_manager(actor, company)
    email = (email or "").strip().lower()
    if role not in MemberRole.values:
        raise Invalid.field("role", _("Choose a role."))
    if role == MemberRole.OWNER and actor_role != MemberRole.OWNER:
        raise NotAllowed(_("Only an owner may invite another owner."))
    try:
        validate_email(email)
    except DjangoValidationError:
        raise Invalid.field("email", _("Enter a valid email address.")) from None
    if company.memberships.filter(user__email=email).exists():
        raise Conflict(
            _("%(email)s is already a member.") % {"email": email},
            code="already_member",
            fields={"email": [_("Already a member.")]},
        )
    company.invitations.pending().filter(email=email).update(revoked_at=timezone.now())
    raw = secrets.token_urlsafe(24)
    invitation = Invitation.objects.create(
        company=company,
        email=email,
        role=role,
        token_hash=_hash(raw),
        invited_by=actor,
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
    )
    audit_record(actor=actor, obj=invitation, action="member_invited", note=email)
    link = accept_url.format(token=raw)
    transaction.on_commit(
        lambda: send_mail(
            _("You are invited to %(company)s on Enclave") % {"company": company.name},
            _(
                "%(inviter)s invited you to join %(company)s as %(role)s.\n\n"
                "Accept within %(days)d days: %(link)s"
            )
            % {
                "inviter": actor,
                "company": company.name,
                "role": invitation.get_role_display(),
                "days": INVITATION_DAYS,
                "link": link,
            },
            None,
            [email],
        )
    )
    return invitation, raw


def invitation_by_token(raw: str) -> Invitation:
    invitation = (
        Invitation.objects.select_related("company")
        .filter(token_hash=_hash(raw or ""))
        .first()
    )
    if invitation is None or not invitation.is_pending:
        raise NotFound(_("This invitation is not valid any more."))
    return invitation


@transaction.atomic
def invitation_accept(*, raw_token: str, actor: User) -> Membership:
    invitation = invitation_by_token(raw_token)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_pending:
        raise NotFound(_("This invitation is not valid any more."))
    if invitation.email != actor.email.lower():
        raise NotAllowed(
            _("This invitation was sent to %(email)s; sign in with that address.")
            % {"email": invitation.email}
        )
    membership, created = Membership.objects.get_or_create(
        company=invitation.company, user=actor, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = actor
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    audit_record(
        actor=actor, obj=membership.company, action="member_joined", note=actor.email
    )
    return membership


@transaction.atomic
def member_remove(*, membership: Membership, actor: User) -> None:
    company = Company.objects.select_for_update().get(pk=membership.company_id)
    actor_role = ensure_manager(actor, company)
    if membership.role == MemberRole.OWNER:
        if actor_role != MemberRole.OWNER:
            raise NotAllowed(_("Only an owner may remove an owner."))
        if company.memberships.filter(role=MemberRole.OWNER).count() <= 1:
            raise Conflict(
                _("A company must keep at least one owner."), code="last_owner"
            )
    audit_record(
        actor=actor, obj=company, action="member_removed", note=membership.user.email
    )
    membership.delete()


@transaction.atomic
def document_upload(
    *,
    company: Company,
    actor: User,
    kind: str,
    file,
    supersedes: Document | None = None,
) -> Document:
    """Check the file by content and size, store it privately, record its SHA-256.

    With `supersedes`, the new file is the next version of that document: the old
    one leaves the vault but stays, unchanged, for whoever relied on it."""
    ensure_manager(actor, company)
    if kind not in DocumentKind.values:
        raise Invalid.field("kind", _("Choose the kind of document."))
    if supersedes is not None:
        supersedes = (
            Document.objects.select_for_update()
            .in_vault()
            .filter(company=company, pk=supersedes.pk)
            .first()
        )
        if supersedes is None:
            raise Invalid.field(
                "supersedes_id", _("Choose a current document of this company.")
            )
    document = Document(company=company, kind=kind, uploaded_by=actor)
    store_upload(
        document,
        file,
        f"companies/{company.pk}",
        then=lambda: audit_record(
            actor=actor,
            obj=document,
            action="document_uploaded",
            note=document.filename,
        ),
    )
    if supersedes is not None:
        supersedes.superseded_by = document
        supersedes.save(update_fields=["superseded_by"])
        audit_record(
            actor=actor,
            obj=supersedes,
            action="document_superseded",
            note=f"{supersedes.filename} -> {document.filename}",
        )
    return document


@transaction.atomic
def document_delete(*, document: Document, actor: User) -> Document | None:
    """Delete a document, or, when another party relies on it, withdraw it: it
    leaves the tenant's vault but its bytes and hash stay for that party.
    Returns the withdrawn document, or None when it was deleted."""
    ensure_manager(actor, document.company)
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.withdrawn_at is not None:
        raise NotFound(_("Not found."))
    if Document.objects.in_use().filter(pk=document.pk).exists():
        document.withdrawn_at = timezone.now()
        document.save(update_fields=["withdrawn_at"])
        audit_record(
            actor=actor,
            obj=document,
            action="document_withdrawn_retained",
            note=_(
                "%(name)s (SHA-256 %(sha)s) withdrawn from the vault; the file is "
                "retained as evidence for the parties that relied on it."
            )
            % {"name": document.filename, "sha": document.sha256},
        )
        return document
    name, storage = document.file.name, document.file.storage
    audit_record(
        actor=actor,
        obj=document.company,
        action="document_deleted",
        note=document.filename,
    )
    document.delete()
    transaction.on_commit(lambda: storage.delete(name))
    return None
