"""Prospects (the attraction pipeline) and their logged activities."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from attraction.models.chains import ChainLink
from attraction.models.common import industry_code_error
from core.choices import tones
from core.fields import LimitedTextField, MoneyField, NoteField, actor_field
from core.limits import NON_NEGATIVE
from core.models import Stamped
from core.transitions import Transitions
from parks.models import Lease, Park, Sale
from tenants.models import Company

# --- prospects --------------------------------------------------------------------


@tones(
    neutral=["lead", "contacted", "visited", "negotiating"],
    ok=["signed", "landed"],
    bad=["lost"],
)
class Stage(models.TextChoices):
    LEAD = "lead", _("Lead")
    CONTACTED = "contacted", _("Contacted")
    VISITED = "visited", _("Visited")
    NEGOTIATING = "negotiating", _("Negotiating")
    SIGNED = "signed", _("Signed")
    LANDED = "landed", _("Landed")
    LOST = "lost", _("Lost")


OPEN_STAGES = (
    Stage.LEAD,
    Stage.CONTACTED,
    Stage.VISITED,
    Stage.NEGOTIATING,
    Stage.SIGNED,
)
# The forward path; a prospect may skip ahead (a fair lead visits at once) but
# never go back, and may be lost from any open stage.
FUNNEL = (*OPEN_STAGES, Stage.LANDED)


class Source(models.TextChoices):
    DIRECT = "direct", _("Direct")
    TENANT_REFERRAL = "tenant_referral", _("Tenant referral")
    PARTNER_CITY = "partner_city", _("Partner city")
    FAIR = "fair", _("Investment fair")


class ProspectQuerySet(models.QuerySet["Prospect"]):
    def of_operator(self, user: Any) -> ProspectQuerySet:
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(park__operator__staff__user=user).distinct()

    def referred_by_member(self, user: Any) -> ProspectQuerySet:
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(referred_by__memberships__user=user).distinct()

    def visible_to(self, user: Any) -> ProspectQuerySet:
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(
            Q(park__operator__staff__user=user) | Q(referred_by__memberships__user=user)
        ).distinct()


def _stage_transitions() -> dict[str, set[str]]:
    table: dict[str, set[str]] = {}
    for i, stage in enumerate(OPEN_STAGES):
        table[stage] = {*FUNNEL[i + 1 :], Stage.LOST}
    return table


class Prospect(Transitions, Stamped):
    Stage = Stage  # `{% status_badge prospect "stage" %}` finds the tones here
    STATUS_FIELD = "stage"
    TRANSITIONS = _stage_transitions()

    park = models.ForeignKey(Park, on_delete=models.CASCADE, related_name="prospects")
    company_name = models.CharField(_("company name"), max_length=200)
    uscc = models.CharField(
        _("unified social credit code"), max_length=18, blank=True, db_index=True
    )
    industry_code = models.CharField(_("industry"), max_length=4)
    chain_link = models.ForeignKey(
        ChainLink,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="prospects",
        verbose_name=_("chain link"),
    )
    origin_region = models.CharField(_("region of origin"), max_length=100, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    referred_by = models.ForeignKey(
        Company,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("referred by"),
    )
    officer = actor_field(
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="prospects",
        verbose_name=_("investment officer"),
    )
    stage = models.CharField(
        _("stage"), max_length=12, choices=Stage.choices, default=Stage.LEAD
    )
    lost_reason = NoteField(_("reason lost"))
    next_action_on = models.DateField(_("next action"), null=True, blank=True)
    next_action = models.CharField(_("next step"), max_length=200, blank=True)
    # What the firm says it would bring: the policy's payback is measured on it.
    planned_investment = MoneyField(
        _("committed investment (CNY)"),
        positive=False,
        default=Decimal("0.00"),
    )
    expected_annual_output = MoneyField(
        _("committed annual output (CNY)"),
        positive=False,
        default=Decimal("0.00"),
    )
    expected_annual_tax = MoneyField(
        _("committed annual tax (CNY)"),
        positive=False,
        default=Decimal("0.00"),
    )
    jobs = models.PositiveIntegerField(_("jobs"), default=0)
    area_m2 = models.DecimalField(
        _("floor area wanted (m²)"),
        max_digits=10,
        decimal_places=2,
        validators=NON_NEGATIVE,
        default=Decimal("0.00"),
    )
    company = models.ForeignKey(
        Company,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="prospect_records",
        verbose_name=_("landed company"),
    )
    lease = models.ForeignKey(
        Lease, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sale = models.ForeignKey(
        Sale, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = actor_field()
    stage_changed_at = models.DateTimeField(default=timezone.now)

    objects = ProspectQuerySet.as_manager()

    class Meta:
        verbose_name = _("prospect")
        verbose_name_plural = _("prospects")
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(source="tenant_referral", referred_by__isnull=False)
                | ~Q(source="tenant_referral"),
                name="prospect_referral_names_tenant",
            )
        ]

    def __str__(self) -> str:
        return self.company_name

    @property
    def is_open(self) -> bool:
        return self.stage in OPEN_STAGES

    def forward_moves(self) -> list[tuple[str, str]]:
        """(stage, label) of the legal forward moves in funnel order; landing is
        not among them (it follows the firm's lease or purchase)."""
        allowed = self.TRANSITIONS.get(self.stage, set())
        return [(s.value, s.label) for s in OPEN_STAGES if s in allowed]

    # --- guards: the actions enforce them, pages only ask ---------------------

    def moves_for(self, actor: Any) -> list[tuple[str, str]]:
        """The forward moves this actor may make (none for non-officers)."""
        return self.forward_moves() if self.park.can_run(actor) else []

    def can_lose(self, actor: Any) -> bool:
        return self.can_transition(Stage.LOST) and self.park.can_run(actor)

    def can_log_activity(self, actor: Any) -> bool:
        return self.is_open and self.park.can_run(actor)

    def can_start_policy(self, actor: Any) -> bool:
        """An officer drafts a policy for an open prospect (once it exists,
        `Policy.can_edit` decides)."""
        return self.is_open and self.park.can_run(actor)

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if error := industry_code_error(self.industry_code):
            errors["industry_code"] = [error]
        if self.source == Source.TENANT_REFERRAL and not self.referred_by_id:
            errors["referred_by"] = [
                str(_("A tenant referral names the referring company."))
            ]
        if self.chain_link_id and self.chain_link.chain.park_id != self.park_id:
            errors["chain_link"] = [str(_("Choose a link of this park's chain."))]
        if errors:
            raise ValidationError(errors)


class Activity(models.Model):
    class Kind(models.TextChoices):
        CALL = "call", _("Call")
        VISIT = "visit", _("Visit")
        MEETING = "meeting", _("Meeting")
        DOCUMENT = "document", _("Document")
        NOTE = "note", _("Note")
        STAGE = "stage", _("Stage change")

    prospect = models.ForeignKey(
        Prospect, on_delete=models.CASCADE, related_name="activities"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    on = models.DateField(_("date"), default=timezone.localdate)
    note = LimitedTextField(_("note"), max_length=4000, blank=True)
    from_stage = models.CharField(max_length=12, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=12, choices=Stage.choices, blank=True)
    actor = actor_field(null=True, blank=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.prospect}"
