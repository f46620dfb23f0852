"""Billing's models, by concern: who issues invoices (issuers), the invoices,
the money received (payments, checkout, auto-pay, Stripe), and the rent run and
statement lines (runs)."""

from billing.models.figures import (
    Due,
    InvoiceFigures,
    open_dues,
)
from billing.models.invoices import (
    Invoice,
    InvoiceKind,
    InvoiceQuerySet,
    outstanding,
)
from billing.models.issuers import (
    FINANCE_ROLES,
    BillingSettings,
    InvoiceCounter,
    Issuer,
    IssuerCounter,
    IssuerMembers,
    IssuerQuerySet,
    register_issuer_members,
)
from billing.models.payments import (
    AutoPay,
    CheckoutAttempt,
    Payment,
    PaymentMethod,
    StripeEvent,
    StripeRefund,
)
from billing.models.runs import (
    RentRun,
    StatementLine,
)

__all__ = [
    "AutoPay",
    "BillingSettings",
    "CheckoutAttempt",
    "Due",
    "FINANCE_ROLES",
    "Invoice",
    "InvoiceCounter",
    "InvoiceFigures",
    "InvoiceKind",
    "InvoiceQuerySet",
    "Issuer",
    "IssuerCounter",
    "IssuerMembers",
    "IssuerQuerySet",
    "Payment",
    "PaymentMethod",
    "RentRun",
    "StatementLine",
    "StripeEvent",
    "StripeRefund",
    "open_dues",
    "outstanding",
    "register_issuer_members",
]
