"""Investment attraction: industry-chain templates, prospects, exclusive policies
(一企一策), the park-side commitments they become, and cost sheets."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.choices import tones
from core.fields import MoneyField, PercentField
from core.industries import get_industry, is_division
from core.models import Stamped
from core.transitions import Transitions
from parks.models import Lease, OperatorRole, Park, Sale
from tenants.models import Company

NON_NEGATIVE = [MinValueValidator(Decimal("0"))]
CLASS_CODE = re.compile(r"^\d{3,4}$")
# What a link's code may look like (a division or a class; checked in full by
# industry_code_error).
CODE_PATTERN = r"^\d{2,4}$"


def _zh() -> bool:
    return (get_language() or "").startswith("zh")


def industry_code_error(code: str) -> str | None:
    """A GB/T 4754 division ("21") or a group/class inside one ("211", "2110")."""
    if is_division(code):
        return None
    if CLASS_CODE.match(code or "") and is_division(code[:2]):
        return None
    return str(_("%(code)s is not a GB/T 4754 division or class.") % {"code": code})


def codes_match(firm_code: str, link_codes: list[str]) -> bool:
    """A firm classed by division matches a link listed by class in that
    division, and a firm classed by class matches its division's link."""
    firm_code = (firm_code or "").strip()
    if not firm_code:
        return False
    return any(
        firm_code.startswith(code) or code.startswith(firm_code) for code in link_codes
    )


# --- chains -----------------------------------------------------------------------


class Position(models.TextChoices):
    UPSTREAM = "upstream", _("Upstream")
    MIDSTREAM = "midstream", _("Midstream")
    DOWNSTREAM = "downstream", _("Downstream")


class LinkStatus(models.TextChoices):
    STRONG = "strong", _("Strong")
    WEAK = "weak", _("Weak")
    GAP = "gap", _("Gap")

    @property
    def tone(self) -> str:
        return {"strong": "ok", "weak": "warn", "gap": "bad"}[self.value]


class ChainQuerySet(models.QuerySet["Chain"]):
    def shared(self) -> ChainQuerySet:
        return self.filter(park__isnull=True)

    def operated_by(self, user: Any) -> ChainQuerySet:
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(park__operator__staff__user=user).distinct()


class Chain(models.Model):
    """A park's industry chain (one per park), or a shared template (no park)
    that the platform admin keeps and parks copy."""

    park = models.OneToOneField(
        Park, null=True, blank=True, on_delete=models.CASCADE, related_name="chain"
    )
    name = models.CharField(_("name"), max_length=200)
    name_zh = models.CharField(_("Chinese name"), max_length=200, blank=True)
    industry_code = models.CharField(
        _("leading industry"), max_length=4, help_text=_("GB/T 4754 division.")
    )
    gap_points = models.PositiveSmallIntegerField(
        _("admission points for filling a gap"),
        default=10,
        validators=[MaxValueValidator(50)],
    )
    weak_points = models.PositiveSmallIntegerField(
        _("admission points for strengthening a weak link"),
        default=5,
        validators=[MaxValueValidator(50)],
    )
    copied_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
        verbose_name=_("copied from"),
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ChainQuerySet.as_manager()

    class Meta:
        verbose_name = _("industry chain")
        verbose_name_plural = _("industry chains")
        ordering = ["park_id", "name"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name_zh if _zh() and self.name_zh else self.name

    @property
    def is_template(self) -> bool:
        return self.park_id is None

    def clean(self) -> None:
        if not is_division(self.industry_code or ""):
            raise ValidationError({"industry_code": _("Choose a GB/T 4754 division.")})


class ChainLink(models.Model):
    """One link of a chain: the industries it covers and when it counts as
    strong (enough firms and output) or weak (at least some); a gap otherwise."""

    chain = models.ForeignKey(Chain, on_delete=models.CASCADE, related_name="links")
    key = models.SlugField(_("key"), max_length=40)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    position = models.CharField(_("position"), max_length=10, choices=Position.choices)
    name = models.CharField(_("name"), max_length=120)
    name_zh = models.CharField(_("Chinese name"), max_length=120, blank=True)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    description_zh = models.TextField(
        _("Chinese description"), max_length=4000, blank=True
    )
    industry_codes = models.JSONField(
        _("GB/T 4754 codes"),
        default=list,
        help_text=_("Divisions or classes, e.g. 20, 2110."),
    )
    strong_min_firms = models.PositiveSmallIntegerField(
        _("firms for a strong link"), default=3, validators=[MinValueValidator(1)]
    )
    strong_min_output = MoneyField(
        _("annual output for a strong link (CNY)"),
        positive=False,
        default=Decimal("100000000.00"),
    )
    weak_min_firms = models.PositiveSmallIntegerField(
        _("firms for a weak link"), default=1, validators=[MinValueValidator(1)]
    )
    weak_min_output = MoneyField(
        _("annual output for a weak link (CNY)"),
        positive=False,
        default=Decimal("0.00"),
    )

    class Meta:
        verbose_name = _("chain link")
        verbose_name_plural = _("chain links")
        ordering = ["chain_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["chain", "key"], name="chain_link_key")
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name_zh if _zh() and self.name_zh else self.name

    @property
    def display_description(self) -> str:
        return (
            self.description_zh if _zh() and self.description_zh else self.description
        )

    @property
    def industry_names(self) -> list[tuple[str, str]]:
        out = []
        for code in self.industry_codes or ():
            industry = get_industry(code[:2])
            name = industry.localized_name() if industry else ""
            out.append((code, name))
        return out

    def matches(self, industry_code: str) -> bool:
        return codes_match(industry_code, list(self.industry_codes or ()))

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        codes = self.industry_codes
        if not isinstance(codes, list) or not codes:
            errors["industry_codes"] = [str(_("List at least one GB/T 4754 code."))]
        else:
            bad = [e for c in codes if (e := industry_code_error(str(c)))]
            if bad:
                errors["industry_codes"] = bad
        if self.strong_min_firms < self.weak_min_firms:
            errors["strong_min_firms"] = [
                str(_("A strong link needs at least as many firms as a weak one."))
            ]
        if (
            self.strong_min_output is not None
            and self.weak_min_output is not None
            and self.strong_min_output < self.weak_min_output
        ):
            errors["strong_min_output"] = [
                str(_("A strong link needs at least the output of a weak one."))
            ]
        if errors:
            raise ValidationError(errors)


# --- prospects --------------------------------------------------------------------


class Stage(models.TextChoices):
    LEAD = "lead", _("Lead")
    CONTACTED = "contacted", _("Contacted")
    VISITED = "visited", _("Visited")
    NEGOTIATING = "negotiating", _("Negotiating")
    SIGNED = "signed", _("Signed")
    LANDED = "landed", _("Landed")
    LOST = "lost", _("Lost")

    @property
    def tone(self) -> str:
        return {"landed": "ok", "signed": "ok", "lost": "bad"}.get(self.value, "")


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
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="prospects",
        verbose_name=_("investment officer"),
    )
    stage = models.CharField(
        _("stage"), max_length=12, choices=Stage.choices, default=Stage.LEAD
    )
    lost_reason = models.TextField(_("reason lost"), blank=True)
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
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
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

    @property
    def stage_tone(self) -> str:
        return Stage(self.stage).tone

    def forward_moves(self) -> list[tuple[str, str]]:
        """(stage, label) of the legal forward moves in funnel order; landing is
        not among them (it follows the firm's lease or purchase)."""
        allowed = self.TRANSITIONS.get(self.stage, set())
        return [(s.value, s.label) for s in OPEN_STAGES if s in allowed]

    @property
    def can_lose(self) -> bool:
        return self.can_transition(Stage.LOST)

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
    note = models.TextField(_("note"), blank=True)
    from_stage = models.CharField(max_length=12, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=12, choices=Stage.choices, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.prospect}"


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
    APPROVER_ROLES = (OperatorRole.MANAGER,)

    prospect = models.OneToOneField(
        Prospect, on_delete=models.CASCADE, related_name="policy"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("exclusive policy")
        verbose_name_plural = _("exclusive policies")

    def __str__(self) -> str:
        return f"{self.prospect} · {self.get_status_display()}"

    @property
    def editable(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def status_tone(self) -> str:
        return self.Status(self.status).tone

    def can_approve(self, actor: Any) -> bool:
        return (
            self.status == self.Status.SUBMITTED
            and getattr(actor, "pk", None) != self.drafted_by_id
            and self.prospect.park.staff_role(actor) in self.APPROVER_ROLES
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
    the commitment tracker (governance) picks these up and follows them."""

    @tones(info=["open"], ok=["honoured"])
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        HONOURED = "honoured", _("Honoured")

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
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("park commitment")
        verbose_name_plural = _("park commitments")
        ordering = ["park_id", "company_id", "id"]

    def __str__(self) -> str:
        return self.description


# --- relocation costs -------------------------------------------------------------


class CostSheet(models.Model):
    """Dated operating costs of a place: a park's own sheet, or (no park) an
    origin city's maintained defaults for the relocation calculator."""

    park = models.ForeignKey(
        Park,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="cost_sheets",
    )
    city = models.CharField(_("city"), max_length=100)
    city_zh = models.CharField(_("Chinese name"), max_length=100, blank=True)
    preset_key = models.SlugField(_("preset key"), max_length=40, blank=True)
    as_of = models.DateField(_("as of"))
    rent_per_m2 = models.DecimalField(
        _("factory rent per m² per month (CNY)"),
        max_digits=8,
        decimal_places=2,
        validators=NON_NEGATIVE,
    )
    sale_price_per_m2 = MoneyField(
        _("factory sale price per m² (CNY)"),
        positive=False,
        default=Decimal("0.00"),
    )
    wage_general = MoneyField(
        _("monthly wage, general worker (CNY)"),
        positive=False,
    )
    wage_skilled = MoneyField(
        _("monthly wage, skilled worker (CNY)"),
        positive=False,
    )
    wage_technical = MoneyField(
        _("monthly wage, technician or manager (CNY)"),
        positive=False,
    )
    power_tariff = models.DecimalField(
        _("industrial power (CNY per kWh)"),
        max_digits=6,
        decimal_places=4,
        validators=NON_NEGATIVE,
    )
    water_tariff = models.DecimalField(
        _("industrial water (CNY per m³)"),
        max_digits=6,
        decimal_places=2,
        validators=NON_NEGATIVE,
    )
    gas_tariff = models.DecimalField(
        _("industrial gas (CNY per m³)"),
        max_digits=6,
        decimal_places=2,
        validators=NON_NEGATIVE,
    )
    logistics = models.JSONField(
        _("logistics per tonne to main markets (CNY)"),
        default=dict,
        help_text=_('Market key → CNY per tonne, e.g. {"prd": "260"}.'),
    )
    sources = models.TextField(_("sources"), blank=True)

    class Meta:
        verbose_name = _("cost sheet")
        verbose_name_plural = _("cost sheets")
        ordering = ["park_id", "city", "-as_of", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["park", "as_of"],
                condition=Q(park__isnull=False),
                name="cost_sheet_one_per_park_day",
            ),
            models.UniqueConstraint(
                fields=["preset_key", "as_of"],
                condition=Q(park__isnull=True),
                name="cost_sheet_one_per_preset_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_city} ({self.as_of})"

    @property
    def display_city(self) -> str:
        return self.city_zh if _zh() and self.city_zh else self.city

    def clean(self) -> None:
        if self.park_id is None and not self.preset_key:
            raise ValidationError({"preset_key": _("An origin preset needs a key.")})
        if not isinstance(self.logistics, dict):
            raise ValidationError({"logistics": _("Enter market → CNY per tonne.")})
        for market, value in self.logistics.items():
            try:
                ok = Decimal(str(value)) >= 0
            except ArithmeticError:
                ok = False
            if not ok or market not in MARKETS:
                raise ValidationError(
                    {
                        "logistics": _("Unknown market or bad figure: %(m)s.")
                        % {"m": market}
                    }
                )


MARKETS = {
    "prd": _("Pearl River Delta"),
    "cc": _("Chongqing–Chengdu"),
    "yrd": _("Yangtze River Delta"),
    "southwest": _("Guizhou and Yunnan"),
}
