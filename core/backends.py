"""The authentication backend of every password door, under the login throttle.

Django's admin login, the sign-in page and the API token endpoint all end in
`authenticate()`, so the throttle sits here once and no door can skip it.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from core.throttle import (
    TooManyAttempts,
    client_ip,
    login_check_allowed,
    login_failed,
    login_succeeded,
)


class ThrottledModelBackend(ModelBackend):
    def authenticate(
        self,
        request: Any,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        email = username or kwargs.get("email") or ""
        ip = kwargs.get("client_ip")
        if ip is None:
            ip = client_ip(request) if request is not None else ""
        try:
            login_check_allowed(email=email, ip=ip)
        except TooManyAttempts:
            # Stops authenticate() without trying the password at all.
            raise PermissionDenied from None
        user = super().authenticate(request, username=email, password=password)
        if user is None:
            login_failed(email=email, ip=ip)
        else:
            login_succeeded(email=email, ip=ip)
        return user
