"""Shared by the attraction actions: the partial update of a row's fields (who
runs attraction is `attraction.access`)."""

from __future__ import annotations

from django.db import models


def assign[M: models.Model](obj: M, names: tuple[str, ...], fields: dict) -> M:
    """Copy onto `obj` those of `names` the caller gave (the others keep their
    value: a partial update)."""
    for name in names:
        if name in fields:
            setattr(obj, name, fields[name])
    return obj
