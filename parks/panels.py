"""Panels and tabs that higher apps add to a park's pages.

parks cannot import the apps above it; an app that has something to say on a
park's public page (attraction's "we are looking for", its cost calculator) or on
the operator's dashboard (services' overdue permit steps) registers a panel in
its AppConfig.ready: `panel(request, park) -> html or ""`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.safestring import SafeString, mark_safe

Panel = Callable[[Any, Any], str]


class Panels:
    def __init__(self) -> None:
        self._panels: list[Panel] = []

    def register(self, panel: Panel) -> Panel:
        if panel not in self._panels:
            self._panels.append(panel)
        return panel

    def render(self, request: Any, park: Any) -> list[SafeString]:
        """Each panel's HTML (already escaped by its own template)."""
        return [mark_safe(html) for p in self._panels if (html := p(request, park))]


park_public_panels = Panels()
park_dashboard_panels = Panels()


def register_dashboard_panel(panel: Panel) -> Panel:
    return park_dashboard_panels.register(panel)


def dashboard_panels(request: Any, park: Any) -> list[SafeString]:
    return park_dashboard_panels.render(request, park)


class Tabs:
    """Tabs that higher apps add to a park's operator pages: (key, label, url name
    taking the park id)."""

    def __init__(self) -> None:
        self._tabs: list[tuple[str, Any, str]] = []

    def register(self, key: str, label: Any, url_name: str) -> None:
        if all(k != key for k, _label, _url in self._tabs):
            self._tabs.append((key, label, url_name))

    def __iter__(self):
        return iter(self._tabs)


park_operator_tabs = Tabs()
