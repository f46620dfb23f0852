"""A park's invoice figures (`InvoiceFigures`) are what grouping its invoices
gives, after any billing action: the receivables, the operator home and the
invoice list's count read them. And the lists that count from the parks'
figures give the count of their rows."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from django.utils import timezone

from billing.actions.invoices import bank_transfer_record, invoice_void
from billing.actions.rent_run import rent_run_start
from billing.models import Invoice, InvoiceFigures, open_dues
from billing.queries import operator_dues, receivables_by_park, receivables_totals
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(operator_user):
    return operator_user.operator_staff.get().operator


@pytest.fixture
def park(operator):
    return factories.ParkFactory(operator=operator)


@pytest.fixture
def finance_user(operator):
    return factories.OperatorStaffFactory(operator=operator, role="finance").user


@pytest.fixture
def invoice(company, park):
    return factories.InvoiceFactory(company=company, park=park)


def assert_dues_hold(operator):
    """The operator's dues from the figures equal grouping its invoices now."""
    kept = sorted(operator_dues({operator.pk}))
    counted = sorted(open_dues(Invoice.objects.filter(operator=operator)))
    assert kept == counted
    assert all(row.computed == row.version for row in InvoiceFigures.objects.all())
    return kept


def test_payments_voids_and_a_rent_run_keep_the_figures(
    operator, park, company, invoice, finance_user, django_capture_on_commit_callbacks
):
    late = factories.InvoiceFactory(
        park=park, company=company, due_date=timezone.localdate() - timedelta(days=40)
    )
    factories.InvoiceFactory()  # another operator's
    assert_dues_hold(operator)
    pay = {"actor": finance_user, "paid_on": timezone.localdate()}
    bank_transfer_record(invoice=late, amount=D("400"), **pay)
    dues = assert_dues_hold(operator)
    assert receivables_totals(dues) == {
        "open": 2,
        "overdue": 1,
        "outstanding": D("1600.00"),
    }
    [row] = receivables_by_park(dues)
    assert (row.open_count, row.overdue_count, row.outstanding) == (2, 1, D("1600"))
    bank_transfer_record(invoice=late, amount=D("600"), **pay)  # paid in full
    invoice_void(invoice=invoice, actor=finance_user, reason="issued twice")
    assert receivables_totals(assert_dues_hold(operator))["open"] == 0

    unit = factories.UnitFactory(park=park, building__park=park)
    factories.LeaseFactory(
        unit=unit,
        company=company,
        start_date=date(2026, 1, 1),
        end_date=date(2030, 12, 31),
        monthly_rent=D("5000.00"),
        status="active",
    )
    today = timezone.localdate()
    month = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    with django_capture_on_commit_callbacks(execute=True):  # the run's task
        rent_run_start(operator=operator, period=month, actor=finance_user)
    assert receivables_totals(assert_dues_hold(operator))["open"] == 1


def test_the_tenants_totals_count_their_invoices_directly(tenant, company, park):
    factories.InvoiceFactory(company=company, park=park, total=D("250.00"))
    factories.InvoiceFactory(park=park)  # another company's
    totals = receivables_totals(open_dues(Invoice.objects.of_member(tenant)))
    assert totals == {"open": 1, "overdue": 0, "outstanding": D("250.00")}


# --- the lists counted from the figures ---------------------------------------------


def test_the_invoice_list_count_is_its_rows_count(
    api_as, operator_user, operator, park, company
):
    factories.InvoiceFactory.create_batch(3, park=park, company=company)
    factories.InvoiceFactory(park=park, company=company, status="paid")
    factories.InvoiceFactory.create_batch(2)  # another operator's
    client = api_as(operator_user)
    for query, expected in (("", 4), ("status=open", 3), ("status=void", 0)):
        body = client.get(f"/invoices?limit=2&{query}").json()
        assert body["count"] == expected, query
        assert len(body["items"]) == min(2, expected)


def test_a_tenant_who_is_also_operator_staff_is_counted_directly(
    api_as, operator_user, operator, park
):
    membership = factories.MembershipFactory(user=operator_user, role="owner")
    factories.InvoiceFactory(park=park)
    factories.InvoiceFactory(company=membership.company)  # at another park
    body = api_as(operator_user).get("/invoices").json()
    assert body["count"] == 2 == len(body["items"])


def test_the_lease_list_count_is_its_rows_count(api_as, operator_user, operator, park):
    units = factories.UnitFactory.create_batch(3, park=park, building__park=park)
    other_park = factories.ParkFactory(operator=operator)
    for unit, status in zip(units, ["active", "active", "expired"], strict=True):
        factories.LeaseFactory(unit=unit, status=status)
    factories.LeaseFactory(unit__park=other_park, unit__building__park=other_park)
    factories.LeaseFactory()  # another operator's
    client = api_as(operator_user)
    for query, expected in (
        ("", 4),
        ("?status=active", 3),
        (f"?park_id={park.pk}", 3),
        (f"?park_id={park.pk}&status=expired", 1),
    ):
        body = client.get(f"/leases{query}").json()
        assert body["count"] == expected == len(body["items"]), query
