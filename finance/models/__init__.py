"""Finance models, one module per concern; import from `finance.models`."""

from finance.models.banks import Bank, BankRole, BankStaff, bank_roles
from finance.models.billing import (
    AutoPay,
    BillingSettings,
    CheckoutAttempt,
    Invoice,
    InvoiceCounter,
    InvoiceKind,
    Payment,
    PaymentMethod,
    RentRun,
    StripeEvent,
)
from finance.models.lending import (
    Consent,
    FinanceRequest,
    Offer,
    RequestRoute,
    bank_role_of,
)
from finance.models.lending_products import (
    LprRate,
    LprTenor,
    Product,
    ProductKind,
    RepaymentMethod,
    current_lpr,
)
