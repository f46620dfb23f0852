"""The enclave ledger: output and tax attributed to the host and the partner
region by the agreement's dated split. Pure: numbers in, numbers out.

Rounding rule: per firm and per quarter, the host's share is the amount times
the host's percentage, rounded half-up to the cent; the partner's share is the
amount minus the host's share. Totals are sums of those per-firm, per-quarter
shares, so host + partner = total to the cent at every level.

The split of a quarter is the schedule row in force on the quarter's first
day. Before the first row (the agreement not yet in force), and for firms the
agreement does not count (e.g. not landed from the partner city), everything
is the host's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol

from governance.periods import Quarter

CENT = Decimal("0.01")
HUNDRED = Decimal("100")
ZERO = Decimal("0.00")


class SplitRow(Protocol):
    starts_on: date
    output_host_percent: Decimal
    tax_host_percent: Decimal


@dataclass(frozen=True)
class Share:
    total: Decimal = ZERO
    host: Decimal = ZERO
    partner: Decimal = ZERO

    def __add__(self, other: Share) -> Share:
        return Share(
            self.total + other.total,
            self.host + other.host,
            self.partner + other.partner,
        )


def split_amount(amount: Decimal, host_percent: Decimal) -> Share:
    """`amount` (at cents) split: host rounded half-up, partner the remainder."""
    amount = Decimal(amount).quantize(CENT)
    host = (amount * Decimal(host_percent) / HUNDRED).quantize(
        CENT, rounding=ROUND_HALF_UP
    )
    return Share(amount, host, amount - host)


def split_on[S: SplitRow](splits: Iterable[S], day: date) -> S | None:
    """The schedule row in force on `day`: the latest that started on or before it."""
    current = None
    for row in sorted(splits, key=lambda s: s.starts_on):
        if row.starts_on <= day:
            current = row
    return current


@dataclass(frozen=True)
class Entry:
    """One firm's reported figures for one quarter."""

    company_id: int
    quarter: Quarter
    output: Decimal
    tax: Decimal


@dataclass
class Line:
    company_id: int
    counted: bool
    output: Share = field(default_factory=Share)
    tax: Share = field(default_factory=Share)


@dataclass
class Ledger:
    lines: list[Line]
    output: Share
    tax: Share


def build_ledger(
    entries: Iterable[Entry],
    splits: Sequence[SplitRow],
    counts: Callable[[int], bool],
) -> Ledger:
    lines: dict[int, Line] = {}
    for entry in entries:
        counted = counts(entry.company_id)
        row = split_on(splits, entry.quarter.start) if counted else None
        output_pct = row.output_host_percent if row else HUNDRED
        tax_pct = row.tax_host_percent if row else HUNDRED
        line = lines.setdefault(
            entry.company_id, Line(company_id=entry.company_id, counted=counted)
        )
        line.output += split_amount(entry.output, output_pct)
        line.tax += split_amount(entry.tax, tax_pct)
    ordered = sorted(lines.values(), key=lambda line: line.company_id)
    output = sum((line.output for line in ordered), Share())
    tax = sum((line.tax for line in ordered), Share())
    return Ledger(lines=ordered, output=output, tax=tax)
