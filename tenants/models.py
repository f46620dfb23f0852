"""Companies (SME tenants), their members and invitations, and their KYC documents."""

from __future__ import annotations

import operator
from collections.abc import Callable
from functools import reduce
from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.access import (
    RoleSource,
    ScopedQuerySet,
    organisation_ids,
    organisation_role,
    through,
)
from core.fields import actor_field
from core.industries import display_name, validate_division
from core.limits import not_in_future, range_validators
from core.models import Stamped, StoredFile
from core.routes import page_of
from tenants.sizing import SizeClass

# Higher layers (parks, finance) widen who may read a company or a document by
# registering a function user -> Q here in their AppConfig.ready.
CompanyVisibility = Callable[[Any], Q]
# Each rule is for the staff of one kind of organisation (a role kind:
# "operator", "bank", "provider"): a user with no such role skips it.
_company_visibility: list[tuple[str, CompanyVisibility]] = []
_document_visibility: list[tuple[str, CompanyVisibility]] = []


def register_company_visibility(kind: str, rule: CompanyVisibility) -> None:
    if (kind, rule) not in _company_visibility:
        _company_visibility.append((kind, rule))


def register_document_visibility(kind: str, rule: CompanyVisibility) -> None:
    if (kind, rule) not in _document_visibility:
        _document_visibility.append((kind, rule))


def _member_of_company(user: Any, model: type[models.Model]) -> Q:
    return Q(memberships__user=user)  # one membership per user and company


# Higher layers say which documents another party relies on (an admission sent
# to an operator, a request shared with a bank): a Q over Document, no user.
DocumentUse = Callable[[], Q]
_document_uses: list[DocumentUse] = []


def register_document_use(rule: DocumentUse) -> None:
    if rule not in _document_uses:
        _document_uses.append(rule)


def _any_rule(rules: list[tuple[str, CompanyVisibility]]):
    """The registered visibility rules of higher apps (an operator's tenants, a
    bank's applicants), as one scope: those of the kinds of organisation the
    user is staff of (None: no such kind, nothing to read)."""

    def scope(user: Any, model: type[models.Model]) -> Q | None:
        scopes = [rule(user) for kind, rule in rules if organisation_ids(user, kind)]
        return reduce(operator.or_, scopes) if scopes else None

    return scope


class CompanyQuerySet(ScopedQuerySet):
    scopes = {
        "member": _member_of_company,
        "related": _any_rule(_company_visibility),
    }

    def managed_by(self, user: Any) -> CompanyQuerySet:
        """The companies the user may act for: where they are owner or admin."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(
            memberships__user=user, memberships__role__in=MANAGING_ROLES
        ).order_by("name")


class Company(Stamped):
    #: What its managers may edit (the USCC is fixed once registered).
    PROFILE_FIELDS = (
        "name",
        "legal_representative",
        "registered_capital",
        "founded_on",
        "employees",
        "annual_revenue",
        "industry_code",
    )

    name = models.CharField(_("company name"), max_length=200)
    uscc = models.CharField(_("unified social credit code"), max_length=18, unique=True)
    legal_representative = models.CharField(_("legal representative"), max_length=100)
    registered_capital = models.DecimalField(
        _("registered capital (CNY)"),
        max_digits=16,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    founded_on = models.DateField(_("founded on"), validators=[not_in_future])
    employees = models.PositiveIntegerField(
        _("employees"), validators=range_validators(0, 10_000_000)
    )
    annual_revenue = models.DecimalField(
        _("annual revenue (CNY)"),
        max_digits=16,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    industry_code = models.CharField(
        _("industry (GB/T 4754)"), max_length=2, validators=[validate_division]
    )
    size_class = models.CharField(
        _("SME size class"), max_length=8, choices=SizeClass.choices
    )
    created_by = actor_field()

    objects = CompanyQuerySet.as_manager()

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    get_absolute_url = page_of("tenants:company")

    @property
    def industry_name(self) -> str:
        return display_name(self.industry_code)


class MemberRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    ADMIN = "admin", _("Admin")
    MEMBER = "member", _("Member")


MANAGING_ROLES = (MemberRole.OWNER, MemberRole.ADMIN)


class Membership(models.Model):
    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=8, choices=MemberRole.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["company", "user"], name="membership_unique_user"
            )
        ]
        ordering = ["company_id", "created_at"]

    def __str__(self) -> str:
        return f"{self.user} @ {self.company} ({self.role})"


def member_role(user: Any, company: Company) -> str | None:
    """The user's role at the company (None when not a member), read with all
    their roles once per request (`organisation_role`)."""
    return organisation_role(user, "tenant", company.pk)


def can_manage_company(user: Any, company: Company) -> bool:
    return member_role(user, company) in MANAGING_ROLES


TENANT_ROLES = RoleSource(
    "tenant",
    lambda user: Membership.objects.filter(user=user),
    ("company_id", "company__name", models.Value(""), "role"),
)


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def pending(self) -> InvitationQuerySet:
        return self.filter(
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )


class Invitation(models.Model):
    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email"))
    role = models.CharField(_("role"), max_length=8, choices=MemberRole.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = actor_field(null=True, blank=True, on_delete=models.SET_NULL)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.company}"

    @property
    def is_pending(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


class DocumentKind(models.TextChoices):
    BUSINESS_LICENSE = "business_license", _("Business licence")
    FINANCIAL_STATEMENT = "financial_statement", _("Financial statement")
    ID_CARD = "id_card", _("ID card of the legal representative")
    OTHER = "other", _("Other")


REQUIRED_KYC = (
    DocumentKind.BUSINESS_LICENSE,
    DocumentKind.FINANCIAL_STATEMENT,
    DocumentKind.ID_CARD,
)


class DocumentQuerySet(ScopedQuerySet):
    scopes = {
        "member": through("company", "memberships__user"),
        "related": _any_rule(_document_visibility),
    }

    def in_vault(self) -> DocumentQuerySet:
        """The company's current documents: not withdrawn, not superseded."""
        return self.filter(withdrawn_at__isnull=True, superseded_by__isnull=True)

    def in_use(self) -> DocumentQuerySet:
        """Documents another party relied on: evidence, kept whatever happens."""
        q = Q(pk__in=[])
        for rule in _document_uses:
            q |= rule()
        return self.filter(pk__in=Document.objects.filter(q).values("pk"))


class Document(StoredFile):
    """A KYC file. Once another party relies on it, it is evidence: the tenant's
    "delete" withdraws it from the vault but keeps the bytes and the hash, and a
    new version supersedes it rather than replacing it."""

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=DocumentKind.choices)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    superseded_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supersedes",
        verbose_name=_("superseded by"),
    )

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.filename

    get_absolute_url = page_of("tenants:document_download")
