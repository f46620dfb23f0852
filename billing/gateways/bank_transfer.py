"""Bank transfer: the tenant pays the operator's account quoting the invoice
number; finance staff record the transfer when it arrives. Nothing online."""

from __future__ import annotations

from dataclasses import dataclass

from billing.models import BillingSettings, Invoice, PaymentMethod
from core.bilingual import chinese_active


@dataclass(frozen=True)
class TransferInstructions:
    account_name: str
    bank_name: str
    account_number: str
    amount: str
    reference: str


class BankTransferGateway:
    method = PaymentMethod.BANK_TRANSFER
    online = False

    def instructions(self, invoice: Invoice, amount: str) -> TransferInstructions:
        account = (
            BillingSettings.objects.filter(operator_id=invoice.operator_id).first()
            or BillingSettings()
        )
        return TransferInstructions(
            account_name=account.bank_account_name or str(invoice.park.operator),
            bank_name=(chinese_active() and account.bank_name_zh) or account.bank_name,
            account_number=account.bank_account_number,
            amount=amount,
            reference=invoice.payment_reference,
        )
