"""Inventory reads: parks with their unit counts, and the public unit search."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.db.models.functions import Coalesce

from parks.models import Park, ParkFigures, Unit, UnitOffer, UnitStatus

OFFERS = {
    "lease": (UnitOffer.LEASE, UnitOffer.BOTH),
    "sale": (UnitOffer.SALE, UnitOffer.BOTH),
}


def parks_with_counts(queryset: QuerySet[Park] | None = None) -> QuerySet[Park]:
    """Parks annotated with units_total and units_vacant from their figures
    (`ParkFigures`): one row per park, whatever the number of units."""
    queryset = Park.objects.all() if queryset is None else queryset
    ParkFigures.refresh()
    return queryset.annotate(
        units_total=Coalesce("figures__units_total", 0),
        units_vacant=Coalesce("figures__units_vacant", 0),
    ).order_by("name", "id")


def unit_search(
    park: Park,
    *,
    status: str = "",
    offer: str = "",
    min_area: Decimal | None = None,
    max_area: Decimal | None = None,
    building_id: Any = None,
    q: str = "",
) -> QuerySet[Unit]:
    """The park's units matching the filters; `offer=lease` includes units
    offered both ways (so does `sale`)."""
    units = Unit.objects.filter(park=park).select_related("building")
    if status in UnitStatus.values:
        units = units.filter(status=status)
    if offer in OFFERS:
        units = units.filter(offer__in=OFFERS[offer])
    if min_area is not None:
        units = units.filter(area_m2__gte=min_area)
    if max_area is not None:
        units = units.filter(area_m2__lte=max_area)
    if building_id:
        units = units.filter(building_id=building_id)
    if q:
        units = units.filter(code__icontains=q.strip())
    return units.order_by("building__name", "floor", "code")
