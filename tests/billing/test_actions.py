# ruff: noqa: F811  (pytest fixtures imported from billing_fixtures)
"""Billing actions: numbering, deposits on approval, void and reissue, bank
transfers, and the rent run (idempotent, gapless, prorated)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from django.utils import timezone
from freezegun import freeze_time

from billing.actions.invoices import (
    Line,
    bank_transfer_record,
    invoice_issue,
    invoice_reissue,
    invoice_void,
)
from billing.actions.rent_run import rent_run_execute, rent_run_start
from billing.models import Invoice, RentRun
from core.audit import audit_trail
from core.errors import Conflict, IllegalTransition, Invalid, NotAllowed
from parks.hooks import lease_approved
from tests import factories
from tests.billing.billing_fixtures import (  # noqa: F401
    finance_user,
    invoice,
    lease,
    operator,
    park,
    plain_staff,
    unit,
)

pytestmark = pytest.mark.django_db

FEE = [Line("Cleaning", "保洁费", D("2"), D("150.50"))]


def issue(company, park, **kw):
    return invoice_issue(company=company, park=park, kind="service", lines=FEE, **kw)


def test_numbers_run_per_operator_and_year_without_gaps(company, park):
    other_park = factories.ParkFactory()
    numbers = [issue(company, park).number for _ in range(3)]
    year = timezone.localdate().year
    assert numbers == [f"FQ-{year}-00000{i}" for i in (1, 2, 3)]
    assert (
        issue(company, other_park).number == f"OP{other_park.operator_id}-{year}-000001"
    )


def test_numbering_restarts_each_year(company, park):
    with freeze_time("2026-12-31"):
        assert issue(company, park).number == "FQ-2026-000001"
    with freeze_time("2027-01-01"):
        assert issue(company, park).number == "FQ-2027-000001"


def test_an_issued_invoice_totals_its_lines_and_is_audited(company, park, finance_user):
    invoice = issue(company, park, actor=finance_user)
    assert invoice.total == D("301.00")
    assert invoice.lines[0]["amount"] == "301.00"
    assert invoice.due_date == timezone.localdate() + timedelta(days=10)
    assert [e.action for e in audit_trail(invoice)] == ["issue"]


def test_an_invoice_needs_lines(company, park):
    with pytest.raises(Invalid):
        invoice_issue(company=company, park=park, kind="service", lines=[])


def test_lease_approval_issues_the_deposit_once(lease, operator_user):
    lease_approved.fire(lease=lease, actor=operator_user)
    lease_approved.fire(lease=lease, actor=operator_user)
    deposit = Invoice.objects.get(lease=lease, kind="deposit")
    assert deposit.total == D("28800.00")
    assert "A-101" in deposit.lines[0]["description_en"]


def test_void_and_reissue_are_both_audited(company, park, finance_user):
    old = issue(company, park)
    new = invoice_reissue(
        invoice=old,
        actor=finance_user,
        reason="wrong quantity",
        lines=[Line("Cleaning", "保洁费", D("1"), D("150.50"))],
    )
    old.refresh_from_db()
    assert old.status == "void" and old.void_reason == "wrong quantity"
    assert new.replaces == old and new.total == D("150.50")
    assert new.number != old.number
    assert [e.to_state for e in audit_trail(old).order_by("pk")] == ["open", "void"]
    assert "wrong quantity" in audit_trail(new).get().note


def test_only_finance_staff_or_managers_void(company, park, plain_staff, tenant):
    invoice = issue(company, park)
    for user in (plain_staff, tenant):
        with pytest.raises(NotAllowed):
            invoice_void(invoice=invoice, actor=user, reason="no")


def test_a_void_invoice_cannot_be_voided_again(company, park, finance_user):
    invoice = issue(company, park)
    invoice_void(invoice=invoice, actor=finance_user, reason="duplicate")
    with pytest.raises(IllegalTransition):
        invoice_void(invoice=invoice, actor=finance_user, reason="again")


def test_partial_transfers_pay_the_invoice_when_covered(invoice, finance_user):
    today = timezone.localdate()
    bank_transfer_record(
        invoice=invoice, actor=finance_user, amount=D("400"), paid_on=today
    )
    invoice.refresh_from_db()
    assert invoice.status == "open"
    bank_transfer_record(
        invoice=invoice, actor=finance_user, amount=D("600"), paid_on=today,
        reference="ABC-1",
    )  # fmt: skip
    invoice.refresh_from_db()
    assert invoice.status == "paid"
    assert [p.amount for p in invoice.payments.all()] == [D("400.00"), D("600.00")]


def test_a_transfer_cannot_exceed_what_is_owed(invoice, finance_user):
    with pytest.raises(Invalid) as exc:
        bank_transfer_record(
            invoice=invoice, actor=finance_user, amount=D("1000.01"),
            paid_on=timezone.localdate(),
        )  # fmt: skip
    assert "amount" in exc.value.fields


def test_an_invoice_with_payments_cannot_be_voided(invoice, finance_user):
    bank_transfer_record(
        invoice=invoice, actor=finance_user, amount=D("1"), paid_on=timezone.localdate()
    )
    with pytest.raises(Conflict):
        invoice_void(invoice=invoice, actor=finance_user, reason="oops")


def test_tenants_cannot_record_transfers(invoice, tenant):
    with pytest.raises(NotAllowed):
        bank_transfer_record(
            invoice=invoice, actor=tenant, amount=D("1"), paid_on=timezone.localdate()
        )


# --- the rent run ------------------------------------------------------------------


def run_rent(operator, period, actor, capture):
    with capture(execute=True):  # the task runs after commit
        run = rent_run_start(operator=operator, period=period, actor=actor)
    run.refresh_from_db()
    return run


@pytest.fixture
def portfolio(operator, park, company):
    """Five leases of the operator's park, one of another operator's park."""
    leases = []
    for i in range(5):
        unit = factories.UnitFactory(park=park, building__park=park, code=f"B-{i}")
        leases.append(
            factories.LeaseFactory(
                unit=unit,
                company=company,
                start_date=date(2026, 1, 1),
                end_date=date(2027, 12, 31),
                monthly_rent=D("10000.00"),
                rent_free_months=i,  # lease 3 and 4 are still free in March
            )
        )
    factories.LeaseFactory(start_date=date(2026, 1, 1))  # another operator
    return leases


@freeze_time("2026-03-02")
def test_the_rent_run_invoices_each_lease_once(
    portfolio, operator, finance_user, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    run = run_rent(operator, date(2026, 3, 1), finance_user, capture)
    assert (run.status, run.total, run.done, run.created) == ("done", 5, 5, 3)
    rent = Invoice.objects.filter(kind="rent").order_by("seq")
    assert [i.number for i in rent] == [f"FQ-2026-00000{n}" for n in (1, 2, 3)]
    assert {i.total for i in rent} == {D("10000.00")}
    assert all(i.period_start == date(2026, 3, 1) for i in rent)

    again = run_rent(operator, date(2026, 3, 1), finance_user, capture)
    assert again.created == 0
    assert Invoice.objects.filter(kind="rent").count() == 3
    # The next month continues the sequence without a gap.
    april = run_rent(operator, date(2026, 4, 1), finance_user, capture)
    assert april.created == 4
    seqs = sorted(Invoice.objects.values_list("seq", flat=True))
    assert seqs == list(range(1, 8))


@freeze_time("2026-03-02")
def test_the_database_refuses_a_second_rent_invoice_for_a_lease_month(lease, operator):
    from django.db import IntegrityError, transaction

    rent_run_execute(RentRun.objects.create(operator=operator, period=date(2026, 3, 1)))
    first = Invoice.objects.get(lease=lease, kind="rent")
    with pytest.raises(IntegrityError), transaction.atomic():
        Invoice.objects.create(
            operator=operator, park=first.park, company=first.company, number="X",
            year=2026, seq=99, kind="rent", total=1, issue_date=first.issue_date,
            due_date=first.due_date, lease=lease, period_start=date(2026, 3, 1),
        )  # fmt: skip


@freeze_time("2026-03-02")
def test_the_rent_run_invoices_a_whole_lease_month_that_starts_mid_month(
    operator, park, company, finance_user, django_capture_on_commit_callbacks
):
    unit = factories.UnitFactory(park=park, building__park=park)
    factories.LeaseFactory(
        unit=unit, company=company, start_date=date(2026, 3, 16),
        end_date=date(2027, 3, 15), monthly_rent=D("10000.00"),
    )  # fmt: skip
    run_rent(
        operator, date(2026, 3, 1), finance_user, django_capture_on_commit_callbacks
    )
    invoice = Invoice.objects.get(kind="rent")
    assert invoice.total == D("10000.00")
    assert invoice.period_start == date(2026, 3, 16)
    assert "2026-03-16 – 2026-04-15" in invoice.lines[0]["description_en"]
    assert "2026年3月16日至2026年4月15日" in invoice.lines[0]["description_zh"]


def _rent_total(lease) -> D:
    invoices = Invoice.objects.filter(lease=lease, kind__in=("rent", "credit"))
    return sum(invoices.exclude(status="void").values_list("total", flat=True), D(0))


def test_a_termination_trues_up_the_invoices_to_the_shortened_contract(
    operator, park, company, finance_user, operator_user
):
    """Paid lease months keep their invoice and get a credit note; unpaid ones
    are voided and reissued for what is still due; the rest go."""
    from parks.actions.leases import lease_terminate
    from parks.rent import contract_total

    unit = factories.UnitFactory(park=park, building__park=park)
    lease = factories.LeaseFactory(
        unit=unit, company=company, start_date=date(2026, 1, 10),
        end_date=date(2027, 1, 9), monthly_rent=D("9000.00"), status="active",
    )  # fmt: skip
    with freeze_time("2026-01-02"):
        for month in (1, 2, 3, 4):
            rent_run_execute(
                RentRun.objects.create(operator=operator, period=date(2026, month, 1))
            )
    march, april = (
        Invoice.objects.get(lease=lease, kind="rent", period_start=date(2026, m, 10))
        for m in (3, 4)
    )
    with freeze_time("2026-03-20"):
        bank_transfer_record(
            invoice=march,
            actor=finance_user,
            amount=march.total,
            paid_on=date(2026, 3, 20),
        )
        lease_terminate(
            lease=lease, actor=operator_user, on=date(2026, 3, 24), reason="Moving out"
        )
    lease.refresh_from_db()
    assert _rent_total(lease) == contract_total(lease.rent_terms())
    credit = Invoice.objects.get(lease=lease, kind="credit")
    # 24 March is day 15 of the lease month 10 Mar – 9 Apr (31 days).
    assert credit.total == D("4354.84") - D("9000.00")
    april.refresh_from_db()
    assert april.status == "void"
    assert not Invoice.objects.filter(
        lease=lease, period_start=date(2026, 4, 10)
    ).exclude(status="void")


def test_only_finance_staff_start_a_rent_run(operator, plain_staff):
    with pytest.raises(NotAllowed):
        rent_run_start(operator=operator, period=date(2026, 3, 1), actor=plain_staff)


@freeze_time("2026-03-02")
def test_a_rent_run_runs_once_and_its_moves_are_on_its_trail(lease, operator):
    run = rent_run_execute(
        RentRun.objects.create(operator=operator, period=date(2026, 3, 1))
    )
    assert run.status == "done" and run.created == 1 and run.finished_at
    moves = [(e.from_state, e.to_state) for e in audit_trail(run).order_by("id")]
    assert moves[:2] == [("pending", "running"), ("running", "done")]
    with pytest.raises(IllegalTransition):
        rent_run_execute(run)
    run.refresh_from_db()
    assert run.created == 1 and Invoice.objects.filter(kind="rent").count() == 1


@freeze_time("2026-03-02")
def test_a_failed_rent_run_says_why_and_stays_failed(lease, operator, monkeypatch):
    from billing.actions import rent_run

    def broken(batch, context):
        raise RuntimeError("the ledger is on fire")

    monkeypatch.setattr(rent_run, "_invoice_batch", broken)
    run = RentRun.objects.create(operator=operator, period=date(2026, 3, 1))
    with pytest.raises(RuntimeError):
        rent_run_execute(run)
    run.refresh_from_db()
    assert run.status == "failed" and run.finished and run.finished_at
    assert run.error == "the ledger is on fire"
    last = audit_trail(run).order_by("id").last()
    assert (last.to_state, last.note) == ("failed", "the ledger is on fire")
