"""Quarterly operating reports of tenants and the shortfall alerts they raise."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import MoneyField, QuantityField, actor_field
from core.files import private_storage
from governance.periods import Quarter
from parks.models import Park
from tenants.models import Company


def validate_period(value: str) -> None:
    try:
        Quarter.parse(value)
    except ValueError:
        raise ValidationError(
            _("Enter a quarter such as 2026Q3."), code="period"
        ) from None


class TenantScopedQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> models.QuerySet:
        """The tenant's own companies' rows and the operator's parks' rows."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(
            Q(company__memberships__user=user) | Q(park__operator__staff__user=user)
        ).distinct()

    def of_member(self, user: Any) -> models.QuerySet:
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(company__memberships__user=user).distinct()


class OperatingReport(models.Model):
    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="operating_reports"
    )
    park = models.ForeignKey(
        Park, on_delete=models.PROTECT, related_name="operating_reports"
    )
    period = models.CharField(_("quarter"), max_length=6, validators=[validate_period])
    output = MoneyField(_("output (CNY)"), positive=False)
    tax_paid = MoneyField(_("tax paid (CNY)"), positive=False)
    employees = models.PositiveIntegerField(_("employees"))
    energy_tce = QuantityField(_("energy use (tce)"))
    attachment = models.FileField(storage=private_storage, max_length=300, blank=True)
    attachment_name = models.CharField(max_length=120, blank=True)
    attachment_sha256 = models.CharField(max_length=64, blank=True)
    deadline = models.DateField(_("deadline"))
    late = models.BooleanField(_("filed late"), default=False)
    filed_by = actor_field()
    filed_at = models.DateTimeField(_("filed at"), default=timezone.now)

    objects = TenantScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("operating report")
        verbose_name_plural = _("operating reports")
        ordering = ["-period", "company__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "park", "period"], name="operating_report_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.company} · {self.period}"

    @property
    def quarter(self) -> Quarter:
        return Quarter.parse(self.period)


class Metric(models.TextChoices):
    OUTPUT = "output", _("Output per mu")
    TAX = "tax", _("Tax per mu")
    JOBS = "jobs", _("Jobs per mu")


class PerformanceAlert(models.Model):
    """Raised when a tenant fell short of its admission commitment by more than
    the park's threshold in two consecutive quarters (the later one is `period`)."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="+")
    park = models.ForeignKey(Park, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(_("quarter"), max_length=6)
    metric = models.CharField(_("measure"), max_length=6, choices=Metric.choices)
    shortfall_percent = models.DecimalField(
        _("shortfall (%)"), max_digits=6, decimal_places=2
    )
    previous_shortfall_percent = models.DecimalField(
        _("previous quarter's shortfall (%)"), max_digits=6, decimal_places=2
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = TenantScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("performance alert")
        verbose_name_plural = _("performance alerts")
        ordering = ["-period", "company__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "park", "period", "metric"],
                name="performance_alert_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.company} · {self.period} · {self.metric}"
