"""Demo cost sheets: the origin cities' presets and the two parks' sheets.

The figures are a table, cost_sheets.csv next to this module: one row a sheet,
a park's (`park` named) or an origin city's preset (`preset_key` set); the
`logistics_<market>` columns are the cost per tonne to each market."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

from attraction.models import CostSheet
from parks.models import Park

SHEET_DATE = date(2026, 7, 1)
TABLE = Path(__file__).resolve().parent / "cost_sheets.csv"
LOGISTICS = "logistics_"
TEXT = ("city", "city_zh", "sources")


def seed_cost_sheets() -> None:
    with TABLE.open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            park_name, key = row.pop("park"), row.pop("preset_key")
            lookup = (
                {"park": Park.objects.get(name=park_name)}
                if park_name
                else {"park": None, "preset_key": key}
            )
            CostSheet.objects.update_or_create(
                **lookup, as_of=SHEET_DATE, defaults=_sheet(row)
            )


def _sheet(row: dict[str, str]) -> dict:
    """A row's fields: names and sources as they stand, figures as Decimals,
    the logistics columns as one mapping of market to cost."""
    sheet: dict = {"logistics": {}}
    for column, value in row.items():
        if column.startswith(LOGISTICS):
            sheet["logistics"][column.removeprefix(LOGISTICS)] = value
        else:
            sheet[column] = value if column in TEXT else Decimal(value)
    return sheet
