"""Partner banks and their staff (makers draft offers, checkers approve them)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.access import RoleSource
from core.models import Organisation


class Bank(Organisation):
    review_sla_days = models.PositiveSmallIntegerField(
        _("review time promised (days)"),
        default=5,
        help_text=_("Days from submission within which the bank answers a request."),
    )

    class Meta(Organisation.Meta):
        verbose_name = _("partner bank")
        verbose_name_plural = _("partner banks")

    def can_set_two_factor(self, user: Any) -> bool:
        """A bank has makers and checkers; the checker, who approves what makers
        draft, is the senior role and decides what its staff's sign-in needs."""
        return self.staff.filter(user=user, role=BankRole.CHECKER).exists()


class BankRole(models.TextChoices):
    MAKER = "maker", _("Maker")
    CHECKER = "checker", _("Checker")


class BankStaff(models.Model):
    bank = models.ForeignKey(Bank, on_delete=models.CASCADE, related_name="staff")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bank_staff"
    )
    role = models.CharField(_("role"), max_length=8, choices=BankRole.choices)

    class Meta:
        verbose_name = _("bank staff")
        verbose_name_plural = _("bank staff")
        constraints = [
            models.UniqueConstraint(
                fields=["bank", "user", "role"], name="bank_staff_unique_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.bank} ({self.role})"


BANK_ROLES = RoleSource(
    "bank",
    lambda user: BankStaff.objects.filter(user=user),
    ("bank_id", "bank__name", "bank__name_zh", "role"),
    role_label=lambda role: BankRole(role).label,
)
