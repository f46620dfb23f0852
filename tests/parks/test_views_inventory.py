"""Inventory pages: public park list and unit search, the operator's pages."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from parks.models import ParkFigures, Unit
from parks.queries.unit_sheets import KEYS
from tests import factories


@pytest.fixture
def park(operator_user):
    park = factories.ParkFactory(operator=operator_user.operator_staff.get().operator)
    building = factories.BuildingFactory(park=park, name="A1")
    factories.UnitFactory(building=building, code="A1-101", area_m2=900)
    factories.UnitFactory(building=building, code="A1-102", area_m2=2400, offer="sale")
    return park


def test_public_park_list_and_page(client, park):
    response = client.get(reverse("parks:park_list"))
    assert response.status_code == 200
    assert park.name in response.content.decode()
    response = client.get(reverse("parks:park", args=[park.pk]))
    body = response.content.decode()
    assert "A1-101" in body and "A1-102" in body
    assert "Apply for admission" in body


def test_the_public_park_list_pages_with_each_parks_vacancy(client, park):
    for i in range(25):
        factories.ParkFactory(name=f"Z Park {i:02d}")
    first = client.get(reverse("parks:park_list")).content.decode()
    assert park.name in first and "Page 1 of 2" in first
    assert '<strong class="num">2</strong> / 2 units vacant' in first
    second = client.get(reverse("parks:park_list") + "?page=2").content.decode()
    assert "Z Park 24" in second and park.name not in second


def test_unit_search_fragment_over_htmx(client, park):
    response = client.get(
        reverse("parks:park", args=[park.pk]) + "?offer=sale",
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="units"')
    assert "A1-102" in body and "A1-101" not in body
    response = client.get(
        reverse("parks:park", args=[park.pk]) + "?min_area=5000",
        headers={"HX-Request": "true"},
    )
    assert "No unit matches" in response.content.decode()


@pytest.mark.parametrize("n", [10, 500])
def test_page_query_counts_are_constant(db, client, n, django_assert_max_num_queries):
    park = factories.ParkFactory()
    building = factories.BuildingFactory(park=park)
    factories.UnitFactory.create_batch(n, building=building)
    ParkFigures.refresh()  # once after the changes (tests/parks/test_figures.py)
    with django_assert_max_num_queries(4):
        assert client.get(reverse("parks:park_list")).status_code == 200
    # The park with its figures (a freshness check, then the row), its units.
    with django_assert_max_num_queries(6):
        assert client.get(reverse("parks:park", args=[park.pk])).status_code == 200


def test_operator_pages(client, operator_user, park):
    client.force_login(operator_user)
    for name, args in [
        ("parks:operator_parks", []),
        ("parks:park_settings", [park.pk]),
        ("parks:buildings", [park.pk]),
        ("parks:units_admin", [park.pk]),
        ("parks:unit_new", [park.pk]),
        ("parks:unit_import", [park.pk]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 200, name
    unit = park.units.first()
    assert client.get(reverse("parks:unit_edit", args=[unit.pk])).status_code == 200


def test_other_operator_gets_404(client, park):
    client.force_login(factories.OperatorStaffFactory().user)
    for name in ("parks:park_settings", "parks:units_admin", "parks:unit_import"):
        assert client.get(reverse(name, args=[park.pk])).status_code == 404
    unit = park.units.first()
    assert client.get(reverse("parks:unit_edit", args=[unit.pk])).status_code == 404
    response = client.get(reverse("parks:unit_export", args=[park.pk, "csv"]))
    assert response.status_code == 404


def _staff(park, role):
    return factories.OperatorStaffFactory(operator=park.operator, role=role).user


OFFICERS_ONLY = "Your role at the park operator may not do this."


def _opens(
    client, user, url: str, back: str | None, reason: str = OFFICERS_ONLY
) -> None:
    """GET `url` as `user`: the form, or (`back`) the action's reason and back."""
    client.force_login(user)
    response = client.get(url, follow=True)
    if back is None:
        assert response.redirect_chain == []
        assert '<form method="post"' in response.content.decode()
    else:
        assert response.redirect_chain[-1][0] == back
        assert reason.replace("'", "&#x27;") in response.content.decode()


def test_the_settings_page_opens_only_for_the_parks_manager(client, park):
    url = reverse("parks:park_settings", args=[park.pk])
    dashboard = reverse("parks:park_dashboard", args=[park.pk])
    _opens(client, _staff(park, "manager"), url, None)
    managers_only = "Only the park's managers may do this."
    _opens(client, _staff(park, "staff"), url, dashboard, managers_only)
    _opens(client, _staff(park, "finance"), url, dashboard, managers_only)


def test_the_building_edit_page_opens_only_for_manager_and_staff(client, park):
    building = park.buildings.get()
    url = reverse("parks:building_edit", args=[building.pk])
    back = reverse("parks:buildings", args=[park.pk])
    _opens(client, _staff(park, "staff"), url, None)
    _opens(client, _staff(park, "finance"), url, back)


def test_the_unit_pages_open_only_for_manager_and_staff(client, park):
    back = reverse("parks:units_admin", args=[park.pk])
    for url in (
        reverse("parks:unit_edit", args=[park.units.first().pk]),
        reverse("parks:unit_new", args=[park.pk]),
    ):
        _opens(client, _staff(park, "staff"), url, None)
        _opens(client, _staff(park, "finance"), url, back)


def test_settings_form_reports_the_1_plus_n_rule(client, operator_user, park):
    client.force_login(operator_user)
    url = reverse("parks:park_settings", args=[park.pk])
    data = {
        "name": park.name,
        "kind": "enclave",
        "host_region": "Qiandongnan",
        "partner_region": "Foshan",
        "area_mu": "1200",
        "leading_industry": "38",
        "featured_1": "38",
        "featured_2": "34",
        "min_investment_per_mu": "3000000",
        "min_output_per_mu": "4000000",
        "min_tax_per_mu": "200000",
        "min_jobs": "20",
        "max_energy_per_10k_output": "0.5",
        "admission_sla_days": "10",
        "output_share_host": "100",
        "tax_share_host": "50",
        "deposit_months": "2",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "cannot also be a featured industry" in response.content.decode()
    response = client.post(url, {**data, "featured_1": "34", "featured_2": "39"})
    assert response.status_code == 302
    park.refresh_from_db()
    assert park.featured_industries == ["34", "39"]


def test_add_building_and_unit(client, operator_user, park):
    client.force_login(operator_user)
    response = client.post(
        reverse("parks:buildings", args=[park.pk]),
        {"name": "W1", "kind": "warehouse", "floors": 1},
    )
    assert response.status_code == 302
    building = park.buildings.get(name="W1")
    response = client.post(
        reverse("parks:unit_new", args=[park.pk]),
        {
            "code": "W1-101",
            "building": building.pk,
            "floor": 1,
            "area_m2": "2600",
            "floor_load_kn_m2": "30",
            "ceiling_height_m": "10.5",
            "power_kva": 100,
            "offer": "lease",
            "monthly_rent_per_m2": "9",
        },
    )
    assert response.status_code == 302
    assert Unit.objects.get(code="W1-101").building == building


def _workbook(rows) -> SimpleUploadedFile:
    workbook = Workbook()
    workbook.active.title = "units"
    workbook.active.append(list(KEYS))
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile("u.xlsx", out.getvalue())


def test_import_page_shows_row_errors_then_success(client, operator_user, park):
    client.force_login(operator_user)
    url = reverse("parks:unit_import", args=[park.pk])
    bad = _workbook([["B-1", "Nowhere", 1, 900, 8, 6, 100, "lease", 11, None]])
    response = client.post(url, {"file": bad}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Choose a building of this park." in body
    assert "nothing was imported" in body
    good = _workbook([["B-1", "A1", 1, 900, 8, 6, 100, "lease", 11, None]])
    response = client.post(url, {"file": good})
    assert "1 unit added" in response.content.decode()


def test_template_and_exports_download(client, operator_user, park):
    client.force_login(operator_user)
    response = client.get(reverse("parks:unit_template", args=[park.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxml")
    response = client.get(reverse("parks:unit_export", args=[park.pk, "csv"]))
    assert "A1-101" in response.content.decode("utf-8-sig")
    response = client.get(reverse("parks:unit_export", args=[park.pk, "xlsx"]))
    assert response.status_code == 200
    response = client.get(reverse("parks:unit_export", args=[park.pk, "pdf"]))
    assert response.status_code == 404
