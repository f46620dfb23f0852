"""Cost-sheet writes: a park's published relocation costs."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from attraction.access import ensure_officer
from attraction.actions.common import assign
from attraction.models import (
    CostSheet,
)
from core.models import User
from core.records import save_audited
from parks.models import Park

# --- cost sheets ------------------------------------------------------------------

COST_FIELDS = (
    "as_of",
    "rent_per_m2",
    "sale_price_per_m2",
    "wage_general",
    "wage_skilled",
    "wage_technical",
    "power_tariff",
    "water_tariff",
    "gas_tariff",
    "logistics",
    "sources",
)


@transaction.atomic
def cost_sheet_save(*, park: Park, actor: User, **fields: Any) -> CostSheet:
    """A park's cost sheet as of a date (a new date keeps the older sheets)."""
    ensure_officer(actor, park)
    sheet = CostSheet.objects.filter(park=park, as_of=fields.get("as_of")).first()
    sheet = sheet or CostSheet(park=park, city=park.host_region)
    assign(sheet, COST_FIELDS, fields)
    return save_audited(sheet, actor=actor, action="cost_sheet_saved")
