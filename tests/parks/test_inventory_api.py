"""Inventory API: public parks and unit search, operator import and export."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from parks.models import ParkFigures
from parks.queries.unit_sheets import KEYS
from tests import factories


@pytest.fixture
def park(operator_user):
    park = factories.ParkFactory(operator=operator_user.operator_staff.get().operator)
    building = factories.BuildingFactory(park=park, name="A1")
    factories.UnitFactory(building=building, code="A-1", area_m2=500, offer="lease")
    factories.UnitFactory(building=building, code="A-2", area_m2=1500, offer="both")
    factories.UnitFactory(building=building, code="A-3", area_m2=2500, offer="sale")
    factories.UnitFactory(
        building=building, code="A-4", area_m2=800, offer="lease", status="leased"
    )
    return park


def test_park_list_and_detail_are_public_with_counts(api_as, park):
    body = api_as().get("/parks").json()
    assert body["count"] == 1
    row = body["items"][0]
    assert (row["units_total"], row["units_vacant"]) == (4, 3)
    assert row["kind"] == "enclave"
    assert row["leading_industry"] == "38"
    assert row["featured_industries"] == ["34", "35", "39"]
    assert {"host_region", "partner_region"} <= set(row)
    detail = api_as().get(f"/parks/{park.pk}").json()
    assert detail["units_total"] == 4
    assert api_as().get("/parks/999999").status_code == 404


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("", ["A-1", "A-2", "A-3", "A-4"]),
        ("?status=vacant", ["A-1", "A-2", "A-3"]),
        ("?offer=lease", ["A-1", "A-2", "A-4"]),
        ("?offer=sale", ["A-2", "A-3"]),
        ("?min_area=800&max_area=2000", ["A-2", "A-4"]),
        ("?status=vacant&offer=lease&min_area=1000", ["A-2"]),
    ],
)
def test_unit_search(api_as, park, query, codes):
    body = api_as().get(f"/parks/{park.pk}/units{query}").json()
    assert [u["code"] for u in body["items"]] == codes
    assert body["count"] == len(codes)


def test_unit_fields(api_as, park):
    unit = api_as().get(f"/parks/{park.pk}/units?offer=sale").json()["items"][0]
    assert unit["building"] == "A1"
    assert unit["monthly_rent_per_m2"] == "12.00"
    assert unit["sale_price_per_m2"] == "3600.00"
    assert {"id", "floor", "area_m2", "status"} <= set(unit)


def test_bad_offer_is_422(api_as, park):
    assert api_as().get(f"/parks/{park.pk}/units?offer=rent").status_code == 422


def test_limit_is_capped(api_as, park):
    assert api_as().get(f"/parks/{park.pk}/units?limit=1000").status_code == 200


def _xlsx(rows) -> bytes:
    workbook = Workbook()
    workbook.active.title = "units"
    workbook.active.append(list(KEYS))
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_import_and_export(api_as, park, operator_user):
    client = api_as(operator_user)
    good = _xlsx([["B-1", "A1", 1, 900, 8, 6, 100, "lease", 11, None]])
    response = client.post(
        f"/parks/{park.pk}/units/import",
        FILES={"file": SimpleUploadedFile("u.xlsx", good)},
    )
    assert response.status_code == 200, response.json()
    assert response.json() == {"created": ["B-1"], "updated": []}
    bad = _xlsx([["B-2", "Nowhere", 1, 900, 8, 6, 100, "lease", 11, None]])
    response = client.post(
        f"/parks/{park.pk}/units/import",
        FILES={"file": SimpleUploadedFile("u.xlsx", bad)},
    )
    assert response.status_code == 422
    assert response.json()["rows"] == [
        {"row": 2, "column": "building", "message": "Choose a building of this park."}
    ]
    response = client.get(f"/parks/{park.pk}/units/export?format=csv")
    assert response.status_code == 200
    assert "B-1" in response.content.decode("utf-8-sig")
    response = client.get(f"/parks/{park.pk}/units/export")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_import_by_others_is_404(api_as, park, tenant):
    stranger = factories.OperatorStaffFactory().user
    for user in (stranger, tenant):
        response = api_as(user).post(
            f"/parks/{park.pk}/units/import",
            FILES={"file": SimpleUploadedFile("u.xlsx", b"x")},
        )
        assert response.status_code == 404
        assert api_as(user).get(f"/parks/{park.pk}/units/export").status_code == 404


@pytest.mark.parametrize("n", [10, 500])
def test_query_counts_are_constant(api_as, n, django_assert_max_num_queries):
    park = factories.ParkFactory()
    building = factories.BuildingFactory(park=park)
    factories.UnitFactory.create_batch(n, building=building)
    factories.ParkFactory.create_batch(3)
    client = api_as()
    ParkFigures.refresh()  # once after the changes (tests/parks/test_figures.py)
    with django_assert_max_num_queries(3):
        assert client.get("/parks?limit=100").status_code == 200
    with django_assert_max_num_queries(3):
        body = client.get(f"/parks/{park.pk}/units?limit=100&offer=lease").json()
    assert body["count"] == n
