"""Finance models, one module per concern; import from `finance.models`."""

from finance.models.banks import BANK_ROLES, Bank, BankRole, BankStaff
from finance.models.figures import BankFigures
from finance.models.products import (
    LprRate,
    LprTenor,
    Product,
    ProductKind,
    RepaymentMethod,
    current_lpr,
)
from finance.models.requests import (
    Consent,
    FinanceRequest,
    Offer,
    RequestRoute,
    bank_role_of,
    loan_to_value,
)
