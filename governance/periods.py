"""Quarters ("2026Q3"): parsing, their dates, the previous one, report deadlines."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

PATTERN = re.compile(r"^(\d{4})Q([1-4])$")
# A query parameter that may be left empty (then the default quarter applies).
OPTIONAL_PERIOD = r"^(\d{4}Q[1-4])?$"


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    q: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """`2026Q3` → Quarter(2026, 3); ValueError otherwise."""
        match = PATTERN.match((text or "").strip().upper())
        if not match:
            raise ValueError(text)
        return cls(int(match[1]), int(match[2]))

    @classmethod
    def of(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    def __str__(self) -> str:
        return f"{self.year}Q{self.q}"

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.q - 2, 1)

    @property
    def end(self) -> date:
        return self.next().start - timedelta(days=1)

    def next(self) -> Quarter:
        return (
            Quarter(self.year + 1, 1) if self.q == 4 else Quarter(self.year, self.q + 1)
        )

    def previous(self) -> Quarter:
        return (
            Quarter(self.year - 1, 4) if self.q == 1 else Quarter(self.year, self.q - 1)
        )

    def deadline(self, days_after_end: int) -> date:
        return self.end + timedelta(days=days_after_end)


def quarters_of(year: int) -> list[Quarter]:
    return [Quarter(year, q) for q in (1, 2, 3, 4)]
