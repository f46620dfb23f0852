"""The operator's occupancy overview: each park's figures (as its dashboard
shows them), sortable and paginated, with totals that are the sum of the rows."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import transaction
from freezegun import freeze_time
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parks.models import ParkFigures
from parks.queries.occupancy import (
    operated_parks,
    overview_totals,
    park_occupancy,
    parks_overview,
    with_rates,
)
from parks.queries.rent_roll import RentRollFilter, rent_roll
from tests import factories

pytestmark = pytest.mark.django_db
FIGURES = ("units_total", "units_leased", "units_sold", "units_vacant")
SUMMED = (*FIGURES, "area_total", "area_occupied", "monthly_rent")


def build_park(operator, statuses, areas, rents, name=None):
    park = factories.ParkFactory(operator=operator, **({"name": name} if name else {}))
    building = factories.BuildingFactory(park=park)
    for i, (status, area) in enumerate(zip(statuses, areas, strict=False)):
        unit = factories.UnitFactory(
            park=park, building=building, code=f"U{i}", status=status, area_m2=area
        )
        if status == "leased" and rents:
            factories.LeaseFactory(unit=unit, monthly_rent=rents[i % len(rents)])
    return park


@pytest.fixture
def operator(operator_user):
    return operator_user.operator_staff.get().operator


@pytest.fixture
def portfolio(operator):
    statuses = ["leased", "leased", "sold", "vacant", "reserved"]
    parks = [
        build_park(
            operator,
            statuses[: 1 + i % 5],
            [Decimal(100 + i), Decimal("250.50")] * 3,
            [Decimal(1000 * (i + 1))],
            name=f"Park {i:02d}",
        )
        for i in range(30)
    ]
    factories.ParkFactory(name="Not mine")
    return parks


def sums(rows) -> dict:
    return {key: sum(getattr(r, key) for r in rows) for key in SUMMED}


def test_rows_match_the_dashboards_and_totals_are_their_sum(operator_user, portfolio):
    parks = operated_parks(operator_user)
    rows = with_rates(parks_overview(parks))
    assert len(rows) == 30 and "Not mine" not in {r.name for r in rows}
    for row in rows:
        numbers = park_occupancy(row)
        assert [getattr(row, k) for k in FIGURES] == [numbers[k] for k in FIGURES]
        assert row.occupancy_rate == numbers["occupancy_rate"]
        assert row.monthly_rent == numbers["monthly_rent"]
        assert row.area_total == numbers["total_area_m2"]
    totals = overview_totals(parks)
    assert {k: totals[k] for k in SUMMED} == sums(rows)


def escalating_park(operator):
    """Leases that escalate, discount and start rent-free, a year and more in."""
    park = factories.ParkFactory(operator=operator)
    building = factories.BuildingFactory(park=park)
    for i, (esc, discount, free) in enumerate([(5, 0, 0), (3, 10, 2), (0, 5, 14)]):
        unit = factories.UnitFactory(
            park=park, building=building, code=f"E{i}", status="leased"
        )
        factories.LeaseFactory(
            unit=unit,
            start_date=date(2026, 2 + i, 15),
            end_date=date(2030, 1 + i, 14),
            monthly_rent=Decimal("10000.00"),
            escalation_percent=esc,
            rent_discount_percent=discount,
            rent_free_months=free,
        )
    return park


def rent_roll_in_force(park, today):
    """The rent roll's rent in force, summed over the units let on active leases."""
    return sum(
        u.lease_rent
        for u in rent_roll(park, RentRollFilter(), today=today)
        if u.lease_status == "active"
    )


def test_the_rent_in_force_agrees_with_the_rent_roll_and_follows_the_anniversaries(
    operator_user, operator
):
    park = escalating_park(operator)
    parks = operated_parks(operator_user)
    # 2027-03-20: the first lease is in its second year (5% up), the second in
    # its second year (3% up, 10% off) from 15 March, the third in its first.
    # Rent-free months do not change the rent in force.
    with freeze_time("2027-03-20"):
        (row,) = parks_overview(parks)
        expected = Decimal("10500.00") + Decimal("9270.00") + Decimal("9500.00")
        assert row.monthly_rent == expected
        assert park_occupancy(park)["monthly_rent"] == expected
        assert rent_roll_in_force(park, date(2027, 3, 20)) == expected
    # On 15 February 2028 the first lease enters its third year: no lease row
    # changed, yet the kept figure follows (it held until the eve of that day).
    with freeze_time("2028-02-15"):
        (row,) = parks_overview(parks)
        expected = Decimal("11025.00") + Decimal("9270.00") + Decimal("9500.00")
        assert row.monthly_rent == expected
        assert rent_roll_in_force(park, date(2028, 2, 15)) == expected
    # Another day's rent in force is computed, by the same calculation.
    assert park_occupancy(park, today=date(2028, 2, 15))["monthly_rent"] == expected


def test_sorting(operator_user, portfolio):
    parks = operated_parks(operator_user)
    by_rate = with_rates(parks_overview(parks, "-occupancy"))
    rates = [r.occupancy_rate for r in by_rate]
    assert rates == sorted(rates, reverse=True)
    by_rent = [r.monthly_rent for r in parks_overview(parks, "rent")]
    assert by_rent == sorted(by_rent)
    # Equal figures keep the name order (then the id), in either direction.
    by_units = [(r.units_total, r.name, r.pk) for r in parks_overview(parks, "-units")]
    assert by_units == sorted(by_units, key=lambda row: (-row[0], row[1], row[2]))
    names = [(r.name, r.pk) for r in parks_overview(parks, "-name")]
    assert names == sorted(names, key=lambda row: (row[0], -row[1]), reverse=True)


def test_the_page_pages_sorts_and_its_totals_sum_its_rows(
    client, operator_user, portfolio, django_assert_max_num_queries
):
    client.force_login(operator_user)
    ParkFigures.refresh()  # once after the changes (tests/parks/test_figures.py)
    with django_assert_max_num_queries(12):
        first = client.get("/operator/occupancy/?sort=-units").text
    second = client.get("/operator/occupancy/?sort=-units&page=2").text
    assert "Page 1 of 2" in first

    def cells(text, column):
        body = text.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
        found = re.findall(rf'data-label="{column}">([\d,]+)</td>', body)
        return [int(v.replace(",", "")) for v in found]

    units = cells(first, "Units") + cells(second, "Units")
    assert len(units) == 30 and units == sorted(units, reverse=True)
    foot = first.split("<tfoot>", 1)[1]
    total = int(re.search(r'data-label="Units">([\d,]+)</td>', foot)[1])
    assert total == sum(units)
    assert "All 30 parks" in first and "Not mine" not in first
    # The query count does not grow with the parks.
    for i in range(20):
        build_park(portfolio[0].operator, ["vacant"], [Decimal(50)], [], f"Z{i}")
    ParkFigures.refresh()
    with django_assert_max_num_queries(12):
        client.get("/operator/occupancy/?sort=occupancy")


def test_the_api(api_as, operator_user, portfolio, other_tenant):
    response = api_as(operator_user).get("/occupancy/parks?sort=-rent&limit=20")
    body = response.json()
    assert response.status_code == 200 and body["count"] == 30
    assert len(body["items"]) == 20
    rents = [Decimal(i["monthly_rent"]) for i in body["items"]]
    assert rents == sorted(rents, reverse=True)
    rest = api_as(operator_user).get("/occupancy/parks?sort=-rent&offset=20").json()
    every = body["items"] + rest["items"]
    assert sum(i["units_total"] for i in every) == body["totals"]["units_total"]
    assert sum(Decimal(i["monthly_rent"]) for i in every) == Decimal(
        body["totals"]["monthly_rent"]
    )
    assert api_as(operator_user).get("/occupancy/parks?sort=x").status_code == 422
    assert api_as(other_tenant).get("/occupancy/parks").json()["count"] == 0


class Rollback(Exception):
    pass


statuses = st.sampled_from(["vacant", "reserved", "leased", "sold"])
park_units = st.lists(
    st.tuples(statuses, st.decimals(1, 5000, places=2)), min_size=0, max_size=6
)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(layout=st.lists(park_units, min_size=1, max_size=5))
def test_totals_are_the_sum_of_the_rows_for_any_portfolio(operator, layout):
    try:
        with transaction.atomic():
            for units in layout:
                build_park(
                    operator,
                    [s for s, _a in units],
                    [a for _s, a in units],
                    [Decimal("1234.56")],
                )
            parks = operated_parks(operator.staff.get().user)
            rows = with_rates(parks_overview(parks, "-occupancy"))
            assert {k: overview_totals(parks)[k] for k in SUMMED} == sums(rows)
            raise Rollback
    except Rollback:
        pass
