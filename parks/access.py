"""Who acts at a park's operator: the one check every app's actions make.

A park's operator has managers, staff and finance staff. What each may do is
named by a role tuple on the models (`MANAGER_ROLES`, `OFFICER_ROLES`); the
models' guards ask `Park.has_role` and the actions call `ensure_park_role`,
whose refusal is the reason a page gives when it turns a role away.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from core.errors import NotAllowed, NotFound
from core.views import refuse_form
from parks.models import MANAGER_ROLES, Park


def role_refusal(roles: Iterable[str]) -> str:
    """Why the park's operator refuses a role outside `roles`."""
    if tuple(roles) == MANAGER_ROLES:
        return _("Only the park's managers may do this.")
    return _("Your role at the park operator may not do this.")


def ensure_park_role(
    actor: Any,
    park: Park,
    roles: Iterable[str] = MANAGER_ROLES,
    *,
    missing: str | None = None,
) -> str:
    """The actor's role at the park's operator: NotFound (`missing`, the object
    the caller looked up) when they are not its staff, so the park's rows stay
    unseen, NotAllowed when their role is not one of `roles`."""
    role = park.staff_role(actor)
    if role is None:
        raise NotFound(missing or _("Not found."))
    if role not in roles:
        raise NotAllowed(role_refusal(roles))
    return role


def refuse_park_form(
    request: HttpRequest, park: Park, roles: tuple[str, ...], then: str
) -> HttpResponse | None:
    """A park's step form opened by a role outside `roles`, whose action would
    refuse it: the action's reason and back to `then` (`refuse_form`)."""
    may = park.has_role(request.user, roles)
    return refuse_form(request, may, role_refusal(roles), then)
