"""The operator's security page: whether its staff must use two-factor sign-in."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.views import two_factor_settings_views
from parks.actions.security import operator_security_update
from parks.models import Operator

operator_security, operator_security_change = two_factor_settings_views(
    Operator,
    operator_security_update,
    portal="operator",
    url="parks:operator_security",
    who_decides=_("Only the operator's park managers can change this."),
)
