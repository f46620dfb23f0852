"""Forms that shape input for the admission pages; the rules live in parks.actions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import text_field
from core.industries import division_choices
from core.limits import form_field
from parks.models import AdmissionApplication, PollutionCategory


class AdmissionForm(forms.Form):
    company = forms.ChoiceField(label=_("Applying company"))
    project_summary = text_field(
        AdmissionApplication,
        "project_summary",
        rows=4,
        help_text=_("Products, process, customers and the chain link you fill."),
    )
    industry_code = forms.ChoiceField(
        label=_("Project industry (GB/T 4754)"),
        required=False,
        help_text=_("Leave empty to use the company's industry."),
    )
    planned_investment = form_field(AdmissionApplication, "planned_investment")
    expected_annual_output = form_field(AdmissionApplication, "expected_annual_output")
    expected_annual_tax = form_field(AdmissionApplication, "expected_annual_tax")
    jobs = form_field(AdmissionApplication, "jobs")
    # The needs are optional: left empty, the model's default (0) applies, so
    # the fields start empty rather than at that default.
    land_mu = form_field(
        AdmissionApplication,
        "land_mu",
        required=False,
        initial=None,
        help_text=_("Or give the floor area: 666.67 m² count as one mu."),
    )
    floor_area_m2 = form_field(
        AdmissionApplication,
        "floor_area_m2",
        required=False,
        initial=None,
    )
    energy_tce_per_year = form_field(
        AdmissionApplication,
        "energy_tce_per_year",
        required=False,
        initial=None,
    )
    pollution_category = forms.ChoiceField(
        label=_("Pollution category"), choices=PollutionCategory.choices
    )
    attachments = forms.MultipleChoiceField(
        label=_("Attachments from the KYC vault"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, companies=None, documents=(), **kwargs) -> None:
        """`companies` to pick from when applying; None when editing (the
        application's company is fixed)."""
        super().__init__(*args, **kwargs)
        if companies is None:
            del self.fields["company"]
        else:
            self.companies = {str(c.pk): c for c in companies}
            self.fields["company"].choices = [(str(c.pk), c.name) for c in companies]
        self.fields["industry_code"].choices = [("", "—"), *division_choices()]
        self.fields["attachments"].choices = [
            (str(d.pk), f"{d.get_kind_display()} · {d.filename}") for d in documents
        ]

    def clean_company(self):
        return self.companies[self.cleaned_data["company"]]

    def action_data(self) -> dict:
        data = dict(self.cleaned_data)
        for name in ("land_mu", "floor_area_m2", "energy_tce_per_year"):
            if data.get(name) is None:
                data[name] = 0
        data["attachments"] = [int(pk) for pk in data.get("attachments") or []]
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("approve", _("Approve")),
            ("request_info", _("Ask for more information")),
            ("reject", _("Reject")),
        ],
        widget=forms.RadioSelect,
    )
    note = text_field(
        AdmissionApplication,
        "decision_note",
        label=_("Note to the applicant"),
        rows=3,
        help_text=_("Needed when rejecting or asking for information."),
    )


class OfficerForm(forms.Form):
    officer = forms.ChoiceField(label=_("First-responsible officer"))

    def __init__(self, *args, staff=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officer"].choices = [
            (str(s.user_id), f"{s.user} · {s.get_role_display()}") for s in staff
        ]
