"""Parks pages: the public park list and unit search; the operator's inventory."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.access import get_scoped
from core.downloads import file_response
from core.errors import DomainError
from core.views import apply_errors, render_page, submit
from parks.access import refuse_park_form
from parks.actions import inventory as actions
from parks.actions.unit_import import ImportRejected, units_import
from parks.forms.inventory import (
    BuildingForm,
    ImportForm,
    ParkSettingsForm,
    UnitForm,
    UnitSearchForm,
)
from parks.models import MANAGER_ROLES, OFFICER_ROLES, Building, Park, Unit
from parks.panels import park_public_panels
from parks.queries.inventory import parks_with_counts, unit_search
from parks.queries.unit_sheets import (
    units_export_csv,
    units_export_xlsx,
    units_template,
)

PER_PAGE = 25


def _page(request: HttpRequest, rows, per_page: int = PER_PAGE):
    return Paginator(rows, per_page).get_page(request.GET.get("page"))


# --- public ------------------------------------------------------------------------


PARKS_PER_PAGE = 24


def park_list(request: HttpRequest) -> HttpResponse:
    page = _page(request, parks_with_counts(), PARKS_PER_PAGE)
    return render(request, "parks/park_list.html", {"page_obj": page})


def park_detail(request: HttpRequest, park_id: int) -> HttpResponse:
    park = get_scoped(parks_with_counts(), pk=park_id)
    form = UnitSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    units = unit_search(park, **{k: v for k, v in filters.items() if v not in ("",)})
    context = {
        "park": park,
        "form": form,
        "page_obj": _page(request, units),
    }
    if request.htmx:
        return render(request, "parks/park_detail.html#units", context)
    context["panels"] = park_public_panels.render(request, park)
    return render(request, "parks/park_detail.html", context)


# --- operator ----------------------------------------------------------------------


def _operated(request: HttpRequest, park_id: int) -> Park:
    return get_scoped(Park.objects.operated_by(request.user), pk=park_id)


@login_required
def operator_parks(request: HttpRequest) -> HttpResponse:
    parks = parks_with_counts(Park.objects.operated_by(request.user))
    return render(request, "parks/operator_parks.html", {"parks": parks})


@login_required
def park_settings(request: HttpRequest, park_id: int) -> HttpResponse:
    park = _operated(request, park_id)
    dashboard = reverse("parks:park_dashboard", args=[park.pk])
    if refused := refuse_park_form(request, park, MANAGER_ROLES, dashboard):
        return refused
    form = ParkSettingsForm(
        request.POST or None, initial=ParkSettingsForm.initial_for(park)
    )
    if done := submit(
        request,
        form,
        actions.park_update,
        park=park,
        success=_("The park settings were saved."),
        then=reverse("parks:park_settings", args=[park.pk]),
        rename={"featured_industries": "featured_1"},
    ):
        return done
    return render(
        request,
        "parks/park_settings.html",
        {"park": park, "form": form, "tab": "settings"},
    )


@login_required
def buildings(request: HttpRequest, park_id: int) -> HttpResponse:
    park = _operated(request, park_id)
    form = BuildingForm(request.POST or None)
    if done := submit(
        request,
        form,
        actions.building_create,
        park=park,
        success=lambda b: _("Building %(name)s was added.") % {"name": b.name},
        then=reverse("parks:buildings", args=[park.pk]),
    ):
        return done
    rows = park.buildings.annotate(unit_count=Count("units")).order_by("name")
    return render(
        request,
        "parks/buildings.html",
        {"park": park, "form": form, "buildings": rows, "tab": "buildings"},
    )


@login_required
def building_edit(request: HttpRequest, building_id: int) -> HttpResponse:
    building = get_scoped(
        Building.objects.filter(
            park__in=Park.objects.operated_by(request.user)
        ).select_related("park"),
        pk=building_id,
    )
    then = reverse("parks:buildings", args=[building.park_id])
    if refused := refuse_park_form(request, building.park, OFFICER_ROLES, then):
        return refused
    form = BuildingForm(
        request.POST or None,
        initial={
            "name": building.name,
            "kind": building.kind,
            "floors": building.floors,
        },
    )
    if done := submit(
        request,
        form,
        actions.building_update,
        building=building,
        success=_("The building was saved."),
        then=then,
    ):
        return done
    return render(
        request,
        "parks/building_edit.html",
        {"park": building.park, "building": building, "form": form, "tab": "buildings"},
    )


@login_required
def units_admin(request: HttpRequest, park_id: int) -> HttpResponse:
    park = _operated(request, park_id)
    form = UnitSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    units = unit_search(park, **{k: v for k, v in filters.items() if v != ""})
    context = {
        "park": park,
        "form": form,
        "page_obj": _page(request, units, 50),
        "tab": "units",
    }
    return render_page(request, "parks/units_admin.html", "rows", context)


def _unit_form(request: HttpRequest, park: Park, unit: Unit | None) -> HttpResponse:
    then = reverse("parks:units_admin", args=[park.pk])
    if refused := refuse_park_form(request, park, OFFICER_ROLES, then):
        return refused
    initial = {"floor": 1, "offer": "lease"}
    if unit is not None:
        initial = {name: getattr(unit, name) for name in actions.UNIT_FIELDS}
        initial["building"] = str(unit.building_id)
    form = UnitForm(
        request.POST or None,
        initial=initial,
        buildings=park.buildings.order_by("name"),
    )

    if done := submit(
        request,
        form,
        actions.unit_create if unit is None else actions.unit_update,
        **({"park": park} if unit is None else {"unit": unit}),
        success=lambda saved: _("Unit %(code)s was saved.") % {"code": saved.code},
        then=then,
    ):
        return done
    return render(
        request,
        "parks/unit_form.html",
        {"park": park, "unit": unit, "form": form, "tab": "units"},
    )


@login_required
def unit_new(request: HttpRequest, park_id: int) -> HttpResponse:
    return _unit_form(request, _operated(request, park_id), None)


@login_required
def unit_edit(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_scoped(
        Unit.objects.filter(park__in=Park.objects.operated_by(request.user)),
        pk=unit_id,
    )
    return _unit_form(request, unit.park, unit)


@login_required
def unit_import(request: HttpRequest, park_id: int) -> HttpResponse:
    park = _operated(request, park_id)
    then = reverse("parks:units_admin", args=[park.pk])
    if refused := refuse_park_form(request, park, OFFICER_ROLES, then):
        return refused
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict = {"park": park, "form": form, "tab": "import"}
    if request.method == "POST" and form.is_valid():
        try:
            context["result"] = units_import(
                park=park, actor=request.user, file=form.cleaned_data["file"]
            )
        except ImportRejected as exc:
            context["row_errors"] = exc.rows
            context["error"] = exc.message
        except DomainError as exc:
            apply_errors(form, exc)
    return render_page(request, "parks/unit_import.html", "panel", context)


@login_required
def unit_template(request: HttpRequest, park_id: int) -> HttpResponse:
    park = _operated(request, park_id)
    return file_response(units_template(park), "units-template.xlsx")


@login_required
def unit_export(request: HttpRequest, park_id: int, fmt: str) -> HttpResponse:
    park = _operated(request, park_id)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    export = units_export_csv if fmt == "csv" else units_export_xlsx
    return file_response(export(park), f"units-{park.pk}.{fmt}")
