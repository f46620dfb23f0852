"""Shared by the attraction actions: who runs attraction (the park
operator's managers and staff), and the partial update of a row's fields."""

from __future__ import annotations

from typing import Any

from django.db import models

from parks.access import ensure_park_role
from parks.models import OFFICER_ROLES, Park


def ensure_officer(actor: Any, park: Park) -> str:
    """Managers and staff of the park's operator run attraction; others 404/403."""
    return ensure_park_role(actor, park, roles=OFFICER_ROLES)


def assign[M: models.Model](obj: M, names: tuple[str, ...], fields: dict) -> M:
    """Copy onto `obj` those of `names` the caller gave (the others keep their
    value: a partial update)."""
    for name in names:
        if name in fields:
            setattr(obj, name, fields[name])
    return obj
