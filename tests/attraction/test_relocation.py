"""Relocation cost comparison: the yearly maths, the five years with a policy,
the public calculator and its API, the park's cost sheet."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from attraction import actions
from attraction.policy_cost import Item
from attraction.relocation import Costs, Size, average_wage, compare

THERE = Costs(D("28"), D("6000"), D("0.78"), D("4.2"), D("4.1"), D("80"))
HERE = Costs(D("10"), D("4000"), D("0.55"), D("3.1"), D("3.2"), D("320"))
SIZE = Size(
    area_m2=D("2000"),
    staff=100,
    kwh=D("1000000"),
    m3=D("10000"),
    gas_m3=D("5000"),
    tonnes=D("1000"),
)


def test_yearly_items_there_and_here():
    result = compare(THERE, HERE, SIZE)
    items = {line.key: (line.origin, line.here, line.saving) for line in result.items}
    assert items["rent"] == (D("672000.00"), D("240000.00"), D("432000.00"))
    assert items["wages"] == (D("7200000.00"), D("4800000.00"), D("2400000.00"))
    assert items["power"] == (D("780000.00"), D("550000.00"), D("230000.00"))
    assert items["water"] == (D("42000.00"), D("31000.00"), D("11000.00"))
    assert items["gas"] == (D("20500.00"), D("16000.00"), D("4500.00"))
    # Logistics to the Pearl River Delta costs more from the park: a negative saving.
    assert items["logistics"] == (D("80000.00"), D("320000.00"), D("-240000.00"))
    assert result.total_saving == D("2837500.00")
    assert len(result.years) == 1


def test_average_wage_uses_the_staff_mix():
    assert average_wage(D("3000"), D("5000"), D("10000")) == D("4300.00")


def test_five_years_with_a_policy():
    policy = [
        Item("rent_free_months", months=18),
        Item("rent_discount", rate_percent=D("10")),
        Item("equipment_subsidy", amount=D("500000")),
        Item("tax_rebate", rate_percent=D("50"), months=24),
    ]
    result = compare(THERE, HERE, SIZE, years=5, policy=policy, annual_tax=D("1000000"))
    rent = D("20000")  # 2,000 m² × ¥10
    reliefs = [y.relief for y in result.years]
    # Year 1: 12 free months + subsidy + half the tax.
    assert reliefs[0] == rent * 12 + D("500000") + D("500000")
    # Year 2: 6 free months, 10% off the 6 charged, half the tax.
    assert reliefs[1] == rent * 6 + rent * D("0.1") * 6 + D("500000")
    # Years 3–5: the discount only.
    assert reliefs[2:] == [rent * D("0.1") * 12] * 3
    base = compare(THERE, HERE, SIZE, years=5)
    assert result.total_saving - base.total_saving == sum(reliefs)


def test_public_comparison_api_with_a_preset(api_as, park, sheets):
    response = api_as().post(
        f"/parks/{park.pk}/relocation-comparison",
        json={
            "origin_preset": "foshan",
            "size": {
                "area_m2": "1000",
                "staff": 10,
                "kwh": "0",
                "m3": "0",
                "tonnes": "0",
            },
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    rent = next(i for i in body["items"] if i["key"] == "rent")
    assert rent == {
        "key": "rent",
        "origin": "336000.00",
        "here": "120000.00",
        "saving": "216000.00",
    }
    wages = next(i for i in body["items"] if i["key"] == "wages")
    # Foshan 0.6×5200 + 0.3×7000 + 0.1×11000 = 6320
    # Sansui 0.6×3200 + 0.3×4500 + 0.1×7000 = 3970
    assert wages["saving"] == str((D("6320") - D("3970")) * 10 * 12) + ".00"
    assert len(body["years"]) == 1


def test_own_figures_and_validation(api_as, park, sheets):
    client = api_as()
    body = {"size": {"area_m2": "100", "staff": 1}}
    assert (
        client.post(f"/parks/{park.pk}/relocation-comparison", json=body).status_code
        == 422
    )
    body["origin"] = {
        "rent_per_m2": "20",
        "wages": "5000",
        "power_tariff": "0.8",
        "water_tariff": "4",
    }
    response = client.post(f"/parks/{park.pk}/relocation-comparison", json=body)
    assert response.status_code == 200
    assert response.json()["items"][0]["origin"] == "24000.00"
    body["origin_preset"] = "nowhere"
    assert (
        client.post(f"/parks/{park.pk}/relocation-comparison", json=body).status_code
        == 422
    )


def test_prospect_comparison_is_for_its_operator_only(
    api_as, park, sheets, prospect, manager, tenant
):
    body = {
        "origin_preset": "foshan",
        "prospect_id": prospect.pk,
        "size": {"area_m2": "2000", "staff": 120},
    }
    assert (
        api_as(tenant)
        .post(f"/parks/{park.pk}/relocation-comparison", json=body)
        .status_code
        == 404
    )
    assert (
        api_as().post(f"/parks/{park.pk}/relocation-comparison", json=body).status_code
        == 404
    )
    response = api_as(manager).post(
        f"/parks/{park.pk}/relocation-comparison", json=body
    )
    assert response.status_code == 200
    assert len(response.json()["years"]) == 5


def test_cost_sheet_is_public_and_dated(api_as, park, sheets, manager):
    body = api_as().get(f"/parks/{park.pk}/cost-sheet").json()
    assert body["rent_per_m2"] == "10.00" and body["logistics"]["prd"] == "320"
    assert api_as().get("/parks/999999/cost-sheet").status_code == 404
    saved = api_as(manager).post(
        f"/parks/{park.pk}/cost-sheet",
        json={
            "as_of": "2026-06-01",
            "rent_per_m2": "11",
            "wage_general": "3300",
            "wage_skilled": "4600",
            "wage_technical": "7100",
            "power_tariff": "0.55",
            "water_tariff": "3.1",
            "gas_tariff": "3.2",
            "logistics": {"prd": "310"},
        },
    )
    assert saved.status_code == 201, saved.content
    assert park.cost_sheets.count() == 2


def test_cost_sheet_write_is_for_the_operator(api_as, park, sheets, outsider, tenant):
    for user in (outsider, tenant):
        response = api_as(user).post(
            f"/parks/{park.pk}/cost-sheet",
            json={
                "as_of": "2026-06-01",
                "rent_per_m2": "1",
                "wage_general": "1",
                "wage_skilled": "1",
                "wage_technical": "1",
                "power_tariff": "1",
                "water_tariff": "1",
                "gas_tariff": "1",
            },
        )
        assert response.status_code == 404


def test_unknown_market_is_refused(park, manager, sheets):
    import pytest
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        actions.cost_sheet_save(
            park=park,
            actor=manager,
            as_of=date(2026, 7, 1),
            rent_per_m2=D("1"),
            wage_general=D("1"),
            wage_skilled=D("1"),
            wage_technical=D("1"),
            power_tariff=D("1"),
            water_tariff=D("1"),
            gas_tariff=D("1"),
            logistics={"mars": "1"},
        )


def test_public_calculator_page(client, park, sheets):
    html = client.get(f"/parks/{park.pk}/").content.decode()
    assert f"/attraction/parks/{park.pk}/relocation/" in html
    page = client.get(
        f"/attraction/parks/{park.pk}/relocation/",
        {
            "origin_preset": "foshan",
            "market": "prd",
            "area_m2": "1000",
            "staff": "10",
            "kwh": "0",
            "m3": "0",
            "tonnes": "0",
        },
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-item="rent"' in html and "216,000" in html


def test_cost_sheet_page_for_operators(client, park, sheets, manager, tenant):
    client.force_login(tenant)
    assert client.get(f"/attraction/parks/{park.pk}/costs/").status_code == 404
    client.force_login(manager)
    page = client.get(f"/attraction/parks/{park.pk}/costs/")
    assert (
        page.status_code == 200
        and "Sansui county tariffs 2026" in page.content.decode()
    )


def test_cost_sheet_form_refuses_then_saves(client, park, manager):
    """A refused sheet shows its errors (it once crashed on the model's preset
    check); a valid one is saved as the park's."""
    from attraction.models import CostSheet

    client.force_login(manager)
    url = f"/attraction/parks/{park.pk}/costs/"
    data = {
        "as_of": "2026-10-01",
        "rent_per_m2": "15",
        "sale_price_per_m2": "3000",
        "wage_general": "4200",
        "wage_skilled": "5200",
        "wage_technical": "6500",
        "power_tariff": "0.60",
        "water_tariff": "3.50",
        "gas_tariff": "3.20",
        "sources": "County statistics 2026",
        "logistics_prd": "120",
    }
    for wrong in ({"rent_per_m2": "-5"}, {"logistics_prd": ""}):
        refused = client.post(url, {**data, **wrong})
        assert refused.status_code == 200
        assert 'class="error"' in refused.content.decode()
    assert not CostSheet.objects.filter(park=park, as_of="2026-10-01").exists()
    assert client.post(url, data).status_code == 302
    assert CostSheet.objects.get(park=park, as_of="2026-10-01").rent_per_m2 == 15
