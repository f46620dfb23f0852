"""Writing rows with PostgreSQL's COPY: every concrete column of a model, its
defaults filled in; join tables; sequences reset after."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models


class _Copier:
    """COPY rows of one model: every concrete column, model defaults filled in."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        now = datetime.now(tz=UTC)
        self.fields = list(model._meta.concrete_fields)
        self.defaults: dict[str, Any] = {}
        for f in self.fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                self.defaults[f.attname] = now
                continue
            value = f.get_default()  # "" for strings without a default
            if value is not None or f.null:
                self.defaults[f.attname] = now if isinstance(value, datetime) else value
        self.json = {f.attname for f in self.fields if isinstance(f, models.JSONField)}

    def write(self, rows: Iterable[dict[str, Any]]) -> int:
        table = connection.ops.quote_name(self.model._meta.db_table)
        cols = [f.attname for f in self.fields]
        names = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        count = 0
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                values = []
                for col in cols:
                    value = row[col] if col in row else self.defaults[col]
                    if col in self.json:
                        value = json.dumps(value, ensure_ascii=False)
                    values.append(value)
                copy.write_row(values)
                count += 1
        return count


def copy_rows(model: type[models.Model], rows: Iterable[dict[str, Any]]) -> int:
    return _Copier(model).write(rows)


def copy_m2m(table: str, columns: tuple[str, str], pairs: Iterable[tuple]) -> None:
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(
            f"COPY {table} ({columns[0]}, {columns[1]}) FROM STDIN"
        ) as copy,
    ):
        for pair in pairs:
            copy.write_row(pair)


def reset_sequences() -> None:
    from django.apps import apps

    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
