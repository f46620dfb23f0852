"""Forms that shape input for the tenant pages; the rules live on the models
(`form_field` carries their limits) and in tenants.actions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.industries import division_choices
from core.limits import form_field
from core.widgets import DateInput
from tenants.models import Company, DocumentKind, MemberRole


class CompanyForm(forms.Form):
    """A company's profile; its limits are the model's (`form_field`), and the
    action checks the rest (the USCC's check character, a founding date that
    has happened) by the model's own rules."""

    name = form_field(Company, "name")
    uscc = forms.CharField(
        label=_("Unified social credit code (USCC)"),
        max_length=40,  # typed with spaces or in lower case; normalised to 18
        help_text=_("18 characters, as printed on the business licence."),
    )
    legal_representative = form_field(Company, "legal_representative")
    registered_capital = form_field(Company, "registered_capital")
    founded_on = form_field(Company, "founded_on", widget=DateInput())
    employees = form_field(Company, "employees")
    annual_revenue = form_field(Company, "annual_revenue")
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
