"""Forms that shape input for the inventory pages; the rules live in parks.actions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.industries import division_choices
from core.limits import form_field
from parks.models import (
    Building,
    BuildingKind,
    Park,
    ParkKind,
    Unit,
    UnitOffer,
    UnitStatus,
)


class ParkSettingsForm(forms.Form):
    name = forms.CharField(label=_("Name (English)"), max_length=200)
    name_zh = forms.CharField(label=_("Name (Chinese)"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=ParkKind.choices)
    host_region = forms.CharField(label=_("Host region"), max_length=100)
    partner_region = forms.CharField(label=_("Partner region"), max_length=100)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    area_mu = form_field(Park, "area_mu")
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    leading_industry = forms.ChoiceField(
        label=_("Leading industry (the “1”)"),
        help_text=_("One GB/T 4754 division the park is built around."),
    )
    featured_1 = forms.ChoiceField(
        label=_("Featured industry 1 (the “N”)"),
        help_text=_("One to three other divisions that supply or use the leading one."),
    )
    featured_2 = forms.ChoiceField(label=_("Featured industry 2"), required=False)
    featured_3 = forms.ChoiceField(label=_("Featured industry 3"), required=False)
    min_investment_per_mu = form_field(Park, "min_investment_per_mu")
    min_output_per_mu = form_field(Park, "min_output_per_mu")
    min_tax_per_mu = form_field(Park, "min_tax_per_mu")
    min_jobs = form_field(Park, "min_jobs")
    max_energy_per_10k_output = form_field(Park, "max_energy_per_10k_output")
    admission_sla_days = form_field(Park, "admission_sla_days")
    output_share_host = form_field(Park, "output_share_host")
    tax_share_host = form_field(Park, "tax_share_host")
    deposit_months = form_field(Park, "deposit_months")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = division_choices()
        for name in ("leading_industry", *self.FEATURED):
            self.fields[name].choices = [("", "—"), *choices]

    FEATURED = ("featured_1", "featured_2", "featured_3")

    @classmethod
    def initial_for(cls, park) -> dict:
        initial = {
            name: getattr(park, name) for name in cls.base_fields if hasattr(park, name)
        }
        for name, code in zip(
            cls.FEATURED, park.featured_industries or (), strict=False
        ):
            initial[name] = code
        return initial

    def action_data(self) -> dict:
        """The cleaned data as park_update takes it: the featured list joined."""
        data = dict(self.cleaned_data)
        data["featured_industries"] = [
            code for code in (data.pop(name, "") for name in self.FEATURED) if code
        ]
        return data


class BuildingForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), choices=BuildingKind.choices)
    floors = form_field(Building, "floors")


class UnitForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=30)
    building = forms.ChoiceField(label=_("Building"))
    floor = form_field(Unit, "floor")
    area_m2 = form_field(Unit, "area_m2")
    floor_load_kn_m2 = form_field(Unit, "floor_load_kn_m2")
    ceiling_height_m = form_field(Unit, "ceiling_height_m")
    power_kva = form_field(Unit, "power_kva")
    offer = forms.ChoiceField(label=_("Offer"), choices=UnitOffer.choices)
    monthly_rent_per_m2 = form_field(Unit, "monthly_rent_per_m2")
    sale_price_per_m2 = form_field(Unit, "sale_price_per_m2")

    def __init__(self, *args, buildings=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["building"].choices = [(str(b.pk), b.name) for b in buildings]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Units workbook (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )


class UnitSearchForm(forms.Form):
    """The public unit search; every field optional, bad values ignored."""

    offer = forms.ChoiceField(
        label=_("Offer"),
        required=False,
        choices=[
            ("", _("Lease or sale")),
            ("lease", _("To lease")),
            ("sale", _("To buy")),
        ],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *UnitStatus.choices],
    )
    min_area = forms.DecimalField(
        label=_("Area from (m²)"), min_value=0, required=False
    )
    max_area = forms.DecimalField(label=_("Area to (m²)"), min_value=0, required=False)
