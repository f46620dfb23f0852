"""Governance fixtures: a park whose operator has a manager and a staff member,
the tenant's company admitted to it, and a park-side commitment."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from governance.models import Commitment, ParkGovernance, Side
from tests import factories, samples


@pytest.fixture
def park(operator_user):
    operator = operator_user.operator_staff.get().operator
    return factories.ParkFactory(
        operator=operator,
        min_output_per_mu=Decimal("4000000"),
        min_tax_per_mu=Decimal("200000"),
    )


@pytest.fixture
def manager(operator_user):
    return operator_user  # OperatorStaffFactory's default role is manager


@pytest.fixture
def staff(park):
    return factories.OperatorStaffFactory(operator=park.operator, role="staff").user


@pytest.fixture
def other_operator(db):
    return factories.OperatorStaffFactory().user


@pytest.fixture
def admission(park, company):
    """The tenant's approved admission: 10 mu, ¥100M output and ¥5M tax a year,
    80 jobs promised."""
    return factories.AdmissionApplicationFactory(
        park=park,
        company=company,
        status="approved",
        land_mu=Decimal("10"),
        expected_annual_output=Decimal("100000000"),
        expected_annual_tax=Decimal("5000000"),
        jobs=80,
        decided_at=timezone.now(),
    )


@pytest.fixture
def settings_row(park, staff):
    return ParkGovernance.objects.create(
        park=park, service_officer=staff, concern_sla_days=3
    )


@pytest.fixture
def commitment(admission, manager):
    return Commitment.objects.create(
        park=admission.park,
        company=admission.company,
        side=Side.PARK,
        kind="subsidy",
        description="Equipment subsidy",
        amount=Decimal("500000.00"),
        due_date=date.today() + timedelta(days=30),
        created_by=manager,
    )


def pdf_upload(name: str = "proof.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, samples.PDF, "application/pdf")
