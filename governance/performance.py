"""Per-mu performance (亩均效益) of a tenant against its admission promise and the
park's thresholds. Pure: figures in, intensities and shortfalls out.

A quarter's output and tax are annualised (×4) before dividing by the land in
mu, so they compare with the yearly figures promised at admission and the
park's yearly thresholds per mu.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from parks.scoring import Thresholds

CENT = Decimal("0.01")
QUARTERS_PER_YEAR = Decimal("4")
METRICS = ("output", "tax", "jobs")


@dataclass(frozen=True)
class Promise:
    """What the admission application promised, per year, on how much land."""

    land_mu: Decimal
    output: Decimal
    tax: Decimal
    jobs: int


@dataclass(frozen=True)
class Figures:
    """A quarter's reported figures. An OperatingReport has the same fields and
    is passed as it is."""

    period: str
    output: Decimal
    tax_paid: Decimal
    employees: int
    energy_tce: Decimal


@dataclass(frozen=True)
class Intensity:
    period: str
    output_per_mu: Decimal | None
    tax_per_mu: Decimal | None
    jobs_per_mu: Decimal | None
    energy_per_10k: Decimal | None
    promised: dict[str, Decimal | None] = field(default_factory=dict)
    shortfall: dict[str, Decimal] = field(default_factory=dict)
    below_threshold: frozenset[str] = frozenset()

    @property
    def worst_shortfall(self) -> Decimal:
        return max(self.shortfall.values(), default=Decimal("0"))


def _per_mu(value: Decimal, mu: Decimal) -> Decimal | None:
    return (value / mu).quantize(CENT, rounding=ROUND_HALF_UP) if mu > 0 else None


def shortfall_percent(actual: Decimal | None, target: Decimal | None) -> Decimal:
    """How far below target, in % of the target; 0 when at or above it."""
    if actual is None or not target or target <= 0:
        return Decimal("0.00")
    gap = (target - actual) / target * 100
    return max(Decimal("0"), gap).quantize(CENT, rounding=ROUND_HALF_UP)


def intensity(figures: Figures, promise: Promise, thresholds: Thresholds) -> Intensity:
    mu = promise.land_mu
    output = _per_mu(figures.output * QUARTERS_PER_YEAR, mu)
    tax = _per_mu(figures.tax_paid * QUARTERS_PER_YEAR, mu)
    jobs = _per_mu(Decimal(figures.employees), mu)
    energy = (
        (figures.energy_tce * 10000 / figures.output).quantize(
            Decimal("0.0001"), rounding=ROUND_HALF_UP
        )
        if figures.output > 0
        else None
    )
    promised = {
        "output": _per_mu(promise.output, mu),
        "tax": _per_mu(promise.tax, mu),
        "jobs": _per_mu(Decimal(promise.jobs), mu),
    }
    actual = {"output": output, "tax": tax, "jobs": jobs}
    below = set()
    if output is not None and output < thresholds.min_output_per_mu:
        below.add("output")
    if tax is not None and tax < thresholds.min_tax_per_mu:
        below.add("tax")
    if energy is not None and energy > thresholds.max_energy_per_10k_output:
        below.add("energy")
    return Intensity(
        period=figures.period,
        output_per_mu=output,
        tax_per_mu=tax,
        jobs_per_mu=jobs,
        energy_per_10k=energy,
        promised=promised,
        shortfall={m: shortfall_percent(actual[m], promised[m]) for m in METRICS},
        below_threshold=frozenset(below),
    )


@dataclass(frozen=True)
class Shortfall:
    metric: str
    period: str
    percent: Decimal
    previous_percent: Decimal


def consecutive_shortfalls(
    previous: Intensity | None, current: Intensity, limit: Decimal
) -> list[Shortfall]:
    """The measures short by more than `limit` % in both quarters."""
    if previous is None:
        return []
    return [
        Shortfall(m, current.period, current.shortfall[m], previous.shortfall[m])
        for m in METRICS
        if current.shortfall[m] > limit and previous.shortfall[m] > limit
    ]


def rank(rows: Sequence[tuple[object, Intensity]]) -> list[tuple[object, Intensity]]:
    """Best output per mu first; firms without land figures last."""
    return sorted(
        rows,
        key=lambda r: (r[1].output_per_mu is None, -(r[1].output_per_mu or 0)),
    )
