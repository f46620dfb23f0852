"""An operator's security setting: two-factor sign-in for its staff."""

from ninja import Router

from core.api import two_factor_setting_endpoints
from parks.actions.security import operator_security_update
from parks.models import Operator

router = Router(tags=["parks"])

two_factor_setting_endpoints(
    router,
    path="/operators/{operator_id}/security",
    organisations=lambda request: Operator.objects.filter(
        staff__user=request.user
    ).distinct(),
    update=lambda operator, actor, required: operator_security_update(
        operator=operator, actor=actor, require_staff_2fa=required
    ),
    who="its managers",
)
