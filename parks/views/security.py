"""The operator's security page: whether its staff must use two-factor sign-in."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.views import two_factor_settings_routes
from parks.actions.security import operator_security_update
from parks.models import Operator

operator_security_routes = two_factor_settings_routes(
    Operator,
    operator_security_update,
    portal="operator",
    who_decides=_("Only the operator's park managers can change this."),
)
