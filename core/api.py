"""Auth, identity and reference endpoints."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from core import actions
from core.access import get_scoped, roles_for
from core.errors import DomainError
from core.industries import search_industries
from core.models import Notification
from core.notifications import notification_read
from core.schemas import CappedPagination
from core.throttle import client_ip

router = Router(tags=["auth"])


class Unauthenticated(DomainError):
    status = 401
    code = "bad_credentials"


class SignupIn(Schema):
    email: str = Field(max_length=254)
    password: str = Field(max_length=128)
    full_name: str = Field(max_length=150)


class SignupOut(Schema):
    id: int
    email: str


class TokenIn(Schema):
    email: str
    password: str
    name: str = ""


class TokenOut(Schema):
    token: str


class RoleOut(Schema):
    kind: str
    org_id: int | None
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


@router.post("/auth/signup", auth=None, response={201: SignupOut})
def signup(request: HttpRequest, payload: SignupIn):
    user = actions.user_signup(
        email=payload.email, password=payload.password, full_name=payload.full_name
    )
    return Status(201, user)


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
def industries(request: HttpRequest, q: str = ""):
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
def notification_mark_read(request: HttpRequest, notification_id: int):
    notification = get_scoped(
        Notification.objects.visible_to(request.user), pk=notification_id
    )
    return notification_read(notification=notification, actor=request.user)
