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
