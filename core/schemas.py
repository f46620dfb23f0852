"""Shared API schema pieces: money as a two-decimal string, capped pagination."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from ninja import Field, Schema
from ninja.conf import settings as ninja_settings
from ninja.pagination import LimitOffsetPagination
from pydantic import PlainSerializer

from core.money import money

Money = Annotated[
    Decimal, PlainSerializer(lambda v: f"{money(v):.2f}", return_type=str)
]


class CappedPagination(LimitOffsetPagination):
    """`?limit=&offset=` → `{items, count}`; a limit above the cap is cut to it."""

    class Input(Schema):
        limit: int = Field(ninja_settings.PAGINATION_PER_PAGE, ge=1)
        offset: int = Field(0, ge=0)
