"""The cancellation-fee maths and the free-slot computation."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.models import Blackout
from services.policy import cancellation_fee
from services.slots import offering_slots
from tests import factories
from tests.services.conftest import at

START = datetime(2026, 12, 10, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def fee(hours_before: float, price="1000.00", free_hours=24, percent="50"):
    return cancellation_fee(
        price=None if price is None else Decimal(price),
        starts_at=START,
        cancelled_at=START - timedelta(hours=hours_before),
        free_hours=free_hours,
        fee_percent=Decimal(percent),
    )


def test_free_up_to_and_including_the_cut_off():
    assert fee(48) == Decimal("0.00")
    assert fee(24) == Decimal("0.00")


def test_after_the_cut_off_the_percentage_is_charged_to_the_cent():
    assert fee(23.99) == Decimal("500.00")
    assert fee(1, price="333.33", percent="12.5") == Decimal("41.67")  # 41.66625
    assert fee(-1, percent="100") == Decimal("1000.00")


def test_no_price_yet_no_fee():
    assert fee(1, price=None) == Decimal("0.00")


@given(
    price=st.decimals(min_value="0.01", max_value="100000", places=2),
    percent=st.decimals(min_value="0", max_value="100", places=2),
    hours=st.integers(min_value=-48, max_value=200),
    free=st.integers(min_value=0, max_value=168),
)
def test_fee_is_never_negative_nor_above_the_price(price, percent, hours, free):
    charged = fee(hours, price=str(price), free_hours=free, percent=str(percent))
    assert Decimal("0") <= charged <= price
    if hours >= free:
        assert charged == 0


@pytest.mark.django_db
def test_slots_cut_windows_and_skip_blackouts_the_past_and_held_time(market):
    day = at(3).date()
    slots = offering_slots(market.offering, day, day)
    assert [s.starts_at.hour for s in slots] == [9, 10, 11, 12, 13, 14, 15, 16]
    factories.BookingFactory(
        offering=market.offering,
        staff=market.staff,
        starts_at=at(3, 10),
        ends_at=at(3, 11),
    )
    factories.BookingFactory(  # a cancelled booking frees its time
        offering=market.offering,
        staff=market.staff,
        starts_at=at(3, 12),
        ends_at=at(3, 13),
        status="cancelled",
    )
    hours = [s.starts_at.hour for s in offering_slots(market.offering, day, day)]
    assert 10 not in hours and 12 in hours
    Blackout.objects.create(provider=market.provider, day=day)
    assert offering_slots(market.offering, day, day) == []
    yesterday = at(-1).date()
    assert offering_slots(market.offering, yesterday, yesterday) == []


@pytest.mark.django_db
def test_slots_respect_the_duration_and_a_range_cap(market):
    market.offering.duration_minutes = 180
    market.offering.save()
    day = at(3).date()
    assert [s.starts_at.hour for s in offering_slots(market.offering, day, day)] == [
        9,
        12,
    ]
    many = offering_slots(market.offering, day, day + timedelta(days=90))
    assert len({s.starts_at.date() for s in many}) == 31
