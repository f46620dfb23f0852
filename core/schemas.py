"""Shared API schema pieces: money as a two-decimal string, capped pagination."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any

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


class MappedPage:
    """A queryset for `@paginate` whose rows become their output one page at a
    time: the paginator slices (LIMIT/OFFSET) and counts in SQL, then `convert`
    turns the page's rows into output in bulk (a constant number of queries)."""

    def __init__(self, queryset: Any, convert: Callable[[list], list]) -> None:
        self.queryset = queryset
        self.convert = convert

    def all(self) -> MappedPage:
        return self

    def count(self) -> int:
        return self.queryset.count()

    def __getitem__(self, page: slice) -> list:
        return self.convert(list(self.queryset[page]))
