"""A page that htmx refreshes in part: the whole page on a plain request, only
its `{% partialdef %}` on an htmx one (filters, a board, a calculator)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def render_page(
    request: HttpRequest, template: str, partial: str, context: dict[str, Any]
) -> HttpResponse:
    """`template` whole, or its partial `partial` when htmx asked."""
    if getattr(request, "htmx", False):
        return render(request, f"{template}#{partial}", context)
    return render(request, template, context)
