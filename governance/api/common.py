"""Shared by the governance API's parts: documented error answers and the
commitments the caller may see."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Schema

from core.access import get_scoped
from core.errors import Invalid
from core.schemas import ErrorOut
from governance.models import Commitment


def errors(*codes: int) -> dict[int, type[Schema]]:
    return dict.fromkeys(codes, ErrorOut)


READ = errors(401, 404)
WRITE = errors(401, 403, 404, 409, 422)


def visible_commitments(request: HttpRequest):
    return (
        Commitment.objects.visible_to(request.user)
        .select_related("company", "park")
        .prefetch_related("evidence")
    )


def visible_commitment(request: HttpRequest, commitment_id: int) -> Commitment:
    return get_scoped(visible_commitments(request), pk=commitment_id)


def report_year(year: int | None) -> int:
    if year is None:
        return timezone.localdate().year
    if not 2000 <= year <= 2100:
        raise Invalid.field("year", _("Enter a year between 2000 and 2100."))
    return year


def num(value) -> str | None:
    return None if value is None else str(value)
