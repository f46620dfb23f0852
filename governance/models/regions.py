"""Regions, their government observers, and the enclave agreement of each park."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.access import RoleSource
from core.bilingual import Bilingual
from core.fields import PercentField
from parks.models import Park
from tenants.models import Company


class RegionQuerySet(models.QuerySet["Region"]):
    def observed_by(self, user: Any) -> RegionQuerySet:
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if user.is_staff:
            return self.all()
        return self.filter(observers__user=user)


class Region(Bilingual, models.Model):
    """A city or prefecture that is party to enclave agreements (佛山市, 黔东南州)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    name_zh = models.CharField(_("Chinese name"), max_length=100, blank=True)

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.display_name


class RegionObserver(models.Model):
    """A read-only government observer (政府观察员) of one region."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="observers"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="region_observers",
    )

    class Meta:
        verbose_name = _("government observer")
        verbose_name_plural = _("government observers")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "user"], name="region_observer_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.region}"


OBSERVER_ROLES = RoleSource(
    "government",
    lambda user: RegionObserver.objects.filter(user=user),
    ("region_id", "region__name", models.Value(""), models.Value("observer")),
)


class FirmScope(models.TextChoices):
    PARTNER_LANDED = "partner_landed", _("Firms landed from the partner city")
    ALL = "all", _("All firms in the park")


class AgreementQuerySet(models.QuerySet["EnclaveAgreement"]):
    def visible_to(self, user: Any) -> AgreementQuerySet:
        """The operator's parks' agreements and those an observer's region is
        party to."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if user.is_staff:
            return self.all()
        return self.filter(
            Q(park__operator__staff__user=user)
            | Q(host_region__observers__user=user)
            | Q(partner_region__observers__user=user)
        ).distinct()


class HostShares:
    """A split of output and tax between the host and the partner region: the
    partner's share is what the host's leaves."""

    output_host_percent: Decimal
    tax_host_percent: Decimal

    @property
    def output_partner_percent(self) -> Decimal:
        return Decimal("100") - self.output_host_percent

    @property
    def tax_partner_percent(self) -> Decimal:
        return Decimal("100") - self.tax_host_percent


class EnclaveAgreement(HostShares, models.Model):
    """The two governments' agreement on one park: who hosts, who partners,
    which firms' figures are shared and by which dated split."""

    park = models.OneToOneField(
        Park, on_delete=models.CASCADE, related_name="enclave_agreement"
    )
    host_region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="hosted_agreements",
        verbose_name=_("host region"),
    )
    partner_region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="partner_agreements",
        verbose_name=_("partner region"),
    )
    firm_scope = models.CharField(
        _("firms that count"),
        max_length=16,
        choices=FirmScope.choices,
        default=FirmScope.PARTNER_LANDED,
    )
    signed_on = models.DateField(_("signed on"))
    partner_firms = models.ManyToManyField(
        Company,
        blank=True,
        related_name="+",
        verbose_name=_("firms landed from the partner city"),
    )

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("enclave agreement")
        verbose_name_plural = _("enclave agreements")

    def __str__(self) -> str:
        return f"{self.host_region} – {self.partner_region}: {self.park}"

    def clean(self) -> None:
        if self.host_region_id and self.host_region_id == self.partner_region_id:
            raise ValidationError(
                {"partner_region": _("The partner region must differ from the host.")}
            )


class SplitPeriod(HostShares, models.Model):
    """From `starts_on` on (until the next row), the host's share of the output
    statistics and of the local retained tax; the partner has the rest."""

    agreement = models.ForeignKey(
        EnclaveAgreement, on_delete=models.CASCADE, related_name="splits"
    )
    starts_on = models.DateField(_("from"))
    output_host_percent = PercentField(_("host's share of output (%)"))
    tax_host_percent = PercentField(_("host's share of tax (%)"))

    class Meta:
        verbose_name = _("split period")
        verbose_name_plural = _("split schedule")
        ordering = ["agreement_id", "starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "starts_on"], name="split_period_unique_start"
            ),
            models.CheckConstraint(
                condition=Q(output_host_percent__gte=0, output_host_percent__lte=100)
                & Q(tax_host_percent__gte=0, tax_host_percent__lte=100),
                name="split_period_percent_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.starts_on}: {self.output_host_percent}/{self.tax_host_percent}"
