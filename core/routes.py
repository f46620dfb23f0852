"""URL tables: an app's routes as rows, and one view serving a family of
routes (the variant comes from the route, e.g. a transition or a file format)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.urls import URLPattern, path


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
