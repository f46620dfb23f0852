"""Occupancy: dashboard numbers, trend, stacking plan, rent roll, export, and
constant query counts at 10 and 500 units."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from parks.models import Lease, ParkFigures, Unit
from parks.queries.occupancy import (
    expiry_band,
    occupancy_trend,
    park_occupancy,
    stacking_plan,
)
from parks.queries.rent_roll import RentRollFilter, rent_roll
from tests import factories
from tests.parks.leasing_fixtures import manager_of

pytestmark = pytest.mark.django_db

TODAY = date.today()


def populate(park, n: int) -> list[Unit]:
    """`n` units over two buildings, a quarter each leased, sold, reserved, vacant."""
    buildings = [
        factories.BuildingFactory(park=park, name="A"),
        factories.BuildingFactory(park=park, name="B"),
    ]
    statuses = ["leased", "sold", "reserved", "vacant"]
    units = Unit.objects.bulk_create(
        Unit(
            park=park,
            building=buildings[i % 2],
            code=f"X{i:04d}",
            floor=i % 3 + 1,
            area_m2=Decimal("100.00"),
            monthly_rent_per_m2=Decimal("10.00"),
            status=statuses[i % 4],
        )
        for i in range(n)
    )
    companies = factories.CompanyFactory.create_batch(3)
    leases = []
    for i, unit in enumerate(units):
        if unit.status == "leased":
            start = TODAY - timedelta(days=400)
            leases.append(
                Lease(
                    unit=unit,
                    company=companies[i % 3],
                    start_date=start,
                    end_date=TODAY + timedelta(days=20 + i),
                    rent_per_m2=Decimal("10.00"),
                    monthly_rent=Decimal("1000.00"),
                    deposit=Decimal("2000.00"),
                    status="active",
                    activated_on=start,
                )
            )
        elif unit.status == "reserved":
            leases.append(
                Lease(
                    unit=unit,
                    company=companies[i % 3],
                    start_date=TODAY + timedelta(days=30),
                    end_date=TODAY + timedelta(days=400),
                    rent_per_m2=Decimal("10.00"),
                    monthly_rent=Decimal("1000.00"),
                    deposit=Decimal("2000.00"),
                    status="approved",
                )
            )
    Lease.objects.bulk_create(leases)
    ParkFigures.mark_stale(
        [park.pk]
    )  # a bulk write marks its park (as unit import does)
    return units


@pytest.fixture
def park(db):
    return factories.ParkFactory()


def test_numbers_add_up(park):
    populate(park, 8)
    numbers = park_occupancy(park)
    assert numbers["units_total"] == 8
    assert [
        numbers[f"units_{s}"] for s in ("leased", "sold", "reserved", "vacant")
    ] == [
        2,
        2,
        2,
        2,
    ]
    assert numbers["occupancy_rate"] == Decimal("0.5000")
    assert numbers["occupancy_rate_by_area"] == Decimal("0.5000")
    assert numbers["leased_area_m2"] == Decimal("200.00")
    assert numbers["vacant_area_m2"] == Decimal("200.00")
    assert numbers["revenue_run_rate"] == Decimal("24000.00")
    assert numbers["expiring_30"] == 2  # ends 20 and 24 days from now
    assert numbers["expiring_90"] == 2


def test_a_parks_numbers_follow_its_units_and_leases(park, django_assert_num_queries):
    """Kept per day and change: an unchanged park's numbers cost one query; a
    unit's new status or a new lease shows at once."""
    populate(park, 8)
    ParkFigures.mark_stale([park.pk])  # populate's bulk inserts send no signal
    assert park_occupancy(park)["units_vacant"] == 2
    with django_assert_num_queries(1):
        assert park_occupancy(park)["units_vacant"] == 2
    unit = Unit.objects.filter(park=park, status="vacant").first()
    unit.status = "leased"
    unit.save()
    assert park_occupancy(park)["units_vacant"] == 1
    factories.LeaseFactory(
        unit=unit, status="active", start_date=TODAY, end_date=TODAY + timedelta(10)
    )
    assert park_occupancy(park)["expiring_30"] == 3
    assert park_occupancy(park, today=TODAY + timedelta(days=60))["expiring_30"] == 0


def test_empty_park(park):
    numbers = park_occupancy(park)
    assert numbers["units_total"] == 0
    assert numbers["occupancy_rate"] == 0


def test_trend_counts_handed_over_leases_by_month(park):
    unit = factories.UnitFactory(building__park=park)
    factories.UnitFactory(building=unit.building)
    start = (TODAY.replace(day=1) - timedelta(days=1)).replace(day=1)  # last month
    factories.LeaseFactory(unit=unit, start_date=start)
    # An approved lease that was never handed over does not count.
    factories.LeaseFactory(
        unit=factories.UnitFactory(building=unit.building),
        status="approved",
        start_date=start,
    )

    trend = occupancy_trend(park)

    assert len(trend.points) == 24
    assert [p.occupied for p in trend.points[-3:]] == [0, 1, 1]
    assert trend.points[-1].rate == Decimal("0.3333")
    assert trend.polyline.count(",") == 24


def test_stacking_plan_groups_and_bands(park):
    populate(park, 12)
    plan = stacking_plan(park)
    assert [b.building.name for b in plan] == ["A", "B"]
    floors = [floor for floor, _ in plan[0].floors]
    assert floors == sorted(floors, reverse=True)
    cells = [c for b in plan for _, row in b.floors for c in row]
    assert len(cells) == 12
    leased = [c for c in cells if c.unit.status == "leased"]
    assert all(c.company and c.band == "exp90" for c in leased)
    assert expiry_band(TODAY + timedelta(days=150), TODAY) == "exp180"
    assert expiry_band(TODAY + timedelta(days=400), TODAY) == ""


def test_rent_roll_filters_and_sorts(park):
    populate(park, 16)
    everything = rent_roll(park, RentRollFilter())
    assert len(everything) == 16
    leased = rent_roll(park, RentRollFilter(status="leased"))
    assert len(leased) == 4
    assert all(u.lease_rent == Decimal("1000.00") for u in leased)
    expiring = rent_roll(park, RentRollFilter(expiring_days=25))
    assert len(expiring) == 2
    by_end = list(rent_roll(park, RentRollFilter(sort="end", descending=True)))
    ends = [u.lease_end for u in by_end if u.lease_end]
    assert ends == sorted(ends, reverse=True)
    assert by_end[-1].lease_end is None  # unlet units last
    building = park.buildings.get(name="B")
    assert len(rent_roll(park, RentRollFilter(building=building.pk))) == 8
    by_rent = rent_roll(park, RentRollFilter(sort="rent", descending=True))
    assert by_rent[-1].lease_rent is None  # unlet units last either way
    assert RentRollFilter.from_query({"sort": "-rent", "expiring": "x"}) == (
        RentRollFilter(sort="rent", descending=True)
    )


def test_a_rent_roll_reads_its_units_a_page_at_a_time(park, django_assert_num_queries):
    """The order and the rents are known for every row; a page reads only its
    own units (with their buildings) and their leases, in two queries."""
    populate(park, 16)
    roll = rent_roll(park, RentRollFilter(sort="rent", descending=True))
    everything = list(roll)
    assert len(roll) == len(everything) == 16
    with django_assert_num_queries(2):
        page = roll[5:10]
    assert [u.pk for u in page] == [u.pk for u in everything[5:10]]
    assert [u.lease_rent for u in page] == [u.lease_rent for u in everything[5:10]]
    assert roll[0].pk == everything[0].pk
    assert roll.total == sum(u.lease_rent for u in everything if u.lease_rent)


def test_the_rents_kept_for_a_rent_roll_follow_its_leases(
    park, django_assert_max_num_queries
):
    """The rents in force are worked out once per day and change to the park's
    leases: a changed rent shows at once, an unchanged roll reads none."""
    populate(park, 8)
    before = rent_roll(park, RentRollFilter()).total
    with django_assert_max_num_queries(2):  # the order and the versions
        assert rent_roll(park, RentRollFilter()).total == before
    lease = Lease.objects.filter(unit__park=park, status="active").first()
    lease.monthly_rent += Decimal("100.00")
    lease.save()
    assert rent_roll(park, RentRollFilter()).total == before + Decimal("100.00")
    lease.delete()
    after = rent_roll(park, RentRollFilter()).total
    assert after == before - lease.monthly_rent + Decimal("100.00")
    tomorrow = rent_roll(park, RentRollFilter(), today=TODAY + timedelta(days=1))
    assert tomorrow.total == after  # worked out again for the day: same leases


def test_rent_roll_export(client, park):
    populate(park, 8)
    client.force_login(manager_of(park))
    response = client.get(
        reverse("parks:rent_roll_export", args=[park.pk]) + "?status=leased"
    )
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert len(rows) == 2
    assert rows[0][9] == 1000


@pytest.mark.parametrize("name", ["park_dashboard", "stacking_plan", "rent_roll"])
def test_pages_are_for_the_parks_operator_only(client, park, name, tenant):
    url = reverse(f"parks:{name}", args=[park.pk])
    client.force_login(factories.OperatorStaffFactory().user)
    assert client.get(url).status_code == 404
    client.force_login(tenant)
    assert client.get(url).status_code == 404
    client.force_login(manager_of(park))
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("n", [10, 500])
@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("park_dashboard", ""),
        ("stacking_plan", ""),
        ("rent_roll", ""),
        ("rent_roll", "?sort=-company&status=leased&expiring=400&page=2"),
    ],
)
def test_constant_queries(client, park, n, name, query, django_assert_max_num_queries):
    populate(park, n)
    client.force_login(manager_of(park))
    url = reverse(f"parks:{name}", args=[park.pk]) + query
    with django_assert_max_num_queries(15):
        response = client.get(url)
    assert response.status_code == 200
    if name == "stacking_plan":
        assert response.content.count(b'class="cell st-') == n


def test_stacking_plan_cells_escape_what_users_typed(client, park):
    unit = factories.UnitFactory(park=park, building__park=park, code="A<1>")
    factories.LeaseFactory(unit=unit, company__name='Bold & "Co" <b>', status="active")
    client.force_login(manager_of(park))

    page = client.get(reverse("parks:stacking_plan", args=[park.pk])).content

    assert b"<strong>A&lt;1&gt;</strong>" in page
    assert b'<small class="who">Bold &amp; &quot;Co&quot; &lt;b&gt;</small>' in page
    assert b"<b>" not in page


def test_stacking_unit_panel_htmx(client, park):
    unit = populate(park, 4)[0]
    client.force_login(manager_of(park))
    url = reverse("parks:stacking_unit", args=[unit.pk])
    fragment = client.get(url, headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert b"<html" not in fragment.content
    assert unit.code.encode() in fragment.content
    assert client.get(url).content.count(b"<html") == 1
    client.force_login(factories.OperatorStaffFactory().user)
    assert client.get(url).status_code == 404


def test_rent_roll_htmx_fragment(client, park):
    populate(park, 4)
    client.force_login(manager_of(park))
    response = client.get(
        reverse("parks:rent_roll", args=[park.pk]) + "?status=vacant",
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert response.content.lstrip().startswith(b'<div id="rent-roll">')


def test_the_rent_roll_shows_the_rent_in_force_by_the_one_calculation(park):
    from datetime import date

    unit = factories.UnitFactory(park=park, building__park=park)
    factories.LeaseFactory(
        unit=unit,
        start_date=date(2024, 1, 1),
        end_date=date(2028, 12, 31),
        monthly_rent=Decimal("10000.00"),
        escalation_percent=Decimal("5"),
        rent_discount_percent=Decimal("10"),
        status="active",
    )
    (row,) = [u for u in rent_roll(park, RentRollFilter(), today=date(2026, 6, 1))
              if u.pk == unit.pk]  # fmt: skip
    # Third lease year: 10000 × 1.05² × 0.9
    assert row.lease_rent == Decimal("9922.50")
