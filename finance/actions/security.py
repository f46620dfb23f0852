"""A bank's security settings: whether its staff must sign in with two factors."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from core.errors import NotAllowed, NotFound
from core.models import User
from core.twofactor import two_factor_rule_set
from finance.models import Bank


@transaction.atomic
def bank_security_update(*, bank: Bank, actor: User, require_staff_2fa: bool) -> Bank:
    bank = Bank.objects.select_for_update().get(pk=bank.pk)
    if not bank.staff.filter(user=actor).exists():
        raise NotFound(_("Bank not found."))
    if not bank.can_set_two_factor(actor):
        raise NotAllowed(_("Only the bank's checkers may change this."))
    return two_factor_rule_set(
        organisation=bank,
        staff=User.objects.filter(bank_staff__bank=bank),
        actor=actor,
        required=require_staff_2fa,
    )
