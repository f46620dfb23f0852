"""Small real files for upload tests: a one-page PDF, a PNG and a JPEG that decode,
and the hostile variants the upload check refuses."""

from __future__ import annotations

import io

from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    TextStringObject,
)


def _pdf(extra=None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if extra:
        extra(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _image(kind: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, kind)
    return out.getvalue()


def _with_javascript(writer: PdfWriter) -> None:
    script = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('hello');"),
        }
    )
    names = DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("x"), script])}
    )
    writer._root_object[NameObject("/Names")] = DictionaryObject(
        {NameObject("/JavaScript"): writer._add_object(names)}
    )


def _with_attachment(writer: PdfWriter) -> None:
    writer.add_attachment("payload.exe", b"MZ\x90\x00")


def _with_open_action(writer: PdfWriter) -> None:
    action = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): DecodedStreamObject(),
        }
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)


PDF = _pdf()
PNG = _image("PNG")
JPEG = _image("JPEG")
PDF_WITH_JAVASCRIPT = _pdf(_with_javascript)
PDF_WITH_ATTACHMENT = _pdf(_with_attachment)
PDF_WITH_OPEN_ACTION = _pdf(_with_open_action)
# A picture with a second file glued after its end (an image/ZIP polyglot).
PNG_POLYGLOT = PNG + b"PK\x03\x04" + b"\x00" * 26 + b"payload"
JPEG_POLYGLOT = JPEG + b"<script>alert(1)</script>"
PNG_BROKEN = PNG[:40]
