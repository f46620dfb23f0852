"""Forms that shape input for the lending pages; the rules live in finance.actions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import text_field
from core.limits import form_field
from core.widgets import DateInput
from finance.models import Bank, FinanceRequest, Offer, ProductKind, RepaymentMethod
from parks.models import Sale
from tenants.models import Company, Document


class RequestForm(forms.Form):
    company = forms.ModelChoiceField(
        label=_("Company"), queryset=Company.objects.none()
    )
    kind = forms.ChoiceField(label=_("Kind of finance"), choices=ProductKind.choices)
    amount = form_field(FinanceRequest, "amount")
    term_months = form_field(FinanceRequest, "term_months")
    purpose = text_field(
        FinanceRequest,
        "purpose",
        help_text=_("What the money is for, in a sentence or two."),
    )
    sale = forms.ModelChoiceField(
        label=_("Unit purchase financed (factory mortgage only)"),
        queryset=Sale.objects.none(),
        required=False,
    )
    banks = forms.ModelMultipleChoiceField(
        label=_("Banks to ask"),
        queryset=Bank.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only banks with a matching product can receive the request."),
    )
    documents = forms.ModelMultipleChoiceField(
        label=_("Documents to share with these banks"),
        queryset=Document.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Banks see only the documents you tick, and only once you submit."),
    )

    def __init__(self, *args, companies, company: Company | None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = companies
        if company is not None:
            self.fields["sale"].queryset = Sale.objects.filter(
                company=company,
                status__in=(Sale.Status.APPROVED, Sale.Status.COMPLETED),
            ).select_related("unit")
            self.fields["documents"].queryset = Document.objects.filter(
                company=company
            ).order_by("kind", "id")
        self.fields["sale"].label_from_instance = lambda s: (
            f"{s.unit.code} · ¥{s.price:,.2f} ({s.get_status_display()})"
        )
        self.fields["documents"].label_from_instance = lambda d: (
            f"{d.get_kind_display()} — {d.filename}"
        )

    def action_data(self) -> dict:
        """request_create's arguments: the chosen objects by id."""
        data = self.cleaned_data
        return {
            "company": data["company"],
            "kind": data["kind"],
            "amount": data["amount"],
            "term_months": data["term_months"],
            "purpose": data["purpose"],
            "bank_ids": [b.pk for b in data["banks"]],
            "sale_id": data["sale"].pk if data["sale"] else None,
            "document_ids": [d.pk for d in data["documents"]],
        }

    #: An action's complaint about an id list shows on the field that picked it.
    FIELD_OF = {"bank_ids": "banks", "sale_id": "sale", "document_ids": "documents"}


class SubmitForm(forms.Form):
    documents = forms.ModelMultipleChoiceField(
        label=_("Documents to share"),
        queryset=Document.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    consent = forms.BooleanField(
        label=_(
            "I consent to sharing this request, the company profile and the "
            "documents ticked with the banks chosen, for assessing this request only."
        ),
        required=True,
    )

    def __init__(self, *args, company: Company, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["documents"].queryset = Document.objects.filter(
            company=company
        ).order_by("kind", "id")
        self.fields["documents"].label_from_instance = lambda d: (
            f"{d.get_kind_display()} — {d.filename} (SHA-256 {d.sha256[:12]}…)"
        )

    def action_data(self) -> dict:
        return {
            "consent": self.cleaned_data["consent"],
            "document_ids": [d.pk for d in self.cleaned_data["documents"]],
        }


class OfferForm(forms.Form):
    amount = form_field(Offer, "amount")
    annual_rate_percent = form_field(Offer, "annual_rate_percent")
    term_months = form_field(Offer, "term_months")
    repayment_method = forms.ChoiceField(
        label=_("Repayment method"), choices=RepaymentMethod.choices
    )
    fees = form_field(Offer, "fees", initial=0)
    first_due_date = forms.DateField(
        label=_("First due date"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty: one month after acceptance."),
    )
    conditions = text_field(Offer, "conditions")
