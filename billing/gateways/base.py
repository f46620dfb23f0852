"""The payment gateway interface. Amounts cross it as integer minor units, taken
from the invoice by the caller, never from the client."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True, kw_only=True)
class Checkout:
    """What a hosted payment page is opened for: one invoice's amount, in minor
    units, under the attempt's idempotency key."""

    invoice_id: int
    description: str
    amount_minor: int
    currency: str
    idempotency_key: str
    success_url: str
    cancel_url: str
    customer_email: str = ""


@dataclass(frozen=True)
class CheckoutStart:
    """A hosted payment page the payer is sent to."""

    session_id: str
    checkout_url: str


@dataclass(frozen=True)
class OffSessionCharge:
    """The gateway's answer to charging a saved card; the webhook settles it."""

    external_id: str
    status: str
    error: str = ""


@dataclass(frozen=True)
class SavedCard:
    customer_id: str
    payment_method_id: str
    brand: str = ""
    last4: str = ""
    extra: dict = field(default_factory=dict)


class PaymentGateway(Protocol):
    method: str  # a PaymentMethod value
    online: bool  # True when the payer can pay through it right now

    def checkout_start(self, checkout: Checkout) -> CheckoutStart: ...

    def card_setup_start(
        self, *, customer_id: str, company_name: str, email: str, return_url: str
    ) -> tuple[str, CheckoutStart]:
        """Start saving a card for off-session use → (customer id, hosted page)."""
        ...

    def card_setup_finish(self, *, session_id: str) -> SavedCard: ...

    def charge_saved_card(
        self,
        *,
        invoice_id: int,
        amount_minor: int,
        currency: str,
        card: SavedCard,
        idempotency_key: str,
    ) -> OffSessionCharge: ...

    def refund(
        self, *, external_id: str, amount_minor: int, idempotency_key: str
    ) -> str:
        """Refund part or all of a payment; returns the gateway's refund id. The
        gateway's webhook (charge.refunded) then adjusts the payment."""
        ...
