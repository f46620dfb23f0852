"""A small marketplace: one park, one provider listed there with a staff member
available every day 09:00–17:00, a fixed-price offering, and an admitted tenant."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from tests import factories


def at(days: int, hour: int = 10) -> datetime:
    """`days` from today at `hour`:00, local time."""
    day = timezone.localdate() + timedelta(days=days)
    return datetime.combine(day, time(hour), timezone.get_current_timezone())


def provider_market(park, category: str = "legal_tax", **offering):
    staff = factories.ProviderStaffFactory(provider__category=category)
    for weekday in range(7):
        factories.AvailabilityFactory(staff=staff, weekday=weekday)
    factories.ListingFactory(provider=staff.provider, park=park)
    return SimpleNamespace(
        provider=staff.provider,
        staff=staff,
        provider_user=staff.user,
        offering=factories.OfferingFactory(provider=staff.provider, **offering),
    )


@pytest.fixture
def market(db, tenant, company):
    park = factories.ParkFactory()
    factories.AdmissionApplicationFactory(company=company, park=park, status="approved")
    m = provider_market(park)
    m.park = park
    m.tenant = tenant
    m.company = company
    m.operator = factories.OperatorStaffFactory(
        operator=park.operator, role="manager"
    ).user
    return m


@pytest.fixture
def book(market):
    """`book(days=2, hour=10, **kw)` requests a booking as the market's tenant."""
    from services.actions.bookings import booking_request

    def _book(days: int = 2, hour: int = 10, **kw):
        kw.setdefault("offering", market.offering)
        return booking_request(
            actor=market.tenant,
            company=market.company,
            park=market.park,
            starts_at=at(days, hour),
            **kw,
        )

    return _book
