"""Navigation: which portals the signed-in user may open."""

from django.http import HttpRequest

from core.access import role_kinds


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    kinds = role_kinds(user) if user is not None else set()
    return {"nav_kinds": kinds}
