"""A park's figures: its units by status, its leases and its open lease
applications, kept so that portfolio pages (the occupancy overview, the
operator home, the public park list) read one row per park. See
`core.figures` for how they are kept."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import Count, Q, Sum
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from core.fields import MoneyField, QuantityField
from core.figures import Figures
from parks.models.inventory import Park, Unit, UnitStatus
from parks.models.leasing import Lease, LeaseApplication

ZERO = Decimal("0")


class ParkFigures(Figures):
    park = models.OneToOneField(
        Park, primary_key=True, on_delete=models.CASCADE, related_name="figures"
    )
    units_total = models.PositiveIntegerField(default=0)
    units_vacant = models.PositiveIntegerField(default=0)
    units_leased = models.PositiveIntegerField(default=0)
    units_sold = models.PositiveIntegerField(default=0)
    units_reserved = models.PositiveIntegerField(default=0)
    area_total = QuantityField(default=ZERO)
    area_vacant = QuantityField(default=ZERO)
    area_leased = QuantityField(default=ZERO)
    area_sold = QuantityField(default=ZERO)
    area_reserved = QuantityField(default=ZERO)
    # Leases by status ({"active": 12, ...}) and the active ones' monthly rent.
    leases = models.JSONField(default=dict)
    rent_active = MoneyField(default=ZERO, positive=False)
    applications_submitted = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("park figures")
        verbose_name_plural = _("park figures")

    def __str__(self) -> str:
        return f"{self.park_id} v{self.version}"

    @property
    def units_occupied(self) -> int:
        return self.units_leased + self.units_sold

    @property
    def area_occupied(self) -> Decimal:
        return self.area_leased + self.area_sold

    @classmethod
    def compute(cls, keys: list[int]) -> dict[int, dict[str, Any]]:
        units: dict[str, Any] = {
            "units_total": Count("pk"),
            "area_total": Sum("area_m2"),
        }
        for status in UnitStatus.values:
            units[f"units_{status}"] = Count("pk", filter=Q(status=status))
            units[f"area_{status}"] = Sum("area_m2", filter=Q(status=status))
        figures: dict[int, dict[str, Any]] = {
            k: {"leases": {}, "rent_active": ZERO, "applications_submitted": 0}
            for k in keys
        }
        for row in (
            Unit.objects.filter(park__in=keys).values("park_id").annotate(**units)
        ).order_by():
            park_id = row.pop("park_id")
            figures[park_id] |= {k: v or 0 for k, v in row.items()}
        rent: dict[int, Decimal] = defaultdict(lambda: ZERO)
        for park_id, status, n, total in (
            Lease.objects.filter(unit__park__in=keys)
            .values_list("unit__park_id", "status")
            .annotate(n=Count("pk"), rent=Sum("monthly_rent"))
            .order_by()
        ):
            figures[park_id]["leases"][status] = n
            if status == Lease.Status.ACTIVE:
                rent[park_id] = total
        for park_id, n in (
            LeaseApplication.objects.filter(
                unit__park__in=keys, status=LeaseApplication.Status.SUBMITTED
            )
            .values_list("unit__park_id")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            figures[park_id]["applications_submitted"] = n
        for park_id, total in rent.items():
            figures[park_id]["rent_active"] = total
        return figures

    @classmethod
    def of(cls, park: Park) -> ParkFigures:
        """A park's figures read with it (`select_related("figures")`)."""
        return getattr(park, "figures", None) or cls(park=park)

    @classmethod
    def of_unit(cls, unit_id: int | None) -> None:
        """A change to one of the unit's rows (a lease, an application)."""
        if unit_id is not None:
            cls.mark_stale(park__units=unit_id)


@receiver(post_save, sender=Park)
def _park_saved(sender: type, instance: Park, created: bool, **kwargs: Any) -> None:
    if created and not kwargs.get("raw"):
        ParkFigures.objects.get_or_create(park=instance, defaults={"computed": 1})


@receiver([post_save, post_delete], sender=Unit)
def _unit_changed(sender: type, instance: Unit, **kwargs: Any) -> None:
    if not kwargs.get("raw"):
        ParkFigures.mark_stale([instance.park_id])


@receiver([post_save, post_delete], sender=Lease)
@receiver([post_save, post_delete], sender=LeaseApplication)
def _lease_changed(sender: type, instance: Any, **kwargs: Any) -> None:
    if not kwargs.get("raw"):
        ParkFigures.of_unit(instance.unit_id)
