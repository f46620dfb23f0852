"""Pages of a long list without counting it: the page reads one row more than it
shows to know whether a next page exists. For portfolio-wide lists (every lease
or invoice of an operator) the exact count cost more than the page itself."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


class NextPage:
    """Quacks like django.core.paginator.Page for templates/_pagination.html,
    with no total (`paginator` is None)."""

    paginator = None

    def __init__(self, queryset: Any, number: Any, per_page: int) -> None:
        try:
            self.number = max(int(number), 1)
        except (TypeError, ValueError):
            self.number = 1
        start = (self.number - 1) * per_page
        rows = list(queryset[start : start + per_page + 1])
        self.object_list = rows[:per_page]
        self._has_next = len(rows) > per_page

    def __iter__(self) -> Iterator[Any]:
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def has_next(self) -> bool:
        return self._has_next

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next() or self.has_previous()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1
