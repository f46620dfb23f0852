"""Demo cost sheets: the origin cities' presets and the two parks' sheets."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from attraction.demo.common import APPLIANCE_PARK, FURNITURE_PARK
from attraction.models import (
    CostSheet,
)
from parks.models import Park

PRESETS = [
    # key, city, city_zh, rent, wages (general, skilled, technical), power, water,
    # gas, logistics per tonne, sources
    (
        "foshan",
        "Foshan",
        "佛山",
        "26.00",
        ("5200", "7000", "11000"),
        "0.7600",
        "4.35",
        "4.20",
        {"prd": "80", "cc": "420", "yrd": "380", "southwest": "360"},
        "Foshan industrial land and factory rent survey 2026; Guangdong power grid "
        "industrial tariff (1–10 kV, average); Foshan water utility.",
    ),
    (
        "dongguan",
        "Dongguan",
        "东莞",
        "24.00",
        ("5000", "6800", "10500"),
        "0.7500",
        "4.10",
        "4.30",
        {"prd": "90", "cc": "430", "yrd": "380", "southwest": "370"},
        "Dongguan factory rent index 2026; Guangdong power grid industrial tariff.",
    ),
    (
        "shenzhen",
        "Shenzhen",
        "深圳",
        "42.00",
        ("6200", "8500", "14000"),
        "0.8000",
        "4.90",
        "4.60",
        {"prd": "70", "cc": "450", "yrd": "390", "southwest": "380"},
        "Shenzhen industrial rent guide price 2026; Shenzhen power supply bureau.",
    ),
]
PARK_SHEETS = {
    APPLIANCE_PARK: (
        "Kaili",
        "凯里",
        "12.00",
        "2400",
        ("3300", "4600", "7200"),
        "0.5200",
        "3.05",
        "3.30",
        {"prd": "280", "cc": "160", "yrd": "420", "southwest": "90"},
    ),
    FURNITURE_PARK: (
        "Sansui",
        "三穗",
        "9.50",
        "2100",
        ("3100", "4300", "6800"),
        "0.5100",
        "2.90",
        "3.20",
        {"prd": "300", "cc": "170", "yrd": "430", "southwest": "80"},
    ),
}
SHEET_DATE = date(2026, 7, 1)
SOURCES_HERE = (
    "Park price list 2026; Guizhou power grid large-industry tariff with the "
    "enclave's negotiated rate; county water utility; quotes from two hauliers."
)


def seed_cost_sheets() -> None:
    for key, city, zh, rent, wages, power, water, gas, logistics, src in PRESETS:
        CostSheet.objects.update_or_create(
            park=None,
            preset_key=key,
            as_of=SHEET_DATE,
            defaults=_sheet(city, zh, rent, "0", wages, power, water, gas, logistics)
            | {"sources": src},
        )
    for park_name, values in PARK_SHEETS.items():
        CostSheet.objects.update_or_create(
            park=Park.objects.get(name=park_name),
            as_of=SHEET_DATE,
            defaults=_sheet(*values) | {"sources": SOURCES_HERE},
        )


def _sheet(city, zh, rent, sale, wages, power, water, gas, logistics) -> dict:
    return {
        "city": city,
        "city_zh": zh,
        "rent_per_m2": Decimal(rent),
        "sale_price_per_m2": Decimal(sale),
        "wage_general": Decimal(wages[0]),
        "wage_skilled": Decimal(wages[1]),
        "wage_technical": Decimal(wages[2]),
        "power_tariff": Decimal(power),
        "water_tariff": Decimal(water),
        "gas_tariff": Decimal(gas),
        "logistics": logistics,
    }
