"""Admission (入园): a company's application to set up in a park, scored and decided."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.access import ScopedQuerySet, through
from core.choices import tones
from core.fields import (
    LimitedTextField,
    MoneyField,
    NoteField,
    QuantityField,
    actor_field,
)
from core.industries import display_name, validate_division
from core.models import Stamped
from core.routes import page_of
from core.transitions import Transitions
from parks.models.inventory import Park
from parks.models.org import OFFICER_ROLES, OperatorRole
from parks.scoring import M2_PER_MU
from tenants.models import MANAGING_ROLES, Company, Document, member_role


class PollutionCategory(models.TextChoices):
    """Environmental impact class of the project, as in the EIA screening.

    `high` (projects needing a full environmental impact report for heavy
    pollution: e.g. electroplating, tanning, pulping) is vetoed by every park.
    """

    NONE = "none", _("None (no emissions)")
    LOW = "low", _("Low (registration form)")
    MEDIUM = "medium", _("Medium (impact report form)")
    HIGH = "high", _("High (heavy pollution)")


def _operator_sees_submitted(user: Any, model: type[models.Model]) -> Q:
    """An operator sees the applications to its parks once submitted: drafts
    are the tenant's business."""
    return through("park__operator")(user, model) & ~Q(status="draft")


class AdmissionQuerySet(ScopedQuerySet):
    scopes = {
        "member": through("company", "memberships__user"),
        "operator": _operator_sees_submitted,
    }

    def open(self) -> AdmissionQuerySet:
        return self.filter(self.is_open())

    def granted(self) -> AdmissionQuerySet:
        """The admissions by which a park admitted a company (approved ones)."""
        return self.filter(self.is_granted())

    @staticmethod
    def is_open() -> Q:
        """An application still waiting for the park (the `open()` rows)."""
        return Q(status__in=AdmissionApplication.OPEN_STATUSES)

    @staticmethod
    def is_granted() -> Q:
        """An admission the park granted (the `granted()` rows)."""
        return Q(status=AdmissionApplication.Status.APPROVED)


class AdmissionApplication(Transitions, Stamped):
    @tones(
        ok=["approved"],
        info=["submitted"],
        warn=["info_requested"],
        bad=["rejected"],
        neutral=["draft", "withdrawn"],
    )
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        INFO_REQUESTED = "info_requested", _("Information requested")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    TRANSITIONS = {
        Status.DRAFT: {Status.SUBMITTED, Status.WITHDRAWN},
        Status.SUBMITTED: {
            Status.INFO_REQUESTED,
            Status.APPROVED,
            Status.REJECTED,
            Status.WITHDRAWN,
        },
        Status.INFO_REQUESTED: {Status.SUBMITTED, Status.WITHDRAWN},
    }
    # Waiting on the operator (the SLA clock runs) or on the tenant.
    OPEN_STATUSES = (Status.SUBMITTED, Status.INFO_REQUESTED)
    EDITABLE_STATUSES = (Status.DRAFT, Status.INFO_REQUESTED)

    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="admission_applications"
    )
    park = models.ForeignKey(
        Park, on_delete=models.PROTECT, related_name="admission_applications"
    )
    status = models.CharField(
        _("status"), max_length=14, choices=Status.choices, default=Status.DRAFT
    )
    project_summary = LimitedTextField(_("project summary"), max_length=5000)
    industry_code = models.CharField(
        _("project industry (GB/T 4754)"),
        max_length=2,
        validators=[validate_division],
    )
    planned_investment = MoneyField(_("planned fixed investment (CNY)"), positive=False)
    expected_annual_output = MoneyField(
        _("expected annual output (CNY)"), positive=False
    )
    expected_annual_tax = MoneyField(_("expected annual tax (CNY)"), positive=False)
    jobs = models.PositiveIntegerField(_("jobs created"))
    land_mu = QuantityField(_("land need (mu)"), max_digits=10, default=Decimal("0"))
    floor_area_m2 = QuantityField(_("floor area need (m²)"), default=Decimal("0"))
    energy_tce_per_year = QuantityField(
        _("energy use (tce per year)"), default=Decimal("0")
    )
    pollution_category = models.CharField(
        _("pollution category"),
        max_length=6,
        choices=PollutionCategory.choices,
        default=PollutionCategory.NONE,
    )
    attachments = models.ManyToManyField(
        Document, blank=True, related_name="admission_applications"
    )
    # The scoring result as the tenant saw it: recomputed on every edit, frozen
    # at submit so the operator decides on what was submitted.
    score = models.JSONField(_("score"), default=dict, blank=True)
    officer = actor_field(
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="admission_cases",
        verbose_name=_("first-responsible officer"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    due_on = models.DateField(_("decision due on"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = NoteField(_("decision note"))
    created_by = actor_field()

    objects = AdmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("admission application")
        verbose_name_plural = _("admission applications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["park", "status"]),
            models.Index(fields=["company", "park", "status"]),
            # The year's admissions of a region's parks (SLA compliance).
            models.Index(fields=["park", "submitted_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.company} → {self.park} ({self.get_status_display()})"

    get_absolute_url = page_of("parks:admission")

    def clean(self) -> None:
        """A project needs land or floor space: one of the two above zero."""
        needs = (self.land_mu, self.floor_area_m2)
        if all(isinstance(n, Decimal) and n <= 0 for n in needs):
            raise ValidationError(
                {"land_mu": _("Give the land need in mu or the floor area in m².")}
            )

    @property
    def land_mu_equivalent(self) -> Decimal:
        """Land need in mu; when only floor area is given, floor area / 666.67
        (one mu, 亩, is 10,000/15 m²)."""
        if self.land_mu and self.land_mu > 0:
            return self.land_mu
        if self.floor_area_m2 and self.floor_area_m2 > 0:
            return (self.floor_area_m2 / M2_PER_MU).quantize(Decimal("0.01"))
        return Decimal("0")

    @property
    def industry_name(self) -> str:
        return display_name(self.industry_code)

    def allowed_actions(self, actor: Any) -> set[str]:
        """What `actor` may do with this application now: the applicant's
        managers edit, submit and withdraw; the park's manager and staff decide;
        the manager assigns the first-responsible officer."""
        allowed = set()
        if member_role(actor, self.company) in MANAGING_ROLES:
            if self.is_editable:
                allowed |= {"edit", "submit"}
            if self.can_transition(self.Status.WITHDRAWN):
                allowed.add("withdraw")
        role = self.park.staff_role(actor)
        if role in OFFICER_ROLES:
            if self.status == self.Status.SUBMITTED:
                allowed |= {"approve", "reject", "request_info"}
            if role == OperatorRole.MANAGER and self.is_open:
                allowed.add("assign")
        return allowed

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATUSES
