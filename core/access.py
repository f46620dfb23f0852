"""Who holds which role: each app registers a role source in its AppConfig.ready.

Lower layers cannot import the apps that define operators, banks or providers,
so those apps tell the kernel how to list a user's roles instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.core.cache import cache
from django.db import connection, models
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils.translation import gettext as _

from core.bilingual import chinese_active
from core.errors import NotFound
from core.lookups import given


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


@dataclass(frozen=True)
class RoleSource:
    """Where one kind of role comes from: the user's rows of a staff table
    (`rows(user)`) and the paths of (org id, org name, org Chinese name, role
    code) on them; a path may be a constant (`Value`). With `role_label`, the
    roles carry the organisation's and the role's names for pages."""

    kind: str
    rows: Callable[[Any], models.QuerySet]
    fields: tuple[str | models.Expression, str | models.Expression, Any, Any]
    role_label: Callable[[str], str] | None = None


_role_sources: list[RoleSource] = []


def register_role_source(source: RoleSource) -> None:
    if source not in _role_sources:
        _role_sources.append(source)
        staff = source.rows(_ANY_USER).model
        for signal in (pre_save, post_save, post_delete):
            signal.connect(_staff_changed, sender=staff, weak=False)
        org = _org_field(source).related_model
        post_save.connect(_organisation_changed(source), sender=org, weak=False)


def _org_field(source: RoleSource) -> Any:
    staff = source.rows(_ANY_USER).model
    return staff._meta.get_field(str(source.fields[0]).removesuffix("_id"))


# Bumped whenever anyone joins or leaves an organisation: the organisations read
# with a user's roles (`_remember_organisations`) hold while it is unchanged.
_memberships_version = 0


def _staff_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A staff row is saved or deleted: this process's organisations read with
    roles no longer hold, and the sessions of the row's user (before and after
    the change) read their roles again."""
    global _memberships_version
    if kwargs["signal"] is pre_save:  # a row moved to another user: both
        if not instance._state.adding and instance.pk is not None:
            before = sender._default_manager.filter(pk=instance.pk)
            instance._users_before = set(before.values_list("user_id", flat=True))
        return
    _memberships_version += 1
    users = {instance.user_id, *getattr(instance, "_users_before", ())}
    _bump_roles_version(models.Q(pk__in=users - {None}))


def _organisation_changed(source: RoleSource) -> Any:
    """A saved organisation may have a new name: its staff's sessions read
    their roles (which carry it) again."""
    staff, path = source.rows(_ANY_USER).model, _org_field(source).attname

    def changed(instance: Any, created: bool, **kwargs: Any) -> None:
        if not created:
            users = staff._default_manager.filter(**{path: instance.pk})
            _bump_roles_version(models.Q(pk__in=users.values("user_id")))

    return changed


def _bump_roles_version(users: models.Q) -> None:
    from django.contrib.auth import get_user_model

    get_user_model()._default_manager.filter(users).update(
        roles_version=models.F("roles_version") + 1
    )


# A session's roles: [[roles_version, the sources' kinds], rows]. The kinds
# change with a release that adds a source: rows read before it are read again.
# Staff rows and organisations change through save() and delete() (which send
# the signals above), never through a queryset update: a session would keep the
# roles it read.
SESSION_ROLES_KEY = "roles"


def _role_rows(user: Any, keep: Any = None) -> list[tuple]:
    """The user's rows of every source (index, org id, name, Chinese name,
    role): kept in `keep` (the request's session, or `CachedRoles`) with the
    user's `roles_version`, read in one query when it has none of that version."""
    stamp = [getattr(user, "roles_version", None), [s.kind for s in _role_sources]]
    kept = keep.get(SESSION_ROLES_KEY) if keep is not None else None
    if kept and kept[0] == stamp:
        return [tuple(row) for row in kept[1]]
    sql, params = _roles_sql()
    with connection.cursor() as cursor:
        cursor.execute(
            sql, [user.pk if param == _ANY_USER else param for param in params]
        )
        rows = sorted(cursor.fetchall(), key=lambda row: (row[0], row[1]))
    if keep is not None:
        keep[SESSION_ROLES_KEY] = [stamp, [list(row) for row in rows]]
    return rows


def roles_for(user: Any, keep: Any = None) -> list[Role]:
    """The user's roles, in one query (a UNION over every app's staff table),
    or none when `keep` (the request's session, or `CachedRoles`) holds them at
    the user's current `roles_version`."""
    if not getattr(user, "is_authenticated", False):
        return []
    roles: list[Role] = []
    if user.is_staff:
        roles.append(Role("platform", None, "Enclave", "admin"))
    if not _role_sources:
        return roles
    chinese = chinese_active()
    for index, org_id, name, name_zh, role in _role_rows(user, keep):
        source = _role_sources[index]
        if source.role_label is None:
            roles.append(Role(source.kind, org_id, name, role))
        else:
            label = (chinese and name_zh) or name
            roles.append(
                Role(source.kind, org_id, name, role, label, source.role_label(role))
            )
    return roles


def remember_roles_at_login(request: Any, user: Any) -> None:
    """At sign-in (user_logged_in), the new session keeps the user's roles, so
    its pages need no query for them until they change."""
    if _role_sources and hasattr(request, "session"):
        # The row's version: the instance signed in may predate its roles.
        current = type(user)._default_manager.filter(pk=user.pk)
        user.roles_version = current.values_list("roles_version", flat=True).get()
        _role_rows(user, request.session)


# The user's roles are one UNION over the staff tables whatever the user: built
# and compiled once per process for a placeholder id (compiling it cost 1.8 ms of
# the 2.2 ms a signed-in page spent on its roles), then run with the user's id.
_ANY_USER = -7_331_913
_compiled: dict[tuple, tuple[str, tuple]] = {}


def _roles_sql() -> tuple[str, tuple]:
    key = (connection.vendor, *map(id, _role_sources))
    if key not in _compiled:
        parts = [
            source.rows(_ANY_USER)
            .order_by()
            .values_list(models.Value(index, models.IntegerField()), *source.fields)
            for index, source in enumerate(_role_sources)
        ]
        rows = parts[0].union(*parts[1:], all=True) if parts[1:] else parts[0]
        _compiled[key] = rows.order_by().query.sql_with_params()
    return _compiled[key]


def role_kinds(user: Any) -> set[str]:
    return {role.kind for role in roles_for(user)}


def may_use_portal(
    user: Any, kind: str, *, roles: Iterable[Role] | None = None
) -> bool:
    """Each portal is for the users holding its kind of role. A user with no
    role yet is a tenant-to-be, so the tenant portal is theirs too; a provider,
    bank or operator has a portal of its own and sees the tenant's only when it
    is also a member of a company. `roles`: the user's, when already looked up
    (`request_roles`)."""
    kinds = role_kinds(user) if roles is None else {role.kind for role in roles}
    if kind in kinds:
        return True
    return kind == "tenant" and not kinds - {"platform"}


def portal_required[F: Callable[..., Any]](kind: str) -> Callable[[F], F]:
    """A view of one portal: signed in, and holding its kind of role (404 else,
    as for any page that is not the user's)."""
    from django.contrib.auth.decorators import login_required

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not may_use_portal(request.user, kind, roles=request_roles(request)):
                raise NotFound(_("Not found."))
            return view(request, *args, **kwargs)

        return login_required(wrapped)  # type: ignore[return-value]

    return decorator


def request_roles(request: Any, *, keep: Any = None) -> list[Role]:
    """The signed-in user's roles, looked up once per request (the navigation
    and the page both need them), kept in `keep` (the request's session unless
    given: an API token's caller keeps them in the cache, `CachedRoles`)."""
    if not hasattr(request, "_roles"):
        user = getattr(request, "user", None)
        if keep is None:
            keep = getattr(request, "session", None)
        request._roles = roles_for(user, keep)
        if getattr(user, "is_authenticated", False):
            _remember_organisations(user, request._roles)
    return request._roles


class CachedRoles:
    """Where a caller with no session (an API token) keeps its roles: the
    cache, one entry per user, which holds while the stamp in it is the user's
    `roles_version` (read with the user on this request). A session-like view
    of that entry for `roles_for`."""

    def __init__(self, user: Any) -> None:
        # The sign-up time too: a user id used again (a restored backup) is
        # another user.
        self.name = f"roles:{user.pk}:{user.date_joined.timestamp()}"

    def get(self, key: str) -> Any:
        return cache.get(self.name) if key == SESSION_ROLES_KEY else None

    def __setitem__(self, key: str, value: Any) -> None:
        if key == SESSION_ROLES_KEY:
            cache.set(self.name, value, timeout=24 * 60 * 60)


def _remember_organisations(user: Any, roles: list[Role]) -> None:
    """The roles' rows say which organisations the user belongs to: the scoped
    lists read them from the user instead of asking again, until anyone joins or
    leaves an organisation."""
    kinds = {source.kind for source in _role_sources}
    user._org_ids = (
        _memberships_version,
        {kind: sorted({r.org_id for r in roles if r.kind == kind}) for kind in kinds},
        {kind: {r.org_id: r.role for r in roles if r.kind == kind} for kind in kinds},
    )


def _known(user: Any) -> tuple[dict, dict] | None:
    """The user's organisations (ids, and role at each) by kind as last read
    with their roles; None when they have not been, or when someone joined or
    left an organisation since."""
    version, ids, roles = getattr(user, "_org_ids", (None, {}, {}))
    return None if version != _memberships_version else (ids, roles)


def known_org_ids(user: Any, kind: str) -> list[int] | None:
    """The ids of the user's organisations of one kind as last read with their
    roles (None: not read, or stale)."""
    known = _known(user)
    return None if known is None else known[0].get(kind)


def organisation_role(user: Any, kind: str, org_id: int) -> str | None:
    """The user's role at one organisation of `kind` (None: not its staff),
    read with all their roles in one query that serves the request's every
    later check: a list may ask each row's guard at no cost."""
    if not getattr(user, "is_authenticated", False):
        return None
    if _known(user) is None:
        _remember_organisations(user, roles_for(user))
    return _known(user)[1].get(kind, {}).get(org_id)


def organisation_ids(user: Any, kind: str) -> list[int] | None:
    """The ids of the user's organisations of one kind ("operator", "bank"),
    known from the request's roles or read now with them in one query that
    serves every later scope too (None: the kind has no source of roles)."""
    if known_org_ids(user, kind) is None:
        _remember_organisations(user, roles_for(user))
    return known_org_ids(user, kind)


def sole_organisation_ids(user: Any, kind: str) -> list[int] | None:
    """The ids of the user's organisations of `kind` when they belong to no
    organisation of another kind, so every list they see is that side's
    alone; else None."""
    ids = organisation_ids(user, kind)
    others = (k for k in {s.kind for s in _role_sources} if k != kind)
    if not ids or any(known_org_ids(user, k) for k in others):
        return None
    return ids


_kinds: dict[tuple, str | None] = {}


def _kind_of(org: type[models.Model], user_path: str) -> str | None:
    """The role kind whose rows are the organisations `org` reached by
    `user_path` (Operator by "staff__user" is "operator"), None if no source's."""
    key = (org, user_path, *map(id, _role_sources))
    if key not in _kinds:
        _kinds[key] = _find_kind(org, user_path)
    return _kinds[key]


def _find_kind(org: type[models.Model], user_path: str) -> str | None:
    for source in _role_sources:
        org_field = _org_field(source)
        if (
            org_field.related_model is org
            and user_path == f"{org_field.related_query_name()}__user"
        ):
            return source.kind
    return None


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


class through:  # noqa: N801 (used like a function in the scopes tables)
    """A scope for rows reached through an organisation: the row's `org_path`
    is one of the organisations the user belongs to (through `user_path` on the
    organisation). A subquery of ids, so several memberships or roles never
    multiply the rows and no DISTINCT is needed."""

    def __init__(self, org_path: str, user_path: str = "staff__user") -> None:
        self.org_path = org_path
        self.user_path = user_path

    def _ids(self, user: Any, model: type[models.Model]) -> models.QuerySet:
        org = _related_model(model, self.org_path)
        return org._default_manager.filter(**{self.user_path: user})

    def __call__(self, user: Any, model: type[models.Model]) -> models.Q:
        return models.Q(**{f"{self.org_path}__in": self._ids(user, model).values("pk")})

    def resolved(self, user: Any, model: type[models.Model]) -> models.Q | None:
        """The same filter with the organisations' ids as literals, taken from
        the user's roles (read with the request's, or now in one query that
        serves every later scope too); None when the user belongs to none."""
        kind = _kind_of(_related_model(model, self.org_path), self.user_path)
        ids = organisation_ids(user, kind) if kind else None
        if ids is None:
            ids = list(self._ids(user, model).values_list("pk", flat=True))
        return models.Q(**{f"{self.org_path}__in": ids}) if ids else None


def _related_model(model: type[models.Model], path: str) -> type[models.Model]:
    for name in path.split("__"):
        model = model._meta.get_field(name).related_model
    return model


class ScopedQuerySet(models.QuerySet):
    """The one way rows are scoped to a user. A model's queryset declares its
    `scopes`, one per kind of party that may see its rows (e.g. "member" for a
    tenant's companies, "operator" for a park operator's staff), each a
    function(user, model) → Q (or None: the user is no such party).
    `visible_to(user)` is every party's rows, and
    `scoped(user, "operator")` one party's."""

    scopes: dict[str, Any] = {}

    def scoped(self, user: Any, *parties: str) -> models.QuerySet:
        if not getattr(user, "is_authenticated", False):
            return self.none()
        # Keep only the sides the user is on, with their organisations' ids as
        # literals (known from the user's roles: a side the user is not on
        # costs no query). Nearly everyone is on one side; one side's filter on
        # a known list of ids lets PostgreSQL walk the list's (party, sort)
        # index, where the OR of two subqueries (or one subquery it cannot
        # size) made it sort the whole portfolio.
        filters = []
        for party in parties or tuple(self.scopes):
            scope = self.scopes[party]
            f = (
                scope.resolved(user, self.model)
                if isinstance(scope, through)
                else scope(user, self.model)
            )
            if f is not None:
                filters.append(f)
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

    def where(self, **lookups: Any) -> models.QuerySet:
        """A list's optional filters (`core.lookups.given`), chained."""
        return given(self, **lookups)

    def of_member(self, user: Any) -> models.QuerySet:
        return self.scoped(user, "member")

    def of_operator(self, user: Any) -> models.QuerySet:
        return self.scoped(user, "operator")
