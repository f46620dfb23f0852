"""Panels higher apps add to a park's dashboard (e.g. services' overdue permit
steps), registered in their AppConfig.ready so parks never imports them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.utils.safestring import SafeString

# panel(request, park) -> rendered HTML, or "" when it has nothing to show.
DashboardPanel = Callable[[HttpRequest, Any], SafeString | str]
_dashboard_panels: list[DashboardPanel] = []


def register_dashboard_panel(panel: DashboardPanel) -> None:
    if panel not in _dashboard_panels:
        _dashboard_panels.append(panel)


def dashboard_panels(request: HttpRequest, park: Any) -> list[SafeString | str]:
    return [html for panel in _dashboard_panels if (html := panel(request, park))]
