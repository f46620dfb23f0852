"""The last step of most actions that write one row: the model's own rules,
the save, and the audit event, always together and in this order."""

from __future__ import annotations

from typing import Any

from django.db import models

from core.audit import audit_record


def save_audited[M: models.Model](
    obj: M,
    *,
    actor: Any,
    action: str,
    on: models.Model | None = None,
    note: str = "",
    data: dict | None = None,
) -> M:
    """`obj.full_clean()`, save, then audit `action` on `on` (the record whose
    history shows the change; `obj` itself by default)."""
    obj.full_clean()
    obj.save()
    audit_record(actor=actor, obj=on or obj, action=action, note=note, data=data)
    return obj
