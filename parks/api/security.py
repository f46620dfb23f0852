"""An operator's security setting: two-factor sign-in for its staff."""

from django.http import HttpRequest
from ninja import Router

from core.access import get_scoped
from core.schemas import ObjectId, TwoFactorSettingIn, TwoFactorSettingOut
from core.twofactor import two_factor_setting
from parks.actions.security import operator_security_update
from parks.models import Operator

router = Router(tags=["parks"])


def _operator(request: HttpRequest, operator_id: int) -> Operator:
    mine = Operator.objects.filter(staff__user=request.user).distinct()
    return get_scoped(mine, pk=operator_id)


@router.get("/operators/{operator_id}/security", response=TwoFactorSettingOut)
def operator_security(request: HttpRequest, operator_id: ObjectId):
    """Whether the operator requires two-factor sign-in of its staff (its staff)."""
    return two_factor_setting(_operator(request, operator_id), request.user)


@router.patch("/operators/{operator_id}/security", response=TwoFactorSettingOut)
def operator_security_change(
    request: HttpRequest, operator_id: ObjectId, payload: TwoFactorSettingIn
):
    """Require two-factor sign-in of the operator's staff, or stop (its managers);
    staff without an authenticator are sent to enrol at their next request."""
    operator = operator_security_update(
        operator=_operator(request, operator_id),
        actor=request.user,
        require_staff_2fa=payload.require_staff_2fa,
    )
    return two_factor_setting(operator, request.user)
