"""KYC documents: upload checks leave nothing behind; delete removes the bytes."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile

from core.audit import audit_trail
from core.errors import Invalid, NotAllowed, NotFound
from core.files import private_storage
from tenants import actions
from tenants.actions import document_delete, document_upload
from tenants.models import Document
from tests.factories import MembershipFactory
from tests.samples import PDF, PNG


def private_root() -> Path:
    return Path(django_settings.STORAGES["private"]["OPTIONS"]["location"])


def stored_files() -> list[Path]:
    root = private_root()
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def upload(tenant, company, name="licence.pdf", content=PDF, kind="business_license"):
    return document_upload(
        company=company,
        actor=tenant,
        kind=kind,
        file=SimpleUploadedFile(name, content),
    )


def test_accepted_upload_is_stored_privately_with_its_sha256(tenant, company):
    # when
    document = upload(tenant, company, name="营业执照 2024.pdf")
    # then
    assert document.sha256 == hashlib.sha256(PDF).hexdigest()
    assert document.size == len(PDF)
    assert document.content_type == "application/pdf"
    assert document.filename == "营业执照_2024.pdf"
    assert document.uploaded_by == tenant
    assert document.file.name.startswith(f"companies/{company.pk}/")
    assert private_storage().open(document.file.name).read() == PDF
    assert stored_files() == [private_root() / document.file.name]
    assert [e.action for e in audit_trail(document)] == ["document_uploaded"]


def test_type_comes_from_the_content(tenant, company):
    document = upload(tenant, company, name="scan.pdf", content=PNG, kind="id_card")
    assert (document.content_type, document.filename) == ("image/png", "scan.png")


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("fake.pdf", b"this is plain text", "file_type"),
        ("empty.pdf", b"", "file_missing"),
        ("big.pdf", PDF + b"0" * 2048, "file_too_large"),
    ],
)
def test_rejected_upload_leaves_nothing_behind(
    tenant, company, settings, name, content, code
):
    # given a small cap so "too big" stays cheap
    settings.UPLOAD_MAX_BYTES = 1024
    # when
    with pytest.raises(Invalid) as excinfo:
        upload(tenant, company, name=name, content=content)
    # then
    assert excinfo.value.code == code
    assert list(excinfo.value.fields) == ["file"]
    assert Document.objects.count() == 0
    assert stored_files() == []


def test_unknown_kind_is_invalid_and_stores_nothing(tenant, company):
    with pytest.raises(Invalid) as excinfo:
        upload(tenant, company, kind="selfie")
    assert list(excinfo.value.fields) == ["kind"]
    assert stored_files() == []


def test_a_failure_after_storing_removes_the_bytes(tenant, company, monkeypatch):
    # given the audit write fails after the file was written
    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(actions, "audit_record", broken)
    # when
    with pytest.raises(RuntimeError):
        upload(tenant, company)
    # then
    assert Document.objects.count() == 0
    assert stored_files() == []


def test_plain_member_may_not_upload(company):
    member = MembershipFactory(company=company, role="member").user
    with pytest.raises(NotAllowed):
        upload(member, company)
    assert stored_files() == []


def test_outsider_gets_not_found(other_tenant, company):
    with pytest.raises(NotFound):
        upload(other_tenant, company)


def test_admin_may_upload(company):
    admin = MembershipFactory(company=company, role="admin").user
    assert upload(admin, company).uploaded_by == admin


# --- delete --------------------------------------------------------------------


def test_delete_removes_the_file_after_commit(
    tenant, company, django_capture_on_commit_callbacks
):
    # given
    document = upload(tenant, company)
    name = document.file.name
    # when
    with django_capture_on_commit_callbacks(execute=True):
        document_delete(document=document, actor=tenant)
        # the bytes stay until the row's deletion is committed
        assert private_storage().exists(name)
    # then
    assert not private_storage().exists(name)
    assert stored_files() == []
    assert not Document.objects.exists()
    assert "document_deleted" in [e.action for e in audit_trail(company)]


def test_delete_that_does_not_commit_keeps_the_file(
    tenant, company, django_capture_on_commit_callbacks
):
    document = upload(tenant, company)
    with django_capture_on_commit_callbacks(execute=False):
        document_delete(document=document, actor=tenant)
    assert private_storage().exists(document.file.name)


def test_plain_member_may_not_delete(company, django_capture_on_commit_callbacks):
    owner = company.memberships.get(role="owner").user
    document = upload(owner, company)
    member = MembershipFactory(company=company, role="member").user
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(NotAllowed),
    ):
        document_delete(document=document, actor=member)
    assert Document.objects.filter(pk=document.pk).exists()
    assert private_storage().exists(document.file.name)
