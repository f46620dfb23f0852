"""Auth, identity and reference endpoints."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from core import actions
from core.access import get_scoped, roles_for
from core.errors import DomainError
from core.industries import QUERY_MAX_LENGTH, search_industries
from core.limits import schema_field
from core.models import Notification, User
from core.notifications import notification_read
from core.schemas import (
    CappedPagination,
    NoteIn,
    ObjectId,
    TwoFactorSettingIn,
    TwoFactorSettingOut,
)
from core.throttle import client_ip, login_failed, signup_check_allowed
from core.twofactor import (
    has_authenticator,
    match_code,
    required_by_organisation,
    staff_organisations,
    staff_rule_update,
    two_factor_setting,
)

router = Router(tags=["auth"])


class Unauthenticated(DomainError):
    status = 401
    code = "bad_credentials"


class SignupIn(Schema):
    email: str = schema_field(User, "email")
    password: str = Field(max_length=128)
    full_name: str = schema_field(User, "full_name")


class SignupOut(Schema):
    email: str
    detail: str


class TokenIn(Schema):
    email: str = Field(max_length=254)
    password: str = Field(max_length=128)
    name: str = Field("", max_length=100)
    otp: str = Field(
        "", max_length=8, description="The 6-digit code, for users with two-factor"
    )


class TokenOut(Schema):
    token: str


class RoleOut(Schema):
    kind: str
    org_id: ObjectId | None
    org_name: str
    role: str


class MeOut(Schema):
    id: int
    email: str
    full_name: str
    roles: list[RoleOut]


class IndustryOut(Schema):
    code: str
    name: str
    name_zh: str
    section: str


@router.post("/auth/signup", auth=None, response={202: SignupOut})
def signup(request: HttpRequest, payload: SignupIn):
    """202 whether the email was new or already had an account (which is then
    emailed): the answer does not reveal which addresses are registered."""
    signup_check_allowed(ip=client_ip(request))
    actions.user_signup(
        email=payload.email, password=payload.password, full_name=payload.full_name
    )
    return Status(
        202,
        {"email": payload.email.strip().lower(), "detail": str(actions.SIGNUP_ANSWER)},
    )


@router.post("/auth/token", auth=None, response=TokenOut)
def token_create(request: HttpRequest, payload: TokenIn):
    try:
        user = actions.user_authenticate(
            request=request,
            email=payload.email,
            password=payload.password,
            ip=client_ip(request),
        )
    except actions.BadCredentials:
        raise Unauthenticated(_("Email or password is incorrect.")) from None
    if (has_authenticator(user) or required_by_organisation(user)) and match_code(
        user, payload.otp
    ) is None:
        # A wrong code counts like a wrong password (same throttle).
        login_failed(email=payload.email, ip=client_ip(request))
        raise Unauthenticated(
            _("Enter the current code from your authenticator app in `otp`."),
            code="otp_required",
        )
    _token, raw = actions.token_issue(user=user, name=payload.name or "api")
    return {"token": raw}


@router.delete("/auth/token", response={204: None})
def token_delete(request: HttpRequest):
    token = getattr(request, "api_token", None)
    if token is None:
        raise Unauthenticated(_("Send the token to revoke as a Bearer token."))
    actions.token_revoke(token=token, actor=request.user)
    return Status(204, None)


@router.get("/me", response=MeOut, tags=["identity"])
def me(request: HttpRequest):
    user = request.user
    return {
        "id": user.pk,
        "email": user.email,
        "full_name": user.full_name,
        "roles": [role.__dict__ for role in roles_for(user)],
    }


@router.get("/industries", auth=None, response=list[IndustryOut], tags=["reference"])
def industries(
    request: HttpRequest,
    q: Annotated[str, Query(..., max_length=QUERY_MAX_LENGTH)] = "",
):
    return [
        {"code": i.code, "name": i.name, "name_zh": i.name_zh, "section": i.section}
        for i in search_industries(q)
    ]


class NotificationOut(Schema):
    id: int
    kind: str
    text: str
    url: str
    created_at: datetime
    read: bool


@router.get("/notifications", response=list[NotificationOut], tags=["notifications"])
@paginate(CappedPagination)
def notification_list(request: HttpRequest, unread: bool = False):
    rows = Notification.objects.visible_to(request.user)
    return rows.unread() if unread else rows


@router.post(
    "/notifications/{notification_id}/read",
    response=NotificationOut,
    tags=["notifications"],
)
def notification_mark_read(request: HttpRequest, notification_id: ObjectId):
    notification = get_scoped(
        Notification.objects.visible_to(request.user), pk=notification_id
    )
    return notification_read(notification=notification, actor=request.user)


# --- one step of an object's life, the API's button -------------------------------


def step_endpoint(
    router: Router,
    path: str,
    action: Callable[..., Any],
    find: Callable[[HttpRequest, int], Any] | None = None,
    *,
    rows: Callable[[Any], Any] | None = None,
    response: Any,
    target: str = "",
    out: Callable[[Any, HttpRequest], Any] | None = None,
    name: str = "",
    **options: Any,
) -> None:
    """POST `path` (`/sales/{sale_id}/complete`): take one object one step, with
    an optional note the audit trail keeps (`NoteIn`), as a page's button does
    through `core.views.run_step`. `find(request, id)` is the object as the
    caller may act on it (404 otherwise, another party's object included), or
    the row of that id among `rows(user)` (`Sale.objects.of_operator`);
    `action(<target>=object, actor=request.user, note=…)` runs the step, where
    `target` is the path's id without `_id` unless given; the body is
    `out(result, request)`, or the result. The endpoint is named `name` (the
    action's by default) as if written where this is called, so its OpenAPI
    operationId is the one a hand-written endpoint there would have; `options`
    go to `router.post` (summary, description)."""
    id_name = path.split("{", 1)[1].split("}", 1)[0]
    key = target or id_name.removesuffix("_id")
    if find is None:

        def find(request: HttpRequest, pk: int) -> Any:
            return get_scoped(rows(request.user), pk=pk)

    def endpoint(request: HttpRequest, object_id, payload: NoteIn | None = None):
        obj = find(request, object_id)
        note = payload.note if payload else ""
        result = action(**{key: obj}, actor=request.user, note=note)
        return out(result, request) if out else result

    endpoint.__annotations__["object_id"] = Annotated[
        ObjectId, Path(..., alias=id_name)
    ]
    endpoint.__name__ = name or action.__name__
    endpoint.__module__ = sys._getframe(1).f_globals["__name__"]
    router.post(path, response=response, **options)(endpoint)


# --- an organisation's security setting (operators and banks share it) -----------


def two_factor_setting_endpoints(
    router: Router,
    model: Any,
    update: Callable[..., Any],
    *,
    path: str,
    who: str,
) -> None:
    """GET and PATCH `path` (".../{organisation_id}/security") on `router`: whether
    the organisation (a `model` row) requires two-factor sign-in of its staff. Its
    staff read it; `who` may change it (403 for the others, 404 outside the
    organisation); `update` is the organisation's action."""
    kind = path.strip("/").split("/")[0].rstrip("s")
    # The path names the id after the organisation ({operator_id}, {bank_id}).
    id_name = path.rsplit("{", 1)[1].split("}")[0]
    organisation_id = Annotated[ObjectId, Path(..., alias=id_name)]

    def read(request: HttpRequest, organisation_id):
        organisation = get_scoped(
            staff_organisations(model, request.user), pk=organisation_id
        )
        return two_factor_setting(organisation, request.user)

    def change(request: HttpRequest, organisation_id, payload: TwoFactorSettingIn):
        organisation = get_scoped(
            staff_organisations(model, request.user), pk=organisation_id
        )
        organisation = staff_rule_update(
            update, organisation, request.user, payload.require_staff_2fa
        )
        return two_factor_setting(organisation, request.user)

    read.__annotations__["organisation_id"] = organisation_id
    change.__annotations__["organisation_id"] = organisation_id
    router.get(
        path,
        response=TwoFactorSettingOut,
        operation_id=f"{kind}_security",
        summary=f"Whether the {kind} requires two-factor sign-in of its staff",
    )(read)
    router.patch(
        path,
        response=TwoFactorSettingOut,
        operation_id=f"{kind}_security_change",
        summary=f"Require two-factor sign-in of the {kind}'s staff, or stop ({who})",
        description="Staff without an authenticator are sent to enrol at their next "
        "request; the caller must use two-factor sign-in to require it (409).",
    )(change)
