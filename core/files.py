"""Private file storage and upload checks: type by content, size cap, SHA-256.

Uploads are stored outside any public URL and served only by views that have
checked the caller's right to the file first.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import Storage, storages
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from core.errors import Invalid

# Magic bytes of the only types we accept, with the extension we store them under.
SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
)


@dataclass(frozen=True)
class CheckedUpload:
    file: File
    filename: str
    content_type: str
    size: int
    sha256: str


def private_storage() -> Storage:
    return storages["private"]


def sanitise_filename(name: str, extension: str) -> str:
    """Keep letters of any script, digits, dot, dash, underscore; set the extension."""
    stem = PurePath(name or "").name
    stem = unicodedata.normalize("NFC", stem).rsplit(".", 1)[0]
    stem = re.sub(r"[^\w.\-]+", "_", stem, flags=re.UNICODE).strip("._")[:80]
    return (stem or "file") + extension


def check_upload(upload: File | None, *, field: str = "file") -> CheckedUpload:
    """Raise Invalid on `field` unless the file is a PDF, PNG or JPEG under the cap."""
    if upload is None or not getattr(upload, "size", 0):
        raise Invalid.field(field, _("Choose a file to upload."), code="file_missing")
    limit = settings.UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise Invalid.field(
            field,
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )
    upload.seek(0)
    head = upload.read(16)
    match = next((sig for sig in SIGNATURES if head.startswith(sig[0])), None)
    if match is None:
        raise Invalid.field(
            field,
            _("Only PDF, PNG or JPEG files are accepted."),
            code="file_type",
        )
    _magic, content_type, extension = match
    upload.seek(0)
    problem = (
        pdf_problem(upload)
        if content_type == "application/pdf"
        else image_problem(upload)
    )
    if problem:
        raise Invalid.field(field, problem, code="file_content")
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in (
        upload.chunks()
        if hasattr(upload, "chunks")
        else iter(lambda: upload.read(65536), b"")
    ):
        digest.update(chunk)
    upload.seek(0)
    return CheckedUpload(
        file=upload,
        filename=sanitise_filename(getattr(upload, "name", ""), extension),
        content_type=content_type,
        size=upload.size,
        sha256=digest.hexdigest(),
    )


# Names in a PDF that run code or carry other files: a document we keep as
# evidence is only text and pictures.
ACTIVE_PDF_NAMES = frozenset(
    {"/JS", "/JavaScript", "/EmbeddedFile", "/EmbeddedFiles", "/Launch", "/RichMedia"}
)
PDF_WALK_LIMIT = 50_000


def pdf_problem(upload: File) -> str | None:
    """Why this PDF is refused (unreadable, scripted, carrying files), or None."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    try:
        reader = PdfReader(upload, strict=False)
        pending: list = [reader.trailer]
        seen: set[tuple[int, int]] = set()
        walked = 0
        while pending and walked < PDF_WALK_LIMIT:
            obj = pending.pop()
            walked += 1
            if isinstance(obj, IndirectObject):
                key = (obj.idnum, obj.generation)
                if key in seen:
                    continue
                seen.add(key)
                obj = obj.get_object()
            if isinstance(obj, DictionaryObject):
                if ACTIVE_PDF_NAMES & set(obj.keys()) or obj.get("/S") in (
                    NameObject("/JavaScript"),
                    NameObject("/Launch"),
                ):
                    return _("PDFs with scripts or embedded files are not accepted.")
                pending.extend(obj.values())
            elif isinstance(obj, ArrayObject):
                pending.extend(obj)
        if walked >= PDF_WALK_LIMIT:
            return _("This PDF is too complex to check.")
    except (PyPdfError, ValueError, KeyError, TypeError, RecursionError, OSError):
        return _("This PDF could not be read.")
    finally:
        upload.seek(0)
    return None


def image_problem(upload: File) -> str | None:
    """Why this PNG or JPEG is refused (it does not decode, or carries a second
    file after its end), or None."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(upload) as image:
            image.load()
            kind = image.format
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        SyntaxError,
        Image.DecompressionBombError,
    ):
        return _("This image could not be read.")
    finally:
        upload.seek(0)
    data = upload.read()
    upload.seek(0)
    end = {"PNG": b"IEND\xaeB`\x82", "JPEG": b"\xff\xd9"}.get(kind)
    if end is None:
        return _("This image could not be read.")
    tail = data[data.rfind(end) + len(end) :] if end in data else data
    if tail.strip(b"\x00\r\n "):
        return _("This image carries data after its end and is not accepted.")
    return None


def private_path(prefix: str, filename: str) -> str:
    """A storage key that never reuses or reveals another file's name."""
    return f"{prefix}/{uuid.uuid4().hex}/{filename}"


def store_upload(
    row: Any,
    upload: File | None,
    prefix: str,
    *,
    then: Callable[[], Any] | None = None,
    save: Callable[[], Any] | None = None,
) -> None:
    """Check the upload (`check_upload`: Invalid on "file"), fill the stored-file
    fields of the row (`StoredFile`'s) from it, keep the bytes under a fresh
    private key and save the row with `save` (`row.save()` unless given, e.g. a
    `save_audited`), then run `then` (e.g. the audit record). If any of that fails
    the bytes are deleted again: no file without its row."""
    checked = check_upload(upload)
    row.filename = checked.filename
    row.content_type = checked.content_type
    row.size = checked.size
    row.sha256 = checked.sha256
    row.file.save(private_path(prefix, checked.filename), checked.file, save=False)
    try:
        (save or row.save)()
        if then is not None:
            then()
    except BaseException:
        row.file.storage.delete(row.file.name)
        raise
