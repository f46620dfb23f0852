"""Service efficiency (行政效能): SLA compliance of the park's clocks.

Each kind of case with a deadline (admissions, concerns, permit-agency steps)
is a source registered here in an AppConfig.ready: a function (park ids, start,
end) → (park id, case) for the cases opened in that window, one query for any
number of parks. The summary counts on-time, late and open cases and the median
working days to close.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from statistics import median
from typing import Any

from django.utils import timezone

from parks.workdays import working_days_between


@dataclass(frozen=True)
class SlaCase:
    opened_on: date
    due_on: date | None
    closed_on: date | None


@dataclass(frozen=True)
class SlaSummary:
    key: str
    label: str
    on_time: int
    late: int
    open: int
    open_overdue: int
    median_working_days: Decimal | None

    @property
    def total(self) -> int:
        return self.on_time + self.late + self.open

    @property
    def compliance_percent(self) -> Decimal | None:
        """On-time share of the closed cases plus the overdue open ones."""
        judged = self.on_time + self.late + self.open_overdue
        if not judged:
            return None
        return (Decimal(self.on_time) * 100 / judged).quantize(Decimal("0.1"))


SlaSource = Callable[[Sequence[int], date, date], Iterable[tuple[int, SlaCase]]]
_sources: dict[str, tuple[Any, SlaSource]] = {}


def register_sla_source(key: str, label: Any, source: SlaSource) -> None:
    _sources[key] = (label, source)


def summarise(
    key: str, label: Any, cases: list[SlaCase], today: date | None = None
) -> SlaSummary:
    today = today or timezone.localdate()
    on_time = late = open_ = overdue = 0
    durations = []
    for case in cases:
        if case.closed_on is None:
            open_ += 1
            if case.due_on is not None and case.due_on < today:
                overdue += 1
            continue
        if case.due_on is None or case.closed_on <= case.due_on:
            on_time += 1
        else:
            late += 1
        durations.append(working_days_between(case.opened_on, case.closed_on))
    return SlaSummary(
        key=key,
        label=str(label),
        on_time=on_time,
        late=late,
        open=open_,
        open_overdue=overdue,
        median_working_days=Decimal(str(median(durations))) if durations else None,
    )


def park_sla(
    park: Any, start: date, end: date, today: date | None = None
) -> list[SlaSummary]:
    """Every registered source's summary for the park's cases opened in [start, end]."""
    return parks_sla([park.pk], start, end, today)[park.pk]


def parks_sla(
    park_ids: Sequence[int], start: date, end: date, today: date | None = None
) -> dict[int, list[SlaSummary]]:
    """`park_sla` of each park, one query a source whatever the number of parks."""
    summaries: dict[int, list[SlaSummary]] = {pk: [] for pk in park_ids}
    for key, (label, source) in _sources.items():
        label = str(label)  # translated once, not once a park
        cases: dict[int, list[SlaCase]] = defaultdict(list)
        for park_id, case in source(park_ids, start, end):
            cases[park_id].append(case)
        for park_id, found in summaries.items():
            found.append(summarise(key, label, cases[park_id], today))
    return summaries
