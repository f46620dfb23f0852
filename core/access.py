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
    # For pages: the organisation's and the role's names in the page's language
    # (the API keeps the stable `org_name` and `role` code).
    org_label: str = ""
    role_label: str = ""


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

Scope = Callable[[Any, type[models.Model]], models.Q]


def through(org_path: str, user_path: str = "staff__user") -> Scope:
    """A scope for rows reached through an organisation: the row's `org_path`
    is one of the organisations the user belongs to (through `user_path` on the
    organisation). A subquery of ids, so several memberships or roles never
    multiply the rows and no DISTINCT is needed."""

    def scope(user: Any, model: type[models.Model]) -> models.Q:
        org = _related_model(model, org_path)
        ids = org._default_manager.filter(**{user_path: user}).values("pk")
        return models.Q(**{f"{org_path}__in": ids})

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
        filters = [self.scopes[party](user, self.model) for party in parties]
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
