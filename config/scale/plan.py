"""The portfolio's size and shape, and the users a benchmark signs in as."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

SCALE_PASSWORD = "scale-pass-123"  # noqa: S105 (benchmark data only)
UNITS_PER_BUILDING = 50
PARKS_PER_OPERATOR = 10
MAIN_OPERATOR_SHARE = 0.85  # of the parks: one operator runs most of them
BANKS = 10
REQUESTS_PER_COMPANY = 0.4
INDUSTRIES = ["13", "14", "17", "26", "29", "30", "33", "34", "35", "36", "38", "39"]


@dataclass
class Scale:
    parks: int
    units: int
    companies: int
    leases: int
    seed: int = 1
    today: date = field(default_factory=date.today)

    def scaled(self, factor: float) -> Scale:
        return Scale(
            parks=max(1, round(self.parks * factor)),
            units=max(1, round(self.units * factor)),
            companies=max(1, round(self.companies * factor)),
            leases=max(1, round(self.leases * factor)),
            seed=self.seed,
            today=self.today,
        )


@dataclass(frozen=True)
class Actors:
    """The users a benchmark signs in as."""

    operator: str  # staff (finance role) of the operator running most parks
    bank: str  # maker at the bank every request is routed to
    tenant: str  # owner of a company with leases and invoices
    observer: str  # government observer of the first host region


def actors() -> Actors:
    return Actors(
        operator="operator0@scale.test",
        bank="bank0-maker@scale.test",
        tenant="owner1@scale.test",
        observer="observer@scale.test",
    )
