"""Exclusive policies (一企一策), their items, and the commitments they become."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from attraction.models.prospects import Prospect
from core.choices import tones
from core.fields import MoneyField, NoteField, PercentField, actor_field
from core.models import Stamped
from core.transitions import Transitions
from parks.models import MANAGER_ROLES, Park
from tenants.models import Company

# --- exclusive policy (一企一策) ------------------------------------------------------


class Policy(Transitions, Stamped):
    """The package offered to one prospect: drafted by an officer, approved by a
    park manager who did not draft it (maker–checker)."""

    @tones(ok=["approved", "landed"], warn=["submitted"], neutral=["draft"])
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        LANDED = "landed", _("In force")

    TRANSITIONS = {
        Status.DRAFT: {Status.SUBMITTED},
        Status.SUBMITTED: {Status.APPROVED, Status.DRAFT},
        Status.APPROVED: {Status.LANDED},
    }
    APPROVER_ROLES = MANAGER_ROLES

    prospect = models.OneToOneField(
        Prospect, on_delete=models.CASCADE, related_name="policy"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    drafted_by = actor_field()
    approved_by = actor_field(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    note = NoteField(_("note"))

    class Meta:
        verbose_name = _("exclusive policy")
        verbose_name_plural = _("exclusive policies")

    def __str__(self) -> str:
        return f"{self.prospect} · {self.get_status_display()}"

    @property
    def editable(self) -> bool:
        return self.status == self.Status.DRAFT

    def can_edit(self, actor: Any) -> bool:
        """An officer changes the items of a draft."""
        return self.editable and self.prospect.park.can_run(actor)

    def can_submit(self, actor: Any) -> bool:
        return self.can_edit(actor) and self.items.exists()

    def can_approve(self, actor: Any) -> bool:
        return (
            self.status == self.Status.SUBMITTED
            and getattr(actor, "pk", None) != self.drafted_by_id
            and self.prospect.park.has_role(actor, self.APPROVER_ROLES)
        )


class ItemKind(models.TextChoices):
    RENT_FREE_MONTHS = "rent_free_months", _("Rent-free months")
    RENT_DISCOUNT = "rent_discount", _("Rent discount")
    FIT_OUT_SUBSIDY = "fit_out_subsidy", _("Fit-out subsidy")
    EQUIPMENT_SUBSIDY = "equipment_subsidy", _("Equipment subsidy")
    LOGISTICS_SUBSIDY = "logistics_subsidy", _("Logistics subsidy")
    TAX_REBATE = "tax_rebate", _("Tax-rebate share")
    TALENT_SUBSIDY = "talent_subsidy", _("Talent and housing subsidy")


# What each kind needs: months (rent-free, the rebate's duration), a rate in
# percent (discount, rebate), an amount in CNY (subsidies). A rent discount runs
# for the whole lease, as the one rent calculation applies it.
KIND_FIELDS = {
    ItemKind.RENT_FREE_MONTHS: ("months",),
    ItemKind.RENT_DISCOUNT: ("rate_percent",),
    ItemKind.FIT_OUT_SUBSIDY: ("amount",),
    ItemKind.EQUIPMENT_SUBSIDY: ("amount",),
    ItemKind.LOGISTICS_SUBSIDY: ("amount",),
    ItemKind.TAX_REBATE: ("rate_percent", "months"),
    ItemKind.TALENT_SUBSIDY: ("amount",),
}


class PolicyItem(models.Model):
    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices)
    amount = MoneyField(
        _("amount (CNY)"),
        positive=False,
        null=True,
        blank=True,
    )
    rate_percent = PercentField(
        _("rate (%)"),
        null=True,
        blank=True,
    )
    months = models.PositiveSmallIntegerField(
        _("months"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    conditions = models.CharField(_("conditions"), max_length=300, blank=True)
    schedule = models.CharField(_("schedule"), max_length=200, blank=True)
    budget_source = models.CharField(_("budget source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("policy item")
        verbose_name_plural = _("policy items")
        ordering = ["policy_id", "id"]

    def __str__(self) -> str:
        return self.get_kind_display()

    def clean(self) -> None:
        needed = KIND_FIELDS.get(self.kind, ())
        errors = {}
        for name in needed:
            value = getattr(self, name)
            if value is None or value <= 0:
                errors[name] = _("Required for this kind of item.")
        for name in ("amount", "rate_percent", "months"):
            if name not in needed and getattr(self, name) is not None:
                errors[name] = _("Not used by this kind of item.")
        if errors:
            raise ValidationError(errors)


class ParkCommitment(models.Model):
    """What the park promised a landed firm, one row per approved policy item:
    the commitment tracker (governance) picks these up and follows them: its
    `Commitment` holds whether the promise was kept, so this row has no status."""

    prospect = models.ForeignKey(
        Prospect, on_delete=models.CASCADE, related_name="commitments"
    )
    item = models.OneToOneField(
        PolicyItem, on_delete=models.PROTECT, related_name="commitment"
    )
    park = models.ForeignKey(Park, on_delete=models.CASCADE, related_name="+")
    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="park_commitments"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices)
    description = models.CharField(_("description"), max_length=400)
    amount = MoneyField(_("amount (CNY)"), positive=False, null=True, blank=True)
    rate_percent = PercentField(_("rate (%)"), null=True, blank=True)
    months = models.PositiveSmallIntegerField(_("months"), null=True, blank=True)
    conditions = models.CharField(_("conditions"), max_length=300, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("park commitment")
        verbose_name_plural = _("park commitments")
        ordering = ["park_id", "company_id", "id"]

    def __str__(self) -> str:
        return self.description
