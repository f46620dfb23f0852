"""TOTP two-factor sign-in (django-otp): who must use it, and whether this
request has passed it. Enforced once, in TwoFactorMiddleware and the API auth.

A user with a confirmed authenticator must enter a code after the password; a
user an organisation requires it of (operator or bank staff whose organisation
turned it on, registered by those apps) must enrol first. The admin is a user:
staff who enrolled are asked for the code on the admin too.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from io import BytesIO
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.audit import audit_record
from core.errors import Conflict, NotAllowed, NotFound

TwoFactorRule = Callable[[Any], bool]
_rules: list[TwoFactorRule] = []


def register_two_factor_rule(rule: TwoFactorRule) -> None:
    """A higher app says which users its organisations require 2FA of."""
    if rule not in _rules:
        _rules.append(rule)


def required_by_organisation(user: Any) -> bool:
    return any(rule(user) for rule in _rules)


def has_authenticator(user: Any) -> bool:
    return user_has_device(user, confirmed=True)


SESSION_KEY = "two_factor_owed"
# The user's `two_factor_rule_changed_at` when the session decided.
SESSION_RULE_KEY = "two_factor_rule"


def _rule_stamp(user: Any) -> str:
    changed = getattr(user, "two_factor_rule_changed_at", None)
    return changed.isoformat() if changed else ""


def decide_at_login(request: Any, user: Any) -> None:
    """At sign-in (every door: user_logged_in), note whether this session owes a
    code, so later requests need no query to know."""
    if hasattr(request, "session"):
        request.session[SESSION_KEY] = has_authenticator(
            user
        ) or required_by_organisation(user)
        request.session[SESSION_RULE_KEY] = _rule_stamp(user)


def two_factor_pending(request: Any) -> bool:
    """True while a signed-in user still owes a code (or an enrolment)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    if getattr(user, "is_verified", lambda: False)():
        return False
    session = getattr(request, "session", None)
    if session is None:
        return has_authenticator(user) or required_by_organisation(user)
    if (
        SESSION_KEY not in session  # a session from before this rule
        or session.get(SESSION_RULE_KEY, "") != _rule_stamp(user)
    ):
        decide_at_login(request, user)
    return session[SESSION_KEY]


def staff_organisations(model: Any, user: Any) -> Any:
    """The organisations of `model` (operators, banks) that `user` staffs."""
    return model.objects.filter(staff__user=user).distinct()


def staff_rule_update(
    update: Callable[..., Any], organisation: Any, actor: Any, required: bool
) -> Any:
    """Call an organisation's two-factor action (`operator_security_update`,
    `bank_security_update`): it names its organisation after the model."""
    return update(
        **{organisation._meta.model_name: organisation},
        actor=actor,
        require_staff_2fa=required,
    )


@transaction.atomic
def two_factor_rule_set(*, organisation: Any, actor: Any, required: bool) -> Any:
    """An organisation (a `core.models.Organisation`: an operator or a bank)
    requires two-factor sign-in of its staff, or stops requiring it. Its staff's
    sessions decide again at their next request: one without an authenticator
    is sent to enrol then, not at its next sign-in."""
    organisation = (
        type(organisation).objects.select_for_update().get(pk=organisation.pk)
    )
    if not organisation.staff.filter(user=actor).exists():
        raise NotFound(
            _("%(object)s not found.")
            % {"object": organisation._meta.verbose_name.capitalize()}
        )
    if not organisation.can_set_two_factor(actor):
        raise NotAllowed(_("Your role may not change this setting."))
    before = organisation.require_staff_2fa
    if required and not before and not has_authenticator(actor):
        # Whoever requires it uses it first (and is not locked out by it).
        raise Conflict(
            _("Set up your own two-factor sign-in first."), code="two_factor_first"
        )
    if before != required:
        organisation.require_staff_2fa = required
        organisation.save(update_fields=["require_staff_2fa"])
        get_user_model().objects.filter(
            pk__in=organisation.staff.values("user")
        ).update(two_factor_rule_changed_at=timezone.now())
        audit_record(
            actor=actor,
            obj=organisation,
            action="two_factor_required" if required else "two_factor_not_required",
            from_state=str(before),
            to_state=str(required),
        )
    return organisation


def two_factor_setting(organisation: Any, user: Any) -> dict[str, Any]:
    """An organisation's setting as the API and the page show it."""
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "organisation": organisation,
        "require_staff_2fa": organisation.require_staff_2fa,
        "can_change": organisation.can_set_two_factor(user),
        "has_authenticator": has_authenticator(user),
    }


def pending_device(user: Any) -> TOTPDevice:
    """The unconfirmed authenticator being enrolled (one per user)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(
        user=user, name="authenticator", confirmed=False
    )


def qr_svg_data_uri(text: str) -> str:
    """The otpauth URI as an SVG QR code, drawn here (no external service)."""
    import qrcode
    from qrcode.image.svg import SvgPathImage

    image = qrcode.make(text, image_factory=SvgPathImage, box_size=8)
    out = BytesIO()
    image.save(out)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode()


def match_code(user: Any, code: str, *, confirmed: bool = True) -> Any:
    code = (code or "").strip().replace(" ", "")
    if not code.isdigit():
        return None
    for device in devices_for_user(user, confirmed=confirmed):
        if device.verify_token(code):
            return device
    return None
