"""Serving evidence files, after the caller's right to the commitment was checked."""

from __future__ import annotations

from django.http import FileResponse

from core.errors import Invalid
from governance.models import Evidence


def evidence_file_response(evidence: Evidence) -> FileResponse:
    """The evidence's bytes; both sides of the commitment may read them."""
    if evidence.document_id:
        document = evidence.document
        handle, name, kind = (
            document.file.open("rb"),
            document.filename,
            document.content_type,
        )
    elif evidence.file:
        handle, name, kind = (
            evidence.file.open("rb"),
            evidence.filename,
            evidence.content_type,
        )
    else:
        raise Invalid(str(evidence.label), code="no_file")
    return FileResponse(handle, as_attachment=True, filename=name, content_type=kind)
