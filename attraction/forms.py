"""Forms that shape input for the attraction pages; the rules live in actions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from attraction.actions import COST_FIELDS, LINK_FIELDS, PROSPECT_FORM_FIELDS
from attraction.models import (
    MARKETS,
    Activity,
    Chain,
    ChainLink,
    CostSheet,
    ItemKind,
    PolicyItem,
    Position,
    Prospect,
    Source,
)
from core.forms import required_text
from core.industries import division_choices
from core.limits import form_field

# A plain form whose fields come from the model (limits in one place); the
# action resolves the ids and runs the model's full_clean.
_ProspectBase = type(
    "_ProspectBase",
    (forms.Form,),
    dict(
        forms.fields_for_model(
            Prospect,
            fields=PROSPECT_FORM_FIELDS,
            widgets={"next_action_on": forms.DateInput(attrs={"type": "date"})},
        )
    ),
)


class ProspectForm(_ProspectBase):
    officer = forms.ChoiceField(label=_("Investment officer"), required=False)
    chain_link = forms.ChoiceField(label=_("Chain link"), required=False)
    referred_by = forms.ChoiceField(label=_("Referred by (tenant)"), required=False)
    industry_code = forms.ChoiceField(label=_("Industry (GB/T 4754)"))

    def __init__(self, *args, park, officers, links, tenants, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        blank = [("", "—")]
        self.fields["industry_code"].choices = division_choices()
        self.fields["officer"].choices = blank + [(u.pk, str(u)) for u in officers]
        self.fields["chain_link"].choices = blank + [
            (link.pk, link.display_name) for link in links
        ]
        self.fields["referred_by"].choices = blank + [(c.pk, c.name) for c in tenants]
        self.fields["uscc"].required = False


class StageForm(forms.Form):
    stage = forms.CharField()
    note = form_field(Prospect, "lost_reason")


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[c for c in Activity.Kind.choices if c[0] != Activity.Kind.STAGE],
    )
    on = forms.DateField(
        label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    note = required_text(Activity, "note")
    next_action_on = forms.DateField(
        label=_("Next action on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    next_action = forms.CharField(label=_("Next step"), required=False, max_length=200)


class ItemForm(forms.ModelForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=ItemKind.choices)

    class Meta:
        model = PolicyItem
        fields = [
            "kind",
            "months",
            "rate_percent",
            "amount",
            "conditions",
            "schedule",
            "budget_source",
        ]


class ChainForm(forms.ModelForm):
    class Meta:
        model = Chain
        fields = ["name", "name_zh", "industry_code", "gap_points", "weak_points"]


class LinkForm(forms.ModelForm):
    industry_codes = forms.CharField(
        label=_("GB/T 4754 codes"),
        help_text=_("Divisions or classes, separated by spaces: 20 2110."),
        max_length=200,
    )
    position = forms.ChoiceField(label=_("Position"), choices=Position.choices)

    class Meta:
        model = ChainLink
        fields = list(LINK_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "description_zh": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["industry_codes"] = " ".join(self.instance.industry_codes)

    def clean_industry_codes(self) -> list[str]:
        return self.cleaned_data["industry_codes"].replace(",", " ").split()


class CostSheetForm(forms.ModelForm):
    class Meta:
        model = CostSheet
        # The sheet's own figures; logistics (one per market) are added below.
        fields = [name for name in COST_FIELDS if name != "logistics"]
        widgets = {
            "as_of": forms.DateInput(attrs={"type": "date"}),
            "sources": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for key, label in MARKETS.items():
            self.fields[f"logistics_{key}"] = forms.DecimalField(
                label=_("Logistics to %(market)s (CNY per tonne)") % {"market": label},
                min_value=0,
                decimal_places=2,
                required=False,
                initial=(self.instance.logistics or {}).get(key),
            )

    def clean(self) -> dict:
        # The model checks the logistics figures as one dict: build it here so
        # its checks run on what was typed (and a missing figure shows at a field).
        cleaned = super().clean()
        self.instance.logistics = self.logistics()
        if not self.instance.logistics:
            self.add_error(
                f"logistics_{next(iter(MARKETS))}",
                _("Enter the logistics cost to at least one market."),
            )
        return cleaned

    def logistics(self) -> dict[str, str]:
        return {
            key: str(self.cleaned_data[f"logistics_{key}"])
            for key in MARKETS
            if self.cleaned_data.get(f"logistics_{key}") is not None
        }

    def action_data(self) -> dict:
        """The sheet's figures with the markets' logistics as one mapping."""
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        return {**data, "logistics": self.logistics()}


def _own_figure(label: str) -> forms.DecimalField:
    """One of the firm's own figures: optional (a preset city fills it), never
    negative."""
    return forms.DecimalField(label=label, min_value=0, required=False)


class CalculatorForm(forms.Form):
    """The public relocation calculator: a preset city or one's own figures."""

    origin_preset = forms.ChoiceField(label=_("Where you are now"), required=False)
    rent_per_m2 = _own_figure(_("Your rent per m² per month (CNY)"))
    wages = _own_figure(_("Your average monthly wage (CNY)"))
    power_tariff = _own_figure(_("Your power tariff (CNY per kWh)"))
    water_tariff = _own_figure(_("Your water tariff (CNY per m³)"))
    gas_tariff = _own_figure(_("Your gas tariff (CNY per m³)"))
    logistics_per_tonne = _own_figure(_("Your logistics cost per tonne (CNY)"))
    market = forms.ChoiceField(
        label=_("Main market"), choices=[(k, v) for k, v in MARKETS.items()]
    )
    area_m2 = forms.DecimalField(label=_("Floor area (m²)"), min_value=0)
    staff = forms.IntegerField(label=_("Staff"), min_value=0, max_value=100_000)
    kwh = forms.DecimalField(label=_("Power per year (kWh)"), min_value=0)
    m3 = forms.DecimalField(label=_("Water per year (m³)"), min_value=0)
    gas_m3 = forms.DecimalField(
        label=_("Gas per year (m³)"), min_value=0, required=False
    )
    tonnes = forms.DecimalField(label=_("Tonnes shipped per year"), min_value=0)

    OWN = (
        "rent_per_m2",
        "wages",
        "power_tariff",
        "water_tariff",
        "gas_tariff",
        "logistics_per_tonne",
    )

    SIZE = ("area_m2", "staff", "kwh", "m3", "gas_m3", "tonnes")

    def __init__(self, *args, presets, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["origin_preset"].choices = [("", _("My own figures"))] + [
            (p.preset_key, p.display_city) for p in presets
        ]

    def clean(self):
        data = super().clean()
        own = [data.get(name) for name in self.OWN[:4]]
        if not data.get("origin_preset") and any(v is None for v in own):
            raise forms.ValidationError(
                _("Pick a city or enter your rent, wage, power and water figures.")
            )
        return data

    def origin(self) -> dict | None:
        data = self.cleaned_data
        if any(data.get(name) is None for name in self.OWN[:4]):
            return None
        return {name: data.get(name) for name in self.OWN}

    def size(self) -> dict:
        """The firm's size and yearly use (no gas is 0)."""
        size = {name: self.cleaned_data[name] for name in self.SIZE}
        return size | {"gas_m3": size["gas_m3"] or 0}


SOURCE_CHOICES = Source.choices
