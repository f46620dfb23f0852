"""Relocation cost sheets: a move to the park against the current site."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.bilingual import Bilingual
from core.fields import LimitedTextField, MoneyField
from core.limits import NON_NEGATIVE
from parks.models import Park

# --- relocation costs -------------------------------------------------------------


def tariff(label: str, *, places: int = 2) -> models.DecimalField:
    """A utility tariff in CNY per unit: small, never negative."""
    return models.DecimalField(
        label, max_digits=6, decimal_places=places, validators=NON_NEGATIVE
    )


class CostSheet(Bilingual, models.Model):
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
    power_tariff = tariff(_("industrial power (CNY per kWh)"), places=4)
    water_tariff = tariff(_("industrial water (CNY per m³)"))
    gas_tariff = tariff(_("industrial gas (CNY per m³)"))
    logistics = models.JSONField(
        _("logistics per tonne to main markets (CNY)"),
        default=dict,
        help_text=_('Market key → CNY per tonne, e.g. {"prd": "260"}.'),
    )
    sources = LimitedTextField(_("sources"), max_length=4000, blank=True)

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
        return self.localized("city")

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
