"""Admission API: the contract's paths, status codes and the 404 for others."""

import pytest
from freezegun import freeze_time

from parks.models import AdmissionApplication
from tests import factories

BODY = {
    "project_summary": "Injection moulds for appliance housings.",
    "planned_investment": "60000000",
    "expected_annual_output": "100000000",
    "expected_annual_tax": "5000000",
    "jobs": 80,
    "land_mu": "15",
    "energy_tce_per_year": "2000",
    "pollution_category": "low",
}


@pytest.fixture
def park(operator_user):
    return factories.ParkFactory(operator=operator_user.operator_staff.get().operator)


@pytest.fixture
def created(api_as, tenant, company, park):
    response = api_as(tenant).post(
        "/admissions", json={**BODY, "company_id": company.pk, "park_id": park.pk}
    )
    assert response.status_code == 201, response.json()
    return response.json()


def test_create_returns_a_scored_draft(created, company):
    assert created["status"] == "draft"
    assert created["score"]["total"] == 100
    assert created["score"]["passed"] is True
    row = created["score"]["criteria"][0]
    assert set(row) >= {
        "key",
        "label",
        "value",
        "threshold",
        "unit",
        "passed",
        "points",
        "explanation",
    }
    assert created["planned_investment"] == "60000000.00"
    assert created["company_id"] == company.pk


def test_create_with_bad_figures_is_422_naming_fields(api_as, tenant, company, park):
    response = api_as(tenant).post(
        "/admissions",
        json={**BODY, "land_mu": "0", "company_id": company.pk, "park_id": park.pk},
    )
    assert response.status_code == 422
    assert "land_mu" in response.json()["fields"]


def test_create_for_another_company_or_unknown_park_is_404(
    api_as, tenant, other_company, company, park
):
    client = api_as(tenant)
    response = client.post(
        "/admissions", json={**BODY, "company_id": other_company.pk, "park_id": park.pk}
    )
    assert response.status_code == 404
    response = client.post(
        "/admissions", json={**BODY, "company_id": company.pk, "park_id": 999999}
    )
    assert response.status_code == 404


def test_anonymous_is_401(api_as):
    assert api_as().get("/admissions").status_code == 401


@freeze_time("2025-03-03 09:00:00+08:00")
def test_submit_then_operator_sees_it_with_officer_and_clock(
    api_as, tenant, created, operator_user
):
    response = api_as(tenant).post(f"/admissions/{created['id']}/submit")
    assert response.status_code == 200
    assert response.json()["status"] == "submitted"
    listing = api_as(operator_user).get("/admissions?status=submitted").json()
    assert listing["count"] == 1
    row = listing["items"][0]
    assert row["officer_id"] == operator_user.pk
    assert row["due_on"] == "2025-03-17"
    assert row["working_days_left"] == 10
    assert row["overdue"] is False


def test_operator_does_not_see_drafts(api_as, created, operator_user):
    assert api_as(operator_user).get("/admissions").json()["count"] == 0
    response = api_as(operator_user).get(f"/admissions/{created['id']}")
    assert response.status_code == 404


def test_decision_flow_and_409_on_illegal_moves(api_as, tenant, created, operator_user):
    pk = created["id"]
    api_as(tenant).post(f"/admissions/{pk}/submit")
    op = api_as(operator_user)
    response = op.post(
        f"/admissions/{pk}/decision",
        json={"decision": "request_info", "note": "Send the EIA form."},
    )
    assert response.json()["status"] == "info_requested"
    response = api_as(tenant).patch(f"/admissions/{pk}", json={"jobs": 100})
    assert response.status_code == 200
    assert response.json()["jobs"] == 100
    api_as(tenant).post(f"/admissions/{pk}/submit", json={"note": "Sent."})
    response = op.post(f"/admissions/{pk}/decision", json={"decision": "approve"})
    assert response.status_code == 200
    assert response.json() == {"id": pk, "status": "approved"}
    response = op.post(f"/admissions/{pk}/decision", json={"decision": "approve"})
    assert response.status_code == 409
    assert response.json()["code"] == "illegal_transition"
    assert api_as(tenant).post(f"/admissions/{pk}/withdraw").status_code == 409


def test_decision_roles(api_as, tenant, created, other_tenant):
    pk = created["id"]
    api_as(tenant).post(f"/admissions/{pk}/submit")
    body = {"decision": "approve", "note": ""}
    assert (
        api_as(tenant).post(f"/admissions/{pk}/decision", json=body).status_code == 403
    )
    response = api_as(other_tenant).post(f"/admissions/{pk}/decision", json=body)
    assert response.status_code == 404
    stranger = factories.OperatorStaffFactory().user
    response = api_as(stranger).post(f"/admissions/{pk}/decision", json=body)
    assert response.status_code == 404
    assert api_as(stranger).get(f"/admissions/{pk}").status_code == 404


def test_bad_decision_is_422(api_as, tenant, created, operator_user):
    pk = created["id"]
    api_as(tenant).post(f"/admissions/{pk}/submit")
    response = api_as(operator_user).post(
        f"/admissions/{pk}/decision", json={"decision": "reject", "note": ""}
    )
    assert response.status_code == 422
    assert "note" in response.json()["fields"]


def test_withdraw(api_as, tenant, created):
    response = api_as(tenant).post(f"/admissions/{created['id']}/withdraw")
    assert response.json()["status"] == "withdrawn"


def test_assign_officer(api_as, tenant, created, operator_user, park):
    pk = created["id"]
    api_as(tenant).post(f"/admissions/{pk}/submit")
    colleague = factories.OperatorStaffFactory(
        operator=park.operator, role="staff"
    ).user
    response = api_as(operator_user).post(
        f"/admissions/{pk}/officer", json={"officer_id": colleague.pk}
    )
    assert response.status_code == 200
    assert response.json()["officer_id"] == colleague.pk
    response = api_as(operator_user).post(
        f"/admissions/{pk}/officer", json={"officer_id": 999999}
    )
    assert response.status_code == 422


def test_tenant_lists_only_own(api_as, tenant, created, other_tenant):
    assert api_as(tenant).get("/admissions").json()["count"] == 1
    assert api_as(other_tenant).get("/admissions").json()["count"] == 0
    assert api_as(other_tenant).get(f"/admissions/{created['id']}").status_code == 404


def test_list_query_count_is_constant(
    api_as, operator_user, park, django_assert_max_num_queries
):
    client = api_as(operator_user)
    factories.AdmissionApplicationFactory.create_batch(3, park=park, status="submitted")
    with django_assert_max_num_queries(8):
        assert client.get("/admissions?limit=100").json()["count"] == 3
    factories.AdmissionApplicationFactory.create_batch(
        60, park=park, status="submitted"
    )
    with django_assert_max_num_queries(8):
        assert client.get("/admissions?limit=100").json()["count"] == 63
    assert AdmissionApplication.objects.count() == 63
