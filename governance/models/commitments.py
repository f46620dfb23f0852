"""Commitments both ways (履约兑现): what the park owes a tenant and what the
tenant promised the park, with evidence, and the tenant's concerns about them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.choices import tones
from core.fields import LimitedTextField, NoteField, PercentField, actor_field
from core.files import private_storage
from core.models import Stamped
from core.routes import page_of
from core.transitions import Transitions
from parks.models import MANAGER_ROLES, Park
from tenants.models import MANAGING_ROLES, Company, Document, member_role


class ParkGovernance(models.Model):
    """The operator's governance settings for one park; defaults when absent."""

    park = models.OneToOneField(
        Park, on_delete=models.CASCADE, related_name="governance"
    )
    service_officer = actor_field(
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("service officer"),
    )
    concern_sla_days = models.PositiveSmallIntegerField(
        _("concern answer time (working days)"),
        default=3,
        validators=[MinValueValidator(1)],  # 0 would make every concern late
    )
    shortfall_percent = PercentField(
        _("shortfall alert threshold (%)"), default=Decimal("20")
    )
    report_deadline_days = models.PositiveSmallIntegerField(
        _("report deadline (days after quarter end)"), default=20
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("reminder (days before the deadline)"), default=7
    )

    class Meta:
        verbose_name = _("park governance settings")
        verbose_name_plural = _("park governance settings")

    def __str__(self) -> str:
        return str(self.park)

    @classmethod
    def of(cls, park: Park) -> ParkGovernance:
        """The park's settings, or unsaved defaults."""
        found = cls.objects.filter(park=park).first()
        return found or cls(park=park)


class Side(models.TextChoices):
    PARK = "park", _("Park to tenant")
    TENANT = "tenant", _("Tenant to park")


class CommitmentKind(models.TextChoices):
    RENT_FREE = "rent_free", _("Rent-free period")
    SUBSIDY = "subsidy", _("Subsidy")
    TAX_REBATE = "tax_rebate", _("Tax rebate")
    SERVICE = "service", _("Service or facility")
    INVESTMENT = "investment", _("Fixed investment")
    OUTPUT = "output", _("Annual output")
    TAX = "tax", _("Annual tax")
    JOBS = "jobs", _("Jobs")
    OTHER = "other", _("Other")


MONEY_KINDS = (
    CommitmentKind.RENT_FREE,
    CommitmentKind.SUBSIDY,
    CommitmentKind.TAX_REBATE,
    CommitmentKind.INVESTMENT,
    CommitmentKind.OUTPUT,
    CommitmentKind.TAX,
)


class CommitmentQuerySet(models.QuerySet["Commitment"]):
    def visible_to(self, user: Any) -> CommitmentQuerySet:
        """Both sides see the same list: the tenant its companies' commitments,
        the operator its parks'."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(
            Q(company__memberships__user=user) | Q(park__operator__staff__user=user)
        ).distinct()


class Commitment(Transitions, Stamped):
    @tones(
        neutral=["pending"],
        warn=["due"],
        ok=["honoured"],
        bad=["breached"],
        info=["waived"],
    )
    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("commitment status", "Pending")
        DUE = "due", pgettext_lazy("commitment status", "Due")
        HONOURED = "honoured", pgettext_lazy("commitment status", "Honoured")
        BREACHED = "breached", pgettext_lazy("commitment status", "Breached")
        WAIVED = "waived", pgettext_lazy("commitment status", "Waived")

    # Honoured early is fine; breached only once it was due; a manager may waive
    # any open commitment (with a reason).
    TRANSITIONS = {
        Status.PENDING: {Status.DUE, Status.HONOURED, Status.WAIVED},
        Status.DUE: {Status.HONOURED, Status.BREACHED, Status.WAIVED},
    }
    OPEN_STATUSES = (Status.PENDING, Status.DUE)

    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="commitments"
    )
    park = models.ForeignKey(Park, on_delete=models.PROTECT, related_name="commitments")
    side = models.CharField(_("side"), max_length=6, choices=Side.choices)
    kind = models.CharField(_("kind"), max_length=12, choices=CommitmentKind.choices)
    description = LimitedTextField(_("description"), max_length=2000)
    amount = models.DecimalField(
        _("amount or target"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.PENDING
    )
    # Where the commitment came from: "operator", "admission" (with the
    # application id), later "policy" (an approved attraction policy package).
    source_kind = models.CharField(_("source"), max_length=20, default="operator")
    source_ref = models.CharField(_("source reference"), max_length=40, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    close_note = NoteField(_("note"))
    closed_by = actor_field(on_delete=models.SET_NULL, null=True, blank=True)
    due_notified_at = models.DateTimeField(null=True, blank=True)
    created_by = actor_field(on_delete=models.SET_NULL, null=True, blank=True)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["due_date", "id"]
        indexes = [
            models.Index(fields=["park", "status"]),
            models.Index(fields=["company", "status"]),
            models.Index(fields=["status", "due_date"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source_kind", "source_ref", "kind", "due_date"],
                condition=~Q(source_ref=""),
                name="commitment_unique_per_source",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.company} · {self.due_date}"

    get_absolute_url = page_of("governance:commitment")

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_money(self) -> bool:
        return self.kind in MONEY_KINDS

    # --- guards: the actions enforce them, pages only ask -----------------------

    def operator_role(self, user: Any) -> str | None:
        return self.park.staff_role(user)

    def is_member(self, user: Any) -> bool:
        return member_role(user, self.company) is not None

    def is_manager_member(self, user: Any) -> bool:
        return member_role(user, self.company) in MANAGING_ROLES

    def can_honour(self, user: Any) -> bool:
        return self.can_transition(self.Status.HONOURED) and self.park.can_run(user)

    def can_breach(self, user: Any) -> bool:
        return self.can_transition(self.Status.BREACHED) and self.park.can_run(user)

    def can_waive(self, user: Any) -> bool:
        return self.can_transition(self.Status.WAIVED) and self.park.has_role(
            user, MANAGER_ROLES
        )

    def can_add_evidence(self, user: Any) -> bool:
        return self.is_manager_member(user) or self.operator_role(user) is not None

    def can_link_evidence(self, user: Any) -> bool:
        """Linking a record the platform holds is the operator's (any role),
        open or closed, like any other evidence."""
        return self.operator_role(user) is not None

    def can_raise_concern(self, user: Any) -> bool:
        return self.side == Side.PARK and self.is_manager_member(user)


class Evidence(models.Model):
    """Proof for a commitment that both sides see: a document from the tenant's
    vault, a file the operator uploaded, or a record the platform already holds
    (an invoice line, a payment), named by `link_kind` and `link_ref`."""

    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="evidence"
    )
    document = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    file = models.FileField(storage=private_storage, max_length=300, blank=True)
    filename = models.CharField(_("file name"), max_length=120, blank=True)
    content_type = models.CharField(max_length=40, blank=True)
    size = models.PositiveIntegerField(_("size"), default=0)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    link_kind = models.CharField(max_length=20, blank=True)
    link_ref = models.CharField(max_length=40, blank=True)
    label = models.CharField(_("label"), max_length=200, blank=True)
    added_by = actor_field()
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["added_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(document__isnull=False, file="", link_kind="")
                    | (Q(document__isnull=True, link_kind="") & ~Q(file=""))
                    | (Q(document__isnull=True, file="") & ~Q(link_kind=""))
                ),
                name="evidence_exactly_one_source",
            ),
        ]

    def __str__(self) -> str:
        return self.label or self.filename or str(self.document or "")

    @property
    def has_file(self) -> bool:
        return bool(self.document_id or self.file)


class Concern(Transitions, models.Model):
    """A tenant's concern about a park commitment; the park's service officer
    answers within `concern_sla_days` working days, else it is escalated."""

    @tones(warn=["open"], ok=["answered"])
    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("concern status", "Open")
        ANSWERED = "answered", pgettext_lazy("concern status", "Answered")

    TRANSITIONS = {Status.OPEN: {Status.ANSWERED}}

    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="concerns"
    )
    text = LimitedTextField(_("concern"), max_length=5000)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
    raised_by = actor_field()
    raised_at = models.DateTimeField(_("raised at"), default=timezone.now)
    officer = actor_field(
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("service officer"),
    )
    due_on = models.DateField(_("answer due on"))
    answer = LimitedTextField(_("answer"), max_length=5000, blank=True)
    answered_by = actor_field(on_delete=models.SET_NULL, null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")
        ordering = ["-raised_at", "-id"]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return f"{self.commitment} · {self.raised_at:%Y-%m-%d}"

    def overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status == self.Status.OPEN and self.due_on < today

    def can_answer(self, user: Any) -> bool:
        return self.can_transition(
            self.Status.ANSWERED
        ) and self.commitment.park.can_run(user)
