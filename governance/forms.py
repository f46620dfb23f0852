"""Forms that shape input for the governance pages; the rules live in actions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import required_text, text_field
from core.limits import form_field
from governance.actions.commitments import PARK_KINDS
from governance.actions.settings import SETTINGS_FIELDS
from governance.models import (
    Commitment,
    CommitmentKind,
    Concern,
    OperatingReport,
    ParkGovernance,
)


class CommitmentForm(forms.Form):
    company = forms.TypedChoiceField(label=_("Company"), coerce=int)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(k.value, k.label) for k in CommitmentKind if k in PARK_KINDS],
    )
    description = text_field(
        Commitment, "description", label=_("What was promised"), rows=3
    )
    amount = forms.DecimalField(
        label=_("Amount (CNY)"), min_value=0, decimal_places=2, required=False
    )
    due_date = forms.DateField(
        label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"})
    )


class NoteForm(forms.Form):
    note = text_field(Commitment, "close_note")


class EvidenceForm(forms.Form):
    document = forms.TypedChoiceField(
        label=_("A document of the company"), coerce=int, required=False
    )
    file = forms.FileField(label=_("Or upload a file (PDF, PNG, JPEG)"), required=False)

    def action_data(self) -> dict:
        return {
            "document_id": self.cleaned_data["document"] or None,
            "upload": self.cleaned_data["file"],
        }


class ConcernForm(forms.Form):
    text = text_field(Concern, "text", label=_("Your concern"), rows=3)


class AnswerForm(forms.Form):
    answer = required_text(Concern, "answer", rows=3)


class ReportForm(forms.Form):
    admission = forms.TypedChoiceField(label=_("Company and park"), coerce=int)
    period = form_field(
        OperatingReport,
        "period",
        help_text=_("For example 2026Q3."),
    )
    output = form_field(
        OperatingReport, "output", label=_("Output in the quarter (CNY)")
    )
    tax_paid = form_field(
        OperatingReport, "tax_paid", label=_("Tax paid in the quarter (CNY)")
    )
    employees = form_field(OperatingReport, "employees")
    energy_tce = form_field(
        OperatingReport, "energy_tce", label=_("Energy use in the quarter (tce)")
    )
    attachment = forms.FileField(
        label=_("Attachment (optional: PDF, PNG, JPEG)"), required=False
    )


class SettingsForm(forms.ModelForm):
    """The park's governance settings; limits come from the model."""

    class Meta:
        model = ParkGovernance
        fields = list(SETTINGS_FIELDS)
