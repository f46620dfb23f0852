"""The cancellation policy, in one place: free until N hours before the start,
then a percentage of the price."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from core.money import money


def cancellation_fee(
    *,
    price: Decimal | None,
    starts_at: datetime,
    cancelled_at: datetime,
    free_hours: int,
    fee_percent: Decimal,
) -> Decimal:
    """0 inside the free window (up to and including the cut-off) or without a
    price yet (a quote not accepted); otherwise price × percent, to the cent."""
    if price is None or cancelled_at <= starts_at - timedelta(hours=free_hours):
        return money(0)
    return money(price * fee_percent / Decimal(100))
