"""Inventory actions: park settings and the 1+N rule, buildings, units."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from core.errors import Invalid, NotAllowed, NotFound
from parks.actions.inventory import (
    building_create,
    building_update,
    park_update,
    unit_create,
    unit_update,
)
from parks.models import Unit
from parks.models.inventory import industry_errors
from tests import factories


@pytest.fixture
def park(operator_user):
    return factories.ParkFactory(operator=operator_user.operator_staff.get().operator)


@pytest.fixture
def building(park):
    return factories.BuildingFactory(park=park, name="A1", floors=3)


UNIT = {
    "code": "A1-101",
    "building": "A1",
    "floor": 1,
    "area_m2": "1200",
    "floor_load_kn_m2": "30",
    "ceiling_height_m": "8.5",
    "power_kva": 250,
    "offer": "both",
    "monthly_rent_per_m2": "12.5",
    "sale_price_per_m2": "3600",
}


@pytest.mark.parametrize(
    ("leading", "featured", "fields"),
    [
        ("38", ["34", "35", "39"], set()),
        ("38", ["34"], set()),
        ("38", [], {"featured_industries"}),
        ("38", ["34", "35", "39", "40"], {"featured_industries"}),
        ("38", ["38", "34"], {"featured_industries"}),
        ("38", ["34", "34"], {"featured_industries"}),
        ("38", ["C"], {"featured_industries"}),  # a section, not a division
        ("C", ["34"], {"leading_industry"}),
        ("", ["34"], {"leading_industry"}),
    ],
)
def test_one_plus_n_rule(leading, featured, fields):
    assert set(industry_errors(leading, featured)) == fields


def test_park_update_thresholds_split_and_industries(park, operator_user):
    park = park_update(
        park=park,
        actor=operator_user,
        min_investment_per_mu="3500000",
        min_jobs=30,
        output_share_host="100",
        tax_share_host="40",
        admission_sla_days=15,
        leading_industry="20",
        featured_industries=["21", "13"],
    )
    park.refresh_from_db()
    assert park.min_investment_per_mu == D("3500000.00")
    assert park.min_jobs == 30
    assert park.tax_share_host == D("40.00")
    assert (park.leading_industry, park.featured_industries) == ("20", ["21", "13"])


def test_park_update_reports_fields(park, operator_user):
    with pytest.raises(Invalid) as exc:
        park_update(
            park=park,
            actor=operator_user,
            tax_share_host="120",
            min_output_per_mu="-1",
            admission_sla_days=0,
            featured_industries=["38"],
        )
    assert set(exc.value.fields) == {
        "tax_share_host",
        "min_output_per_mu",
        "admission_sla_days",
        "featured_industries",
    }


def test_park_update_roles(park, tenant):
    staff = factories.OperatorStaffFactory(operator=park.operator, role="staff").user
    with pytest.raises(NotAllowed):
        park_update(park=park, actor=staff, min_jobs=1)
    with pytest.raises(NotFound):
        park_update(park=park, actor=tenant, min_jobs=1)
    with pytest.raises(NotFound):
        park_update(park=park, actor=factories.OperatorStaffFactory().user, min_jobs=1)


def test_buildings(park, operator_user):
    b = building_create(
        park=park, actor=operator_user, name="D1", kind="dormitory", floors=6
    )
    assert b.floors == 6
    with pytest.raises(Invalid) as exc:
        building_create(park=park, actor=operator_user, name="D1", kind="x", floors=0)
    assert set(exc.value.fields) == {"name", "kind", "floors"}
    factories.UnitFactory(building=b, floor=5)
    with pytest.raises(Invalid) as exc:  # a unit is on floor 5
        building_update(building=b, actor=operator_user, floors=4)
    message = "Units are on floor 5: keep at least that many floors."
    assert exc.value.fields == {"floors": [message]}
    b.floors = 4  # the rule is the model's: the admin's form asks it too
    with pytest.raises(ValidationError) as caught:
        b.full_clean()
    assert caught.value.message_dict == {"floors": [message]}
    b.refresh_from_db()
    assert building_update(building=b, actor=operator_user, floors=5).floors == 5


def test_unit_create_and_update_never_touch_status(park, building, operator_user):
    unit = unit_create(park=park, actor=operator_user, **UNIT)
    assert unit.status == "vacant"
    assert unit.building == building
    Unit.objects.filter(pk=unit.pk).update(status="leased")
    unit = unit_update(
        unit=unit, actor=operator_user, monthly_rent_per_m2="13", status="vacant"
    )
    unit.refresh_from_db()
    assert unit.monthly_rent_per_m2 == D("13.00")
    assert unit.status == "leased"


def test_unit_validation(park, building, operator_user):
    unit_create(park=park, actor=operator_user, **UNIT)
    with pytest.raises(Invalid) as exc:
        unit_create(park=park, actor=operator_user, **UNIT)
    assert "code" in exc.value.fields
    bad = {
        **UNIT,
        "code": "X",
        "floor": 4,
        "area_m2": "0",
        "offer": "sale",
        "sale_price_per_m2": "",
    }
    with pytest.raises(Invalid) as exc:
        unit_create(park=park, actor=operator_user, **bad)
    assert set(exc.value.fields) == {"floor", "area_m2", "sale_price_per_m2"}


def test_unit_in_another_parks_building_is_refused(park, building, operator_user):
    foreign = factories.BuildingFactory(name="Z9")
    with pytest.raises(Invalid) as exc:
        unit_create(park=park, actor=operator_user, **{**UNIT, "building": "Z9"})
    assert "building" in exc.value.fields
    with pytest.raises(Invalid):
        unit_create(
            park=park, actor=operator_user, **{**UNIT, "building": str(foreign.pk)}
        )


def test_tenant_cannot_create_units(park, building, tenant):
    with pytest.raises(NotFound):
        unit_create(park=park, actor=tenant, **UNIT)
