"""Navigation: which portals the signed-in user may open."""

from django.http import HttpRequest

from core.access import request_roles


def navigation(request: HttpRequest) -> dict:
    return {"nav_kinds": {role.kind for role in request_roles(request)}}
