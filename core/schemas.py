"""Shared API schema pieces: money as a two-decimal string, capped pagination,
the note typed beside an action."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any

from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from ninja import Field, Schema
from ninja.conf import settings as ninja_settings
from ninja.pagination import LimitOffsetPagination
from pydantic import PlainSerializer, create_model
from pydantic.fields import FieldInfo

from core.limits import schema_field
from core.models import AuditEvent
from core.money import money

Money = Annotated[
    Decimal, PlainSerializer(lambda v: f"{money(v):.2f}", return_type=str)
]


# Object ids are the primary keys' values: positive and within the key's column
# (Django's own range for it), so an id the column cannot hold is a 422, not a 500.
ObjectId = Annotated[
    int,
    Field(
        ge=1,
        le=BaseDatabaseOperations.integer_field_ranges[
            models.BigAutoField().get_internal_type()
        ][1],
    ),
]


# Both bounds keep the numbers inside PostgreSQL's bigint: a larger offset was a
# 500 (a DataError from the database) on every list.
MAX_OFFSET = 1_000_000
MAX_LIMIT_ASKED = 1_000_000


class CappedPagination(LimitOffsetPagination):
    """`?limit=&offset=` → `{items, count}`; a limit above the cap is cut to it."""

    class Input(Schema):
        limit: int = Field(ninja_settings.PAGINATION_PER_PAGE, ge=1, le=MAX_LIMIT_ASKED)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)


def patch_schema(
    schema: type[Schema], name: str, *, exclude: frozenset[str] = frozenset()
) -> type[Schema]:
    """`schema` as a PATCH body: every field (but those excluded) optional and
    absent by default, with the same limits, so the two cannot drift apart."""
    fields = {
        field: (info.annotation | None, FieldInfo.merge_field_infos(info, default=None))
        for field, info in schema.model_fields.items()
        if field not in exclude
    }
    return create_model(name, __base__=Schema, __module__=schema.__module__, **fields)


class NoteIn(Schema):
    """A note typed beside an action that only the audit trail keeps (withdraw,
    complete, activate...): its length is the audit event's note's."""

    note: str = schema_field(AuditEvent, "note", "")


class ErrorOut(Schema):
    """Every 4xx body: a message, a machine code, and per-field messages."""

    detail: str
    code: str
    fields: dict[str, list[str]] | None = None


class MappedPage:
    """A queryset for `@paginate` whose rows become their output one page at a
    time: the paginator slices (LIMIT/OFFSET) and counts in SQL, then `convert`
    turns the page's rows into output in bulk (a constant number of queries)."""

    def __init__(
        self,
        queryset: Any,
        convert: Callable[[list], list] = list,
        counted: int | None = None,
    ) -> None:
        self.queryset = queryset
        self.convert = convert
        self.counted = counted  # the count when known without counting rows

    def all(self) -> MappedPage:
        return self

    def count(self) -> int:
        return self.queryset.count() if self.counted is None else self.counted

    def __getitem__(self, page: slice) -> list:
        return self.convert(list(self.queryset[page]))


class TwoFactorSettingIn(Schema):
    """An organisation's security setting (operators and banks alike)."""

    require_staff_2fa: bool


class TwoFactorSettingOut(Schema):
    id: int
    name: str
    require_staff_2fa: bool
    can_change: bool = Field(description="Whether the caller's role may change it")
    has_authenticator: bool = Field(
        description="Whether the caller uses two-factor sign-in (needed to require it)"
    )
