"""An operator's security settings: whether its staff must sign in with two
factors (the rule itself is core's, shared with banks)."""

from __future__ import annotations

from core.models import User
from core.twofactor import two_factor_rule_set
from parks.models import Operator


def operator_security_update(
    *, operator: Operator, actor: User, require_staff_2fa: bool
) -> Operator:
    """Only the operator's managers (`Operator.can_set_two_factor`)."""
    return two_factor_rule_set(
        organisation=operator, actor=actor, required=require_staff_2fa
    )
