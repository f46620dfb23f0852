"""Shared by the governance API's parts: documented error answers and the
commitments the caller may see."""

from typing import Annotated

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Schema

from core.access import get_scoped
from core.errors import Invalid
from core.schemas import ErrorOut, ObjectId
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


def visible_commitment(request: HttpRequest, commitment_id: ObjectId) -> Commitment:
    return get_scoped(visible_commitments(request), pk=commitment_id)


# The years a report may be asked for (documented on each `year` parameter).
FIRST_YEAR, LAST_YEAR = 2000, 2100
Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]


def report_year(year: int | None) -> int:
    if year is None:
        return timezone.localdate().year
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Invalid.field(
            "year",
            _("Enter a year between %(first)d and %(last)d.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR},
        )
    return year


def num(value) -> str | None:
    return None if value is None else str(value)
