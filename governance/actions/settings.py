"""The operator's governance settings of a park."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from core.errors import Invalid
from core.models import User
from core.records import save_audited
from governance.actions.commitments import OPERATOR_ROLES, _ensure_operator
from governance.models import ParkGovernance
from parks.models import OperatorRole, Park

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
    _ensure_operator(actor, park, (OperatorRole.MANAGER,))
    unknown = set(changes) - set(SETTINGS_FIELDS)
    if unknown:
        raise Invalid.field(sorted(unknown)[0], _("This setting does not exist."))
    row, _created = ParkGovernance.objects.select_for_update().get_or_create(park=park)
    officer = changes.get("service_officer")
    if officer is not None and park.staff_role(officer) not in OPERATOR_ROLES:
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
