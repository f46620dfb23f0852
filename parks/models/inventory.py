"""Inventory: parks, their buildings and the units in them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Max, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.bilingual import Bilingual
from core.choices import tones
from core.fields import MoneyField, PercentField, PricePerM2Field
from core.industries import display_name, is_division
from core.limits import NON_NEGATIVE, range_validators
from core.money import money
from core.routes import page_of
from parks.models.org import (
    MANAGER_ROLES,
    OFFICER_ROLES,
    Operator,
    park_role,
)

PERCENT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]
MAX_FEATURED = 3


def industry_errors(leading: str, featured: list[str]) -> dict[str, list[str]]:
    """The "1+N" rule: one leading industry and 1–3 featured industries, all
    GB/T 4754 divisions, none repeated, the leading one not among the featured."""
    errors: dict[str, list[str]] = {}
    if not is_division(leading or ""):
        errors["leading_industry"] = [
            str(_("Choose the leading industry: a GB/T 4754 division."))
        ]
    messages = []
    if not 1 <= len(featured) <= MAX_FEATURED:
        messages.append(str(_("Choose one to three featured industries.")))
    bad = [code for code in featured if not is_division(code or "")]
    if bad:
        messages.append(
            str(_("Not a GB/T 4754 division: %(codes)s."))
            % {"codes": ", ".join(str(c) for c in bad)}
        )
    if len(set(featured)) != len(featured):
        messages.append(str(_("A featured industry is listed twice.")))
    if leading and leading in featured:
        messages.append(
            str(_("The leading industry cannot also be a featured industry."))
        )
    if messages:
        errors["featured_industries"] = messages
    return errors


class ParkKind(models.TextChoices):
    ENCLAVE = "enclave", _("Enclave park")
    CO_BUILT = "co_built", _("Co-built park")


class ParkQuerySet(models.QuerySet["Park"]):
    def operated_by(self, user: Any) -> ParkQuerySet:
        """The parks whose operator employs the user."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(operator__staff__user=user)


class Park(Bilingual, models.Model):
    operator = models.ForeignKey(
        Operator,
        on_delete=models.PROTECT,
        related_name="parks",
        verbose_name=_("operator"),
    )
    name = models.CharField(_("name"), max_length=200)
    name_zh = models.CharField(_("Chinese name"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=ParkKind.choices)
    host_region = models.CharField(_("host region"), max_length=100)
    host_region_zh = models.CharField(
        _("host region (Chinese)"), max_length=100, blank=True
    )
    partner_region = models.CharField(_("partner region"), max_length=100)
    partner_region_zh = models.CharField(
        _("partner region (Chinese)"), max_length=100, blank=True
    )
    leading_industry = models.CharField(_("leading industry"), max_length=2)
    featured_industries = models.JSONField(
        _("featured industries"), default=list, blank=True
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    area_mu = models.DecimalField(
        _("area (mu)"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("0"),
        validators=NON_NEGATIVE,
    )
    description = models.TextField(_("description"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    # Admission thresholds (CNY per mu; tce per CNY 10,000 of output).
    min_investment_per_mu = MoneyField(
        _("minimum fixed investment per mu (CNY)"),
        default=Decimal("3000000.00"),
        positive=False,
    )
    min_output_per_mu = MoneyField(
        _("minimum annual output per mu (CNY)"),
        default=Decimal("4000000.00"),
        positive=False,
    )
    min_tax_per_mu = MoneyField(
        _("minimum annual tax per mu (CNY)"),
        default=Decimal("200000.00"),
        positive=False,
    )
    min_jobs = models.PositiveIntegerField(
        _("minimum jobs"), default=20, validators=range_validators(0, 100_000)
    )
    max_energy_per_10k_output = models.DecimalField(
        _("maximum energy use (tce per CNY 10,000 of output)"),
        max_digits=8,
        decimal_places=4,
        default=Decimal("0.5000"),
        validators=NON_NEGATIVE,
    )
    # The enclave split agreed between the two governments, as the host's share.
    output_share_host = PercentField(
        _("host's share of output (%)"), default=Decimal("100")
    )
    tax_share_host = PercentField(
        _("host's share of retained tax (%)"), default=Decimal("50")
    )
    admission_sla_days = models.PositiveSmallIntegerField(
        _("admission decision time (working days)"),
        default=10,
        validators=range_validators(1, 60),
    )
    deposit_months = models.PositiveSmallIntegerField(
        _("lease deposit (months of rent)"),
        default=2,
        validators=range_validators(0, 12),
    )

    objects = ParkQuerySet.as_manager()

    class Meta:
        verbose_name = _("park")
        verbose_name_plural = _("parks")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.display_name

    get_absolute_url = page_of("parks:park")

    @property
    def regions(self) -> str:
        """Host ⇄ partner region, in the page's language."""
        return f"{self.localized('host_region')} ⇄ {self.localized('partner_region')}"

    @property
    def leading_industry_name(self) -> str:
        return display_name(self.leading_industry)

    @property
    def featured_industry_names(self) -> list[tuple[str, str]]:
        return [(code, display_name(code)) for code in self.featured_industries or ()]

    def clean(self) -> None:
        errors = industry_errors(self.leading_industry, list(self.featured_industries))
        if errors:
            raise ValidationError(errors)

    def has_role(self, actor: Any, roles: tuple[str, ...]) -> bool:
        """Is `actor` on the staff of the park's operator in one of `roles`?"""
        return self.staff_role(actor) in roles

    def can_update(self, actor: Any) -> bool:
        """May `actor` change the park's settings? Its managers may."""
        return self.has_role(actor, MANAGER_ROLES)

    def can_run(self, actor: Any) -> bool:
        """Does `actor` run the park day to day: its buildings and units, its
        attraction pipeline and chain, its commitments? Its officers (managers
        and staff) do; finance staff keep the books and read the rest."""
        return self.has_role(actor, OFFICER_ROLES)

    def staff_role(self, user: Any) -> str | None:
        """The user's role at this park's operator, or None."""
        return park_role(user, self.operator_id)


# A building's floors, and so a unit's floor (from 3 below ground).
MAX_FLOORS = 40


class BuildingKind(models.TextChoices):
    STANDARD_FACTORY = "standard_factory", _("Standard factory")
    MULTI_STOREY = "multi_storey", _("Multi-storey factory")
    OFFICE = "office", _("Office")
    DORMITORY = "dormitory", _("Dormitory")
    WAREHOUSE = "warehouse", _("Warehouse")


class Building(Bilingual, models.Model):
    park = models.ForeignKey(Park, on_delete=models.CASCADE, related_name="buildings")
    name = models.CharField(_("name"), max_length=100)
    name_zh = models.CharField(_("Chinese name"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=BuildingKind.choices)
    floors = models.PositiveSmallIntegerField(
        _("floors"), default=1, validators=range_validators(1, MAX_FLOORS)
    )

    class Meta:
        verbose_name = _("building")
        verbose_name_plural = _("buildings")
        ordering = ["park_id", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["park", "name"], name="building_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    def clean(self) -> None:
        """A building keeps at least as many floors as its units stand on."""
        if self.pk is None or not isinstance(self.floors, int):
            return
        highest = self.units.aggregate(highest=Max("floor"))["highest"]
        if highest and self.floors < highest:
            message = _("Units are on floor %(floor)d: keep at least that many floors.")
            raise ValidationError({"floors": message % {"floor": highest}})


class UnitOffer(models.TextChoices):
    LEASE = "lease", _("For lease")
    SALE = "sale", _("For sale")
    BOTH = "both", _("For lease or sale")


@tones(ok=["vacant"], warn=["reserved"], info=["leased"], neutral=["sold"])
class UnitStatus(models.TextChoices):
    VACANT = "vacant", _("Vacant")
    RESERVED = "reserved", _("Reserved")
    LEASED = "leased", _("Leased")
    SOLD = "sold", _("Sold")


class Unit(models.Model):
    """A lettable or saleable unit. `status` is derived from its leases and sales
    by the actions that change them; nobody edits it by hand."""

    Status = UnitStatus

    park = models.ForeignKey(Park, on_delete=models.CASCADE, related_name="units")
    building = models.ForeignKey(
        Building, on_delete=models.CASCADE, related_name="units"
    )
    code = models.CharField(_("code"), max_length=30)
    floor = models.SmallIntegerField(
        _("floor"), default=1, validators=range_validators(-3, MAX_FLOORS)
    )
    area_m2 = models.DecimalField(
        _("area (m²)"),
        max_digits=10,
        decimal_places=2,
        validators=range_validators(Decimal("1"), Decimal("1000000")),
    )
    floor_load_kn_m2 = models.DecimalField(
        _("floor load (kN/m²)"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("8"),
        validators=range_validators(Decimal("0"), Decimal("100")),
    )
    ceiling_height_m = models.DecimalField(
        _("ceiling height (m)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("6"),
        validators=range_validators(Decimal("0"), Decimal("50")),
    )
    power_kva = models.PositiveIntegerField(
        _("power (kVA)"), default=100, validators=range_validators(0, 100_000)
    )
    offer = models.CharField(
        _("offer"), max_length=5, choices=UnitOffer.choices, default=UnitOffer.LEASE
    )
    # Asked for each way the unit is offered (clean() says so), else empty.
    monthly_rent_per_m2 = PricePerM2Field(
        _("monthly rent per m² (CNY)"), positive=False, null=True, blank=True
    )
    sale_price_per_m2 = PricePerM2Field(
        _("sale price per m² (CNY)"), positive=False, null=True, blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=UnitStatus.choices,
        default=UnitStatus.VACANT,
        editable=False,
    )

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["park_id", "building__name", "floor", "code"]
        constraints = [
            models.UniqueConstraint(fields=["park", "code"], name="unit_unique_code"),
            models.CheckConstraint(
                condition=Q(area_m2__gt=0), name="unit_area_positive"
            ),
        ]
        indexes = [models.Index(fields=["park", "status"])]

    def __str__(self) -> str:
        return self.code

    @property
    def for_lease(self) -> bool:
        return self.offer in (UnitOffer.LEASE, UnitOffer.BOTH)

    @property
    def for_sale(self) -> bool:
        return self.offer in (UnitOffer.SALE, UnitOffer.BOTH)

    @property
    def sale_price(self) -> Decimal | None:
        """What the whole unit sells for at its asking price per m² (None unpriced)."""
        if self.sale_price_per_m2 is None:
            return None
        return money(self.area_m2 * self.sale_price_per_m2)

    def clean(self) -> None:
        """A unit is on a floor its building has, and has a price for each way
        it is offered: a rent to lease it, a sale price to sell it."""
        errors: dict[str, str] = {}
        building = self.building if self.building_id else None
        if building and isinstance(self.floor, int) and self.floor > building.floors:
            errors["floor"] = ngettext(
                "%(building)s has %(floors)d floor.",
                "%(building)s has %(floors)d floors.",
                building.floors,
            ) % {"building": building.name, "floors": building.floors}
        for name, offered in (
            ("monthly_rent_per_m2", self.for_lease),
            ("sale_price_per_m2", self.for_sale),
        ):
            price = getattr(self, name)
            if offered and (price is None or price == 0):  # below zero: its bounds
                errors[name] = _("Enter a price above zero for this offer.")
        if errors:
            raise ValidationError(errors)
