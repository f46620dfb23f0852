"""Governance pages: who sees what, the forms call the actions, 404 for others."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from governance.models import (
    Commitment,
    Concern,
    EnclaveAgreement,
    OperatingReport,
    Region,
    RegionObserver,
)
from tests import factories
from tests.governance.conftest import pdf_upload


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def test_commitment_pages_for_both_sides_and_404_for_others(
    as_user, commitment, tenant, manager, other_tenant
):
    url = reverse("governance:commitment", args=[commitment.pk])
    page = as_user(tenant).get(reverse("governance:commitments"))
    assert "Equipment subsidy" in page.content.decode()
    detail = as_user(tenant).get(url).content.decode()
    assert "Raise a concern" in detail and "Record the outcome" not in detail
    detail = as_user(manager).get(url).content.decode()
    assert "Record the outcome" in detail and "Raise a concern" not in detail
    assert as_user(other_tenant).get(url).status_code == 404


def test_honour_and_waive_forms(as_user, commitment, manager, staff):
    response = as_user(staff).post(
        reverse("governance:commitment_waive", args=[commitment.pk]), {"note": "x"}
    )
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.status == "pending"  # staff may not waive
    as_user(manager).post(
        reverse("governance:commitment_honour", args=[commitment.pk]), {"note": "paid"}
    )
    commitment.refresh_from_db()
    assert commitment.status == "honoured"


def test_tenant_raises_concern_and_operator_answers(as_user, commitment, tenant, staff):
    as_user(tenant).post(
        reverse("governance:concern_raise", args=[commitment.pk]), {"text": "When?"}
    )
    concern = Concern.objects.get()
    queue = as_user(staff).get(
        reverse("governance:concerns", args=[commitment.park_id])
    )
    assert "When?" in queue.content.decode()
    as_user(staff).post(
        reverse("governance:concern_answer", args=[concern.pk]), {"answer": "Friday"}
    )
    concern.refresh_from_db()
    assert concern.status == "answered" and concern.answer == "Friday"


def test_evidence_upload_form_and_download(as_user, commitment, tenant, manager):
    as_user(tenant).post(
        reverse("governance:evidence_add", args=[commitment.pk]),
        {"file": pdf_upload()},
    )
    evidence = commitment.evidence.get()
    got = as_user(manager).get(
        reverse("governance:evidence_download", args=[evidence.pk])
    )
    assert got.status_code == 200
    bad = as_user(tenant).post(
        reverse("governance:evidence_add", args=[commitment.pk]), {}
    )
    assert "Choose a file or a document." in bad.content.decode()


def test_operator_records_a_new_commitment(as_user, admission, manager, other_operator):
    url = reverse("governance:commitment_new", args=[admission.park_id])
    assert as_user(other_operator).get(url).status_code == 404
    response = as_user(manager).post(
        url,
        {
            "company": admission.company_id,
            "kind": "rent_free",
            "description": "Three months free",
            "amount": "0",
            "due_date": "2027-01-31",
        },
    )
    created = Commitment.objects.get()
    assert response.url == reverse("governance:commitment", args=[created.pk])


def test_tenant_files_a_report_and_sees_its_trend(as_user, admission, tenant):
    url = reverse("governance:reports")
    response = as_user(tenant).post(
        url,
        {
            "admission": admission.pk,
            "period": "2026Q1",
            "output": "25000000",
            "tax_paid": "1250000",
            "employees": "80",
            "energy_tce": "500",
        },
    )
    assert response.status_code == 302
    assert OperatingReport.objects.get().period == "2026Q1"
    page = as_user(tenant).get(url).content.decode()
    assert "<svg" in page and "2026Q1" in page


def test_performance_page_for_the_operator_only(as_user, admission, tenant, manager):
    url = reverse("governance:performance", args=[admission.park_id])
    assert as_user(tenant).get(url).status_code == 404
    page = as_user(manager).get(url + "?period=2026Q1&lang=x")
    assert page.status_code == 200 and admission.company.name in page.content.decode()
    # The quarter links change the period and keep the rest of the query.
    assert 'href="?period=2025Q4&amp;lang=x"' in page.content.decode()


def test_observer_pages(as_user, admission, manager):
    host = Region.objects.create(name="Qiandongnan")
    EnclaveAgreement.objects.create(
        park=admission.park,
        host_region=host,
        partner_region=Region.objects.create(name="Foshan"),
        signed_on=date(2024, 1, 1),
    )
    observer = factories.UserFactory()
    RegionObserver.objects.create(region=host, user=observer)
    listing = as_user(observer).get(reverse("governance:regions"))
    assert listing.url == reverse("governance:region", args=[host.pk])
    page = as_user(observer).get(listing.url).content.decode()
    assert admission.park.name in page
    report = as_user(observer).get(
        reverse("governance:enclave_report", args=[admission.park_id]) + "?year=2026"
    )
    assert report.status_code == 200
    pdf = as_user(observer).get(
        reverse("governance:enclave_report_pdf", args=[admission.park_id])
    )
    assert pdf["Content-Type"] == "application/pdf"
    assert as_user(observer).get(reverse("governance:commitments")).status_code == 200


def test_settings_by_the_manager_only(as_user, park, manager, staff, other_operator):
    from governance.models import ParkGovernance

    url = reverse("governance:settings", args=[park.pk])
    assert as_user(other_operator).get(url).status_code == 404
    data = {
        "service_officer": staff.pk,
        "concern_sla_days": "5",
        "shortfall_percent": "15",
        "report_deadline_days": "25",
        "reminder_days": "5",
    }
    as_user(staff).post(url, data)
    assert not ParkGovernance.objects.exists()
    response = as_user(manager).post(url, data)
    assert response.status_code == 302
    row = ParkGovernance.objects.get()
    assert (row.service_officer, row.shortfall_percent) == (staff, 15)
    outsider = factories.UserFactory()
    bad = as_user(manager).post(url, {**data, "service_officer": outsider.pk})
    assert bad.status_code == 200  # not one of the operator's people


def test_observer_home_links_the_region(as_user, db):
    region = Region.objects.create(name="Qiandongnan")
    observer = factories.UserFactory()
    RegionObserver.objects.create(region=region, user=observer)
    page = as_user(observer).get("/").content.decode()
    assert reverse("governance:region", args=[region.pk]) in page


def test_report_attachment_for_the_company_and_the_operator_only(
    as_user, admission, tenant, manager, other_tenant
):
    from governance.actions.reports import report_file

    report = report_file(
        actor=tenant,
        company=admission.company,
        park=admission.park,
        period="2026Q1",
        output=1,
        tax_paid=1,
        employees=1,
        energy_tce=1,
        attachment=pdf_upload(),
    )
    url = reverse("governance:report_attachment", args=[report.pk])
    assert as_user(other_tenant).get(url).status_code == 404
    assert as_user(manager).get(url).status_code == 200
