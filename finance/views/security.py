"""The bank's security page: whether its staff must use two-factor sign-in."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.views import two_factor_settings_views
from finance.actions.security import bank_security_update
from finance.models import Bank

bank_security, bank_security_change = two_factor_settings_views(
    portal="bank",
    organisations=lambda request: Bank.objects.filter(
        staff__user=request.user
    ).distinct(),
    update=lambda bank, actor, required: bank_security_update(
        bank=bank, actor=actor, require_staff_2fa=required
    ),
    page_url="finance:bank_security",
    update_url="finance:bank_security_update",
    who_decides=_("Only the bank's checkers can change this."),
)
