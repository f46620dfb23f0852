"""A park's figures: its units by status, its leases and its open lease
applications, kept so that portfolio pages (the occupancy overview, the
operator home, the public park list) read one row per park. See
`core.figures` for how they are kept."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import MoneyField, QuantityField
from core.figures import Figures
from parks.models.admission import AdmissionApplication
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
    # Leases by status ({"active": 12, ...}); the active ones' monthly rent in
    # force (escalated and discounted) and the last day it holds, after which
    # the figures are recomputed (an anniversary escalates a rent, a term ends).
    leases = models.JSONField(default=dict)
    rent_active = MoneyField(default=ZERO, positive=False)
    rent_until = models.DateField(null=True, editable=False)
    applications_submitted = models.PositiveIntegerField(default=0)
    admissions_open = models.PositiveIntegerField(default=0)
    # Companies the park admitted (an approved admission): its landed firms.
    companies_admitted = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("park figures")
        verbose_name_plural = _("park figures")

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
            k: {
                "leases": {},
                "rent_active": ZERO,
                "rent_until": None,
                "applications_submitted": 0,
                "admissions_open": 0,
                "companies_admitted": 0,
            }
            for k in keys
        }
        for row in (
            Unit.objects.filter(park__in=keys).values("park_id").annotate(**units)
        ).order_by():
            park_id = row.pop("park_id")
            figures[park_id] |= {k: v or 0 for k, v in row.items()}
        for park_id, status, n in (
            Lease.objects.filter(unit__park__in=keys)
            .values_list("unit__park_id", "status")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            figures[park_id]["leases"][status] = n
        rent = Lease.objects.filter(
            unit__park__in=keys, status=Lease.Status.ACTIVE
        ).rent_in_force(timezone.localdate())
        for park_id, n in (
            LeaseApplication.objects.filter(
                unit__park__in=keys, status=LeaseApplication.Status.SUBMITTED
            )
            .values_list("unit__park_id")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            figures[park_id]["applications_submitted"] = n
        admissions = AdmissionApplication.objects.filter(park__in=keys)
        for park_id, open_, admitted in (
            admissions.values_list("park_id")
            .annotate(
                n=Count("pk", filter=admissions.is_open()),
                companies=Count(
                    "company_id", filter=admissions.is_granted(), distinct=True
                ),
            )
            .order_by()
        ):
            figures[park_id]["admissions_open"] = open_
            figures[park_id]["companies_admitted"] = admitted
        for park_id, (total, until) in rent.items():
            figures[park_id] |= {"rent_active": total, "rent_until": until}
        return figures

    @classmethod
    def expired(cls, prefix: str = "") -> Q:
        """Rows whose rent in force has changed since (by the date alone)."""
        return Q(**{f"{prefix}rent_until__lt": timezone.localdate()})

    @classmethod
    def of(cls, park: Park) -> ParkFigures:
        """A park's figures read with it (`select_related("figures")`)."""
        return getattr(park, "figures", None) or cls(park=park)


ParkFigures.follow_owner()
ParkFigures.follow(Unit, lambda unit: {"pk": unit.park_id})
ParkFigures.follow(AdmissionApplication, lambda admission: {"pk": admission.park_id})
for _sender in (Lease, LeaseApplication):
    ParkFigures.follow(_sender, lambda row: {"park__units": row.unit_id})
