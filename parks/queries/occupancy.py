"""Occupancy reads for a park's operator: the dashboard numbers, the 24-month
trend (as inline SVG geometry), the stacking plan and the unit panel.

Every function runs a fixed number of SQL queries whatever the number of units.
The rent roll is in `parks.queries.rent_roll`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from html import escape
from typing import NamedTuple

from django.db.models import (
    Case,
    Count,
    F,
    FloatField,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString

from core.dates import add_months
from core.money import money
from parks.models import Building, Lease, Park, ParkFigures, Sale, Unit, UnitStatus

ZERO = Decimal("0")
EXPIRY_WINDOWS = (30, 60, 90)
TREND_MONTHS = 24


def _rate(part: Decimal | int, whole: Decimal | int) -> Decimal:
    if not whole:
        return Decimal("0.0000")
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001"))


def expiring_within(days: int, today: date) -> Q:
    """An active lease whose term ends within the next `days` days: the one rule
    for the dashboard's figures and the lists they link to."""
    return Q(
        status=Lease.Status.ACTIVE,
        end_date__gte=today,
        end_date__lte=today + timedelta(days=days),
    )


def park_occupancy(park: Park, *, today: date | None = None) -> dict:
    """The occupancy numbers of a park. Units: total = leased + sold + vacant +
    reserved. The occupancy rate counts leased and sold units. Worked out once
    per day and change to the park's units or leases (each moves its figures'
    version): one query until then."""
    today = today or timezone.localdate()
    return ParkFigures.memo(
        f"occupancy:{park.pk}:{today}",
        lambda: _park_occupancy(park, today),
        refresh=False,  # from the units and leases, not from the figures
        pk=park.pk,
    )


def _park_occupancy(park: Park, today: date) -> dict:
    by_status = {
        status: (
            Count("pk", filter=Q(status=status)),
            Sum("area_m2", filter=Q(status=status)),
        )
        for status in UnitStatus.values
    }
    aggregates: dict = {"units_total": Count("pk"), "area_total": Sum("area_m2")}
    for status, (count, area) in by_status.items():
        aggregates[f"units_{status}"] = count
        aggregates[f"area_{status}"] = area
    units = Unit.objects.filter(park=park).aggregate(**aggregates)
    lease_windows = {
        f"expiring_{days}": Count("pk", filter=expiring_within(days, today))
        for days in EXPIRY_WINDOWS
    }
    leases = Lease.objects.filter(unit__park=park).aggregate(
        active_leases=Count("pk", filter=Q(status=Lease.Status.ACTIVE)),
        **lease_windows,
    )
    monthly_rent = rent_in_force(park, today)
    area = {s: units[f"area_{s}"] or ZERO for s in UnitStatus.values}
    total_area = units["area_total"] or ZERO
    occupied_units = units["units_leased"] + units["units_sold"]
    occupied_area = area[UnitStatus.LEASED] + area[UnitStatus.SOLD]
    return {
        "park_id": park.pk,
        "as_of": today,
        "units_total": units["units_total"],
        "units_leased": units["units_leased"],
        "units_sold": units["units_sold"],
        "units_vacant": units["units_vacant"],
        "units_reserved": units["units_reserved"],
        "occupancy_rate": _rate(occupied_units, units["units_total"]),
        "occupancy_rate_by_area": _rate(occupied_area, total_area),
        "total_area_m2": money(total_area),
        "leased_area_m2": money(area[UnitStatus.LEASED]),
        "sold_area_m2": money(area[UnitStatus.SOLD]),
        "vacant_area_m2": money(area[UnitStatus.VACANT]),
        "reserved_area_m2": money(area[UnitStatus.RESERVED]),
        "active_leases": leases["active_leases"],
        "monthly_rent": money(monthly_rent),
        "revenue_run_rate": money(monthly_rent * 12),
        "expiring_30": leases["expiring_30"],
        "expiring_60": leases["expiring_60"],
        "expiring_90": leases["expiring_90"],
    }


def rent_in_force(park: Park, day: date) -> Decimal:
    """What the park's active leases charge a month on `day` (the one rent
    calculation): the park's kept figure when it holds for that day, else
    computed (one query either way)."""
    if day == timezone.localdate():
        kept = ParkFigures.holding().filter(park=park)
        for rent in kept.values_list("rent_active", flat=True):
            return rent
    active = Lease.objects.filter(unit__park=park, status=Lease.Status.ACTIVE)
    return active.rent_in_force(day).get(park.pk, (ZERO, None))[0]


def kept_occupancy(park_ids: Sequence[int]) -> dict[int, dict]:
    """Each park's unit count, occupancy rate and landed firms as its kept
    figures hold them (refreshed first where stale): one read for any number of
    parks, for pages that set many parks side by side."""
    ParkFigures.refresh()
    kept = {
        figures.park_id: {
            "units_total": figures.units_total,
            "occupancy_rate": _rate(figures.units_occupied, figures.units_total),
            "companies_admitted": figures.companies_admitted,
        }
        for figures in ParkFigures.objects.filter(park_id__in=park_ids)
    }
    none = {"units_total": 0, "occupancy_rate": _rate(0, 0), "companies_admitted": 0}
    return {pk: kept.get(pk, none) for pk in park_ids}


def upcoming_expiries(park: Park, *, today: date | None = None, days: int = 90):
    today = today or timezone.localdate()
    return (
        Lease.objects.filter(expiring_within(days, today), unit__park=park)
        .select_related("unit__building", "company")
        .order_by("end_date", "pk")
    )


# --- the overview of all the operator's parks -------------------------------------


def _overview_figures() -> dict:
    """The overview's figures of a park, as expressions over its kept figures
    (`ParkFigures`): its rows, their order and its totals all read these."""
    units = {
        n: F(f"figures__{n}")
        for n in ("units_total", "units_leased", "units_sold", "units_vacant")
    }
    return {
        **units,
        "area_total": F("figures__area_total"),
        "area_occupied": F("figures__area_leased") + F("figures__area_sold"),
        "monthly_rent": F("figures__rent_active"),
    }


OVERVIEW_SORTS = {
    "name": "name",
    "units": "units_total",
    "leased": "units_leased",
    "vacant": "units_vacant",
    "occupancy": "occupancy",
    "area": "area_occupied",
    "rent": "monthly_rent",
}


def operated_parks(user) -> QuerySet[Park]:
    """The user's operators' parks, each once (a user may staff two operators)."""
    return Park.objects.filter(pk__in=Park.objects.operated_by(user).values("pk"))


def parks_overview(parks: QuerySet[Park], sort: str = "name") -> QuerySet[Park]:
    """Each park with its occupancy figures, sorted by any of them in SQL
    (ties, and the name itself, in the database's collation: name, then id):
    read from the parks' kept figures, so a page of parks costs the same
    whatever the number of units, leases and parks."""
    key = OVERVIEW_SORTS.get(sort.lstrip("-"), "name")
    descending = sort.startswith("-")
    ParkFigures.refresh()
    occupied = F("units_leased") + F("units_sold")
    rows = parks.annotate(**_overview_figures()).annotate(
        units_occupied=occupied,
        occupancy=Case(
            When(units_total=0, then=Value(0.0)),
            default=Cast(occupied, FloatField()) / Cast("units_total", FloatField()),
            output_field=FloatField(),
        ),
    )
    by_name = "-name" if key == "name" and descending else "name"
    first = [] if key == "name" else [F(key).desc() if descending else F(key).asc()]
    return rows.order_by(*first, by_name, "pk")


def with_rates(rows) -> list:
    """The page's rows with their occupancy rates (the dashboard's rounding)."""
    rows = list(rows)
    for row in rows:
        row.occupancy_rate = _rate(row.units_occupied, row.units_total)
        row.occupancy_rate_by_area = _rate(row.area_occupied, row.area_total)
    return rows


def overview_totals(parks: QuerySet[Park]) -> dict:
    """The same figures over all the parks at once, summed in one query: the
    sum of the overview's rows."""
    ParkFigures.refresh()
    totals = parks.aggregate(
        **{name: Sum(expr) for name, expr in _overview_figures().items()}
    )
    for name in ("units_total", "units_leased", "units_sold", "units_vacant"):
        totals[name] = totals[name] or 0
    for name in ("area_total", "area_occupied", "monthly_rent"):
        totals[name] = money(totals[name] or ZERO)
    totals["units_occupied"] = totals["units_leased"] + totals["units_sold"]
    totals["occupancy_rate"] = _rate(totals["units_occupied"], totals["units_total"])
    totals["occupancy_rate_by_area"] = _rate(
        totals["area_occupied"], totals["area_total"]
    )
    return totals


# --- the trend ----------------------------------------------------------------------


@dataclass(frozen=True)
class TrendPoint:
    month: date
    occupied: int
    rate: Decimal
    x: float
    y: float


@dataclass
class Trend:
    points: list[TrendPoint]
    width: int = 720
    height: int = 220
    left: int = 44
    bottom: int = 28
    grid: list[dict] = field(default_factory=list)

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)

    @property
    def area_path(self) -> str:
        if not self.points:
            return ""
        base = self.height - self.bottom
        first, last = self.points[0], self.points[-1]
        return (
            f"M{first.x:.1f},{base} L"
            + " L".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)
            + f" L{last.x:.1f},{base} Z"
        )


def occupancy_trend(
    park: Park, *, today: date | None = None, months: int = TREND_MONTHS
) -> Trend:
    """Occupied units (an active lease or a completed sale) on the last day of
    each of the last `months` months, from lease date ranges (three queries)."""
    today = today or timezone.localdate()
    this_month = today.replace(day=1)
    month_ends = [
        min(add_months(this_month, -i + 1) - timedelta(days=1), today)
        for i in range(months - 1, -1, -1)
    ]
    total = Unit.objects.filter(park=park).count()
    leases = list(
        Lease.objects.filter(
            unit__park=park, activated_on__isnull=False, end_date__gte=month_ends[0]
        ).values_list("unit_id", "start_date", "end_date")
    )
    sold = list(
        Sale.objects.filter(
            unit__park=park, status=Sale.Status.COMPLETED, completed_on__isnull=False
        ).values_list("unit_id", "completed_on")
    )
    width, height, left, bottom, top = 720, 220, 44, 28, 12
    plot_w, plot_h = width - left - 12, height - bottom - top
    step = plot_w / max(months - 1, 1)
    points = []
    for i, day in enumerate(month_ends):
        units = {u for u, start, end in leases if start <= day <= end}
        units |= {u for u, completed in sold if completed <= day}
        rate = _rate(len(units), total)
        points.append(
            TrendPoint(
                month=day.replace(day=1),
                occupied=len(units),
                rate=rate,
                x=left + i * step,
                y=top + plot_h * (1 - float(rate)),
            )
        )
    grid = [
        {"label": f"{pct}%", "y": top + plot_h * (1 - pct / 100)}
        for pct in (0, 25, 50, 75, 100)
    ]
    return Trend(points=points, grid=grid)


# --- the stacking plan -----------------------------------------------------------


class PlanUnit(NamedTuple):
    """The few fields of a unit a plan cell shows (no model instance per cell)."""

    pk: int
    code: str
    floor: int
    status: str
    area_m2: Decimal
    building_id: int


@dataclass
class PlanCell:
    unit: PlanUnit
    company: str = ""
    end_date: date | None = None
    band: str = ""  # expiry band: "" | "exp90" | "exp180"
    panel_url: str = ""
    status_label: str = ""

    @property
    def html(self) -> SafeString:
        """The cell's link, built here rather than by the template: a plan has
        hundreds of cells, and per-cell template work was most of the page.
        Plain string formatting with each text escaped (format_html's lazy-aware
        escaping of every argument cost more than the rest of the cell)."""
        unit = self.unit
        title = " · ".join(
            str(part)
            for part in (
                unit.code,
                self.status_label,
                self.company,
                self.end_date.strftime("%Y-%m-%d") if self.end_date else "",
            )
            if part
        )
        area = unit.area_m2.quantize(Decimal(1), rounding=ROUND_HALF_UP)
        url = escape(self.panel_url)
        who = (
            f'<small class="who">{escape(self.company)}</small>' if self.company else ""
        )
        return SafeString(
            f'<a class="cell st-{escape(unit.status)} {self.band}" href="{url}"'
            f' hx-get="{url}" hx-target="#unit-panel" hx-swap="innerHTML"'
            f' title="{escape(title)}"><strong>{escape(unit.code)}</strong>'
            f"<small>{area} m²</small>{who}</a>"
        )


@dataclass
class PlanBuilding:
    building: Building
    floors: list[tuple[int, list[PlanCell]]]

    @property
    def floor_rows(self) -> list[tuple[int, SafeString]]:
        """Each floor with its cells' links as one piece of HTML."""
        return [
            (floor, SafeString("".join(cell.html for cell in cells)))
            for floor, cells in self.floors
        ]


def expiry_band(end_date: date | None, today: date) -> str:
    if end_date is None:
        return ""
    days = (end_date - today).days
    if days <= 90:
        return "exp90"
    if days <= 180:
        return "exp180"
    return ""


def stacking_plan(park: Park, *, today: date | None = None) -> list[PlanBuilding]:
    """Buildings × floors (top floor first) × units, each with its occupant and
    expiry band (four queries)."""
    today = today or timezone.localdate()
    buildings = list(Building.objects.filter(park=park).order_by("name"))
    units = [
        PlanUnit(*row)
        for row in Unit.objects.filter(park=park)
        .order_by("building_id", "-floor", "code")
        .values_list(*PlanUnit._fields)
    ]
    holders: dict[int, tuple[str, date | None]] = {}
    for unit_id, company, end, status in (
        Lease.objects.filter(unit__park=park)
        .current_first(by_unit=True)
        .values_list("unit_id", "company__name", "end_date", "status")
    ):
        if unit_id not in holders:  # the unit's current lease; its end once active
            holders[unit_id] = (company, end if status == Lease.Status.ACTIVE else None)
    for unit_id, company in Sale.objects.filter(
        unit__park=park, status__in=(*Sale.HOLDING, Sale.Status.COMPLETED)
    ).values_list("unit_id", "company__name"):
        holders[unit_id] = (company, None)
    by_building: dict[int, dict[int, list[PlanCell]]] = {}
    # One URL reversal and one translated label per status for the whole plan,
    # not per cell (a lazy label was translated again in every cell).
    head, tail = reverse("parks:stacking_unit", args=[0]).rsplit("/0/", 1)
    labels = {value: str(label) for value, label in UnitStatus.choices}
    for unit in units:
        company, end = holders.get(unit.pk, ("", None))
        cell = PlanCell(
            unit=unit,
            company=company,
            end_date=end,
            band=expiry_band(end, today) if unit.status == UnitStatus.LEASED else "",
            panel_url=f"{head}/{unit.pk}/{tail}",
            status_label=labels.get(unit.status, unit.status),
        )
        by_building.setdefault(unit.building_id, {}).setdefault(unit.floor, []).append(
            cell
        )
    return [
        PlanBuilding(
            building=b,
            floors=sorted(by_building.get(b.pk, {}).items(), reverse=True),
        )
        for b in buildings
    ]


def unit_panel(unit: Unit) -> dict:
    """What the stacking plan's detail panel shows for one unit (three queries):
    its current lease, its latest leases and its sale."""
    leases = list(
        unit.leases.select_related("company").order_by("-start_date", "-pk")[:5]
    )
    sales = list(unit.sales.select_related("company").order_by("-created_at")[:3])
    current = unit.leases.current_first().select_related("company").first()
    sale = next(
        (s for s in sales if s.status in (*Sale.HOLDING, Sale.Status.COMPLETED)), None
    )
    return {"unit": unit, "lease": current, "sale": sale, "history": leases}
