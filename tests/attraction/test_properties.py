"""The policy's cost and the relocation comparison's relief are two outputs of
the same concessions: over the five-year horizon they must agree (to the cent
per rounded year), and a policy can only lower the firm's cost here."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from attraction.policy_cost import HORIZON_YEARS, Commitments, Item, policy_cost
from attraction.relocation import Costs, Size, compare

rents = st.decimals(min_value=D("0"), max_value=D("500000"), places=2)
rates = st.decimals(min_value=D("0"), max_value=D("100"), places=2)
free = st.integers(min_value=0, max_value=HORIZON_YEARS * 12)
COSTS = Costs(D("10"), D("4000"), D("0.5"), D("3"), D("3"), D("300"))


@settings(max_examples=300, deadline=None)
@given(monthly_rent=rents, months=free, rate=rates)
def test_rent_concessions_cost_equals_five_year_relief(monthly_rent, months, rate):
    items = [
        Item("rent_free_months", months=months),
        Item("rent_discount", rate_percent=rate),
    ]
    cost = policy_cost(
        items, monthly_rent=monthly_rent, commitments=Commitments(D(1), D(1), D(1))
    )
    area = monthly_rent / COSTS.rent_per_m2
    size = Size(area_m2=area, staff=0, kwh=D(0), m3=D(0))
    relief = sum(
        (y.relief for y in compare(COSTS, COSTS, size, years=5, policy=items).years),
        D("0"),
    )
    assert abs(cost.total - relief) <= D("0.05")


@settings(max_examples=200, deadline=None)
@given(monthly_rent=rents, months=free, rate=rates, subsidy=rents)
def test_a_policy_never_makes_the_park_dearer(monthly_rent, months, rate, subsidy):
    items = [
        Item("rent_free_months", months=months),
        Item("rent_discount", rate_percent=rate),
        Item("fit_out_subsidy", amount=subsidy),
    ]
    size = Size(area_m2=monthly_rent / COSTS.rent_per_m2, staff=3, kwh=D(10), m3=D(1))
    with_policy = compare(COSTS, COSTS, size, years=5, policy=items)
    without = compare(COSTS, COSTS, size, years=5)
    assert with_policy.total_saving >= without.total_saving
    for year in with_policy.years:
        assert year.relief >= 0


@pytest.mark.postgres
def test_the_database_refuses_a_referral_without_its_tenant(park, officer):
    from django.db import IntegrityError

    from attraction.models import Prospect

    with pytest.raises(IntegrityError):
        Prospect.objects.create(
            park=park,
            company_name="X",
            industry_code="21",
            source="tenant_referral",
            created_by=officer,
        )
