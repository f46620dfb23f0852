"""Industry-chain templates and a park's chains, link by link."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from attraction.models.common import codes_match, industry_code_error
from core.bilingual import Bilingual
from core.choices import tones
from core.fields import LimitedTextField, MoneyField
from core.industries import get_industry, is_division
from parks.models import Park

# --- chains -----------------------------------------------------------------------


class Position(models.TextChoices):
    UPSTREAM = "upstream", _("Upstream")
    MIDSTREAM = "midstream", _("Midstream")
    DOWNSTREAM = "downstream", _("Downstream")


@tones(ok=["strong"], warn=["weak"], bad=["gap"])
class LinkStatus(models.TextChoices):
    STRONG = "strong", _("Strong")
    WEAK = "weak", _("Weak")
    GAP = "gap", _("Gap")


class ChainQuerySet(models.QuerySet["Chain"]):
    def shared(self) -> ChainQuerySet:
        return self.filter(park__isnull=True)

    def operated_by(self, user: Any) -> ChainQuerySet:
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(park__operator__staff__user=user).distinct()


class Chain(Bilingual, models.Model):
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
    def is_template(self) -> bool:
        return self.park_id is None

    def clean(self) -> None:
        if not is_division(self.industry_code or ""):
            raise ValidationError({"industry_code": _("Choose a GB/T 4754 division.")})


class ChainLink(Bilingual, models.Model):
    """One link of a chain: the industries it covers and when it counts as
    strong (enough firms and output) or weak (at least some); a gap otherwise."""

    chain = models.ForeignKey(Chain, on_delete=models.CASCADE, related_name="links")
    key = models.SlugField(_("key"), max_length=40)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    position = models.CharField(_("position"), max_length=10, choices=Position.choices)
    name = models.CharField(_("name"), max_length=120)
    name_zh = models.CharField(_("Chinese name"), max_length=120, blank=True)
    description = LimitedTextField(_("description"), max_length=4000, blank=True)
    description_zh = LimitedTextField(
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
    def display_description(self) -> str:
        return self.localized("description")

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
