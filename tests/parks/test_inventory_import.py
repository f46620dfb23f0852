"""Units from Excel: template, import (all or nothing, upsert), export."""

import csv
import io
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from core.errors import Invalid, NotFound
from parks.actions.unit_import import ImportRejected, units_import
from parks.models import Unit
from parks.queries.unit_sheets import (
    EXPORT_KEYS,
    KEYS,
    units_export_csv,
    units_export_xlsx,
    units_template,
)
from tests import factories


@pytest.fixture
def park(operator_user):
    park = factories.ParkFactory(operator=operator_user.operator_staff.get().operator)
    factories.BuildingFactory(park=park, name="A1", floors=2)
    factories.BuildingFactory(park=park, name="B2", floors=4, kind="multi_storey")
    return park


def sheet(rows, header=KEYS) -> SimpleUploadedFile:
    workbook = Workbook()
    ws = workbook.active
    ws.title = "units"
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile("units.xlsx", out.getvalue())


GOOD = [
    ("A1-101", "A1", 1, 1200, 30, 8.5, 250, "both", 12.5, 3600),
    ("A1-201", "A1", 2, 1180.5, 8, 5.4, 160, "lease", 11, None),
    ("B2-301", "B2", 3, 860, 8, 4.5, 100, "sale", None, 3300),
]


def test_template_is_a_workbook_with_the_columns_and_instructions(park):
    workbook = load_workbook(io.BytesIO(units_template(park)))
    assert [c.value for c in workbook["units"][1]] == list(KEYS)
    assert workbook["units"]["B2"].value == "A1"
    assert len(workbook.sheetnames) == 2


def test_the_template_itself_imports(park, operator_user):
    result = units_import(
        park=park,
        actor=operator_user,
        file=SimpleUploadedFile("t.xlsx", units_template(park)),
    )
    assert result.created == ["A1-101"]


def test_valid_file_creates_units(park, operator_user):
    result = units_import(park=park, actor=operator_user, file=sheet(GOOD))
    assert result.created == ["A1-101", "A1-201", "B2-301"]
    assert result.updated == []
    unit = Unit.objects.get(code="A1-201")
    assert unit.area_m2 == D("1180.50")
    assert unit.sale_price_per_m2 is None
    assert unit.building.name == "A1"
    assert unit.status == "vacant"


def test_upsert_by_code_keeps_status(park, operator_user):
    units_import(park=park, actor=operator_user, file=sheet(GOOD))
    Unit.objects.filter(code="A1-101").update(status="leased")
    changed = [("A1-101", "A1", 1, 1200, 30, 8.5, 250, "both", 14, 3800), GOOD[1]]
    result = units_import(park=park, actor=operator_user, file=sheet(changed))
    assert result.updated == ["A1-101", "A1-201"]
    unit = Unit.objects.get(code="A1-101")
    assert unit.monthly_rent_per_m2 == D("14.00")
    assert unit.status == "leased"
    assert Unit.objects.count() == 3


def test_row_errors_name_row_and_column_and_nothing_is_imported(park, operator_user):
    rows = [
        GOOD[0],
        ("A1-301", "A1", 3, 900, 8, 5, 100, "lease", 10, None),  # A1 has 2 floors
        ("B2-101", "Nowhere", 1, 900, 8, 5, 100, "lease", 10, None),
        ("B2-102", "B2", 1, "big", 8, 5, 100, "rent", 10, None),
        ("A1-101", "A1", 1, 1200, 30, 8.5, 250, "both", 12.5, 3600),  # duplicate
    ]
    with pytest.raises(ImportRejected) as exc:
        units_import(park=park, actor=operator_user, file=sheet(rows))
    found = {(e.row, e.column) for e in exc.value.rows}
    assert found == {
        (3, "floor"),
        (4, "building"),
        (5, "area_m2"),
        (5, "offer"),
        (6, "code"),
    }
    assert exc.value.status == 422
    assert not Unit.objects.exists()


def test_not_an_excel_file(park, operator_user):
    with pytest.raises(Invalid) as exc:
        units_import(
            park=park,
            actor=operator_user,
            file=SimpleUploadedFile("u.xlsx", b"%PDF-1.4 not a workbook"),
        )
    assert "file" in exc.value.fields


def test_wrong_header_or_empty_sheet(park, operator_user):
    with pytest.raises(Invalid):
        units_import(
            park=park, actor=operator_user, file=sheet(GOOD, header=["a", "b"])
        )
    with pytest.raises(Invalid):
        units_import(park=park, actor=operator_user, file=sheet([]))


def test_another_operator_cannot_import(park):
    stranger = factories.OperatorStaffFactory().user
    with pytest.raises(NotFound):
        units_import(park=park, actor=stranger, file=sheet(GOOD))


def test_exports_round_trip(park, operator_user):
    units_import(park=park, actor=operator_user, file=sheet(GOOD))
    workbook = load_workbook(io.BytesIO(units_export_xlsx(park)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0] == EXPORT_KEYS
    assert rows[1][:3] == ("A1-101", "A1", 1)
    assert rows[1][-1] == "vacant"
    text = units_export_csv(park)
    assert text.startswith("\ufeff")
    parsed = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert parsed[0] == list(EXPORT_KEYS)
    assert len(parsed) == 4
    # the export imports back as updates
    again = units_import(
        park=park,
        actor=operator_user,
        file=SimpleUploadedFile("e.xlsx", units_export_xlsx(park)),
    )
    assert sorted(again.updated) == ["A1-101", "A1-201", "B2-301"]
