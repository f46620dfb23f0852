"""No double-booking, held by PostgreSQL: the exclusion constraint on a staff
member's time range, and a race of concurrent bookings for one slot."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction

from core.errors import Conflict
from services.actions import bookings as act
from services.models import Booking
from tests import factories
from tests.services.conftest import at

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_the_database_refuses_overlapping_bookings_of_one_staff_member(market):
    factories.BookingFactory(
        offering=market.offering,
        staff=market.staff,
        starts_at=at(2, 10),
        ends_at=at(2, 11),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.BookingFactory(
            offering=market.offering,
            staff=market.staff,
            starts_at=at(2, 10) + timedelta(minutes=30),
            ends_at=at(2, 12),
        )
    # Back to back is fine (half-open ranges), and cancelled ones hold nothing.
    factories.BookingFactory(
        offering=market.offering,
        staff=market.staff,
        starts_at=at(2, 11),
        ends_at=at(2, 12),
    )
    factories.BookingFactory(
        offering=market.offering,
        staff=market.staff,
        starts_at=at(2, 10),
        ends_at=at(2, 11),
        status="cancelled",
    )


def test_a_constraint_violation_is_a_409(market, monkeypatch):
    factories.BookingFactory(
        offering=market.offering,
        staff=market.staff,
        starts_at=at(2, 10),
        ends_at=at(2, 11),
    )
    # Skip the action's own check: the constraint must still say no.
    monkeypatch.setattr(act, "is_free_slot", lambda *a, **k: True)
    with pytest.raises(Conflict) as exc:
        act.booking_request(
            actor=market.tenant,
            offering=market.offering,
            company=market.company,
            park=market.park,
            starts_at=at(2, 10),
        )
    assert exc.value.code == "slot_taken"


def test_concurrent_bookings_of_one_slot_make_exactly_one(market):
    companies = [market.company]
    for _ in range(3):
        company = factories.MembershipFactory().company
        factories.AdmissionApplicationFactory(
            company=company, park=market.park, status="approved"
        )
        companies.append(company)
    barrier = threading.Barrier(len(companies))
    outcomes: list[object] = []

    def book(company) -> None:
        try:
            barrier.wait(timeout=10)
            act.booking_request(
                actor=company.memberships.get().user,
                offering=market.offering,
                company=company,
                park=market.park,
                starts_at=at(2, 10),
            )
            outcomes.append("booked")
        except Conflict as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(c,)) for c in companies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["booked"] + ["slot_taken"] * 3, outcomes
    assert Booking.objects.filter(staff=market.staff).count() == 1
