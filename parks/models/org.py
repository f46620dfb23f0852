"""Park operators and their staff; parks, units and leases come with the parks issue."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.access import RoleSource, organisation_role
from core.models import Organisation


class Operator(Organisation):
    class Meta(Organisation.Meta):
        verbose_name = _("park operator")
        verbose_name_plural = _("park operators")

    def can_set_two_factor(self, user: Any) -> bool:
        """Only the operator's managers decide what its staff's sign-in needs."""
        return self.staff.filter(user=user, role=OperatorRole.MANAGER).exists()


class OperatorRole(models.TextChoices):
    MANAGER = "manager", _("Park manager")
    STAFF = "staff", _("Staff")
    FINANCE = "finance", _("Finance")


# Who acts at a park's operator: its managers alone decide what only a manager
# may (settings, officers, approvals); managers and staff, its officers, run the
# park day to day; finance staff keep the books and read the rest.
MANAGER_ROLES: tuple[str, ...] = (OperatorRole.MANAGER,)
OFFICER_ROLES: tuple[str, ...] = (OperatorRole.MANAGER, OperatorRole.STAFF)


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


OPERATOR_ROLES = RoleSource(
    "operator",
    lambda user: OperatorStaff.objects.filter(user=user),
    ("operator_id", "operator__name", "operator__name_zh", "role"),
    role_label=lambda role: OperatorRole(role).label,
)


def park_role(user: Any, operator_id: int) -> str | None:
    """The user's role at the operator of a park (None when not its staff),
    read with all their roles once per request (`organisation_role`)."""
    return organisation_role(user, "operator", operator_id)
