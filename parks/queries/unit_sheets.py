"""Units as spreadsheets: the import template, and exports as .xlsx and .csv.

The columns are the same in the template, the import and the exports, so an
export can be edited and imported back (its status column is ignored: status
follows leases and sales). Row 1 holds the column keys the import reads; the
template's second sheet explains each column in the active language.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from parks.models import Park, Unit, UnitOffer

COLUMNS: tuple[tuple[str, object], ...] = (
    ("code", gettext_lazy("Unit code, unique in the park, e.g. A1-101")),
    ("building", gettext_lazy("Building name, as on the park's buildings page")),
    ("floor", gettext_lazy("Floor number (whole number)")),
    ("area_m2", gettext_lazy("Area in m²")),
    ("floor_load_kn_m2", gettext_lazy("Floor load in kN/m²")),
    ("ceiling_height_m", gettext_lazy("Clear ceiling height in m")),
    ("power_kva", gettext_lazy("Power supply in kVA (whole number)")),
    ("offer", gettext_lazy("lease, sale or both")),
    (
        "monthly_rent_per_m2",
        gettext_lazy("Monthly rent per m² in CNY (needed for lease or both)"),
    ),
    (
        "sale_price_per_m2",
        gettext_lazy("Sale price per m² in CNY (needed for sale or both)"),
    ),
)
KEYS = tuple(key for key, _help in COLUMNS)
EXPORT_KEYS = (*KEYS, "status")
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="0B6E4F")


def _header(sheet, keys: Iterable[str]) -> None:
    sheet.append(list(keys))
    for cell in sheet[1]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    for index, _key in enumerate(sheet[1], start=1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = 18
    sheet.freeze_panes = "A2"


def _row(unit: Unit) -> list:
    # openpyxl writes a Decimal as a number; None leaves the cell empty.
    return [
        unit.code,
        unit.building.name,
        unit.floor,
        unit.area_m2,
        unit.floor_load_kn_m2,
        unit.ceiling_height_m,
        unit.power_kva,
        unit.offer,
        unit.monthly_rent_per_m2,
        unit.sale_price_per_m2,
    ]


def _bytes(workbook: Workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def units_template(park: Park | None = None) -> bytes:
    """An empty units sheet with one example row, an offer drop-down and a sheet
    of instructions."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "units"
    _header(sheet, KEYS)
    building = park.buildings.order_by("name").first() if park else None
    sheet.append(
        [
            "A1-101",
            building.name if building else "A1",
            1,
            1200,
            30,
            8.5,
            250,
            UnitOffer.BOTH.value,
            12.5,
            3600,
        ]
    )
    offers = DataValidation(
        type="list", formula1='"lease,sale,both"', allow_blank=False
    )
    sheet.add_data_validation(offers)
    offers.add("H2:H5000")
    help_sheet = workbook.create_sheet(_("Instructions"))
    help_sheet.append([_("Column"), _("Meaning")])
    for cell in help_sheet[1]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    for key, meaning in COLUMNS:
        help_sheet.append([key, str(meaning)])
    help_sheet.append([])
    help_sheet.append(
        [
            "",
            _(
                "Keep row 1 as it is. A row whose code exists already updates "
                "that unit; other rows add units. If any row has an error, "
                "nothing is imported."
            ),
        ]
    )
    help_sheet.column_dimensions["A"].width = 22
    help_sheet.column_dimensions["B"].width = 80
    return _bytes(workbook)


def _units(park: Park):
    return (
        Unit.objects.filter(park=park)
        .select_related("building")
        .order_by("building__name", "floor", "code")
    )


def units_export_xlsx(park: Park) -> bytes:
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = "units"
    _header(sheet, EXPORT_KEYS)
    for unit in _units(park).iterator(chunk_size=1000):
        sheet.append([*_row(unit), unit.status])
    return _bytes(workbook)


def units_export_csv(park: Park) -> str:
    """UTF-8 text with a byte-order mark, so Excel opens Chinese names right."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(EXPORT_KEYS)
    for unit in _units(park).iterator(chunk_size=1000):
        writer.writerow(["" if v is None else v for v in [*_row(unit), unit.status]])
    return out.getvalue()
