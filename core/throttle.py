"""Login throttling shared by the web login and the API token endpoint."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from core.errors import DomainError


class TooManyAttempts(DomainError):
    status = 429
    code = "too_many_attempts"


def _key(email: str, ip: str) -> str:
    digest = hashlib.sha256(f"{email.strip().lower()}|{ip}".encode()).hexdigest()
    return f"login-fail:{digest}"


def login_check_allowed(*, email: str, ip: str) -> None:
    if cache.get(_key(email, ip), 0) >= settings.LOGIN_THROTTLE_ATTEMPTS:
        raise TooManyAttempts(
            _("Too many failed sign-in attempts. Try again in a few minutes.")
        )


def login_failed(*, email: str, ip: str) -> None:
    key = _key(email, ip)
    cache.add(key, 0, settings.LOGIN_THROTTLE_WINDOW)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, settings.LOGIN_THROTTLE_WINDOW)


def login_succeeded(*, email: str, ip: str) -> None:
    cache.delete(_key(email, ip))


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "")
