"""Leasing and sales pages: the forms, the scoping (404), the lifecycle buttons."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from core.limits import NOTE_LENGTH
from parks.models import Lease, LeaseApplication, Sale
from tests import factories
from tests.parks.leasing_fixtures import admit, manager_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit(db):
    return factories.UnitFactory(
        offer="both", area_m2=Decimal("600.00"), monthly_rent_per_m2=Decimal("12.00")
    )


@pytest.fixture
def manager(unit):
    return manager_of(unit.park)


def test_apply_page_and_submit(client, tenant, company, unit):
    admit(company, unit.park)
    client.force_login(tenant)
    url = reverse("parks:lease_apply", args=[unit.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert unit.code.encode() in page.content

    start = (date.today() + timedelta(days=7)).isoformat()
    response = client.post(
        url, {"company": company.pk, "start_date": start, "term_months": 24}
    )

    application = LeaseApplication.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "parks:lease_application", args=[application.pk]
    )


def test_apply_without_admission_shows_the_error(client, tenant, company, unit):
    client.force_login(tenant)
    start = (date.today() + timedelta(days=7)).isoformat()
    response = client.post(
        reverse("parks:lease_apply", args=[unit.pk]),
        {"company": company.pk, "start_date": start, "term_months": 24},
    )
    assert response.status_code == 200
    assert b"approved admission" in response.content
    assert not LeaseApplication.objects.exists()


def test_apply_page_without_a_company(client, unit):
    client.force_login(factories.UserFactory())
    response = client.get(reverse("parks:lease_apply", args=[unit.pk]))
    assert b"Register your company" in response.content


def test_operator_decides_on_the_page(client, tenant, company, unit, manager):
    application = factories.LeaseApplicationFactory(company=company, unit=unit)
    url = reverse("parks:lease_application", args=[application.pk])
    client.force_login(tenant)
    assert b"Record the decision" not in client.get(url).content
    assert client.post(url, {"decision": "approve"}).status_code == 404

    client.force_login(manager)
    assert b"Record the decision" in client.get(url).content
    response = client.post(url, {"decision": "approve", "rent_free_months": 1})

    lease = Lease.objects.get()
    assert response["Location"] == reverse("parks:lease", args=[lease.pk])
    assert lease.rent_free_months == 1


def test_a_too_long_note_is_a_form_error_on_it(client, company, unit, manager):
    application = factories.LeaseApplicationFactory(company=company, unit=unit)
    client.force_login(manager)
    response = client.post(
        reverse("parks:lease_application", args=[application.pk]),
        {"decision": "reject", "note": "x" * (NOTE_LENGTH + 1)},
    )
    assert response.status_code == 200  # the form again
    assert list(response.context["form"].errors) == ["note"]
    application.refresh_from_db()
    assert application.status == "submitted"


def test_another_party_gets_404(client, company, unit, other_tenant):
    application = factories.LeaseApplicationFactory(company=company, unit=unit)
    lease = factories.LeaseFactory(company=company, unit=unit)
    sale = factories.SaleFactory(company=company)
    stranger = factories.OperatorStaffFactory().user
    for user in (other_tenant, stranger):
        client.force_login(user)
        for url in (
            reverse("parks:lease_application", args=[application.pk]),
            reverse("parks:lease", args=[lease.pk]),
            reverse("parks:lease_contract", args=[lease.pk]),
            reverse("parks:sale", args=[sale.pk]),
        ):
            assert client.get(url).status_code == 404, (user, url)


def test_lease_page_tenant_and_operator(client, tenant, company, unit, manager):
    lease = factories.LeaseFactory(
        company=company,
        unit=unit,
        status="approved",
        start_date=date.today(),
        end_date=date.today() + timedelta(days=364),
    )
    url = reverse("parks:lease", args=[lease.pk])
    client.force_login(tenant)
    page = client.get(url)
    assert b"Download the contract" in page.content
    assert b"Activate" not in page.content
    contract = client.get(reverse("parks:lease_contract", args=[lease.pk]))
    assert contract["Content-Type"] == "application/pdf"
    assert client.post(
        reverse("parks:lease_activate", args=[lease.pk])
    ).status_code == (404)

    client.force_login(manager)
    assert b"Activate" in client.get(url).content
    client.post(reverse("parks:lease_activate", args=[lease.pk]))
    lease.refresh_from_db()
    assert lease.status == "active"

    response = client.post(
        reverse("parks:lease_terminate", args=[lease.pk]), {"on": "", "reason": ""}
    )
    assert response.status_code == 200  # the form again, with its errors

    response = client.post(
        reverse("parks:lease_renew", args=[lease.pk]), {"term_months": 12}
    )
    renewal = Lease.objects.get(previous=lease)
    assert response["Location"] == reverse("parks:lease", args=[renewal.pk])


def test_lists_are_scoped_and_paginated(client, tenant, company, other_company):
    factories.LeaseFactory.create_batch(3, company=company)
    factories.LeaseFactory(company=other_company)
    client.force_login(tenant)
    page = client.get(reverse("parks:lease_list"))
    assert len(page.context["page_obj"]) == 3  # no count: a next link when needed
    assert not page.context["page_obj"].has_next()
    empty = client.get(reverse("parks:sale_list"))
    assert b"No unit purchases here." in empty.content
    assert client.get(reverse("parks:lease_application_list")).status_code == 200


def test_buy_page_and_decision(client, tenant, company, unit, manager):
    admit(company, unit.park)
    client.force_login(tenant)
    url = reverse("parks:sale_apply", args=[unit.pk])
    assert client.get(url).status_code == 200
    low = client.post(url, {"company": company.pk, "down_payment_percent": "20"})
    assert low.status_code == 200
    assert b"at least 30%" in low.content
    response = client.post(url, {"company": company.pk, "down_payment_percent": "40"})
    sale = Sale.objects.get()
    assert response["Location"] == reverse("parks:sale", args=[sale.pk])

    client.force_login(manager)
    client.post(reverse("parks:sale", args=[sale.pk]), {"decision": "approve"})
    client.post(reverse("parks:sale_complete", args=[sale.pk]))
    sale.refresh_from_db()
    unit.refresh_from_db()
    assert (sale.status, unit.status) == ("completed", "sold")


def test_an_approved_sale_s_page_offers_each_party_its_action(
    client, tenant, company, unit, manager
):
    admit(company, unit.park)
    client.force_login(tenant)
    client.post(
        reverse("parks:sale_apply", args=[unit.pk]),
        {"company": company.pk, "down_payment_percent": "40"},
    )
    sale = Sale.objects.get()
    client.force_login(manager)
    client.post(reverse("parks:sale", args=[sale.pk]), {"decision": "approve"})
    url = reverse("parks:sale", args=[sale.pk])

    operator_page = client.get(url)
    client.force_login(tenant)
    tenant_page = client.get(url)

    assert operator_page.status_code == tenant_page.status_code == 200
    assert reverse("parks:sale_complete", args=[sale.pk]).encode() in (
        operator_page.content
    )
    assert reverse("parks:sale_withdraw", args=[sale.pk]).encode() in (
        tenant_page.content
    )
    assert b"sale_complete" not in tenant_page.content


def test_nav_links(client, tenant, manager):
    client.force_login(tenant)
    assert reverse("parks:lease_list").encode() in client.get("/").content
    client.force_login(manager)
    assert reverse("parks:occupancy_parks").encode() in client.get("/").content


def test_occupancy_index_redirects_to_the_only_park(client, unit, manager):
    client.force_login(manager)
    response = client.get(reverse("parks:occupancy_parks"))
    assert response["Location"] == reverse("parks:park_dashboard", args=[unit.park.pk])
