"""The enclave ledger: host + partner = total to the cent, under a split that
changes over time, for every firm and in total (Hypothesis)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from governance.ledger import Entry, build_ledger, split_amount, split_on
from governance.periods import Quarter


@dataclass(frozen=True)
class Row:
    starts_on: date
    output_host_percent: Decimal
    tax_host_percent: Decimal


def test_host_share_rounds_half_up_partner_takes_the_rest():
    share = split_amount(Decimal("0.05"), Decimal("50"))  # 0.025 → 0.03
    assert (share.host, share.partner) == (Decimal("0.03"), Decimal("0.02"))
    share = split_amount(Decimal("100.00"), Decimal("33.33"))
    assert (share.host, share.partner) == (Decimal("33.33"), Decimal("66.67"))


def test_the_split_in_force_on_a_quarters_first_day_applies():
    splits = [
        Row(date(2024, 1, 1), Decimal("40"), Decimal("40")),
        Row(date(2026, 7, 1), Decimal("50"), Decimal("50")),
    ]
    assert split_on(splits, date(2026, 4, 1)).output_host_percent == Decimal("40")
    assert split_on(splits, date(2026, 7, 1)).output_host_percent == Decimal("50")
    assert split_on(splits, date(2023, 12, 31)) is None
    ledger = build_ledger(
        [
            Entry(1, Quarter(2026, 2), Decimal("1000.00"), Decimal("100.00")),
            Entry(1, Quarter(2026, 3), Decimal("1000.00"), Decimal("100.00")),
            Entry(2, Quarter(2026, 3), Decimal("500.00"), Decimal("50.00")),
        ],
        splits,
        counts=lambda company_id: company_id == 1,
    )
    first, second = ledger.lines
    assert (first.output.host, first.output.partner) == (
        Decimal("900.00"),
        Decimal("1100.00"),
    )
    # Firm 2 does not count (not from the partner city): all the host's.
    assert (second.output.host, second.tax.partner) == (
        Decimal("500.00"),
        Decimal("0.00"),
    )
    assert ledger.output.total == Decimal("2500.00")


def test_before_the_agreement_everything_is_the_hosts():
    ledger = build_ledger(
        [Entry(1, Quarter(2020, 1), Decimal("10.00"), Decimal("1.00"))],
        [Row(date(2024, 1, 1), Decimal("40"), Decimal("40"))],
        counts=lambda _c: True,
    )
    assert ledger.output.host == Decimal("10.00") and ledger.tax.partner == 0


cents = st.decimals(min_value=Decimal("0"), max_value=Decimal("999999999.99"), places=2)
percent = st.decimals(min_value=Decimal("0"), max_value=Decimal("100"), places=2)
quarters = st.builds(Quarter, st.integers(2022, 2027), st.integers(1, 4))
splits = st.lists(
    st.builds(
        Row,
        st.dates(min_value=date(2022, 1, 1), max_value=date(2027, 12, 31)),
        percent,
        percent,
    ),
    min_size=0,
    max_size=4,
    unique_by=lambda r: r.starts_on,
)
entries = st.lists(
    st.builds(Entry, st.integers(1, 6), quarters, cents, cents), max_size=30
)


@settings(max_examples=1500, deadline=None)
@given(entries=entries, splits=splits, counted=st.sets(st.integers(1, 6)))
def test_host_plus_partner_is_the_total_to_the_cent(entries, splits, counted):
    ledger = build_ledger(entries, splits, counts=lambda c: c in counted)
    for line in ledger.lines:
        for share in (line.output, line.tax):
            assert share.host + share.partner == share.total
            assert share.host >= 0 and share.partner >= 0
            assert share.host.as_tuple().exponent == -2
        if not line.counted:
            assert line.output.partner == 0 and line.tax.partner == 0
    for share, field in ((ledger.output, "output"), (ledger.tax, "tax")):
        assert share.host + share.partner == share.total
        assert share.total == sum((getattr(e, field) for e in entries), Decimal("0"))
        assert share.host == sum(
            (getattr(line, field).host for line in ledger.lines), Decimal("0")
        )
