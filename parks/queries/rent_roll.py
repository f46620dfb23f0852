"""The rent roll of a park: every unit with its current lease, filterable,
sortable, paginated, and exportable to Excel. A fixed number of queries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO

from django.db.models import F, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from core.money import XLSX_DATE, XLSX_YUAN
from parks.models import Lease, Park, ParkFigures, Unit, UnitStatus
from parks.rent import RentTerms, current_monthly_rent

SORTS = {
    "unit": ("building__name", "code"),
    "company": ("lease_company", "building__name", "code"),
    "rent": (),  # sorted in Python by the rent in force
    "end": ("lease_end", "building__name", "code"),
}


@dataclass(frozen=True)
class RentRollFilter:
    building: int | None = None
    status: str = ""
    expiring_days: int | None = None
    sort: str = "unit"
    descending: bool = False

    @classmethod
    def from_query(cls, params) -> RentRollFilter:
        def int_or_none(value: str | None) -> int | None:
            try:
                number = int(value or "")
            except ValueError:
                return None
            return number if number >= 0 else None

        sort = params.get("sort", "unit")
        descending = sort.startswith("-")
        sort = sort.lstrip("-")
        status = params.get("status", "")
        return cls(
            building=int_or_none(params.get("building")),
            status=status if status in UnitStatus.values else "",
            expiring_days=int_or_none(params.get("expiring")),
            sort=sort if sort in SORTS else "unit",
            descending=descending,
        )


# The current lease's fields each row carries (`lease_<name>`), by lease field.
LEASE_FIELDS = {
    "id": "pk",
    "company": "company__name",
    "company_uscc": "company__uscc",
    "status": "status",
    "start": "start_date",
    "end": "end_date",
    "base_rent": "monthly_rent",
    "terminated_on": "terminated_on",
    "rent_free": "rent_free_months",
    "escalation": "escalation_percent",
    "discount": "rent_discount_percent",
    "deposit": "deposit",
}


# The columns a row shows (page and export): the unit's and its building's name.
UNIT_FIELDS = (
    "code",
    "floor",
    "area_m2",
    "status",
    "building__name",
    "building__name_zh",
)


class RentRoll(Sequence):
    """The rows of a rent roll in order, each a `Unit` carrying its current
    lease (`lease_*`, None for an unlet unit) and the rent in force
    (`lease_rent`). The order and every rent (the total, the sort by rent) are
    known for all rows; the units and their leases are read a slice at a time,
    so a page of 50 costs 50 units and their leases, not the park's 500."""

    def __init__(self, park: Park, ids: list[int], rents: dict[int, Decimal]) -> None:
        self.park, self.ids, self.rents = park, ids, rents

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self._units(self.ids[index])
        return self._units([self.ids[index]])[0]

    def __iter__(self):
        return iter(self._units(self.ids))

    @property
    def total(self) -> Decimal:
        """The monthly rent in force of all its rows."""
        return sum(self.rents.values(), Decimal(0))

    def _units(self, ids: list[int]) -> list[Unit]:
        found = Unit.objects.filter(pk__in=ids).select_related("building")
        by_id = {u.pk: u for u in found.only(*UNIT_FIELDS)}
        leases = current_leases(self.park, ids)
        none: dict = {}
        for unit in by_id.values():
            lease = leases.get(unit.pk, none)
            for name, field in LEASE_FIELDS.items():
                setattr(unit, f"lease_{name}", lease.get(field))
            unit.lease_rent = self.rents.get(unit.pk)
        return [by_id[pk] for pk in ids]


def current_leases(park: Park, unit_ids: list[int] | None = None) -> dict[int, dict]:
    """The current lease (`LEASE_FIELDS` values) of each of the park's units
    that has one, or of the given units only: the active one, else the next
    approved one."""
    leases = Lease.objects.filter(unit__park=park)
    if unit_ids is not None:
        leases = leases.filter(unit__in=unit_ids)
    current: dict[int, dict] = {}
    for lease in leases.current_first(by_unit=True).values(
        "unit_id", *LEASE_FIELDS.values()
    ):
        current.setdefault(lease["unit_id"], lease)
    return current


def rent_roll(
    park: Park, filters: RentRollFilter, *, today: date | None = None
) -> RentRoll:
    """Units of the park, each with its current lease: the active one, else the
    next approved one.

    Two queries before a page is read: the units' order, and the park's
    holding leases (the first per unit is its current one). A correlated
    subquery per unit only for what the SQL must filter or sort by (the
    tenant's name, the end date)."""
    today = today or timezone.localdate()
    current = Lease.objects.filter(unit=OuterRef("pk")).current_first()

    def pick(field: str) -> Subquery:
        return Subquery(current.values(field)[:1])

    units = Unit.objects.filter(park=park)
    if filters.building:
        units = units.filter(building_id=filters.building)
    if filters.status:
        units = units.filter(status=filters.status)
    if filters.expiring_days is not None:
        units = units.annotate(
            current_status=pick("status"), current_end=pick("end_date")
        ).filter(
            current_status=Lease.Status.ACTIVE,
            current_end__gte=today,
            current_end__lte=today + timedelta(days=filters.expiring_days),
        )
    keys = SORTS[filters.sort]
    if filters.sort == "rent":  # the rent in force is computed, not stored
        keys = SORTS["unit"]
    if filters.sort in ("company", "end"):
        units = units.annotate(**{keys[0]: pick(LEASE_FIELDS[keys[0][6:]])})
    first = F(keys[0])
    first = (
        first.desc(nulls_last=True)
        if filters.descending
        else first.asc(nulls_last=True)
    )
    ids = list(units.order_by(first, *keys[1:], "pk").values_list("pk", flat=True))
    # Every current lease's rent in force, worked out once per day and change
    # to the park's leases (each moves its figures' version): the total and the
    # sort by rent need them all, and they were most of the page's time.
    every_rent = ParkFigures.memo(
        f"rent-roll-rents:{park.pk}:{today}",
        lambda: {
            pk: _rent_in_force(lease, today)
            for pk, lease in current_leases(park).items()
        },
        refresh=False,  # from the leases, whose every change moves the version
        pk=park.pk,
    )
    shown = set(ids)
    rents = {pk: rent for pk, rent in every_rent.items() if pk in shown}
    if filters.sort == "rent":
        rent = rents.get
        ids.sort(
            key=lambda pk: (rent(pk) is None, rent(pk) or 0),
            reverse=filters.descending,
        )
        if filters.descending:  # unlet units last either way
            ids.sort(key=lambda pk: rent(pk) is None)
    return RentRoll(park, ids, rents)


def _rent_in_force(lease: dict, today: date) -> Decimal:
    """The monthly rent of a current lease today (its `LEASE_FIELDS` values),
    by the one rent calculation (escalation and discount applied; the first
    year's before it starts)."""
    terms = RentTerms.of_values(**lease)
    return current_monthly_rent(terms, today)


def rent_roll_xlsx(park: Park, units: list[Unit]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("Rent roll")[:31]
    sheet.append([f"{park.name} {park.name_zh}".strip()])
    sheet["A1"].font = Font(bold=True, size=13)
    headers = [
        _("Building"),
        _("Floor"),
        _("Unit"),
        _("Area (m²)"),
        _("Status"),
        _("Tenant"),
        _("USCC"),
        _("Lease start"),
        _("Lease end"),
        _("Monthly rent (CNY)"),
        _("Deposit (CNY)"),
    ]
    sheet.append(headers)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for unit in units:
        sheet.append(
            [
                unit.building.name,
                unit.floor,
                unit.code,
                unit.area_m2,
                unit.get_status_display(),
                unit.lease_company or "",
                unit.lease_company_uscc or "",
                unit.lease_start,
                unit.lease_end,
                unit.lease_rent,
                unit.lease_deposit,
            ]
        )
    for column, width in zip(
        "ABCDEFGHIJK", (14, 6, 10, 11, 10, 36, 22, 12, 12, 16, 14), strict=True
    ):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=3, min_col=8, max_col=9):
        for cell in row:
            cell.number_format = XLSX_DATE
    for row in sheet.iter_rows(min_row=3, min_col=10, max_col=11):
        for cell in row:
            cell.number_format = XLSX_YUAN
    sheet.freeze_panes = "A3"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
