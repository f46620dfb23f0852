"""Files a party downloads (contracts, invoices, exports, workbooks): one party's
data, so never cached by a browser or a proxy, and named for what they are."""

from __future__ import annotations

from django.http import HttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": XLSX,
    "csv": "text/csv; charset=utf-8",
}


def file_response(
    content: bytes | str, filename: str, *, inline: bool = False
) -> HttpResponse:
    """`content` as `filename`, its type from the extension: downloaded, or shown
    in the browser when `inline` (PDFs)."""
    kind = filename.rsplit(".", 1)[-1].lower()
    response = HttpResponse(content, content_type=CONTENT_TYPES[kind])
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
