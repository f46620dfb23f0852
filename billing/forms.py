"""Billing's forms: recording and announcing payments, voiding, reviewing,
the rent run's month, the reconciliation's period and a bank statement. Their
limits come from the models (`form_field`)."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy

from billing.models import Invoice, Payment
from billing.queries import reconciliation_period
from core.errors import DomainError
from core.forms import note_field, required_text
from core.limits import form_field
from core.views import apply_errors
from core.widgets import DateInput, MonthInput


class TransferForm(forms.Form):
    amount = form_field(Payment, "amount", label=gettext_lazy("Amount received (CNY)"))
    paid_on = forms.DateField(
        label=gettext_lazy("Received on"),
        widget=DateInput(),
        initial=timezone.localdate,
    )
    reference = form_field(
        Payment, "reference", label=gettext_lazy("Bank reference"), required=False
    )


class VoidForm(forms.Form):
    reason = required_text(Invoice, "void_reason", rows=10)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[
            ("accept", gettext_lazy("Accept")),
            ("reject", gettext_lazy("Reject")),
        ],
    )
    note = note_field(required=True, widget=forms.TextInput)


class RentRunForm(forms.Form):
    period = forms.CharField(
        label=gettext_lazy("Month"),
        widget=MonthInput(),
        help_text=gettext_lazy("YYYY-MM"),
    )


class ReconciliationRange(forms.Form):
    """The period of the reconciliation (the rule: `reconciliation_period`)."""

    since = forms.DateField(label=gettext_lazy("From"), widget=DateInput())
    until = forms.DateField(label=gettext_lazy("To"), widget=DateInput())

    def clean(self) -> dict:
        data = super().clean()
        if data.get("since") and data.get("until"):
            try:
                reconciliation_period(data["since"], data["until"])
            except DomainError as exc:
                apply_errors(self, exc)
        return data

    def period(self) -> tuple[date, date]:
        if self.is_bound and self.is_valid():
            return self.cleaned_data["since"], self.cleaned_data["until"]
        return reconciliation_period(None, None)


class StatementForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Bank statement (CSV)"),
        help_text=gettext_lazy(
            "Columns: date, amount, reference, payer (or 交易日期, 金额, 附言 or "
            "摘要, 付款人). UTF-8 or GBK, at most 512 KB."
        ),
    )


class PaymentNoticeForm(forms.Form):
    amount = form_field(
        Payment, "amount", label=gettext_lazy("Amount transferred (CNY)")
    )
    paid_on = forms.DateField(label=gettext_lazy("Transferred on"), widget=DateInput())
    reference = form_field(
        Payment,
        "reference",
        label=gettext_lazy("Bank reference (optional)"),
        required=False,
    )
    slip = forms.FileField(label=gettext_lazy("Remittance slip (PDF or image)"))
