"""Who may act on a finance request on a bank's side: the staff of a bank the
request went to (to anyone else it does not exist), in the role a step needs
(a maker offers, a checker approves: never the same person)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from core.errors import NotAllowed, NotFound
from core.models import User
from finance.models import Bank, BankRole, FinanceRequest, RequestRoute, bank_role_of


def acting_route(request: FinanceRequest, actor: User) -> RequestRoute:
    """The route of the actor's bank on this request; 404 if none (or a draft)."""
    route = (
        RequestRoute.objects.select_related("bank")
        .filter(request=request, bank__staff__user=actor)
        .exclude(request__status=FinanceRequest.Status.DRAFT)
        .order_by("id")
        .first()
    )
    if route is None:
        raise NotFound(_("Finance request not found."))
    route.request = request
    return route


def ensure_bank_role(actor: User, bank: Bank, role: str) -> None:
    if role not in bank_role_of(actor, bank):
        raise NotAllowed(
            _("Only a %(role)s of %(bank)s may do this.")
            % {"role": BankRole(role).label.lower(), "bank": bank}
        )
