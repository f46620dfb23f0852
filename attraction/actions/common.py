"""Shared by the attraction actions: who runs attraction (the park
operator's managers and staff), and the one validate-save-audit step."""

from __future__ import annotations

from typing import Any

from django.db import models

from core.audit import audit_record
from parks.actions.unit_status import ensure_park_role
from parks.models import OperatorRole, Park

OFFICERS = (OperatorRole.MANAGER, OperatorRole.STAFF)


def ensure_officer(actor: Any, park: Park) -> str:
    """Managers and staff of the park's operator run attraction; others 404/403."""
    return ensure_park_role(actor, park, roles=OFFICERS)


def assign[M: models.Model](obj: M, names: tuple[str, ...], fields: dict) -> M:
    """Copy onto `obj` those of `names` the caller gave (the others keep their
    value: a partial update)."""
    for name in names:
        if name in fields:
            setattr(obj, name, fields[name])
    return obj


def store[M: models.Model](
    obj: M,
    *,
    actor: Any,
    action: str,
    on: models.Model | None = None,
    data: dict | None = None,
) -> M:
    """The model's own rules, then save and audit (on `on`, the record whose
    history shows the change; `obj` itself by default)."""
    obj.full_clean()
    obj.save()
    audit_record(actor=actor, obj=on or obj, action=action, data=data)
    return obj
