"""The seams governance closes with the apps below it: an exclusive policy's
items become park commitments when its firm lands; reported output feeds the
chain map; permit-agency steps count in service efficiency."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from attraction.hooks import policy_landed
from attraction.output import REPORTED, annual_outputs
from governance.models import Commitment, OperatingReport
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_landed_policy_becomes_park_commitments_once(park, company, manager):
    items = [
        SimpleNamespace(
            pk=1, park=park, company=company, kind="fit_out_subsidy",
            description="Fit-out subsidy", amount=Decimal("300000.00"),
            due_date=date(2027, 6, 30),
        ),
        SimpleNamespace(
            pk=2, park=park, company=company, kind="rent_free_months",
            description="Six months rent-free", amount=None, due_date=None,
        ),
    ]  # fmt: skip
    policy = SimpleNamespace(pk=4242)
    for _ in range(2):  # a second landing of the same policy adds nothing
        policy_landed.fire(
            policy=policy, prospect=None, commitments=items, lease=None, sale=None,
            actor=manager,
        )  # fmt: skip
    rows = Commitment.objects.filter(
        source_kind="policy", source_ref__startswith="4242/"
    )
    assert sorted(rows.values_list("kind", flat=True)) == ["rent_free", "subsidy"]
    assert {r.side for r in rows} == {"park"}
    assert rows.get(kind="subsidy").amount == Decimal("300000.00")


def test_reported_output_feeds_the_chain_map(park, company):
    for period, output in (("2026Q1", 1_000_000), ("2026Q2", 3_000_000)):
        factories_report(park, company, period, output)
    other = factories.CompanyFactory()
    outputs = annual_outputs(park, [company.pk, other.pk])
    assert outputs[company.pk].basis == REPORTED
    # Two quarters reported, scaled up to a year.
    assert outputs[company.pk].amount == Decimal("8000000.00")
    assert other.pk not in outputs or outputs[other.pk].basis != REPORTED


def factories_report(park, company, period, output):
    return OperatingReport.objects.create(
        park=park,
        company=company,
        period=period,
        output=Decimal(output),
        tax_paid=Decimal("10000"),
        employees=50,
        energy_tce=Decimal("10"),
        deadline=date(2026, 12, 31),
        filed_by=factories.UserFactory(),
    )
