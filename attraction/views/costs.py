"""Cost sheets (the operator's published costs) and the public relocation
calculator that compares them with a firm's current site."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from attraction import actions
from attraction.comparison import comparison_for
from attraction.forms import CalculatorForm, CostSheetForm
from attraction.models import CostSheet
from attraction.queries import current_cost_sheet, origin_presets
from attraction.views.common import park_of
from core.access import get_scoped
from core.errors import DomainError
from core.views import apply_errors, render_page, submit
from parks.models import Park

ITEM_LABELS = {
    "rent": gettext_lazy("Factory rent"),
    "wages": gettext_lazy("Wages"),
    "power": gettext_lazy("Power"),
    "water": gettext_lazy("Water"),
    "gas": gettext_lazy("Gas"),
    "logistics": gettext_lazy("Logistics"),
}


@login_required
def cost_sheet_page(request: HttpRequest, park_id: int) -> HttpResponse:
    park = park_of(request, park_id)
    current = current_cost_sheet(park)
    # The new sheet is the park's: the model's checks (a sheet without a park is
    # an origin preset and needs a key) see the park while the form validates.
    form = CostSheetForm(request.POST or None, instance=CostSheet(park=park))
    if current is not None and not form.is_bound:
        form = CostSheetForm(instance=current)
        form.initial["as_of"] = None
    done = submit(
        request,
        form,
        actions.cost_sheet_save,
        success=_("Cost sheet saved."),
        then=reverse("attraction:costs", args=[park.pk]),
        park=park,
    )
    return done or render(
        request,
        "attraction/cost_sheet.html",
        {
            "park": park,
            "tab": "costs",
            "form": form,
            "current": current,
            "history": park.cost_sheets.order_by("-as_of"),
        },
    )


def calculator(request: HttpRequest, park_id: int) -> HttpResponse:
    """Public: a firm compares its yearly costs where it is with this park's."""
    park = get_scoped(Park.objects.all(), pk=park_id)
    sheet = current_cost_sheet(park)
    presets = origin_presets()
    form = CalculatorForm(request.GET or None, presets=presets)
    result = None
    if form.is_bound and form.is_valid() and sheet is not None:
        try:
            result = comparison_for(
                park=park,
                preset=form.cleaned_data["origin_preset"] or None,
                origin=form.origin(),
                market=form.cleaned_data["market"],
                size=form.size(),
            )
        except DomainError as exc:
            apply_errors(form, exc)
    context = {
        "park": park,
        "sheet": sheet,
        "form": form,
        "result": result,
        "rows": [(ITEM_LABELS[line.key], line) for line in result.comparison.items]
        if result
        else [],
    }
    return render_page(request, "attraction/calculator.html", "result", context)
