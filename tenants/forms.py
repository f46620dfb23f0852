"""Forms that shape input for the tenant pages; the rules live in tenants.actions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.industries import division_choices
from core.widgets import DateInput
from tenants.models import DocumentKind, MemberRole


class CompanyForm(forms.Form):
    name = forms.CharField(label=_("Company name"), max_length=200)
    uscc = forms.CharField(
        label=_("Unified social credit code (USCC)"),
        max_length=40,
        help_text=_("18 characters, as printed on the business licence."),
    )
    legal_representative = forms.CharField(
        label=_("Legal representative"), max_length=100
    )
    registered_capital = forms.DecimalField(
        label=_("Registered capital (CNY)"),
        min_value=0,
        max_digits=16,
        decimal_places=2,
    )
    founded_on = forms.DateField(label=_("Founded on"), widget=DateInput())
    employees = forms.IntegerField(label=_("Employees"), min_value=0)
    annual_revenue = forms.DecimalField(
        label=_("Annual revenue (CNY)"), min_value=0, max_digits=16, decimal_places=2
    )
    industry_code = forms.ChoiceField(label=_("Industry (GB/T 4754-2017)"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["industry_code"].choices = [("", "—"), *division_choices()]


class CompanyEditForm(CompanyForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["uscc"]


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    file = forms.FileField(
        label=_("File (PDF, PNG or JPEG)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email"))
    role = forms.ChoiceField(
        label=_("Role"), choices=MemberRole.choices, initial=MemberRole.MEMBER
    )
