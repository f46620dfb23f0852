"""Parks pages for the operator: occupancy dashboard, stacking plan, rent roll.
Each page runs a fixed number of SQL queries whatever the number of units."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from core.access import get_scoped
from core.downloads import file_response
from core.views import render_page
from parks.models import Building, Park, Unit, UnitStatus
from parks.panels import dashboard_panels
from parks.queries.occupancy import (
    OVERVIEW_SORTS,
    occupancy_trend,
    operated_parks,
    overview_totals,
    park_occupancy,
    parks_overview,
    stacking_plan,
    unit_panel,
    upcoming_expiries,
    with_rates,
)
from parks.queries.rent_roll import (
    RentRollFilter,
    rent_roll,
    rent_roll_xlsx,
)

RENT_ROLL_PER_PAGE = 50
OVERVIEW_PER_PAGE = 25


def _park(request: HttpRequest, park_id: int) -> Park:
    return get_scoped(
        Park.objects.operated_by(request.user).select_related("operator"), pk=park_id
    )


@login_required
def occupancy_parks(request: HttpRequest) -> HttpResponse:
    """Every park of the operator with its figures, sortable and paginated, and
    the totals over all of them (a fixed number of queries at any size)."""
    parks = operated_parks(request.user)
    only = list(parks.values_list("pk", flat=True)[:2])
    if len(only) == 1:  # one park: its dashboard shows these figures and more
        return redirect("parks:park_dashboard", only[0])
    sort = request.GET.get("sort", "name")
    if sort.lstrip("-") not in OVERVIEW_SORTS:
        sort = "name"
    rows = parks_overview(parks, sort)
    page = Paginator(rows, OVERVIEW_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "rows": with_rates(page),
        "totals": overview_totals(parks),
        "filters": {"sort": sort.lstrip("-"), "descending": sort.startswith("-")},
    }
    return render(request, "parks/occupancy_parks.html", context)


@login_required
def park_dashboard(request: HttpRequest, park_id: int) -> HttpResponse:
    park = _park(request, park_id)
    today = timezone.localdate()
    context = {
        "park": park,
        "tab": "dashboard",
        "numbers": park_occupancy(park, today=today),
        "trend": occupancy_trend(park, today=today),
        "expiries": list(upcoming_expiries(park, today=today)[:20]),
        "panels": dashboard_panels(request, park),
    }
    return render(request, "parks/park_dashboard.html", context)


@login_required
def stacking(request: HttpRequest, park_id: int) -> HttpResponse:
    park = _park(request, park_id)
    context = {
        "park": park,
        "tab": "stacking",
        "plan": stacking_plan(park),
        "statuses": UnitStatus.choices,
    }
    return render(request, "parks/stacking_plan.html", context)


@login_required
def stacking_unit(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_scoped(
        Unit.objects.filter(
            park__in=Park.objects.operated_by(request.user)
        ).select_related("park", "building"),
        pk=unit_id,
    )
    context = {"park": unit.park, **unit_panel(unit)}
    if request.htmx:
        return render(request, "parks/stacking_plan.html#panel", context)
    return render(request, "parks/stacking_unit.html", context)


@login_required
def rent_roll_page(request: HttpRequest, park_id: int) -> HttpResponse:
    park = _park(request, park_id)
    filters = RentRollFilter.from_query(request.GET)
    units = rent_roll(park, filters)
    page = Paginator(units, RENT_ROLL_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "park": park,
        "tab": "rent_roll",
        "filters": filters,
        "page_obj": page,
        "total_rent": units.total,
        "buildings": [
            (b.pk, b) for b in Building.objects.filter(park=park).order_by("name")
        ],
        "statuses": UnitStatus.choices,
    }
    return render_page(request, "parks/rent_roll.html", "table", context)


@login_required
def rent_roll_export(request: HttpRequest, park_id: int) -> HttpResponse:
    park = _park(request, park_id)
    units = rent_roll(park, RentRollFilter.from_query(request.GET))
    stamp = timezone.localdate().isoformat()
    return file_response(
        rent_roll_xlsx(park, units), f"rent-roll-park-{park.pk}-{stamp}.xlsx"
    )
