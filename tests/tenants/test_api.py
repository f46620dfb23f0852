"""Tenants API: companies and KYC documents, scoping and the error shape."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tenants.models import Company, Document, Membership
from tests.factories import DocumentFactory, MembershipFactory, UserFactory, valid_uscc
from tests.samples import PDF


def assert_error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert body["detail"] and isinstance(body["detail"], str)
    assert body["code"] and isinstance(body["code"], str)
    if code:
        assert body["code"] == code
    return body


def payload(**overrides) -> dict:
    data = {
        "name": "黔东南精工模具有限公司",
        "uscc": "91522601MA6DN2L0KJ",
        "legal_representative": "李伟",
        "registered_capital": "5000000.00",
        "founded_on": "2019-04-18",
        "employees": 320,
        "annual_revenue": "32800000.00",
        "industry_code": "35",
    }
    data.update(overrides)
    return data


def upload_file(name="licence.pdf", content=PDF) -> dict:
    return {"file": SimpleUploadedFile(name, content)}


# --- companies -----------------------------------------------------------------


def test_create_company_201_caller_becomes_owner(api_as, db):
    # given
    user = UserFactory()
    # when
    response = api_as(user).post("/companies", json=payload())
    # then
    assert response.status_code == 201, response.content
    body = response.json()
    company = Company.objects.get()
    assert body["id"] == company.pk
    assert body["uscc"] == "91522601MA6DN2L0KJ"
    assert body["size_class"] == "medium"
    assert body["registered_capital"] == "5000000.00"
    assert body["annual_revenue"] == "32800000.00"
    assert body["founded_on"] == "2019-04-18"
    assert body["industry_name"]
    assert Membership.objects.get(company=company, user=user).role == "owner"


def test_create_company_bad_uscc_422_on_uscc(api_as, tenant):
    response = api_as(tenant).post(
        "/companies", json=payload(uscc="91522601MA6DN2L0K0")
    )
    body = assert_error(response, 422, "uscc_invalid")
    assert list(body["fields"]) == ["uscc"]


def test_create_company_duplicate_uscc_409(api_as, tenant, company):
    response = api_as(tenant).post("/companies", json=payload(uscc=company.uscc))
    body = assert_error(response, 409, "uscc_taken")
    assert "uscc" in body["fields"]


def test_create_company_schema_error_names_the_field(api_as, tenant):
    response = api_as(tenant).post("/companies", json=payload(employees="abc"))
    body = assert_error(response, 422, "invalid")
    assert list(body["fields"]) == ["employees"]


def test_create_company_several_bad_fields_422(api_as, tenant):
    response = api_as(tenant).post(
        "/companies", json=payload(name="", uscc="X", industry_code="C")
    )
    body = assert_error(response, 422)
    assert {"name", "uscc", "industry_code"} <= set(body["fields"])


def test_create_company_anonymous_401(api_as, db):
    assert_error(api_as().post("/companies", json=payload()), 401, "unauthenticated")
    assert not Company.objects.exists()


def test_list_companies_own_only(api_as, tenant, company, other_company):
    response = api_as(tenant).get("/companies")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert [c["id"] for c in body["items"]] == [company.pk]


def test_list_companies_limit_is_capped_at_100(api_as, tenant):
    # given 105 companies of one member
    companies = Company.objects.bulk_create(
        Company(
            name=f"Co {i:03d}",
            uscc=valid_uscc(50_000 + i),
            legal_representative="张三",
            registered_capital=1,
            founded_on="2020-01-01",
            employees=1,
            annual_revenue=1,
            industry_code="38",
            size_class="micro",
            created_by=tenant,
        )
        for i in range(105)
    )
    Membership.objects.bulk_create(
        Membership(company=c, user=tenant, role="member") for c in companies
    )
    client = api_as(tenant)
    # when / then
    capped = client.get("/companies?limit=1000").json()
    assert capped["count"] == 106
    assert len(capped["items"]) == 100
    page = client.get("/companies?limit=10&offset=100").json()
    assert len(page["items"]) == 6
    assert len(client.get("/companies").json()["items"]) == 20
    assert list(assert_error(client.get("/companies?limit=0"), 422)["fields"]) == [
        "limit"
    ]


def test_company_detail(api_as, tenant, company):
    response = api_as(tenant).get(f"/companies/{company.pk}")
    assert response.status_code == 200
    assert response.json()["name"] == company.name


def test_another_tenants_company_404(api_as, tenant, other_company):
    body = assert_error(api_as(tenant).get(f"/companies/{other_company.pk}"), 404)
    absent = assert_error(api_as(tenant).get("/companies/999999"), 404)
    assert body == absent


def test_company_detail_anonymous_401(api_as, company):
    assert_error(api_as().get(f"/companies/{company.pk}"), 401)


# --- documents -----------------------------------------------------------------


def test_upload_document_201(api_as, tenant, company):
    response = api_as(tenant).post(
        f"/companies/{company.pk}/documents",
        data={"kind": "business_license"},
        FILES=upload_file("营业执照.pdf"),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    document = Document.objects.get()
    assert body["id"] == document.pk
    assert body["kind"] == "business_license"
    assert body["filename"] == "营业执照.pdf"
    assert body["size"] == len(PDF)
    assert body["sha256"] == hashlib.sha256(PDF).hexdigest()


@pytest.mark.parametrize(
    ("content", "code"),
    [(b"plain text pretending", "file_type"), (PDF + b"0" * 2048, "file_too_large")],
)
def test_upload_wrong_type_or_too_big_422_on_file(
    api_as, tenant, company, settings, content, code
):
    settings.UPLOAD_MAX_BYTES = 1024
    response = api_as(tenant).post(
        f"/companies/{company.pk}/documents",
        data={"kind": "business_license"},
        FILES=upload_file("x.pdf", content),
    )
    body = assert_error(response, 422, code)
    assert list(body["fields"]) == ["file"]
    assert not Document.objects.exists()


def test_upload_without_a_file_422(api_as, tenant, company):
    response = api_as(tenant).post(
        f"/companies/{company.pk}/documents", data={"kind": "business_license"}
    )
    body = assert_error(response, 422)
    assert "file" in body["fields"]


def test_upload_bad_kind_422(api_as, tenant, company):
    response = api_as(tenant).post(
        f"/companies/{company.pk}/documents",
        data={"kind": "selfie"},
        FILES=upload_file(),
    )
    assert list(assert_error(response, 422)["fields"]) == ["kind"]


def test_plain_member_uploading_403(api_as, company):
    member = MembershipFactory(company=company, role="member").user
    response = api_as(member).post(
        f"/companies/{company.pk}/documents",
        data={"kind": "business_license"},
        FILES=upload_file(),
    )
    assert_error(response, 403, "forbidden")
    assert not Document.objects.exists()


def test_upload_to_another_tenants_company_404(api_as, tenant, other_company):
    response = api_as(tenant).post(
        f"/companies/{other_company.pk}/documents",
        data={"kind": "business_license"},
        FILES=upload_file(),
    )
    assert_error(response, 404)
    assert not Document.objects.exists()


def test_list_documents(api_as, tenant, company, other_company):
    mine = DocumentFactory(company=company)
    DocumentFactory(company=other_company)
    response = api_as(tenant).get(f"/companies/{company.pk}/documents")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert [d["id"] for d in body["items"]] == [mine.pk]
    assert_error(api_as(tenant).get(f"/companies/{other_company.pk}/documents"), 404)


def test_plain_member_may_list_and_download(api_as, company):
    document = DocumentFactory(company=company)
    member = MembershipFactory(company=company, role="member").user
    assert api_as(member).get(f"/companies/{company.pk}/documents").json()["count"] == 1
    assert api_as(member).get(f"/documents/{document.pk}/download").status_code == 200


def test_download_bytes_and_headers(api_as, tenant, company):
    # given an uploaded document
    created = api_as(tenant).post(
        f"/companies/{company.pk}/documents",
        data={"kind": "financial_statement"},
        FILES=upload_file("2025 年报.pdf"),
    )
    document_id = created.json()["id"]
    # when
    response = api_as(tenant).get(f"/documents/{document_id}/download")
    # then
    assert response.status_code == 200
    assert response.content == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "2025_" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


def test_download_another_tenants_document_404(api_as, tenant, other_company):
    document = DocumentFactory(company=other_company)
    assert_error(api_as(tenant).get(f"/documents/{document.pk}/download"), 404)
    assert_error(api_as().get(f"/documents/{document.pk}/download"), 401)
