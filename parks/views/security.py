"""The operator's security page: whether its staff must use two-factor sign-in."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import get_scoped, portal_required
from core.views import two_factor_settings_change, two_factor_settings_page
from parks.actions.security import operator_security_update
from parks.models import Operator


def _mine(request: HttpRequest):
    return Operator.objects.filter(staff__user=request.user).distinct()


@portal_required("operator")
def operator_security(request: HttpRequest) -> HttpResponse:
    return two_factor_settings_page(
        request,
        _mine(request),
        update_url="parks:operator_security_update",
        who_decides=_("Only the operator's park managers can change this."),
    )


@portal_required("operator")
@require_POST
def operator_security_change(request: HttpRequest, operator_id: int) -> HttpResponse:
    operator = get_scoped(_mine(request), pk=operator_id)
    return two_factor_settings_change(
        request,
        lambda required: operator_security_update(
            operator=operator, actor=request.user, require_staff_2fa=required
        ),
        then=reverse("parks:operator_security"),
    )
