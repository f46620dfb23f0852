"""The bank's security page: whether its staff must use two-factor sign-in."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.views import two_factor_settings_routes
from finance.actions.security import bank_security_update
from finance.models import Bank

bank_security_routes = two_factor_settings_routes(
    Bank,
    bank_security_update,
    portal="bank",
    who_decides=_("Only the bank's checkers can change this."),
)
