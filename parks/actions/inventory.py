"""Every write of the inventory: park settings, buildings and units.

Only the park's operator edits it: park settings need a manager, buildings and
units a manager or staff member. A unit's status is never written here: it
follows its leases and sales (parks.actions.unit_status).
"""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import audit_record
from core.errors import Conflict, Invalid
from core.limits import field_errors, typed_value, validate
from core.models import User
from parks.access import ensure_park_role
from parks.models import (
    MANAGER_ROLES,
    OFFICER_ROLES,
    Building,
    Park,
    Unit,
)

PARK_MISSING = gettext_lazy("Park not found.")  # to another operator's staff


def _typed(model: type[models.Model], data: dict[str, Any]) -> dict[str, Any]:
    """The values of `data` in the model's field types (`core.limits.typed_value`)."""
    return {name: typed_value(model, name, raw) for name, raw in data.items()}


# --- parks -----------------------------------------------------------------------

PARK_FIELDS = (
    *("name", "name_zh", "host_region", "partner_region", "address", "kind"),
    *("description", "area_mu", "leading_industry", "featured_industries"),
    *("min_investment_per_mu", "min_output_per_mu", "min_tax_per_mu", "min_jobs"),
    *("max_energy_per_10k_output", "output_share_host", "tax_share_host"),
    *("admission_sla_days", "deposit_months"),
)


@transaction.atomic
def park_update(*, park: Park, actor: User, **changes: Any) -> Park:
    """Edit a park's description, admission thresholds, enclave split and 1+N;
    the model's validation names every value it refuses."""
    park = Park.objects.select_for_update().get(pk=park.pk)
    ensure_park_role(actor, park, MANAGER_ROLES, missing=PARK_MISSING)
    values = _typed(Park, {k: v for k, v in changes.items() if k in PARK_FIELDS})
    if "featured_industries" in values:
        featured = values["featured_industries"] or []
        values["featured_industries"] = [
            str(c).strip() for c in featured if str(c).strip()
        ]
    before = {k: str(getattr(park, k)) for k in values}
    for name, value in values.items():
        setattr(park, name, value)
    validate(park, exclude=["operator"])
    park.save()
    changed = {k: str(v) for k, v in values.items() if before[k] != str(v)}
    audit_record(actor=actor, obj=park, action="park_updated", data=changed)
    return park


# --- buildings -------------------------------------------------------------------


BUILDING_FIELDS = ("name", "kind", "floors")


def _save_building(building: Building, data: dict[str, Any]) -> Building:
    """Set a building's name, kind and floors as typed and save it if the model
    takes them (a name the park has once, no fewer floors than its units use)."""
    typed = _typed(Building, {k: v for k, v in data.items() if k in BUILDING_FIELDS})
    for name, value in typed.items():
        setattr(building, name, value)
    errors = field_errors(building, exclude=["park"])
    taken = Building.objects.filter(park=building.park_id, name=building.name)
    if "name" not in errors and taken.exclude(pk=building.pk).exists():
        errors["name"] = [_("The park already has a building with this name.")]
    if errors:
        raise Invalid(_("Please correct the errors below."), fields=errors)
    building.save()
    return building


@transaction.atomic
def building_create(*, park: Park, actor: User, **data: Any) -> Building:
    ensure_park_role(actor, park, OFFICER_ROLES, missing=PARK_MISSING)
    building = _save_building(Building(park=park), data)
    audit_record(actor=actor, obj=building, action="building_created")
    return building


@transaction.atomic
def building_update(*, building: Building, actor: User, **data: Any) -> Building:
    building = Building.objects.select_for_update().get(pk=building.pk)
    ensure_park_role(actor, building.park, OFFICER_ROLES, missing=PARK_MISSING)
    _save_building(building, data)
    audit_record(actor=actor, obj=building, action="building_updated")
    return building


# --- units -----------------------------------------------------------------------

UNIT_FIELDS = (
    "code",
    "building",
    "floor",
    "area_m2",
    "floor_load_kn_m2",
    "ceiling_height_m",
    "power_kva",
    "offer",
    "monthly_rent_per_m2",
    "sale_price_per_m2",
)


def unit_values(
    buildings: dict[str, Building], data: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """One unit's fields (from a form or an import row) as typed, and what the
    model's rules find wrong with them, by field.

    `buildings` maps a building's name (and its id, as a string) to it."""
    raw = data.get("building")
    building = (
        raw if isinstance(raw, Building) else buildings.get(str(raw or "").strip())
    )
    values = _typed(Unit, {k: data.get(k) for k in UNIT_FIELDS if k != "building"})
    values["offer"] = values["offer"].lower()
    values["building"] = building
    unchecked = ["park", "status"] if building else ["park", "status", "building"]
    errors = field_errors(Unit(**values), exclude=unchecked)
    if building is None:
        errors["building"] = [_("Choose a building of this park.")]
    return values, errors


def park_buildings(park: Park) -> dict[str, Building]:
    buildings: dict[str, Building] = {}
    for building in park.buildings.all():
        buildings[building.name] = building
        buildings[str(building.pk)] = building
    return buildings


def _save_unit(unit: Unit, values: dict[str, Any]) -> Unit:
    for name, value in values.items():
        setattr(unit, name, value)
    unit.save()
    return unit


@transaction.atomic
def unit_create(*, park: Park, actor: User, **data: Any) -> Unit:
    ensure_park_role(actor, park, OFFICER_ROLES, missing=PARK_MISSING)
    values, errors = unit_values(park_buildings(park), data)
    if not errors and Unit.objects.filter(park=park, code=values["code"]).exists():
        errors["code"] = [_("The park already has a unit with this code.")]
    if errors:
        raise Invalid(_("Please correct the errors below."), fields=errors)
    unit = _save_unit(Unit(park=park), values)
    audit_record(actor=actor, obj=unit, action="unit_created")
    return unit


@transaction.atomic
def unit_update(*, unit: Unit, actor: User, **data: Any) -> Unit:
    """Edit a unit's description and prices; its status is not touched."""
    unit = Unit.objects.select_for_update().select_related("park").get(pk=unit.pk)
    ensure_park_role(actor, unit.park, OFFICER_ROLES, missing=PARK_MISSING)
    current = {name: getattr(unit, name) for name in UNIT_FIELDS}
    values, errors = unit_values(park_buildings(unit.park), {**current, **data})
    if (
        not errors
        and Unit.objects.filter(park=unit.park_id, code=values["code"])
        .exclude(pk=unit.pk)
        .exists()
    ):
        errors["code"] = [_("The park already has a unit with this code.")]
    if errors:
        raise Invalid(_("Please correct the errors below."), fields=errors)
    if values["building"].park_id != unit.park_id:  # defensive: buildings are scoped
        raise Conflict(_("A unit stays in its park."))
    _save_unit(unit, values)
    audit_record(actor=actor, obj=unit, action="unit_updated")
    return unit
