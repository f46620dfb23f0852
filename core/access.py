"""Who holds which role: each app registers a role source in its AppConfig.ready.

Lower layers cannot import the apps that define operators, banks or providers,
so those apps tell the kernel how to list a user's roles instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from core.errors import NotFound


@dataclass(frozen=True)
class Role:
    kind: str  # tenant | operator | bank | provider | platform
    org_id: int | None
    org_name: str
    role: str


RoleSource = Callable[[Any], Iterable[Role]]
_role_sources: list[RoleSource] = []


def register_role_source(source: RoleSource) -> None:
    if source not in _role_sources:
        _role_sources.append(source)


def roles_for(user: Any) -> list[Role]:
    if not getattr(user, "is_authenticated", False):
        return []
    roles: list[Role] = []
    if user.is_staff:
        roles.append(Role("platform", None, "Enclave", "admin"))
    for source in _role_sources:
        roles.extend(source(user))
    return roles


def role_kinds(user: Any) -> set[str]:
    return {role.kind for role in roles_for(user)}


def request_roles(request: Any) -> list[Role]:
    """The signed-in user's roles, looked up once per request (the navigation
    and the page both need them)."""
    if not hasattr(request, "_roles"):
        request._roles = roles_for(getattr(request, "user", None))
    return request._roles


def get_scoped[M: models.Model](queryset: models.QuerySet[M], **lookup: Any) -> M:
    """One row from a user-scoped queryset; absent and not-yours answer alike."""
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise NotFound(
            _("%(object)s not found.")
            % {"object": queryset.model._meta.verbose_name.capitalize()}
        ) from None


# --- row scoping ---------------------------------------------------------------

# A scope answers None when the user is no such party at all.
Scope = Callable[[Any, type[models.Model]], models.Q | None]


def through(
    org_path: str, user_path: str = "staff__user", *, where: models.Q | None = None
) -> Scope:
    """A scope for rows reached through an organisation: the row's `org_path`
    is one of the organisations the user belongs to (through `user_path` on the
    organisation). The organisations' ids are read first (one small query): a
    user who belongs to none drops out of `scoped()` (no OR), and a list of ids
    lets PostgreSQL walk a list's (org, sort) index. Ids, so several memberships
    never multiply the rows and no DISTINCT is needed. `where` narrows the
    party's rows further (e.g. no drafts)."""

    def scope(user: Any, model: type[models.Model]) -> models.Q | None:
        org = _related_model(model, org_path)
        ids = list(
            org._default_manager.filter(**{user_path: user}).values_list(
                "pk", flat=True
            )
        )
        if not ids:
            return None
        q = models.Q(**{f"{org_path}__in": ids})
        return q & where if where is not None else q

    return scope


def _related_model(model: type[models.Model], path: str) -> type[models.Model]:
    for name in path.split("__"):
        model = model._meta.get_field(name).related_model
    return model


class ScopedQuerySet(models.QuerySet):
    """The one way rows are scoped to a user. A model's queryset declares its
    `scopes`, one per kind of party that may see its rows (e.g. "member" for a
    tenant's companies, "operator" for a park operator's staff), each a
    function(user, model) → Q. `visible_to(user)` is every party's rows, and
    `scoped(user, "operator")` one party's."""

    scopes: dict[str, Any] = {}

    def scoped(self, user: Any, *parties: str) -> models.QuerySet:
        if not getattr(user, "is_authenticated", False):
            return self.none()
        parties = parties or tuple(self.scopes)
        # Only the sides the user is on: an operator's lists filter on the
        # operator alone, with no OR that would keep the index out of reach.
        filters = [
            f
            for party in parties
            if (f := self.scopes[party](user, self.model)) is not None
        ]
        if not filters:
            return self.none()
        if len(filters) == 1:
            return self.filter(filters[0])
        # Several parties: a union of ids keeps each branch on its own index.
        base = self.model._default_manager
        q = models.Q()
        for f in filters:
            q |= models.Q(pk__in=base.filter(f).values("pk"))
        return self.filter(q)

    def visible_to(self, user: Any) -> models.QuerySet:
        return self.scoped(user)

    def of_member(self, user: Any) -> models.QuerySet:
        return self.scoped(user, "member")

    def of_operator(self, user: Any) -> models.QuerySet:
        return self.scoped(user, "operator")
