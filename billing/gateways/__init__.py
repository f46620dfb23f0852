"""Payment gateways behind one small interface (see `base`).

Stripe is used for online payment when a key is configured; bank transfer,
recorded by the operator's finance staff, is always available.
"""

from __future__ import annotations

from django.conf import settings

from billing.gateways.bank_transfer import BankTransferGateway
from billing.gateways.base import CheckoutStart, OffSessionCharge, PaymentGateway


def online_gateway() -> PaymentGateway | None:
    """The gateway that can take a payment online now, or None (no key set)."""
    if settings.STRIPE_SECRET_KEY:
        from billing.gateways.stripe_gateway import StripeGateway

        return StripeGateway()
    return None


def bank_transfer() -> BankTransferGateway:
    return BankTransferGateway()


__all__ = [
    "BankTransferGateway",
    "CheckoutStart",
    "OffSessionCharge",
    "PaymentGateway",
    "bank_transfer",
    "online_gateway",
]
