"""The bank's security page: whether its staff must use two-factor sign-in."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import get_scoped, portal_required
from core.views import two_factor_settings_change, two_factor_settings_page
from finance.actions.security import bank_security_update
from finance.models import Bank


def _mine(request: HttpRequest):
    return Bank.objects.filter(staff__user=request.user).distinct()


@portal_required("bank")
def bank_security(request: HttpRequest) -> HttpResponse:
    return two_factor_settings_page(
        request,
        _mine(request),
        update_url="finance:bank_security_update",
        who_decides=_("Only the bank's checkers can change this."),
    )


@portal_required("bank")
@require_POST
def bank_security_change(request: HttpRequest, bank_id: int) -> HttpResponse:
    bank = get_scoped(_mine(request), pk=bank_id)
    return two_factor_settings_change(
        request,
        lambda required: bank_security_update(
            bank=bank, actor=request.user, require_staff_2fa=required
        ),
        then=reverse("finance:bank_security"),
    )
