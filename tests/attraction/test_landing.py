"""Landing: when the prospect's company (same USCC) signs a lease or purchase
in the park, the prospect lands, is linked, its approved policy becomes the
lease's concessions and park commitments, and invoices reflect them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from attraction import actions, hooks
from attraction.models import ParkCommitment
from billing.actions.rent_run import rent_run_execute
from billing.models import Invoice, RentRun
from parks.actions.leasing import lease_approve
from parks.actions.sales import sale_approve
from tests import factories


@pytest.fixture
def firm(prospect, park):
    """The prospect's company registered itself and was admitted to the park."""
    uscc = factories.valid_uscc(4242)
    prospect.uscc = uscc
    prospect.save()
    company = factories.CompanyFactory(uscc=uscc, name="Shunde Oak Furniture Co.")
    factories.AdmissionApplicationFactory(company=company, park=park, status="approved")
    return company


@pytest.fixture
def approved_policy(prospect, officer, manager):
    policy = actions.policy_draft(prospect=prospect, actor=officer)
    actions.policy_item_add(
        policy=policy, actor=officer, kind="rent_free_months", months=3
    )
    actions.policy_item_add(
        policy=policy, actor=officer, kind="rent_discount", rate_percent=D("20")
    )
    actions.policy_item_add(
        policy=policy,
        actor=officer,
        kind="fit_out_subsidy",
        amount=D("300000"),
        conditions="after fit-out",
    )
    actions.policy_submit(policy=policy, actor=officer)
    return actions.policy_approve(policy=policy, actor=manager)


def lease_application(park, company, start=date(2027, 1, 1)):
    unit = factories.UnitFactory(
        building__park=park, park=park, area_m2=D("1000"), monthly_rent_per_m2=D("12")
    )
    return factories.LeaseApplicationFactory(
        company=company, unit=unit, start_date=start, term_months=36
    )


def test_lease_approval_lands_the_prospect_with_its_concessions(
    park, prospect, firm, approved_policy, manager
):
    heard = []

    def listener(**kwargs):
        heard.append(kwargs)

    hooks.policy_landed.register(listener)
    try:
        lease = lease_approve(application=lease_application(park, firm), actor=manager)
    finally:
        hooks.policy_landed._handlers.remove(listener)
    prospect.refresh_from_db()
    lease.refresh_from_db()
    assert prospect.stage == "landed"
    assert (prospect.company, prospect.lease) == (firm, lease)
    assert lease.rent_free_months == 3
    assert lease.rent_discount_percent == D("20.00")
    approved_policy.refresh_from_db()
    assert approved_policy.status == "landed"
    commitments = ParkCommitment.objects.filter(prospect=prospect).order_by("id")
    assert [c.kind for c in commitments] == [
        "rent_free_months",
        "rent_discount",
        "fit_out_subsidy",
    ]
    assert commitments[2].amount == D("300000.00") and commitments[2].company == firm
    assert commitments[2].conditions == "after fit-out"
    assert (
        len(heard) == 1
        and heard[0]["lease"] == lease
        and len(heard[0]["commitments"]) == 3
    )
    # The contract's rent table: 3 free months, then 12,000 × 0.8 a month.
    first_year = lease.rent_table()[0]
    assert first_year.rent_free_months == 3
    assert first_year.monthly_rent == D("9600.00")
    assert first_year.total == D("86400.00")  # 9 × 9,600


def test_invoices_reflect_the_concessions(
    park, firm, prospect, approved_policy, manager
):
    lease = lease_approve(application=lease_application(park, firm), actor=manager)
    for month in (1, 2, 3, 4):
        rent_run_execute(
            RentRun.objects.create(operator=park.operator, period=date(2027, month, 1))
        )
    rent = Invoice.objects.filter(lease=lease, kind="rent").order_by("id")
    assert [i.total for i in rent] == [D("9600.00")]  # only April: Jan–Mar are free
    assert "2027-04" in rent[0].lines[0]["description_en"]


def test_no_policy_still_lands_and_leaves_the_lease_alone(
    park, firm, prospect, manager
):
    lease = lease_approve(application=lease_application(park, firm), actor=manager)
    prospect.refresh_from_db()
    lease.refresh_from_db()
    assert prospect.stage == "landed"
    assert (lease.rent_free_months, lease.rent_discount_percent) == (0, D("0"))
    assert not ParkCommitment.objects.exists()


def test_another_company_or_park_does_not_land_it(park, prospect, firm, manager):
    other = factories.CompanyFactory()
    factories.AdmissionApplicationFactory(company=other, park=park, status="approved")
    lease_approve(application=lease_application(park, other), actor=manager)
    prospect.refresh_from_db()
    assert prospect.stage == "lead"


def test_a_lost_prospect_does_not_land(park, prospect, firm, manager, officer):
    actions.prospect_lose(prospect=prospect, actor=officer, reason="went elsewhere")
    lease_approve(application=lease_application(park, firm), actor=manager)
    prospect.refresh_from_db()
    assert prospect.stage == "lost"


def test_purchase_approval_lands_the_prospect(
    park, prospect, firm, approved_policy, manager
):
    unit = factories.UnitFactory(building__park=park, park=park, offer="sale")
    sale = factories.SaleFactory(company=firm, unit=unit)
    sale_approve(sale=sale, actor=manager)
    prospect.refresh_from_db()
    assert prospect.stage == "landed" and prospect.sale == sale
    assert ParkCommitment.objects.filter(prospect=prospect).count() == 3
