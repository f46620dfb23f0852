"""A unit's current lease is one reading: the active lease, else the approved
one that starts next. The rent roll, the stacking plan and its unit panel all
name that lease, whatever the unit's history."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parks.models import Lease
from parks.queries.occupancy import stacking_plan, unit_panel
from parks.queries.rent_roll import RentRollFilter, current_leases, rent_roll
from tests import factories

pytestmark = pytest.mark.django_db

# A unit's history: one lease per year from 2025 (holding leases may not
# overlap), each in any status, at most one of them active.
histories = st.lists(
    st.sampled_from(["approved", "active", "terminated", "expired"]),
    min_size=0,
    max_size=4,
).filter(lambda statuses: statuses.count("active") <= 1)


def _expected(leases: list[Lease]) -> Lease | None:
    active = [lease for lease in leases if lease.status == "active"]
    approved = sorted(
        (lease for lease in leases if lease.status == "approved"),
        key=lambda lease: lease.start_date,
    )
    return (active or approved or [None])[0]


def _lease(unit, company, year: int, status: str) -> Lease:
    return factories.LeaseFactory(
        unit=unit,
        company=company,
        status=status,
        start_date=date(year, 1, 1),
        end_date=date(year, 12, 31),
    )


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(statuses=histories, order=st.randoms(use_true_random=False))
def test_every_page_names_the_same_current_lease(statuses, order):
    with transaction.atomic():  # each example on its own, rolled back
        unit = factories.UnitFactory(status="leased")
        park = unit.park
        years = [2025 + i for i in range(len(statuses))]
        order.shuffle(years)  # created in any order, not by date
        leases = [
            _lease(unit, factories.CompanyFactory(), year, status)
            for year, status in zip(years, statuses, strict=True)
        ]
        expected = _expected(leases)

        rolled = current_leases(park).get(unit.pk)
        roll_row = next(iter(rent_roll(park, RentRollFilter())))
        cell = stacking_plan(park)[0].floors[0][1][0]
        panel = unit_panel(unit)

        if expected is None:
            assert rolled is None
            assert roll_row.lease_company is None
            assert cell.company == ""
            assert panel["lease"] is None
        else:
            assert rolled["pk"] == expected.pk
            assert roll_row.lease_company == expected.company.name
            assert cell.company == expected.company.name
            assert panel["lease"] == expected
        transaction.set_rollback(True)


def test_an_active_lease_is_current_before_its_renewal():
    """The unit panel named the renewal (it starts later) while the rent roll
    and the stacking plan named the lease in force."""
    unit = factories.UnitFactory(status="leased")
    today_lease = _lease(
        unit, factories.CompanyFactory(name="In force"), 2026, "active"
    )
    _lease(unit, factories.CompanyFactory(name="Renewal"), 2027, "approved")

    assert unit_panel(unit)["lease"] == today_lease
    assert current_leases(unit.park)[unit.pk]["pk"] == today_lease.pk
    assert stacking_plan(unit.park)[0].floors[0][1][0].company == "In force"
