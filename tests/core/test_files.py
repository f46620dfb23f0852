"""Upload checks: type by content, size cap, SHA-256, safe file names."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat

from core.errors import Invalid
from core.files import check_upload, private_path, sanitise_filename
from tests.samples import JPEG, PDF, PNG


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.mark.parametrize(
    ("name", "content", "content_type", "stored_as"),
    [
        ("licence.pdf", PDF, "application/pdf", "licence.pdf"),
        ("scan.png", PNG, "image/png", "scan.png"),
        ("photo.jpeg", JPEG, "image/jpeg", "photo.jpg"),
        # the content decides, not the extension the browser sent
        ("scan.pdf", PNG, "image/png", "scan.png"),
        ("photo.png", JPEG, "image/jpeg", "photo.jpg"),
        ("report.txt", PDF, "application/pdf", "report.pdf"),
        ("noextension", PDF, "application/pdf", "noextension.pdf"),
    ],
)
def test_accepted_by_content(name, content, content_type, stored_as):
    checked = check_upload(upload(name, content))
    assert checked.content_type == content_type
    assert checked.filename == stored_as
    assert checked.size == len(content)
    assert checked.sha256 == hashlib.sha256(content).hexdigest()


def test_file_is_rewound_after_the_check():
    file = upload("a.pdf", PDF)
    checked = check_upload(file)
    assert checked.file.read() == PDF


@pytest.mark.parametrize(
    "content",
    [b"just some text, not a PDF", b"PK\x03\x04zipfile", b"<html>%PDF-</html>"],
)
def test_other_content_rejected_even_named_pdf(content):
    with pytest.raises(Invalid) as excinfo:
        check_upload(upload("contract.pdf", content))
    assert excinfo.value.code == "file_type"
    assert excinfo.value.status == 422
    assert list(excinfo.value.fields) == ["file"]


def test_too_big_rejected_with_the_limit_in_the_message(settings):
    settings.UPLOAD_MAX_BYTES = 1024
    with pytest.raises(Invalid) as excinfo:
        check_upload(upload("big.pdf", PDF + b"0" * 1024))
    assert excinfo.value.code == "file_too_large"
    assert filesizeformat(1024) in excinfo.value.fields["file"][0]
    assert filesizeformat(1024) in excinfo.value.message


def test_exactly_at_the_limit_accepted(settings):
    settings.UPLOAD_MAX_BYTES = 1024
    content = PDF + b"0" * (1024 - len(PDF))
    assert check_upload(upload("edge.pdf", content)).size == 1024


@pytest.mark.parametrize("file", [None, SimpleUploadedFile("empty.pdf", b"")])
def test_empty_or_missing_rejected(file):
    with pytest.raises(Invalid) as excinfo:
        check_upload(file)
    assert excinfo.value.code == "file_missing"
    assert "file" in excinfo.value.fields


def test_error_names_the_field_asked_for():
    with pytest.raises(Invalid) as excinfo:
        check_upload(None, field="evidence")
    assert list(excinfo.value.fields) == ["evidence"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("营业执照.pdf", "营业执照.pdf"),
        ("营业执照 副本 2024.PDF", "营业执照_副本_2024.pdf"),
        ("../../etc/passwd", "passwd.pdf"),
        ("/etc/shadow", "shadow.pdf"),
        ("..\\..\\windows\\system32.pdf", "windows_system32.pdf"),
        ("..", "file.pdf"),
        ("", "file.pdf"),
        ("   ", "file.pdf"),
        ("a<b>c|d?.pdf", "a_b_c_d.pdf"),
        (".hidden.pdf", "hidden.pdf"),
        ("x" * 200 + ".pdf", "x" * 80 + ".pdf"),
    ],
)
def test_sanitised_filenames(name, expected):
    result = sanitise_filename(name, ".pdf")
    assert result == expected
    assert "/" not in result and "\\" not in result and ".." not in result


def test_traversal_in_an_upload_name_is_neutralised():
    checked = check_upload(upload("../../etc/passwd", PDF))
    assert checked.filename == "passwd.pdf"


def test_private_path_is_unique_and_keeps_the_name():
    first = private_path("companies/1", "licence.pdf")
    second = private_path("companies/1", "licence.pdf")
    assert first != second
    assert first.startswith("companies/1/") and first.endswith("/licence.pdf")
