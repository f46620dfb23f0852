"""Navigation: which portals the signed-in user may open, and their menus."""

from django.conf import settings
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from core.access import request_roles

# The menus are the same for everyone with the same kinds of role in the same
# language: each rendered once per process (their thirty-odd links were a
# millisecond of every signed-in page), and on every page in DEBUG, where the
# templates change.
_rendered: dict[tuple, SafeString] = {}


class Menu:
    """`{{ nav_menu }}`: a template that depends on nothing but its `context`
    (hashable values), the language and the script prefix; rendered when used."""

    def __init__(self, template: str, **context: object) -> None:
        self.template = template
        self.context = context

    def __html__(self) -> SafeString:
        key = (
            self.template,
            *sorted(self.context.items()),
            get_language(),
            get_script_prefix(),
        )
        html = None if settings.DEBUG else _rendered.get(key)
        if html is None:
            html = render_to_string(self.template, self.context)
            _rendered[key] = html
        return html

    __str__ = __html__


def navigation(request: HttpRequest) -> dict:
    kinds = frozenset(role.kind for role in request_roles(request))
    staff = bool(getattr(getattr(request, "user", None), "is_staff", False))
    return {
        "nav_kinds": kinds,
        "nav_menu": Menu("_nav.html", nav_kinds=kinds),
        "user_menu": Menu("_user_menu.html", nav_kinds=kinds, staff=staff),
    }
