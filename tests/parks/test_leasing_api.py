"""Leasing and sales API: the contract's paths, status codes and scoping."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from core.limits import NOTE_LENGTH
from parks.models import Lease, LeaseApplication
from tests import factories
from tests.parks.leasing_fixtures import admit, manager_of, staff_of

pytestmark = pytest.mark.django_db

START = (date.today() + timedelta(days=10)).isoformat()


@pytest.fixture
def unit(db):
    return factories.UnitFactory(
        offer="both", area_m2=Decimal("500.00"), monthly_rent_per_m2=Decimal("20.00")
    )


@pytest.fixture
def manager(unit):
    return manager_of(unit.park)


def apply(api_as, tenant, company, unit, start=START, term=24):
    return api_as(tenant).post(
        "/lease-applications",
        json={
            "company_id": company.pk,
            "unit_id": unit.pk,
            "start_date": start,
            "term_months": term,
        },
    )


def test_apply_without_admission_is_409(api_as, tenant, company, unit):
    response = apply(api_as, tenant, company, unit)
    assert response.status_code == 409
    assert response.json()["code"] == "admission_required"


def test_apply_decide_and_read_the_lease(api_as, tenant, company, unit, manager):
    admit(company, unit.park)
    response = apply(api_as, tenant, company, unit)
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "submitted"
    application_id = response.json()["id"]

    response = api_as(manager).post(
        f"/lease-applications/{application_id}/decision",
        json={"decision": "approve", "note": "welcome", "rent_free_months": 1},
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "approved"
    lease_id = body["lease_id"]

    lease = api_as(tenant).get(f"/leases/{lease_id}").json()
    assert lease["unit_id"] == unit.pk
    assert lease["company_id"] == company.pk
    assert lease["monthly_rent"] == "10000.00"
    assert lease["deposit"] == "20000.00"
    assert lease["status"] == "approved"
    assert lease["rent_table"][0]["rent_free_months"] == 1
    assert api_as(manager).get("/leases").json()["count"] == 1
    listed = api_as(tenant).get("/lease-applications").json()
    assert listed["items"][0]["lease_id"] == lease_id


def test_overlapping_approval_is_409(
    api_as, tenant, company, other_tenant, other_company, unit, manager
):
    admit(company, unit.park)
    admit(other_company, unit.park)
    first = apply(api_as, tenant, company, unit).json()["id"]
    second = apply(api_as, other_tenant, other_company, unit).json()["id"]
    client = api_as(manager)
    assert (
        client.post(
            f"/lease-applications/{first}/decision", json={"decision": "approve"}
        ).status_code
        == 200
    )
    response = client.post(
        f"/lease-applications/{second}/decision", json={"decision": "approve"}
    )
    assert response.status_code == 409
    assert response.json()["code"] == "unit_taken"


def test_invalid_input_is_422(api_as, tenant, company, unit):
    admit(company, unit.park)
    response = apply(api_as, tenant, company, unit, term=0)
    assert response.status_code == 422
    assert "term_months" in response.json()["fields"]


def test_tenant_cannot_decide_and_strangers_get_404(
    api_as, tenant, company, unit, other_tenant
):
    admit(company, unit.park)
    application_id = apply(api_as, tenant, company, unit).json()["id"]
    path = f"/lease-applications/{application_id}/decision"
    assert api_as(tenant).post(path, json={"decision": "approve"}).status_code == 404
    stranger = factories.OperatorStaffFactory(role="manager").user
    assert api_as(stranger).post(path, json={"decision": "approve"}).status_code == 404
    staff = staff_of(unit.park)
    assert api_as(staff).post(path, json={"decision": "approve"}).status_code == 403
    assert (
        api_as(other_tenant).get(f"/lease-applications/{application_id}").status_code
        == 404
    )


def test_lease_scoping(api_as, tenant, company, other_tenant, unit):
    lease = factories.LeaseFactory(unit=unit, company=company)
    assert api_as(tenant).get(f"/leases/{lease.pk}").status_code == 200
    assert api_as(other_tenant).get(f"/leases/{lease.pk}").status_code == 404
    stranger = factories.OperatorStaffFactory().user
    assert api_as(stranger).get(f"/leases/{lease.pk}").status_code == 404
    assert api_as(stranger).get(f"/leases/{lease.pk}/contract.pdf").status_code == 404
    assert api_as(other_tenant).get("/leases").json() == {"items": [], "count": 0}
    assert api_as().get("/leases").status_code == 401


def test_contract_pdf(api_as, tenant, company, unit):
    lease = factories.LeaseFactory(unit=unit, company=company)
    response = api_as(tenant).get(f"/leases/{lease.pk}/contract.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_lease_actions(api_as, company, unit, manager, tenant):
    lease = factories.LeaseFactory(
        unit=unit,
        company=company,
        status="approved",
        start_date=date.today(),
        end_date=date.today() + timedelta(days=364),
    )
    client = api_as(manager)
    assert client.post(f"/leases/{lease.pk}/activate").json()["status"] == "active"
    assert api_as(tenant).post(f"/leases/{lease.pk}/activate").status_code == 404
    response = client.post(
        f"/leases/{lease.pk}/renew", json={"term_months": 12, "rent_per_m2": "22.00"}
    )
    assert response.status_code == 201
    assert response.json()["previous_id"] == lease.pk
    assert response.json()["monthly_rent"] == "11000.00"
    response = client.post(
        f"/leases/{lease.pk}/terminate",
        json={"on": date.today().isoformat(), "reason": "x"},
    )
    assert response.status_code == 409  # the renewal must go first
    renewal_id = Lease.objects.get(previous=lease).pk
    response = client.post(
        f"/leases/{renewal_id}/terminate",
        json={"on": date.today().isoformat(), "reason": "changed plans"},
    )
    assert response.json()["status"] == "terminated"


def test_a_lease_past_its_term_is_not_renewed(api_as, company, unit, manager):
    """Still active until the expiry run, but its renewal would start in the
    past: 409 with the reason, and no renewal is written."""
    lease = factories.LeaseFactory(
        unit=unit,
        company=company,
        status="active",
        start_date=date.today() - timedelta(days=400),
        end_date=date.today() - timedelta(days=2),
    )
    response = api_as(manager).post(
        f"/leases/{lease.pk}/renew", json={"term_months": 12}
    )
    assert response.status_code == 409
    assert response.json()["code"] == "lease_ended"
    assert not Lease.objects.filter(previous=lease).exists()


def test_withdraw_application(api_as, tenant, company, unit, other_tenant):
    admit(company, unit.park)
    application_id = apply(api_as, tenant, company, unit).json()["id"]
    path = f"/lease-applications/{application_id}/withdraw"
    assert api_as(other_tenant).post(path).status_code == 404
    # The body carries the id its schema promises, as every StatusOut does.
    assert api_as(tenant).post(path).json() == {
        "id": application_id,
        "status": "withdrawn",
    }
    assert api_as(tenant).post(path).status_code == 409


# --- sales ----------------------------------------------------------------------


def test_sale_flow(api_as, tenant, company, unit, manager, other_tenant):
    admit(company, unit.park)
    response = api_as(tenant).post(
        "/sales",
        json={
            "company_id": company.pk,
            "unit_id": unit.pk,
            "down_payment_ratio": "0.4",
        },
    )
    assert response.status_code == 201, response.json()
    sale = response.json()
    assert sale["status"] == "submitted"
    assert sale["price"] == "1800000.00"
    assert sale["down_payment"] == "720000.00"

    assert api_as(other_tenant).get(f"/sales/{sale['id']}").status_code == 404
    assert (
        api_as(tenant)
        .post(f"/sales/{sale['id']}/decision", json={"decision": "approve"})
        .status_code
        == 404
    )
    client = api_as(manager)
    decided = client.post(f"/sales/{sale['id']}/decision", json={"decision": "approve"})
    assert decided.json()["status"] == "approved"
    assert client.post(f"/sales/{sale['id']}/complete").json()["status"] == "completed"
    unit.refresh_from_db()
    assert unit.status == "sold"
    assert client.get("/sales").json()["count"] == 1


def test_sale_down_payment_too_low_is_422(api_as, tenant, company, unit):
    admit(company, unit.park)
    response = api_as(tenant).post(
        "/sales",
        json={
            "company_id": company.pk,
            "unit_id": unit.pk,
            "down_payment_ratio": "0.2",
        },
    )
    assert response.status_code == 422
    assert "down_payment_ratio" in response.json()["fields"]


# --- occupancy ---------------------------------------------------------------------


def test_occupancy(api_as, unit, manager, tenant):
    park = unit.park
    factories.UnitFactory(building=unit.building, status="vacant")
    factories.LeaseFactory(unit=unit)
    from parks.actions.unit_status import unit_refresh_status

    unit_refresh_status(unit)
    body = api_as(manager).get(f"/parks/{park.pk}/occupancy").json()
    assert body["units_total"] == 2
    assert body["units_leased"] == 1
    assert (
        body["units_leased"]
        + body["units_sold"]
        + body["units_vacant"]
        + body["units_reserved"]
        == body["units_total"]
    )
    assert body["occupancy_rate"] == 0.5
    assert body["revenue_run_rate"] == "120000.00"
    assert api_as(tenant).get(f"/parks/{park.pk}/occupancy").status_code == 404
    stranger = factories.OperatorStaffFactory().user
    assert api_as(stranger).get(f"/parks/{park.pk}/occupancy").status_code == 404


def test_a_too_long_note_is_a_422_naming_it(api_as, tenant, company, unit, manager):
    admit(company, unit.park)
    application_id = apply(api_as, tenant, company, unit).json()["id"]
    too_long = "x" * (NOTE_LENGTH + 1)

    response = api_as(manager).post(
        f"/lease-applications/{application_id}/decision",
        json={"decision": "reject", "note": too_long},
    )
    assert response.status_code == 422
    assert list(response.json()["fields"]) == ["note"]
    # Only audited (the shared NoteIn): the same length, the same answer.
    response = api_as(tenant).post(
        f"/lease-applications/{application_id}/withdraw", json={"note": too_long}
    )
    assert response.status_code == 422
    assert list(response.json()["fields"]) == ["note"]
    assert LeaseApplication.objects.get().status == "submitted"

    lease = factories.LeaseFactory(unit=unit, company=company, status="active")
    response = api_as(manager).post(
        f"/leases/{lease.pk}/terminate",
        json={"on": date.today().isoformat(), "reason": too_long},
    )
    assert response.status_code == 422
    assert list(response.json()["fields"]) == ["reason"]
