"""A park's admission thresholds and a unit's measures have one home, the model
field: the settings and unit forms and the inventory actions take their bounds
from it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.errors import Invalid
from core.limits import bounds
from parks.actions import inventory
from parks.forms.inventory import BuildingForm, ParkSettingsForm, UnitForm
from parks.forms.leasing import LeaseDecisionForm, RenewForm
from parks.models import Building, Lease, Park, Unit
from tests import factories

FIELDS = (
    [
        (ParkSettingsForm, Park, name)
        for name in (
            "area_mu",
            "min_investment_per_mu",
            "min_output_per_mu",
            "min_tax_per_mu",
            "min_jobs",
            "max_energy_per_10k_output",
            "admission_sla_days",
            "output_share_host",
            "tax_share_host",
            "deposit_months",
        )
    ]
    + [(BuildingForm, Building, "floors")]
    + [
        (UnitForm, Unit, name)
        for name in (
            "floor",
            "area_m2",
            "floor_load_kn_m2",
            "ceiling_height_m",
            "power_kva",
            "monthly_rent_per_m2",
            "sale_price_per_m2",
        )
    ]
    + [
        (LeaseDecisionForm, Lease, "rent_free_months"),
        (RenewForm, Lease, "rent_free_months"),
        (RenewForm, Lease, "rent_per_m2"),
    ]
)


@pytest.mark.parametrize(("form", "model", "name"), FIELDS)
def test_a_form_takes_its_bounds_from_the_model(form, model, name):
    field = form.base_fields[name]
    low, high = bounds(model, name)
    assert low is not None and (field.min_value, field.max_value) == (low, high)
    places = getattr(field, "decimal_places", None)
    if places is not None:
        assert places == model._meta.get_field(name).decimal_places


@pytest.mark.django_db
def test_the_action_refuses_what_the_model_bounds():
    manager = factories.OperatorStaffFactory(role="manager")
    park = factories.ParkFactory(operator=manager.operator)
    operator_user = manager.user
    _low, high = bounds(Park, "admission_sla_days")
    with pytest.raises(Invalid) as caught:
        inventory.park_update(
            park=park,
            actor=operator_user,
            admission_sla_days=high + 1,
            min_tax_per_mu=Decimal("-1"),
        )
    assert set(caught.value.fields) == {"admission_sla_days", "min_tax_per_mu"}
    updated = inventory.park_update(
        park=park, actor=operator_user, admission_sla_days=high
    )
    assert updated.admission_sla_days == high


@pytest.mark.django_db
def test_a_unit_is_checked_by_the_model_s_own_rules():
    """The code's length, a floor the building has, a price for each way the unit
    is offered: the model says so (`Unit.clean`), the action only asks it."""
    building = factories.BuildingFactory(floors=3)
    buildings = {building.name: building}
    longest = Unit._meta.get_field("code").max_length
    row = {"building": building.name, "floor": 1, "area_m2": "100", "offer": "lease"}
    row |= {"floor_load_kn_m2": "8", "ceiling_height_m": "6", "power_kva": "100"}
    values, errors = inventory.unit_values(
        buildings, {**row, "code": "X" * longest, "monthly_rent_per_m2": "25"}
    )
    assert errors == {}
    assert (values["floor"], values["area_m2"]) == (1, Decimal("100.00"))
    _values, errors = inventory.unit_values(
        buildings, {**row, "code": "X" * (longest + 1), "floor": "4", "offer": "BOTH"}
    )
    assert f"at most {longest} characters" in errors["code"][0]
    assert errors["floor"] == [f"{building.name} has 3 floors."]
    assert errors["monthly_rent_per_m2"] == ["Enter a price above zero for this offer."]
    assert errors["sale_price_per_m2"] == ["Enter a price above zero for this offer."]
    _values, errors = inventory.unit_values(
        buildings,
        {**row, "code": "A1", "floor": "2.5", "area_m2": "0", "power_kva": ""},
    )
    assert errors["floor"] == ["Enter a whole number."]
    assert errors["area_m2"] == ["Enter a number from 1 to 1,000,000."]
    assert errors["power_kva"] == ["This field is required."]
