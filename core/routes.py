"""URL tables: an app's routes as rows, one view serving a family of routes
(the variant comes from the route, e.g. a transition or a file format), and an
object's own page (`page_of`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import cache
from typing import Any

from django.conf import settings
from django.urls import NoReverseMatch, URLPattern, get_script_prefix, path, reverse
from django.urls.base import get_urlconf


def routes(rows: Iterable[tuple[str, Callable[..., Any], str]]) -> list[URLPattern]:
    """`path(route, view, name=name)` for each (route, view, name) row."""
    return [path(route, view, name=name) for route, view, name in rows]


def variants(
    route: str,
    view: Callable[..., Any],
    name: str,
    key: str,
    values: Iterable[str] | Mapping[str, str],
) -> list[URLPattern]:
    """One route per value: `{}` in `route` becomes the value (or, for a
    mapping, the value's piece of URL), `{}` in `name` the value, and the view
    gets the value as the keyword `key`."""
    pieces = values if isinstance(values, Mapping) else {v: v for v in values}
    return [
        path(route.format(piece), view, {key: value}, name=name.format(value))
        for value, piece in pieces.items()
    ]


# A key no object has: the URL reversed with it, split around it, is the
# route's two fixed halves.
_SLOT = 9_182_736_455_463_728_190


@cache
def _halves(name: str, urlconf: str, prefix: str) -> tuple[str, str]:
    head, tail = reverse(name, urlconf=urlconf, args=[_SLOT]).split(str(_SLOT))
    return head, tail


def object_url(name: str, pk: int | None) -> str:
    """`reverse(name, args=[pk])` for a route whose one argument is an
    object's key, from the route's halves reversed once per process (per URL
    configuration and script prefix): a list of fifty rows links each row
    without fifty reversals."""
    if pk is None:
        raise NoReverseMatch(f"{name}: an unsaved object has no page")
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    head, tail = _halves(name, urlconf, get_script_prefix())
    return f"{head}{int(pk)}{tail}"


def page_of(name: str) -> Callable[[Any], str]:
    """A model's `get_absolute_url`: the page `name` shows it on, e.g.
    `get_absolute_url = page_of("billing:invoice")`."""

    def get_absolute_url(self: Any) -> str:
        return object_url(name, self.pk)

    get_absolute_url.__doc__ = f"The object's page ({name})."
    return get_absolute_url
