"""Billing's forms take their limits from the models they fill."""

from __future__ import annotations

import pytest

from billing.forms import PaymentNoticeForm, TransferForm
from billing.models import Payment


@pytest.mark.parametrize("form_class", [TransferForm, PaymentNoticeForm])
def test_a_payment_amount_is_the_payments_amount(form_class) -> None:
    model = Payment._meta.get_field("amount")
    field = form_class.base_fields["amount"]
    assert (field.max_digits, field.decimal_places) == (
        model.max_digits,
        model.decimal_places,
    )
    reference = form_class.base_fields["reference"]
    assert reference.max_length == Payment._meta.get_field("reference").max_length
    assert not reference.required


@pytest.mark.parametrize("amount", ["0", "-5", "1234567890123.45"])
def test_a_transfer_of_no_money_or_too_much_is_refused(amount) -> None:
    form = TransferForm({"amount": amount, "paid_on": "2026-11-02"})
    assert not form.is_valid() and "amount" in form.errors
    assert TransferForm({"amount": "120.50", "paid_on": "2026-11-02"}).is_valid()
