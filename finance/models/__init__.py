"""Finance models, one module per concern; import from `finance.models`."""

from finance.models.banks import Bank, BankRole, BankStaff, bank_roles
