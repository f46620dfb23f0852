"""A bank's security settings: whether its staff must sign in with two factors
(the rule itself is core's, shared with operators)."""

from __future__ import annotations

from core.models import User
from core.twofactor import two_factor_rule_set
from finance.models import Bank


def bank_security_update(*, bank: Bank, actor: User, require_staff_2fa: bool) -> Bank:
    """Only the bank's checkers (`Bank.can_set_two_factor`)."""
    return two_factor_rule_set(
        organisation=bank, actor=actor, required=require_staff_2fa
    )
