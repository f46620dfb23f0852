"""Who runs investment attraction: the park operator's managers and staff
(its officers); to others a park's pipeline, chain and policies are 404/403."""

from __future__ import annotations

from typing import Any

from parks.access import ensure_park_role
from parks.models import OFFICER_ROLES, Park


def ensure_officer(actor: Any, park: Park) -> str:
    """Managers and staff of the park's operator run attraction; others 404/403."""
    return ensure_park_role(actor, park, roles=OFFICER_ROLES)
