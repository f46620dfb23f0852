"""Every write of the inventory: park settings, buildings and units.

Only the park's operator edits it: park settings need a manager, buildings and
units a manager or staff member. A unit's status is never written here: it
follows its leases and sales (parks.actions.unit_status).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.audit import audit_record
from core.errors import Conflict, Invalid
from core.limits import bounds, parse_decimal
from core.models import User
from core.money import format_quantity
from parks.access import ensure_park_role
from parks.models import (
    MANAGER_ROLES,
    OFFICER_ROLES,
    Building,
    BuildingKind,
    Park,
    ParkKind,
    Unit,
    UnitOffer,
)
from parks.models.inventory import industry_errors

PARK_MISSING = gettext_lazy("Park not found.")  # to another operator's staff


def _decimal(
    errors: dict[str, list[str]],
    model: type[models.Model],
    name: str,
    raw: Any,
    *,
    required: bool = True,
) -> Decimal | None:
    """The model field's number (its bounds and places) from a form or a sheet."""
    low, high = bounds(model, name)
    low = Decimal("0") if low is None else Decimal(low)
    high = None if high is None else Decimal(high)
    places = Decimal(10) ** -model._meta.get_field(name).decimal_places
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if required:
            errors[name] = [_("Enter a number.")]
        return None
    try:
        value = parse_decimal(raw, name, places=str(places))
    except Invalid as exc:
        errors.update(exc.fields)
        return None
    if value < low or (high is not None and value > high):
        errors[name] = [
            _("Enter a number from %(low)s to %(high)s.")
            % {"low": format_quantity(low), "high": format_quantity(high)}
            if high is not None
            else _("Enter a number of at least %(low)s.")
            % {"low": format_quantity(low)}
        ]
        return None
    return value


def _integer(
    errors: dict[str, list[str]], model: type[models.Model], name: str, raw: Any
) -> int | None:
    """The model field's whole number (within its bounds)."""
    low, high = bounds(model, name)
    try:
        value = Decimal(str(raw).strip())
        if value != value.to_integral_value():
            raise InvalidOperation
        number = int(value)
    except (InvalidOperation, ValueError, TypeError):
        errors[name] = [_("Enter a whole number.")]
        return None
    if not low <= number <= high:
        errors[name] = [
            _("Enter a whole number from %(low)d to %(high)d.")
            % {"low": low, "high": high}
        ]
        return None
    return number


# --- parks -----------------------------------------------------------------------

PARK_TEXT = ("name", "name_zh", "host_region", "partner_region", "address")
PARK_MONEY = ("min_investment_per_mu", "min_output_per_mu", "min_tax_per_mu")


@transaction.atomic
def park_update(*, park: Park, actor: User, **changes: Any) -> Park:
    """Edit a park's description, admission thresholds, enclave split and 1+N."""
    park = Park.objects.select_for_update().get(pk=park.pk)
    ensure_park_role(actor, park, MANAGER_ROLES, missing=PARK_MISSING)
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    for name in PARK_TEXT:
        if name in changes:
            values[name] = (changes[name] or "").strip()
    for name in ("name", "host_region", "partner_region"):
        if name in values and not values[name]:
            errors[name] = [_("This field is required.")]
    if "description" in changes:
        values["description"] = changes["description"] or ""
    if "kind" in changes:
        if changes["kind"] not in ParkKind.values:
            errors["kind"] = [_("Choose enclave or co-built.")]
        values["kind"] = changes["kind"]
    for name in (*PARK_MONEY, "area_mu"):
        if name in changes:
            values[name] = _decimal(errors, Park, name, changes[name])
    for name in ("max_energy_per_10k_output", "output_share_host", "tax_share_host"):
        if name in changes:
            values[name] = _decimal(errors, Park, name, changes[name])
    for name in ("min_jobs", "admission_sla_days", "deposit_months"):
        if name in changes:
            values[name] = _integer(errors, Park, name, changes[name])
    leading = changes.get("leading_industry", park.leading_industry)
    featured = changes.get("featured_industries", park.featured_industries)
    featured = [str(c).strip() for c in (featured or []) if str(c).strip()]
    if "leading_industry" in changes or "featured_industries" in changes:
        errors.update(industry_errors(leading, featured))
        values["leading_industry"], values["featured_industries"] = leading, featured
    if errors:
        raise Invalid(_("Please correct the errors below."), fields=errors)
    before = {k: str(getattr(park, k)) for k in values}
    for name, value in values.items():
        setattr(park, name, value)
    park.save()
    changed = {k: str(v) for k, v in values.items() if before[k] != str(v)}
    audit_record(actor=actor, obj=park, action="park_updated", data=changed)
    return park


# --- buildings -------------------------------------------------------------------


def _building_values(park: Park, data: dict[str, Any], pk: int | None) -> dict:
    errors: dict[str, list[str]] = {}
    name = (data.get("name") or "").strip()
    if not name:
        errors["name"] = [_("Name the building.")]
    elif Building.objects.filter(park=park, name=name).exclude(pk=pk).exists():
        errors["name"] = [_("The park already has a building with this name.")]
    kind = data.get("kind")
    if kind not in BuildingKind.values:
        errors["kind"] = [_("Choose the kind of building.")]
    floors = _integer(errors, Building, "floors", data.get("floors"))
    if errors:
        raise Invalid(_("Please correct the errors below."), fields=errors)
    return {"name": name, "kind": kind, "floors": floors}


@transaction.atomic
def building_create(*, park: Park, actor: User, **data: Any) -> Building:
    ensure_park_role(actor, park, OFFICER_ROLES, missing=PARK_MISSING)
    building = Building.objects.create(park=park, **_building_values(park, data, None))
    audit_record(actor=actor, obj=building, action="building_created")
    return building


@transaction.atomic
def building_update(*, building: Building, actor: User, **data: Any) -> Building:
    building = Building.objects.select_for_update().get(pk=building.pk)
    ensure_park_role(actor, building.park, OFFICER_ROLES, missing=PARK_MISSING)
    current = {"name": building.name, "kind": building.kind, "floors": building.floors}
    values = _building_values(building.park, {**current, **data}, building.pk)
    highest = building.units.order_by("-floor").values_list("floor", flat=True).first()
    if highest and values["floors"] < highest:
        raise Invalid.field(
            "floors",
            _("Units are on floor %(floor)d: keep at least that many floors.")
            % {"floor": highest},
        )
    for name, value in values.items():
        setattr(building, name, value)
    building.save()
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
    """Check one unit's fields (from a form or an import row): values, errors.

    `buildings` maps a building's name (and its id, as a string) to it."""
    errors: dict[str, list[str]] = {}
    code = str(data.get("code") or "").strip()
    if not code:
        errors["code"] = [_("Enter the unit code.")]
    elif len(code) > (longest := Unit._meta.get_field("code").max_length):
        errors["code"] = [
            _("A unit code has at most %(n)s characters.") % {"n": longest}
        ]
    raw_building = data.get("building")
    building = (
        raw_building
        if isinstance(raw_building, Building)
        else buildings.get(str(raw_building or "").strip())
    )
    if building is None:
        errors["building"] = [_("Choose a building of this park.")]
    floor = _integer(errors, Unit, "floor", data.get("floor"))
    if building is not None and floor is not None and floor > building.floors:
        errors["floor"] = [
            ngettext(
                "%(building)s has %(floors)d floor.",
                "%(building)s has %(floors)d floors.",
                building.floors,
            )
            % {"building": building.name, "floors": building.floors}
        ]
    values: dict[str, Any] = {"code": code, "building": building, "floor": floor}
    for name in ("area_m2", "floor_load_kn_m2", "ceiling_height_m"):
        values[name] = _decimal(errors, Unit, name, data.get(name))
    values["power_kva"] = _integer(errors, Unit, "power_kva", data.get("power_kva"))
    offer = str(data.get("offer") or "").strip().lower()
    if offer not in UnitOffer.values:
        errors["offer"] = [_("Choose lease, sale or both.")]
    values["offer"] = offer
    for name, needed in (
        ("monthly_rent_per_m2", offer in (UnitOffer.LEASE, UnitOffer.BOTH)),
        ("sale_price_per_m2", offer in (UnitOffer.SALE, UnitOffer.BOTH)),
    ):
        values[name] = _decimal(errors, Unit, name, data.get(name), required=needed)
        if needed and name not in errors and not values[name]:
            errors[name] = [_("Enter a price above zero for this offer.")]
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
