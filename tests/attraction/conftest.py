"""Attraction fixtures: a park with a furniture chain, its manager and an
officer, a tenant in the wood-processing link, a prospect."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from attraction.models import Chain, ChainLink, CostSheet, Prospect
from tests import factories

LINKS = [
    # key, position, codes, strong firms, strong output
    ("timber", "upstream", ["02"], 2, D("50000000")),
    ("wood", "midstream", ["20"], 2, D("100000000")),
    ("furniture", "midstream", ["21"], 3, D("200000000")),
    ("logistics", "downstream", ["59", "54"], 1, D("10000000")),
]


@pytest.fixture
def manager(db):
    return factories.OperatorStaffFactory(role="manager").user


@pytest.fixture
def park(manager):
    return factories.ParkFactory(
        operator=manager.operator_staff.get().operator,
        leading_industry="20",
        featured_industries=["21", "13"],
    )


@pytest.fixture
def officer(park):
    return factories.OperatorStaffFactory(operator=park.operator, role="staff").user


@pytest.fixture
def outsider(db):
    """Staff of another operator."""
    return factories.OperatorStaffFactory(role="manager").user


@pytest.fixture
def chain(park):
    chain = Chain.objects.create(
        park=park, name="Furniture", name_zh="家具", industry_code="21"
    )
    for order, (key, position, codes, firms, output) in enumerate(LINKS):
        ChainLink.objects.create(
            chain=chain,
            key=key,
            order=order,
            position=position,
            name=key.title(),
            name_zh=f"{key}环节",
            industry_codes=codes,
            strong_min_firms=firms,
            strong_min_output=output,
        )
    return chain


def link(chain, key):
    return chain.links.get(key=key)


def seat(park, company, *, industry="20", output=D("60000000")):
    """The company holds an active lease in the park, admitted with `output`."""
    unit = factories.UnitFactory(building__park=park, park=park)
    factories.AdmissionApplicationFactory(
        company=company,
        park=park,
        status="approved",
        industry_code=industry,
        expected_annual_output=output,
    )
    return factories.LeaseFactory(company=company, unit=unit)


@pytest.fixture
def prospect(park, chain, officer):
    return Prospect.objects.create(
        park=park,
        company_name="Shunde Oak Furniture Co.",
        industry_code="21",
        chain_link=link(chain, "furniture"),
        source="direct",
        officer=officer,
        created_by=officer,
        planned_investment=D("30000000"),
        expected_annual_output=D("80000000"),
        expected_annual_tax=D("2000000"),
        jobs=120,
        area_m2=D("2000"),
        origin_region="Foshan Shunde",
    )


@pytest.fixture
def sheets(park):
    here = CostSheet.objects.create(
        park=park,
        city="Sansui",
        city_zh="三穗",
        as_of=date(2026, 1, 1),
        rent_per_m2=D("10.00"),
        sale_price_per_m2=D("2200"),
        wage_general=D("3200"),
        wage_skilled=D("4500"),
        wage_technical=D("7000"),
        power_tariff=D("0.5500"),
        water_tariff=D("3.10"),
        gas_tariff=D("3.20"),
        logistics={"prd": "320", "cc": "180"},
        sources="Sansui county tariffs 2026",
    )
    foshan = CostSheet.objects.create(
        city="Foshan",
        city_zh="佛山",
        preset_key="foshan",
        as_of=date(2026, 1, 1),
        rent_per_m2=D("28.00"),
        wage_general=D("5200"),
        wage_skilled=D("7000"),
        wage_technical=D("11000"),
        power_tariff=D("0.7800"),
        water_tariff=D("4.20"),
        gas_tariff=D("4.10"),
        logistics={"prd": "80", "cc": "420"},
    )
    return here, foshan
