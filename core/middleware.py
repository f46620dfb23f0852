"""Request guards: the upload cap by Content-Length, the two-factor step, the
user's roles read before a page's view, and a GET on a page that only takes
POST (an action's URL reloaded, bookmarked or opened from history), which goes
back to the object it acts on — the URL one level up — instead of a blank 405
page. The API keeps its 405."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

# Room for the multipart framing and the other form fields around the file.
BODY_OVERHEAD = 64 * 1024


def body_limit() -> int:
    return settings.UPLOAD_MAX_BYTES + BODY_OVERHEAD


class BodySizeLimitMiddleware:
    """A 413 by `Content-Length`, so a 200 MB upload is never read at all.

    Django reads no further than the declared length, so refusing by it also stops
    reading at the cap; a body without a length is read as empty.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > body_limit():
            message = _("The upload is too large; the limit is %(limit)s.") % {
                "limit": filesizeformat(settings.UPLOAD_MAX_BYTES)
            }
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": message, "code": "file_too_large"}, status=413
                )
            return HttpResponse(message, status=413, content_type="text/plain")
        return self.get_response(request)


class TwoFactorMiddleware:
    """A signed-in user who owes a code (or must enrol) reaches only the
    two-factor pages, sign-out and static files until done."""

    OPEN_PREFIXES = ("/static/", "/i18n/", "/accounts/logout/", "/accounts/2fa/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from core.twofactor import has_authenticator, two_factor_pending

        if request.path.startswith(self.OPEN_PREFIXES) or request.path.startswith(
            "/api/"
        ):
            return self.get_response(request)
        if two_factor_pending(request):
            if request.headers.get("HX-Request"):
                # A fragment (the notification bell) must not swap the two-factor
                # page into the one the user is on: nothing to show yet.
                return HttpResponse(status=204)
            name = (
                "core:2fa_verify"
                if has_authenticator(request.user)
                else "core:2fa_setup"
            )
            return redirect(f"{reverse(name)}?next={request.get_full_path()}")
        return self.get_response(request)


class RolesMiddleware:
    """A signed-in page reads the user's roles before its view runs (its
    navigation needs them anyway), so the view's scoped lists take the user's
    organisations from them instead of asking again (core.access.through). The
    API authenticates by itself and reads what it needs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from core.access import request_roles

        if not request.path.startswith(("/api/", "/static/")) and (
            request.user.is_authenticated
        ):
            request_roles(request)
        return self.get_response(request)


class PostOnlyRedirectMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code == 405
            and request.method in ("GET", "HEAD")
            and not request.path.startswith("/api/")
            and "POST" in response.get("Allow", "")
        ):
            return HttpResponseRedirect(parent_path(request.path))
        return response


def parent_path(path: str) -> str:
    """The nearest page above: /leases/5/activate/ → /leases/5/; a level that is
    no page (/accounts/tokens/1/) is skipped, up to the home page."""
    trimmed = path.rstrip("/")
    while trimmed:
        trimmed = trimmed.rsplit("/", 1)[0]
        for candidate in (trimmed + "/", trimmed):
            if candidate and _is_page(candidate):
                return candidate
    return "/"


def _is_page(path: str) -> bool:
    try:
        resolve(path)
    except Resolver404:
        return False
    return True
