"""An operator's security settings: whether its staff must sign in with two
factors."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from core.errors import NotAllowed, NotFound
from core.models import User
from core.twofactor import two_factor_rule_set
from parks.models import Operator


@transaction.atomic
def operator_security_update(
    *, operator: Operator, actor: User, require_staff_2fa: bool
) -> Operator:
    operator = Operator.objects.select_for_update().get(pk=operator.pk)
    if not operator.staff.filter(user=actor).exists():
        raise NotFound(_("Park operator not found."))
    if not operator.can_set_two_factor(actor):
        raise NotAllowed(_("Only the operator's managers may change this."))
    return two_factor_rule_set(
        organisation=operator,
        staff=User.objects.filter(operator_staff__operator=operator),
        actor=actor,
        required=require_staff_2fa,
    )
