"""Writes of the kernel: sign-up, API tokens."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.errors import Conflict, Invalid
from core.models import ApiToken, User, hash_token
from core.throttle import login_check_allowed, login_failed, login_succeeded


class BadCredentials(Exception):
    """Email or password wrong: answered 401 by the API, a form error in the UI."""


@transaction.atomic
def user_signup(*, email: str, password: str, full_name: str, phone: str = "") -> User:
    email = (email or "").strip().lower()
    fields: dict[str, list[str]] = {}
    try:
        validate_email(email)
    except ValidationError:
        fields["email"] = [_("Enter a valid email address.")]
    if not (full_name or "").strip():
        fields["full_name"] = [_("Enter your full name.")]
    try:
        validate_password(password, User(email=email, full_name=full_name))
    except ValidationError as exc:
        fields["password"] = list(exc.messages)
    if phone:
        try:
            User._meta.get_field("phone").run_validators(phone.strip())
        except ValidationError as exc:
            fields["phone"] = list(exc.messages)
    if fields:
        raise Invalid(_("Please correct the errors below."), fields=fields)
    if User.objects.filter(email=email).exists():
        raise Conflict(
            _("An account with this email already exists."), code="email_taken"
        )
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email, password, full_name=full_name.strip(), phone=phone.strip()
            )
    except IntegrityError:
        raise Conflict(
            _("An account with this email already exists."), code="email_taken"
        ) from None
    audit_record(actor=user, obj=user, action="signup")
    return user


def user_authenticate(*, request, email: str, password: str, ip: str) -> User:
    """Check credentials under the login throttle; raise BadCredentials if wrong."""
    email = (email or "").strip().lower()
    login_check_allowed(email=email, ip=ip)
    user = authenticate(request, email=email, password=password)
    if user is None:
        login_failed(email=email, ip=ip)
        raise BadCredentials
    login_succeeded(email=email, ip=ip)
    return user


def token_issue(*, user: User, name: str = "") -> tuple[ApiToken, str]:
    raw = ApiToken.generate()
    token = ApiToken.objects.create(
        user=user, name=name[:100], key_hash=hash_token(raw), hint=raw[:8]
    )
    audit_record(actor=user, obj=token, action="token_issued")
    return token, raw


def token_revoke(*, token: ApiToken, actor: User) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(actor=actor, obj=token, action="token_revoked")


def token_lookup(raw: str) -> ApiToken | None:
    token = (
        ApiToken.objects.active()
        .select_related("user")
        .filter(key_hash=hash_token(raw or ""))
        .first()
    )
    if token is not None:
        now = timezone.now()
        # Touch at most once a minute: a busy integration should not write per call.
        last = token.last_used_at
        if last is None or now - last > timedelta(minutes=1):
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
