"""Explicit hooks: a lower layer announces an event, higher layers register handlers.

DESIGN.md forbids signals carrying business rules; instead a lower app declares a
`Hook` and a higher app registers its handler in `AppConfig.ready`, so the wiring
is visible in one place and can be tested.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Hook:
    def __init__(self, name: str) -> None:
        self.name = name
        self._handlers: list[Callable[..., Any]] = []

    def register(self, handler: Callable[..., Any]) -> Callable[..., Any]:
        if handler not in self._handlers:
            self._handlers.append(handler)
        return handler

    def fire(self, **kwargs: Any) -> None:
        """Call every handler in registration order, inside the caller's transaction."""
        for handler in list(self._handlers):
            handler(**kwargs)

    def __repr__(self) -> str:
        return f"Hook({self.name!r}, {len(self._handlers)} handlers)"
