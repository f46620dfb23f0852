"""Who runs attraction: the park operator's managers and staff."""

from __future__ import annotations

from typing import Any

from parks.actions.unit_status import ensure_park_role
from parks.models import OperatorRole, Park

OFFICERS = (OperatorRole.MANAGER, OperatorRole.STAFF)


def ensure_officer(actor: Any, park: Park) -> str:
    """Managers and staff of the park's operator run attraction; others 404/403."""
    return ensure_park_role(actor, park, roles=OFFICERS)
