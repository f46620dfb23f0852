"""Optional filters of a list: the query parameters a caller left empty do not
narrow it."""

from __future__ import annotations

from typing import Any

from django.db import models


def given[Q: models.QuerySet](rows: Q, **lookups: Any) -> Q:
    """`rows` narrowed by each lookup whose value was given (not None, not
    empty text; 0 and False are values): `given(rows, park_id=3, status="")`
    filters on the park alone."""
    return rows.filter(**{k: v for k, v in lookups.items() if v not in ("", None)})
