"""Where a tenant's annual output comes from, for the chain map.

Operating reports belong to the governance app, above this one: it registers an
output source here in its AppConfig.ready. Without one (or for a firm that has
not reported), the map falls back to the firm's admission commitment and says so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

REPORTED = "reported"
COMMITTED = "committed"


@dataclass(frozen=True)
class Output:
    amount: Decimal
    basis: str  # REPORTED | COMMITTED


# source(*, park, company_ids) -> {company_id: annual output in CNY}
OutputSource = Callable[..., dict[int, Decimal]]
_sources: list[OutputSource] = []


def register_output_source(source: OutputSource) -> OutputSource:
    if source not in _sources:
        _sources.append(source)
    return source


def unregister_output_source(source: OutputSource) -> None:
    if source in _sources:
        _sources.remove(source)


def annual_outputs(park: Any, company_ids: Iterable[int]) -> dict[int, Output]:
    """Each firm's annual output in the park: reported where a source knows it,
    else the expected annual output of its approved admission to the park."""
    from parks.queries.admission import admissions_granted

    ids = set(company_ids)
    found: dict[int, Output] = {}
    for source in _sources:
        for company_id, amount in source(park=park, company_ids=ids).items():
            if company_id in ids and company_id not in found:
                found[company_id] = Output(Decimal(amount), REPORTED)
    missing = ids - found.keys()
    if missing:
        rows = (
            admissions_granted(park=park, company_id__in=missing)
            .order_by("company_id", "-id")
            .values_list("company_id", "expected_annual_output")
        )
        for company_id, amount in rows:
            found.setdefault(company_id, Output(amount, COMMITTED))
    return found
