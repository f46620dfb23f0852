"""Optional filters of a list: the query parameters a caller left empty do not
narrow it."""

from __future__ import annotations

from typing import Any

from django.db import models


def given[Q: models.QuerySet](rows: Q, **lookups: Any) -> Q:
    """`rows` narrowed by each lookup whose value was given (an id, a
    non-empty text): `given(rows, park_id=park_id, status=status)`."""
    return rows.filter(**{k: v for k, v in lookups.items() if v})
