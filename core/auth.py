"""API authentication: a bearer token, or the browser session with CSRF."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import APIKeyCookie, HttpBearer
from ninja.security.session import SessionAuth

from core.access import CachedRoles, request_roles
from core.actions import token_lookup
from core.twofactor import two_factor_pending


class TokenAuth(HttpBearer):
    """A token is issued only after the password (and the code, for users with
    two-factor), so a request bearing it has passed both."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = token_lookup(token)
        if found is None:
            return None
        request.user = found.user
        request.api_token = found
        # The user row was read just now with the token: its roles_version says
        # whether the roles kept for it still hold.
        request_roles(request, keep=CachedRoles(found.user))
        return found.user


class BrowserSession(SessionAuth):
    """The logged-in browser; ninja checks the CSRF token on unsafe methods.

    Only a signed-in browser is held to CSRF: a caller with no session is simply
    not authenticated (401), not a failed CSRF check (403).
    """

    def _get_key(self, request: HttpRequest) -> str | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        # A session that still owes its two-factor code is not signed in yet.
        if two_factor_pending(request):
            return None
        user = super().authenticate(request, key)
        if user is not None:
            request_roles(request)  # kept in the session, as a page's are
        return user


api_auth: list[HttpBearer | APIKeyCookie] = [TokenAuth(), BrowserSession()]
