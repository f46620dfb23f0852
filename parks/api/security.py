"""An operator's security setting: two-factor sign-in for its staff."""

from ninja import Router

from core.api import two_factor_setting_endpoints
from parks.actions.security import operator_security_update
from parks.models import Operator

router = Router(tags=["parks"])

two_factor_setting_endpoints(
    router,
    Operator,
    operator_security_update,
    path="/operators/{operator_id}/security",
    who="its managers",
)
