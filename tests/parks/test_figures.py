"""A park's figures (`ParkFigures`) are what counting its rows gives, after any
action: a change marks them stale in its own transaction, a reader recomputes
them, and a change that races a recompute is not lost."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from freezegun import freeze_time

from parks.actions import leases, leasing
from parks.actions.unit_import import units_import
from parks.models import Lease, ParkFigures, Unit
from parks.queries.unit_sheets import units_template
from tests import factories
from tests.parks.leasing_fixtures import admit, manager_of

pytestmark = pytest.mark.django_db


FIELDS = (
    "units_total",
    "units_vacant",
    "units_leased",
    "units_sold",
    "units_reserved",
    "area_total",
    "area_vacant",
    "area_leased",
    "area_sold",
    "area_reserved",
    "leases",
    "rent_active",
    "applications_submitted",
    "admissions_open",
)


def assert_figures_hold():
    """Every park's stored figures are fresh and equal a count of its rows."""
    ParkFigures.refresh()
    rows = list(ParkFigures.objects.all())
    assert all(row.computed == row.version for row in rows)
    counted = ParkFigures.compute([row.pk for row in rows])
    for row in rows:
        assert {n: getattr(row, n) for n in FIELDS} == {
            n: counted[row.pk][n] for n in FIELDS
        }


@pytest.fixture(autouse=True)
def _frozen():
    with freeze_time("2027-03-10 09:00:00"):
        yield


def test_a_new_park_has_figures_of_nothing():
    park = factories.ParkFactory()
    figures = ParkFigures.objects.get(park=park)
    assert (figures.units_total, figures.leases, figures.computed) == (0, {}, 1)


def test_the_lease_journey_keeps_the_figures(tenant, company):
    unit = factories.UnitFactory(
        area_m2=Decimal("1000.00"), monthly_rent_per_m2=Decimal("15.50")
    )
    factories.UnitFactory(park=unit.park, building=unit.building, status="sold")
    admit(company, unit.park)
    factories.AdmissionApplicationFactory(park=unit.park, status="submitted")
    assert_figures_hold()
    assert ParkFigures.objects.get(park=unit.park).admissions_open == 1
    application = leasing.lease_apply(
        actor=tenant,
        company=company,
        unit=unit,
        start_date=date(2027, 3, 10),
        term_months=12,
    )
    assert ParkFigures.objects.get(park=unit.park).computed < (
        ParkFigures.objects.get(park=unit.park).version
    )
    assert_figures_hold()
    figures = ParkFigures.objects.get(park=unit.park)
    assert figures.applications_submitted == 1

    manager = manager_of(unit.park)
    lease = leasing.lease_approve(application=application, actor=manager)
    assert_figures_hold()
    lease = leases.lease_activate(lease=lease, actor=manager)
    assert_figures_hold()
    figures = ParkFigures.objects.get(park=unit.park)
    assert figures.leases == {"active": 1}
    assert figures.rent_active == Decimal("15500.00")
    assert (figures.units_leased, figures.units_sold, figures.units_total) == (1, 1, 2)
    assert figures.applications_submitted == 0

    leases.lease_terminate(
        lease=lease, actor=manager, on=date(2027, 3, 31), reason="moving out"
    )
    assert_figures_hold()
    with freeze_time("2027-04-02"):
        leases.leases_expire()
        Unit.objects.get(pk=unit.pk)  # status derived by the action
        assert_figures_hold()
        assert Lease.objects.get(pk=lease.pk).status == Lease.Status.TERMINATED


def test_bulk_paths_mark_the_park_stale(operator_user):
    park = factories.ParkFactory(operator=operator_user.operator_staff.get().operator)
    factories.BuildingFactory(park=park, name="A1", floors=2)
    ParkFigures.refresh()
    template = SimpleUploadedFile("t.xlsx", units_template(park))
    result = units_import(park=park, actor=operator_user, file=template)
    assert result.created == ["A1-101"]
    assert_figures_hold()
    assert ParkFigures.objects.get(park=park).units_total == 1


def test_a_rolled_back_change_leaves_the_figures_as_they_were():
    unit = factories.UnitFactory()
    ParkFigures.refresh()
    before = ParkFigures.objects.get(park=unit.park_id)
    with pytest.raises(RuntimeError), transaction.atomic():
        factories.UnitFactory(park=unit.park, building=unit.building)
        raise RuntimeError
    after = ParkFigures.objects.get(park=unit.park_id)
    assert (after.version, after.computed, after.units_total) == (
        before.version,
        before.computed,
        1,
    )


def test_a_change_that_races_a_refresh_is_not_lost(monkeypatch):
    unit = factories.UnitFactory()
    compute = ParkFigures.compute

    def compute_then_a_change_commits(keys):
        figures = compute(keys)
        # Another transaction adds a unit after the counts were read.
        factories.UnitFactory(park=unit.park, building=unit.building)
        return figures

    monkeypatch.setattr(ParkFigures, "compute", compute_then_a_change_commits)
    ParkFigures.refresh()
    row = ParkFigures.objects.get(park=unit.park_id)
    assert row.computed < row.version  # still stale: the counts missed a unit
    monkeypatch.undo()
    assert_figures_hold()
    assert ParkFigures.objects.get(park=unit.park_id).units_total == 2


def test_missing_rows_are_created_by_the_reader():
    unit = factories.UnitFactory(area_m2=Decimal("80.00"))
    ParkFigures.objects.all().delete()  # parks written in bulk (seed_scale)
    assert_figures_hold()
    assert ParkFigures.objects.get(park=unit.park_id).area_vacant == Decimal("80.00")


def test_a_refresh_with_nothing_stale_is_one_query(django_assert_num_queries):
    factories.UnitFactory.create_batch(3)
    ParkFigures.refresh()
    with django_assert_num_queries(1):
        ParkFigures.refresh()


def test_stale_parks_cost_a_constant_read_and_a_write_each(django_assert_num_queries):
    units = factories.UnitFactory.create_batch(4)
    # The stale check, 5 grouped reads (units, leases, the active leases' rent
    # terms, lease applications, admissions), one conditional write per stale park.
    with django_assert_num_queries(1 + 5 + len(units)):
        ParkFigures.refresh()


def test_portfolio_counts_are_kept_until_a_park_changes(
    operator_user, django_assert_num_queries
):
    from parks.queries.worklists import portfolio_counts

    operator = operator_user.operator_staff.get().operator
    unit = factories.UnitFactory(
        park__operator=operator, building__park__operator=operator
    )
    today = date(2027, 3, 10)

    def count():
        return portfolio_counts(operator_user, today, leases=Lease.objects.all())

    assert count() == {"leases": 0}
    with django_assert_num_queries(2):  # the freshness check and the versions
        assert count() == {"leases": 0}
    factories.LeaseFactory(unit=unit)
    assert count() == {"leases": 1}  # the lease moved its park's version
    factories.LeaseFactory()  # another operator's park: the kept count stays
    assert count() == {"leases": 1}
    # Staff of two kinds of organisation see more than the operator's parks:
    # their lists are counted directly.
    factories.MembershipFactory(user=operator_user)
    assert count() == {"leases": 2}


def test_the_refresh_command_recomputes_what_sql_changed():
    from django.core.management import call_command

    unit = factories.UnitFactory()
    ParkFigures.refresh()
    Unit.objects.filter(pk=unit.pk).update(status="sold")  # no signal
    assert ParkFigures.objects.get(park=unit.park_id).units_sold == 0
    call_command("refresh_figures", stdout=io.StringIO())
    assert ParkFigures.objects.get(park=unit.park_id).units_sold == 1


def test_the_daily_run_recomputes_only_what_a_change_or_the_date_made_stale():
    from django.core.management import call_command

    lease = factories.LeaseFactory(
        start_date=date(2026, 5, 1),
        end_date=date(2029, 4, 30),
        monthly_rent=Decimal("1000.00"),
        escalation_percent=10,
    )
    other = factories.UnitFactory(status="vacant")
    with freeze_time("2027-04-30"):
        ParkFigures.refresh()
        assert ParkFigures.objects.get(park=lease.unit.park).rent_until == date(
            2027, 4, 30
        )
    Unit.objects.filter(pk=other.pk).update(status="sold")  # no signal
    with freeze_time("2027-05-01"):
        call_command("refresh_figures", "--stale", stdout=io.StringIO())
    row = ParkFigures.objects.get(park=lease.unit.park)
    assert (row.rent_active, row.rent_until) == (Decimal("1100.00"), date(2028, 4, 30))
    # The other park's figures held: the unsignalled SQL change is not seen.
    assert ParkFigures.objects.get(park=other.park).units_sold == 0


def test_the_rows_that_hold_are_fresh_and_not_past_their_date():
    lease = factories.LeaseFactory(
        start_date=date(2026, 5, 1),
        end_date=date(2029, 4, 30),
        escalation_percent=10,
    )
    idle = factories.UnitFactory()  # no lease: its rent holds until a change
    with freeze_time("2027-04-30"):
        ParkFigures.refresh()
        assert set(ParkFigures.holding().values_list("park", flat=True)) == {
            lease.unit.park_id,
            idle.park_id,
        }
        ParkFigures.mark_stale([idle.park_id])
        assert list(ParkFigures.holding().values_list("park", flat=True)) == [
            lease.unit.park_id
        ]
    with freeze_time("2027-05-01"):  # the anniversary: the rent escalated
        assert not ParkFigures.holding().exists()
