"""Races on PostgreSQL: the row lock makes one outcome win; the database
refuses a second report for a quarter and evidence with two sources."""

from __future__ import annotations

import threading
from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction

from core.errors import DomainError
from governance.actions import commitments as actions
from governance.actions.reports import report_file
from governance.models import Commitment, Evidence, OperatingReport
from tests import factories


def _race(*calls) -> list[str]:
    barrier = threading.Barrier(len(calls))
    outcomes: list[str] = []

    def run(call):
        barrier.wait()
        try:
            call()
            outcomes.append("ok")
        except DomainError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(c,)) for c in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sorted(outcomes)


@pytest.fixture
def parties(transactional_db):
    manager = factories.OperatorStaffFactory(role="manager").user
    staff = factories.OperatorStaffFactory(
        operator=manager.operator_staff.get().operator, role="staff"
    ).user
    owner = factories.MembershipFactory(role="owner").user
    company = owner.memberships.get().company
    park = factories.ParkFactory(operator=manager.operator_staff.get().operator)
    factories.AdmissionApplicationFactory(park=park, company=company, status="approved")
    return manager, staff, owner, company, park


@pytest.mark.postgres
def test_honour_and_breach_at_once_leave_one_outcome(parties):
    manager, staff, _owner, company, park = parties
    commitment = Commitment.objects.create(
        park=park,
        company=company,
        side="park",
        kind="subsidy",
        description="Subsidy",
        due_date=date(2026, 1, 1),
        status="due",
    )
    outcomes = _race(
        lambda: actions.commitment_honour(commitment=commitment, actor=manager),
        lambda: actions.commitment_breach(commitment=commitment, actor=staff, note="x"),
    )
    assert outcomes == ["illegal_transition", "ok"]
    commitment.refresh_from_db()
    assert commitment.status in ("honoured", "breached")


@pytest.mark.postgres
def test_the_same_quarter_filed_twice_at_once_is_one_report(parties):
    _manager, _staff, owner, company, park = parties

    def file():
        report_file(
            actor=owner,
            company=company,
            park=park,
            period="2026Q1",
            output=Decimal("1"),
            tax_paid=Decimal("1"),
            employees=1,
            energy_tce=Decimal("1"),
            today=date(2026, 4, 2),
        )

    outcomes = _race(file, file)
    assert outcomes == ["duplicate_report", "ok"]
    assert OperatingReport.objects.count() == 1


@pytest.mark.postgres
def test_evidence_with_two_sources_is_refused_by_the_database(parties):
    manager, _staff, _owner, company, park = parties
    commitment = Commitment.objects.create(
        park=park,
        company=company,
        side="park",
        kind="subsidy",
        description="x",
        due_date=date(2026, 1, 1),
    )
    document = factories.DocumentFactory(company=company)
    with pytest.raises(IntegrityError), transaction.atomic():
        Evidence.objects.create(
            commitment=commitment,
            document=document,
            link_kind="payment",
            link_ref="1",
            added_by=manager,
        )
