"""A GET on a page that only takes POST (an action's URL reloaded, bookmarked or
opened from history) goes back to the object it acts on — the URL one level up —
instead of a blank 405 page. The API keeps its 405."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve


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
