"""No double-letting, held by PostgreSQL: the exclusion constraint and a race of
two concurrent approvals for overlapping periods."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from django.db import IntegrityError, connection, transaction

from core.errors import Conflict
from parks.actions import leasing
from parks.models import Lease
from parks.models.leasing import LeaseQuerySet
from tests import factories
from tests.parks.leasing_fixtures import admit, manager_of

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

START = date.today() + timedelta(days=30)


def test_the_database_refuses_overlapping_leases(transactional_db):
    unit = factories.UnitFactory()
    factories.LeaseFactory(
        unit=unit,
        status="approved",
        start_date=START,
        end_date=START + timedelta(days=364),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.LeaseFactory(
            unit=unit,
            status="active",
            start_date=START + timedelta(days=364),  # the last day overlaps
            end_date=START + timedelta(days=700),
        )
    # Ended leases do not hold the unit; the day after is free.
    factories.LeaseFactory(
        unit=unit,
        status="expired",
        start_date=START,
        end_date=START + timedelta(days=10),
    )
    factories.LeaseFactory(
        unit=unit,
        status="approved",
        start_date=START + timedelta(days=365),
        end_date=START + timedelta(days=700),
    )


def test_constraint_violation_maps_to_conflict(transactional_db, monkeypatch):
    unit = factories.UnitFactory()
    company = factories.CompanyFactory()
    admit(company, unit.park)
    factories.LeaseFactory(
        unit=unit,
        status="approved",
        start_date=START,
        end_date=START + timedelta(days=364),
    )
    application = factories.LeaseApplicationFactory(
        company=company, unit=unit, start_date=START
    )
    # Skip the action's own check: the constraint must still say no.
    monkeypatch.setattr(
        LeaseQuerySet, "overlapping", lambda *a, **k: Lease.objects.none()
    )
    with pytest.raises(Conflict) as exc:
        leasing.lease_approve(
            application=application,
            actor=manager_of(unit.park),
        )
    assert exc.value.code == "unit_taken"


def test_concurrent_approvals_make_exactly_one_lease(transactional_db):
    unit = factories.UnitFactory()
    manager = manager_of(unit.park)
    applications = []
    for offset in (0, 90):
        company = factories.CompanyFactory()
        admit(company, unit.park)
        applications.append(
            factories.LeaseApplicationFactory(
                company=company,
                unit=unit,
                start_date=START + timedelta(days=offset),
                term_months=12,
            )
        )
    barrier = threading.Barrier(2)
    outcomes: list[object] = []

    def approve(application) -> None:
        try:
            barrier.wait(timeout=10)
            leasing.lease_approve(
                application=application,
                actor=manager,
            )
            outcomes.append("lease")
        except Conflict as exc:
            outcomes.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(a,)) for a in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(map(str, map(type, outcomes))) == sorted([str(str), str(Conflict)]), (
        outcomes
    )
    assert Lease.objects.filter(unit=unit).count() == 1
    conflict = next(o for o in outcomes if isinstance(o, Conflict))
    assert conflict.code == "unit_taken"
