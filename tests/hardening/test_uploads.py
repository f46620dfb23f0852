"""Uploads: refused by Content-Length before the body is read, PDFs that run
scripts or carry files refused, images re-checked by decoding them."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from core.errors import Invalid
from core.files import check_upload
from tests import samples


class ExplodingStream(io.RawIOBase):
    """A body that fails the test if anyone reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readinto = read


def test_upload_over_the_cap_is_refused_by_content_length_unread(
    tenant, company, settings
):
    client = Client()
    client.force_login(tenant)
    url = f"/api/v1/companies/{company.pk}/documents"
    response = client.generic(
        "POST",
        url,
        b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(200 * 1024 * 1024),
        **{"wsgi.input": ExplodingStream()},
    )
    assert response.status_code == 413
    assert response.json()["code"] == "file_too_large"


def test_page_upload_over_the_cap_is_refused_too(tenant, company):
    client = Client()
    client.force_login(tenant)
    response = client.generic(
        "POST",
        f"/companies/{company.pk}/documents/",
        b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(200 * 1024 * 1024),
        **{"wsgi.input": ExplodingStream()},
    )
    assert response.status_code == 413


def test_upload_at_the_cap_is_read_and_checked(api_as, tenant, company, settings):
    settings.UPLOAD_MAX_BYTES = len(samples.PDF)
    response = api_as(tenant).post(
        f"/companies/{company.pk}/documents",
        data={"kind": "business_license"},
        FILES={"file": SimpleUploadedFile("l.pdf", samples.PDF)},
    )
    assert response.status_code == 201, response.content


@pytest.mark.parametrize(
    "content",
    [
        samples.PDF_WITH_JAVASCRIPT,
        samples.PDF_WITH_ATTACHMENT,
        samples.PDF_WITH_OPEN_ACTION,
    ],
    ids=["javascript", "embedded-file", "open-action"],
)
def test_pdf_with_scripts_or_files_is_refused(content):
    with pytest.raises(Invalid) as excinfo:
        check_upload(SimpleUploadedFile("a.pdf", content))
    assert excinfo.value.code == "file_content"
    assert list(excinfo.value.fields) == ["file"]


@pytest.mark.parametrize(
    "content",
    [
        samples.PNG_POLYGLOT,
        samples.JPEG_POLYGLOT,
        samples.PNG_BROKEN,
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 32,
        b"\xff\xd8\xff\xe0<html><script>alert(1)</script></html>",
        b"%PDF-1.4\n<html><script>alert(1)</script></html>",
    ],
    ids=[
        "png-zip",
        "jpeg-html",
        "png-cut",
        "png-magic-only",
        "jpeg-html-body",
        "pdf-html",
    ],
)
def test_polyglots_and_undecodable_files_are_refused(content):
    with pytest.raises(Invalid) as excinfo:
        check_upload(SimpleUploadedFile("a.bin", content))
    assert excinfo.value.code == "file_content"


def test_clean_files_pass(db):
    for content in (samples.PDF, samples.PNG, samples.JPEG):
        assert check_upload(SimpleUploadedFile("a", content)).size == len(content)


def test_hostile_pdf_through_the_api_is_a_422_and_not_stored(api_as, tenant, company):
    response = api_as(tenant).post(
        f"/companies/{company.pk}/documents",
        data={"kind": "business_license"},
        FILES={"file": SimpleUploadedFile("l.pdf", samples.PDF_WITH_JAVASCRIPT)},
    )
    assert response.status_code == 422
    assert response.json()["code"] == "file_content"
    assert company.documents.count() == 0
