"""Helpers shared by the leasing, sales and occupancy tests."""

from __future__ import annotations

from tests import factories


def admit(company, park):
    """An approved admission of `company` to `park`."""
    return factories.AdmissionApplicationFactory(
        company=company, park=park, status="approved"
    )


def manager_of(park):
    return factories.OperatorStaffFactory(operator=park.operator, role="manager").user


def staff_of(park, role="staff"):
    return factories.OperatorStaffFactory(operator=park.operator, role=role).user
