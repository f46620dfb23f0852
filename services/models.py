"""Service providers and their staff; offerings and bookings come with their issue."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.access import Role


class Category(models.TextChoices):
    HR = "hr", _("Human resources")
    LEGAL_TAX = "legal_tax", _("Legal and tax")
    CONSULTING = "consulting", _("Management consulting")
    PERMIT_AGENCY = "permit_agency", _("Permit agency")


class Provider(models.Model):
    name = models.CharField(_("name"), max_length=200)
    name_zh = models.CharField(_("Chinese name"), max_length=200, blank=True)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)

    class Meta:
        verbose_name = _("service provider")
        verbose_name_plural = _("service providers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ProviderStaff(models.Model):
    provider = models.ForeignKey(
        Provider, on_delete=models.CASCADE, related_name="staff"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="provider_staff",
    )

    class Meta:
        verbose_name = _("provider staff")
        verbose_name_plural = _("provider staff")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "user"], name="provider_staff_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.provider}"


def provider_roles(user: Any) -> Iterable[Role]:
    for s in ProviderStaff.objects.filter(user=user).select_related("provider"):
        yield Role("provider", s.provider_id, s.provider.name, "staff")
