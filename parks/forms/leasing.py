"""Forms that shape input for the leasing and sales pages; rules live in actions."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import required_text, text_field
from core.limits import form_field
from core.widgets import DateInput
from parks.models import Lease, LeaseApplication, Sale

DATE = DateInput()


class CompanyChoiceMixin(forms.Form):
    """One of the companies the user manages (the view passes them); cleans to
    the Company itself, so no view looks it up again."""

    company = forms.TypedChoiceField(label=_("Company"), coerce=int)

    def __init__(self, *args, companies=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.companies = {c.pk: c for c in companies}
        self.fields["company"].choices = [(c.pk, c.name) for c in companies]
        if len(self.fields["company"].choices) == 1:
            self.fields["company"].initial = self.fields["company"].choices[0][0]

    def clean_company(self):
        return self.companies[self.cleaned_data["company"]]


class LeaseApplyForm(CompanyChoiceMixin):
    start_date = forms.DateField(label=_("Start date"), widget=DATE)
    term_months = form_field(LeaseApplication, "term_months", initial=36)
    note = text_field(LeaseApplication, "note", label=_("Note to the park"), rows=3)


class SaleApplyForm(CompanyChoiceMixin):
    down_payment_percent = forms.DecimalField(
        # xgettext:no-python-format
        label=_("Down payment (% of the price)"),
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        decimal_places=1,
        initial=Decimal("30"),
        help_text=_("At least 30%; the rest may be financed by a partner bank."),
    )

    def action_data(self) -> dict:
        return {
            "company": self.cleaned_data["company"],
            "down_payment_ratio": self.cleaned_data["down_payment_percent"] / 100,
        }


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    # A lease's and a sale's decision note alike (both are NoteFields).
    note = text_field(Sale, "decision_note", label=_("Note"))


class LeaseTermsFields(forms.Form):
    """The lease terms an approval or a renewal may set."""

    rent_free_months = form_field(Lease, "rent_free_months", required=False)
    escalation_percent = form_field(
        Lease,
        "escalation_percent",
        required=False,
    )


class LeaseDecisionForm(LeaseTermsFields, DecisionForm):
    """Approving takes the lease's terms; rejecting only the note."""

    field_order = ["decision", "note"]

    def action_data(self) -> dict:
        data = dict(self.cleaned_data)
        if data["decision"] == "reject":
            del data["rent_free_months"], data["escalation_percent"]
        return data


class RenewForm(LeaseTermsFields):
    field_order = ["term_months", "rent_per_m2", "start_date"]

    term_months = form_field(
        LeaseApplication, "term_months", label=_("New term (months)")
    )
    rent_per_m2 = form_field(
        Lease, "rent_per_m2", label=_("New monthly rent per m² (CNY)"), required=False
    )
    start_date = forms.DateField(
        label=_("Renewal starts on"),
        required=False,
        widget=DATE,
        help_text=_("Leave empty to start the day after this lease ends."),
    )


class TerminateForm(forms.Form):
    on = forms.DateField(label=_("Last day of the lease"), widget=DATE)
    reason = required_text(Lease, "termination_reason", label=_("Reason"))
