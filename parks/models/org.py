"""Park operators and their staff; parks, units and leases come with the parks issue."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.access import Role
from core.bilingual import Bilingual


class Operator(Bilingual, models.Model):
    name = models.CharField(_("name"), max_length=200)
    name_zh = models.CharField(_("Chinese name"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("park operator")
        verbose_name_plural = _("park operators")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.display_name


class OperatorRole(models.TextChoices):
    MANAGER = "manager", _("Park manager")
    STAFF = "staff", _("Staff")
    FINANCE = "finance", _("Finance")


class OperatorStaff(models.Model):
    operator = models.ForeignKey(
        Operator, on_delete=models.CASCADE, related_name="staff"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="operator_staff",
    )
    role = models.CharField(_("role"), max_length=10, choices=OperatorRole.choices)

    class Meta:
        verbose_name = _("operator staff")
        verbose_name_plural = _("operator staff")
        constraints = [
            models.UniqueConstraint(
                fields=["operator", "user"], name="operator_staff_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.operator}"


def operator_roles(user: Any) -> Iterable[Role]:
    for s in OperatorStaff.objects.filter(user=user).select_related("operator"):
        yield Role(
            "operator",
            s.operator_id,
            s.operator.name,
            s.role,
            str(s.operator),
            s.get_role_display(),
        )
