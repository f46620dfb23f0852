"""Import units from the .xlsx template: every row checked first, then all or nothing.

Rows are matched on the unit code: an existing unit is updated (its status is
left alone), a new code adds a unit. Any error in any row stops the import
before a single row is written; the errors name the sheet row, the column and
what is wrong.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from core.audit import audit_record
from core.errors import Invalid
from core.models import User
from parks.access import ensure_park_role
from parks.actions.inventory import (
    PARK_MISSING,
    park_buildings,
    unit_values,
)
from parks.models import OFFICER_ROLES, Park, ParkFigures, Unit
from parks.queries.unit_sheets import KEYS

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
REQUIRED_KEYS = ("code", "building", "floor", "area_m2", "offer")


@dataclass(frozen=True)
class RowError:
    row: int  # as numbered in the sheet (the header is row 1)
    column: str
    message: str


class ImportRejected(Invalid):
    """Invalid, carrying every row error; nothing was imported."""

    code = "import_rejected"

    def __init__(self, message: str, rows: list[RowError]) -> None:
        super().__init__(message, fields={"file": [message]})
        self.rows = rows


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)


def _read(file: Any) -> tuple[list[str], list[tuple[int, list[Any]]]]:
    if getattr(file, "size", 0) > MAX_BYTES:
        raise Invalid.field("file", _("The file is larger than 5 MB."))
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise Invalid.field(
            "file", _("This is not an Excel .xlsx file. Start from the template.")
        ) from None
    sheet = workbook["units"] if "units" in workbook.sheetnames else workbook.active
    rows = sheet.iter_rows(values_only=True)
    header = [str(c or "").strip().lower() for c in next(rows, ())]
    missing = [key for key in REQUIRED_KEYS if key not in header]
    if missing:
        workbook.close()
        raise Invalid.field(
            "file",
            _("Row 1 must hold the template's column names; missing: %(cols)s.")
            % {"cols": ", ".join(missing)},
        )
    body = []
    for number, values in enumerate(rows, start=2):
        if values is None or all(v in (None, "") for v in values):
            continue
        if len(body) >= MAX_ROWS:
            workbook.close()
            raise Invalid.field(
                "file", _("At most %(n)d rows per import.") % {"n": MAX_ROWS}
            )
        body.append((number, list(values)))
    workbook.close()
    return header, body


def units_import(*, park: Park, actor: User, file: Any) -> ImportResult:
    ensure_park_role(actor, park, OFFICER_ROLES, missing=PARK_MISSING)
    header, body = _read(file)
    if not body:
        raise Invalid.field("file", _("The sheet has no unit rows."))
    buildings = park_buildings(park)
    checked: list[tuple[int, dict[str, Any]]] = []
    errors: list[RowError] = []
    first_row_of: dict[str, int] = {}
    for number, values in body:
        data = {
            key: values[i] if i < len(values) else None
            for i, key in enumerate(header)
            if key in KEYS
        }
        cleaned, row_errors = unit_values(buildings, data)
        for column, messages in row_errors.items():
            errors.extend(RowError(number, column, m) for m in messages)
        code = cleaned["code"]
        if code and code in first_row_of:
            errors.append(
                RowError(
                    number,
                    "code",
                    _("Code %(code)s is already on row %(row)d.")
                    % {"code": code, "row": first_row_of[code]},
                )
            )
        first_row_of.setdefault(code, number)
        checked.append((number, cleaned))
    if errors:
        raise ImportRejected(
            _("%(n)d error(s) found: nothing was imported.") % {"n": len(errors)},
            errors,
        )
    return _write(park=park, actor=actor, rows=checked)


@transaction.atomic
def _write(*, park: Park, actor: User, rows: list[tuple[int, dict]]) -> ImportResult:
    existing = {
        u.code: u
        for u in Unit.objects.select_for_update().filter(
            park=park, code__in=[values["code"] for _n, values in rows]
        )
    }
    result = ImportResult()
    new_units = []
    for _number, values in rows:
        unit = existing.get(values["code"])
        if unit is None:
            new_units.append(Unit(park=park, **values))
            result.created.append(values["code"])
            continue
        for name, value in values.items():
            setattr(unit, name, value)
        result.updated.append(values["code"])
    Unit.objects.bulk_create(new_units, batch_size=500)
    if existing:
        Unit.objects.bulk_update(
            existing.values(),
            list(KEYS),
            batch_size=500,
        )
    ParkFigures.mark_stale([park.pk])  # bulk writes send no signal
    audit_record(
        actor=actor,
        obj=park,
        action="units_imported",
        data={"created": len(result.created), "updated": len(result.updated)},
    )
    return result
