"""PDF rendering with WeasyPrint; Chinese text uses an installed CJK font, embedded."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string


def render_pdf(template_name: str, context: dict[str, Any], *, request=None) -> bytes:
    from weasyprint import HTML  # imported lazily: it loads Pango at import time

    html = render_to_string(template_name, context, request=request)
    return HTML(string=html, base_url=None).write_pdf()
