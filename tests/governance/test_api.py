"""Governance API: shapes, scoping (another party's object → 404), roles."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from governance.models import (
    Commitment,
    EnclaveAgreement,
    OperatingReport,
    Region,
    RegionObserver,
    SplitPeriod,
)
from tests import factories, samples


@pytest.fixture
def observer(park, db):
    host = Region.objects.create(name="Qiandongnan")
    partner = Region.objects.create(name="Foshan")
    agreement = EnclaveAgreement.objects.create(
        park=park, host_region=host, partner_region=partner, signed_on=date(2024, 1, 1)
    )
    SplitPeriod.objects.create(
        agreement=agreement,
        starts_on=date(2024, 1, 1),
        output_host_percent=Decimal("40"),
        tax_host_percent=Decimal("40"),
    )
    user = factories.UserFactory()
    RegionObserver.objects.create(region=host, user=user)
    return user


def test_both_sides_list_the_same_commitment(api_as, commitment, tenant, manager):
    mine = api_as(tenant).get("/commitments").json()
    theirs = api_as(manager).get(f"/commitments?park_id={commitment.park_id}").json()
    assert mine["count"] == theirs["count"] == 1
    row = mine["items"][0]
    assert row == theirs["items"][0]
    assert row["side"] == "park" and row["amount"] == "500000.00"
    assert row["status"] == "pending" and row["evidence"] == []


def test_another_party_gets_404(api_as, commitment, other_tenant, other_operator):
    for user in (other_tenant, other_operator):
        client = api_as(user)
        assert client.get(f"/commitments/{commitment.pk}").status_code == 404
        assert (
            client.post(f"/commitments/{commitment.pk}/honour", json={}).status_code
            == 404
        )
        assert client.get("/commitments").json()["count"] == 0


def test_honour_by_operator_not_by_tenant(api_as, commitment, tenant, manager, company):
    document = factories.DocumentFactory(company=company)
    denied = api_as(tenant).post(f"/commitments/{commitment.pk}/honour", json={})
    assert denied.status_code == 404  # the tenant is not the park's operator
    response = api_as(manager).post(
        f"/commitments/{commitment.pk}/honour",
        json={"note": "paid", "evidence_document_ids": [document.pk]},
    )
    assert response.status_code == 200
    assert response.json()["status"] == "honoured"
    again = api_as(manager).post(f"/commitments/{commitment.pk}/honour", json={})
    assert again.status_code == 409
    detail = api_as(tenant).get(f"/commitments/{commitment.pk}").json()
    assert detail["evidence"][0]["kind"] == "document"


def test_waive_by_staff_is_403(api_as, commitment, staff):
    response = api_as(staff).post(
        f"/commitments/{commitment.pk}/waive", json={"note": "no"}
    )
    assert response.status_code == 403


def test_create_park_commitment(api_as, admission, manager, tenant):
    body = {
        "park_id": admission.park_id,
        "company_id": admission.company_id,
        "kind": "subsidy",
        "description": "Relocation subsidy",
        "amount": "200000.00",
        "due_date": "2027-03-31",
    }
    assert api_as(tenant).post("/commitments", json=body).status_code == 404
    response = api_as(manager).post("/commitments", json=body)
    assert response.status_code == 201, response.content
    assert response.json()["source_kind"] == "operator"


def test_evidence_upload_and_download_by_both_sides(
    api_as, commitment, tenant, manager
):
    upload = api_as(manager).post(
        f"/commitments/{commitment.pk}/evidence",
        FILES={"file": SimpleUploadedFile("proof.pdf", samples.PDF)},
    )
    assert upload.status_code == 201, upload.content
    evidence_id = upload.json()["id"]
    got = api_as(tenant).get(f"/evidence/{evidence_id}/download")
    assert got.status_code == 200
    bad = api_as(manager).post(
        f"/commitments/{commitment.pk}/evidence",
        FILES={"file": SimpleUploadedFile("x.pdf", b"not a pdf")},
    )
    assert bad.status_code == 422


def test_concern_raised_listed_and_answered(
    api_as, commitment, tenant, staff, other_operator
):
    raised = api_as(tenant).post(
        f"/commitments/{commitment.pk}/concerns", json={"text": "When?"}
    )
    assert raised.status_code == 201
    concern_id = raised.json()["id"]
    listed = api_as(staff).get(f"/parks/{commitment.park_id}/commitments/concerns")
    assert listed.json()["count"] == 1 and listed.json()["items"][0]["overdue"] is False
    assert (
        api_as(other_operator)
        .get(f"/parks/{commitment.park_id}/commitments/concerns")
        .status_code
        == 404
    )
    assert (
        api_as(tenant)
        .post(f"/concerns/{concern_id}/answer", json={"answer": "x"})
        .status_code
        == 403
    )
    answered = api_as(staff).post(
        f"/concerns/{concern_id}/answer", json={"answer": "Soon"}
    )
    assert answered.status_code == 200 and answered.json()["status"] == "answered"


def test_operating_report_file_and_performance(
    api_as, admission, tenant, manager, other_tenant
):
    body = {
        "company_id": admission.company_id,
        "park_id": admission.park_id,
        "period": "2026Q2",
        "output": "25000000.00",
        "tax_paid": "1250000.00",
        "employees": 80,
        "energy_tce": "500.00",
    }
    assert api_as(other_tenant).post("/operating-reports", json=body).status_code == 404
    created = api_as(tenant).post("/operating-reports", json=body)
    assert created.status_code == 201, created.content
    assert created.json()["output"] == "25000000.00"
    assert api_as(tenant).post("/operating-reports", json=body).status_code == 409
    bad = api_as(tenant).post("/operating-reports", json={**body, "period": "2026-Q2"})
    assert bad.status_code == 422 and "period" in bad.json()["fields"]
    perf = api_as(manager).get(f"/parks/{admission.park_id}/performance?period=2026Q2")
    assert perf.status_code == 200
    row = perf.json()["tenants"][0]
    assert (
        row["output_per_mu"] == "10000000.00"
        and row["shortfall_percent"]["output"] == "0.00"
    )
    assert (
        api_as(tenant).get(f"/parks/{admission.park_id}/performance").status_code == 404
    )
    assert (
        api_as(manager)
        .get(f"/parks/{admission.park_id}/performance?period=x")
        .status_code
        == 422
    )


def test_enclave_report_for_operator_and_observer_only(
    api_as, admission, manager, observer, tenant, other_operator
):
    OperatingReport.objects.create(
        company=admission.company,
        park=admission.park,
        period="2026Q1",
        output=Decimal("100.01"),
        tax_paid=Decimal("10.01"),
        employees=5,
        energy_tce=Decimal("1"),
        deadline=date(2026, 4, 20),
        filed_by=tenant,
    )
    path = f"/parks/{admission.park_id}/enclave-report?year=2026"
    for user in (manager, observer):
        body = api_as(user).get(path).json()
        assert body["host_region"] == "Qiandongnan"
        assert body["output_total"] == "100.01"
        assert Decimal(body["output_host"]) + Decimal(
            body["output_partner"]
        ) == Decimal("100.01")
    for user in (tenant, other_operator):
        assert api_as(user).get(path).status_code == 404
    pdf = api_as(observer).get(
        f"/parks/{admission.park_id}/enclave-report.pdf?year=2026"
    )
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    xlsx = api_as(manager).get(
        f"/parks/{admission.park_id}/enclave-report.xlsx?year=2026"
    )
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert api_as(manager).get(path.replace("2026", "1999")).status_code == 422


def test_observer_sees_region_overview_but_no_commitments(
    api_as, observer, commitment, other_tenant
):
    region = Region.objects.get(name="Qiandongnan")
    client = api_as(observer)
    overview = client.get(f"/regions/{region.pk}/overview")
    assert overview.status_code == 200
    assert overview.json()["parks"][0]["park_id"] == commitment.park_id
    assert client.get("/commitments").json()["count"] == 0
    assert client.get(f"/commitments/{commitment.pk}").status_code == 404
    assert client.get("/operating-reports").json()["count"] == 0
    other_region = Region.objects.get(name="Foshan")
    assert client.get(f"/regions/{other_region.pk}/overview").status_code == 404
    assert api_as(other_tenant).get(f"/regions/{region.pk}/overview").status_code == 404
    me = client.get("/me").json()
    assert {
        "kind": "government",
        "org_id": region.pk,
        "org_name": "Qiandongnan",
        "role": "observer",
    } in me["roles"]


def test_anonymous_is_401(api_as, commitment):
    assert api_as().get("/commitments").status_code == 401
    assert Commitment.objects.count() == 1
