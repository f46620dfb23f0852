"""Forms that shape input for the lending pages; the rules live in finance.actions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.widgets import DateInput
from finance.models import Bank, ProductKind, RepaymentMethod
from parks.models import Sale
from tenants.models import Company, Document


class RequestForm(forms.Form):
    company = forms.ModelChoiceField(
        label=_("Company"), queryset=Company.objects.none()
    )
    kind = forms.ChoiceField(label=_("Kind of finance"), choices=ProductKind.choices)
    amount = forms.DecimalField(
        label=_("Amount (CNY)"), min_value=1, max_digits=14, decimal_places=2
    )
    term_months = forms.IntegerField(
        label=_("Term (months)"), min_value=1, max_value=360
    )
    purpose = forms.CharField(
        label=_("Purpose"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
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


class OfferForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount (CNY)"), min_value=1, max_digits=14, decimal_places=2
    )
    annual_rate_percent = forms.DecimalField(
        label=_("Annual rate (%)"), min_value=0, max_digits=6, decimal_places=3
    )
    term_months = forms.IntegerField(
        label=_("Term (months)"), min_value=1, max_value=360
    )
    repayment_method = forms.ChoiceField(
        label=_("Repayment method"), choices=RepaymentMethod.choices
    )
    fees = forms.DecimalField(
        label=_("Upfront fees (CNY)"),
        min_value=0,
        max_digits=12,
        decimal_places=2,
        initial=0,
    )
    first_due_date = forms.DateField(
        label=_("First due date"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty: one month after acceptance."),
    )
    conditions = forms.CharField(
        label=_("Conditions"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
