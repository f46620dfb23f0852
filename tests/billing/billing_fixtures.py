"""Fixtures for the billing tests: an operator's park, its finance staff, a lease
of the tenant's company there. Import the names you use into a test module."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests import factories


@pytest.fixture
def operator(operator_user):
    return operator_user.operator_staff.get().operator


@pytest.fixture
def park(operator):
    factories.BillingSettingsFactory(operator=operator, invoice_prefix="FQ")
    return factories.ParkFactory(operator=operator, name="Kaili Enclave Park")


@pytest.fixture
def finance_user(operator):
    return factories.OperatorStaffFactory(operator=operator, role="finance").user


@pytest.fixture
def plain_staff(operator):
    return factories.OperatorStaffFactory(operator=operator, role="staff").user


@pytest.fixture
def unit(park):
    building = factories.BuildingFactory(park=park)
    return factories.UnitFactory(building=building, park=park, code="A-101")


@pytest.fixture
def lease(company, unit):
    return factories.LeaseFactory(
        company=company,
        unit=unit,
        start_date=date(2026, 1, 1),
        end_date=date(2028, 12, 31),
        monthly_rent=Decimal("14400.00"),
        deposit=Decimal("28800.00"),
        status="active",
    )


@pytest.fixture
def invoice(company, park):
    return factories.InvoiceFactory(
        company=company, park=park, total=Decimal("1000.00")
    )
