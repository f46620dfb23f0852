"""Lending catalogue: the LPR table kept by platform staff, and banks' products."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from finance.models.banks import Bank
from finance.schedules import Method
from tenants.models import Company


class LprTenor(models.TextChoices):
    ONE_YEAR = "1y", _("1-year LPR")
    FIVE_YEAR = "5y", _("5-year LPR")


class LprRate(models.Model):
    """Loan Prime Rate fixings, kept by platform staff in the admin."""

    tenor = models.CharField(_("tenor"), max_length=2, choices=LprTenor.choices)
    rate_percent = models.DecimalField(
        _("rate (% a year)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    effective_from = models.DateField(_("effective from"))

    class Meta:
        verbose_name = _("LPR fixing")
        verbose_name_plural = _("LPR fixings")
        ordering = ["tenor", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["tenor", "effective_from"], name="lpr_unique_tenor_date"
            )
        ]

    def __str__(self) -> str:
        return f"LPR {self.tenor} {self.rate_percent}% from {self.effective_from}"


def current_lpr(on: date | None = None) -> dict[str, Decimal]:
    """The LPR in force on a day for each tenor: the latest fixing not after it."""
    on = on or timezone.localdate()
    rates: dict[str, Decimal] = {}
    for row in LprRate.objects.filter(effective_from__lte=on).order_by(
        "tenor", "-effective_from"
    ):
        rates.setdefault(row.tenor, row.rate_percent)
    return rates


class ProductKind(models.TextChoices):
    FACTORY_MORTGAGE = "factory_mortgage", _("Factory mortgage")
    FINANCE_LEASE = "finance_lease", _("Finance lease")
    WAREHOUSE_RECEIPT_PLEDGE = "warehouse_receipt_pledge", _("Warehouse receipt pledge")
    WORKING_CAPITAL_LOAN = "working_capital_loan", _("Working capital loan")
    EQUITY_INVESTMENT = "equity_investment", _("Equity investment")


class RepaymentMethod(models.TextChoices):
    EQUAL_INSTALLMENT = Method.EQUAL_INSTALLMENT, _("Equal instalments (等额本息)")
    EQUAL_PRINCIPAL = Method.EQUAL_PRINCIPAL, _("Equal principal (等额本金)")
    INTEREST_ONLY = Method.INTEREST_ONLY, _("Monthly interest, principal at maturity")
    BULLET = Method.BULLET, _("Bullet: all at maturity")


class ProductQuerySet(models.QuerySet["Product"]):
    def active(self) -> ProductQuerySet:
        return self.filter(active=True)


class Product(models.Model):
    bank = models.ForeignKey(Bank, on_delete=models.CASCADE, related_name="products")
    kind = models.CharField(_("kind"), max_length=24, choices=ProductKind.choices)
    name = models.CharField(_("name"), max_length=200)
    name_zh = models.CharField(_("Chinese name"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    min_amount = models.DecimalField(
        _("minimum amount (CNY)"), max_digits=14, decimal_places=2
    )
    max_amount = models.DecimalField(
        _("maximum amount (CNY)"), max_digits=14, decimal_places=2
    )
    max_term_months = models.PositiveSmallIntegerField(_("maximum term (months)"))
    lpr_tenor = models.CharField(
        _("LPR tenor quoted against"),
        max_length=2,
        choices=LprTenor.choices,
        default=LprTenor.ONE_YEAR,
    )
    spread_bp = models.SmallIntegerField(
        _("spread over LPR (basis points)"),
        default=0,
        help_text=_("May be negative: LPR − 20 bp is entered as −20."),
    )
    max_ltv_percent = models.DecimalField(
        _("maximum loan-to-value (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("70"),
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("100"))],
    )
    eligible_size_classes = models.JSONField(
        _("eligible SME size classes"),
        default=list,
        blank=True,
        help_text=_("Empty means every size class."),
    )
    eligible_industries = models.JSONField(
        _("eligible industries (GB/T 4754 divisions)"),
        default=list,
        blank=True,
        help_text=_("Empty means every industry."),
    )
    active = models.BooleanField(_("active"), default=True)

    objects = ProductQuerySet.as_manager()

    class Meta:
        verbose_name = _("finance product")
        verbose_name_plural = _("finance products")
        ordering = ["bank__name", "kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_amount__gte=models.F("min_amount")),
                name="product_amount_range",
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if (get_language() or "").startswith("zh") and self.name_zh:
            return self.name_zh
        return self.name

    def base_annual_rate(self, lpr: dict[str, Decimal] | None = None) -> Decimal | None:
        """LPR of the product's tenor + its spread, in % a year (None without LPR)."""
        lpr = current_lpr() if lpr is None else lpr
        base = lpr.get(self.lpr_tenor)
        if base is None:
            return None
        return (base + Decimal(self.spread_bp) / 100).quantize(Decimal("0.01"))

    def accepts(self, company: Company) -> bool:
        return (
            not self.eligible_size_classes
            or company.size_class in self.eligible_size_classes
        ) and (
            not self.eligible_industries
            or company.industry_code in self.eligible_industries
        )
