"""The operator's governance settings of a park."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from core.errors import Invalid
from core.models import User
from core.records import save_audited
from governance.models import ParkGovernance
from parks.access import ensure_park_role
from parks.models import MANAGER_ROLES, OFFICER_ROLES, Park

SETTINGS_FIELDS = (
    "service_officer",
    "concern_sla_days",
    "shortfall_percent",
    "report_deadline_days",
    "reminder_days",
)


@transaction.atomic
def governance_settings_update(
    *, park: Park, actor: User, **changes: Any
) -> ParkGovernance:
    """A park manager sets the service officer, the concern SLA, the shortfall
    alert threshold and the report deadline."""
    ensure_park_role(actor, park, MANAGER_ROLES, missing=_("Park not found."))
    unknown = set(changes) - set(SETTINGS_FIELDS)
    if unknown:
        raise Invalid.field(sorted(unknown)[0], _("This setting does not exist."))
    row, _created = ParkGovernance.objects.select_for_update().get_or_create(park=park)
    officer = changes.get("service_officer")
    if officer is not None and not park.has_role(officer, OFFICER_ROLES):
        raise Invalid.field(
            "service_officer", _("Choose a manager or staff member of the operator.")
        )
    for name, value in changes.items():
        setattr(row, name, value)
    return save_audited(
        row,
        actor=actor,
        action="governance_settings_updated",
        data={k: str(v) for k, v in changes.items()},
    )
