"""Documents in use are evidence: the tenant's "delete" withdraws them from the
vault but keeps the bytes and hash for the operator and the bank; a new version
supersedes the old one instead of replacing it."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from core.audit import audit_trail
from parks.models import AdmissionApplication
from tenants import actions
from tenants.models import Document
from tests import factories, samples
from tests.finance.lending_fixtures import submitted


def upload(company, user, content=samples.PDF, kind="business_license", **kw):
    return actions.document_upload(
        company=company,
        actor=user,
        kind=kind,
        file=SimpleUploadedFile("licence.pdf", content),
        **kw,
    )


def download(user, document) -> bytes:
    client = Client()
    client.force_login(user)
    response = client.get(f"/api/v1/documents/{document.pk}/download")
    assert response.status_code == 200, (user, response.status_code)
    return b"".join(response.streaming_content)


def vault(user, company) -> list[int]:
    client = Client()
    client.force_login(user)
    response = client.get(f"/api/v1/companies/{company.pk}/documents")
    return [d["id"] for d in response.json()["items"]]


@pytest.fixture
def admitted(tenant, company, operator_user):
    """A licence attached to an approved admission in the operator's park."""
    document = upload(company, tenant)
    park = factories.ParkFactory(operator=operator_user.operator_staff.get().operator)
    application = factories.AdmissionApplicationFactory(
        company=company, park=park, status=AdmissionApplication.Status.APPROVED
    )
    application.attachments.add(document)
    return document


def test_deleting_evidence_of_an_approved_admission_keeps_it_for_the_operator(
    tenant, company, operator_user, admitted
):
    result = actions.document_delete(document=admitted, actor=tenant)
    assert result is not None and result.withdrawn_at is not None
    assert admitted.pk not in vault(tenant, company)
    body = download(operator_user, admitted)
    assert (
        hashlib.sha256(body).hexdigest()
        == admitted.sha256
        == (hashlib.sha256(samples.PDF).hexdigest())
    )
    [event] = [e for e in audit_trail(admitted) if "withdrawn" in e.action]
    assert event.action == "document_withdrawn_retained"
    assert admitted.sha256 in event.note and "retained" in event.note


def test_deleting_a_document_shared_on_a_live_request_keeps_it_for_the_bank(
    tenant, company, maker
):
    document = upload(company, tenant)
    bank = maker.bank_staff.get().bank
    factories.LprRateFactory(tenor="1y")
    factories.ProductFactory(bank=bank)
    submitted(tenant, company, [bank], documents=[document])
    actions.document_delete(document=document, actor=tenant)
    assert Document.objects.filter(pk=document.pk).exists()
    assert download(maker, document) == samples.PDF
    assert document.pk not in vault(tenant, company)


def test_deleting_a_document_nobody_relies_on_deletes_it(tenant, company):
    document = upload(company, tenant)
    draft = factories.AdmissionApplicationFactory(company=company, status="draft")
    draft.attachments.add(document)
    assert actions.document_delete(document=document, actor=tenant) is None
    assert not Document.objects.filter(pk=document.pk).exists()


def test_the_delete_page_withdraws_evidence_too(
    tenant, company, operator_user, admitted
):
    client = Client()
    client.force_login(tenant)
    response = client.post(f"/documents/{admitted.pk}/delete/")
    assert response.status_code == 302
    assert Document.objects.get(pk=admitted.pk).withdrawn_at is not None
    assert download(operator_user, admitted) == samples.PDF
    page = client.get(f"/companies/{company.pk}/documents/")
    assert admitted.filename not in [d.filename for d in page.context["documents"]]


def test_a_withdrawn_document_cannot_be_attached_again(tenant, company, admitted):
    actions.document_delete(document=admitted, actor=tenant)
    bank = factories.BankFactory()
    factories.LprRateFactory(tenor="1y")
    factories.ProductFactory(bank=bank)
    from core.errors import Invalid

    with pytest.raises(Invalid):
        submitted(tenant, company, [bank], documents=[admitted])


def test_a_new_version_supersedes_and_the_old_stays_for_the_operator(
    api_as, tenant, company, operator_user, admitted
):
    response = api_as(tenant).post(
        f"/companies/{company.pk}/documents",
        data={"kind": "business_license", "supersedes_id": str(admitted.pk)},
        FILES={"file": SimpleUploadedFile("licence-2026.png", samples.PNG)},
    )
    assert response.status_code == 201, response.content
    new_id = response.json()["id"]
    admitted.refresh_from_db()
    assert admitted.superseded_by_id == new_id
    assert vault(tenant, company) == [new_id]
    assert download(operator_user, admitted) == samples.PDF
    assert "document_superseded" in [e.action for e in audit_trail(admitted)]


def test_only_a_current_document_of_the_company_can_be_superseded(
    api_as, tenant, company, other_company
):
    theirs = factories.DocumentFactory(company=other_company)
    response = api_as(tenant).post(
        f"/companies/{company.pk}/documents",
        data={"kind": "business_license", "supersedes_id": str(theirs.pk)},
        FILES={"file": SimpleUploadedFile("l.pdf", samples.PDF)},
    )
    assert response.status_code == 404
