"""Demo park operators and staff, their parks with buildings and units, admissions."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from core.models import User
from parks.actions.admission import admission_score
from parks.models import (
    AdmissionApplication,
    Building,
    BuildingKind,
    Operator,
    OperatorRole,
    OperatorStaff,
    Park,
    ParkKind,
    PollutionCategory,
    Unit,
    UnitOffer,
)
from parks.workdays import add_working_days
from tenants.models import Company

DEMO_OPERATORS = [
    (
        "Foshan–Qiandongnan Co-built Park Operations Co.",
        "佛山—黔东南共建园区运营有限公司",
        "operator@example.com",
    ),
    (
        "Guangzhou–Bijie Enclave Park Development Co.",
        "广州—毕节飞地园区开发有限公司",
        "operator2@example.com",
    ),
]


def seed_operators(users: dict[str, User]) -> list[Operator]:
    operators = []
    for name, name_zh, email in DEMO_OPERATORS:
        operator, _ = Operator.objects.update_or_create(
            name=name, defaults={"name_zh": name_zh}
        )
        OperatorStaff.objects.get_or_create(
            operator=operator,
            user=users[email],
            defaults={"role": OperatorRole.MANAGER},
        )
        operators.append(operator)
    return operators


# --- parks, buildings and units ---------------------------------------------------

# (name, name_zh, kind, host, partner, leading, featured, address, area_mu,
#  thresholds (investment, output, tax per mu; jobs; tce per CNY 10k), split)
DEMO_PARKS = {
    "operator@example.com": [
        {
            "name": "Foshan–Qiandongnan Industrial Park",
            "name_zh": "佛山—黔东南产业园",
            "kind": ParkKind.ENCLAVE,
            "host_region": "Qiandongnan (Kaili)",
            "host_region_zh": "黔东南（凯里）",
            "partner_region": "Foshan",
            "partner_region_zh": "佛山",
            "leading_industry": "38",
            "featured_industries": ["34", "35", "39"],
            "address": "凯里经济开发区 Kaili Economic Development Zone, Guizhou",
            "area_mu": Decimal("1500"),
            "min_investment_per_mu": Decimal("3000000"),
            "min_output_per_mu": Decimal("4000000"),
            "min_tax_per_mu": Decimal("200000"),
            "min_jobs": 20,
            "max_energy_per_10k_output": Decimal("0.3500"),
            "output_share_host": Decimal("100"),
            "tax_share_host": Decimal("50"),
            "description": "An enclave run by Foshan: standard factories for "
            "electrical machinery and its supply chain.",
            "description_zh": "佛山主导运营的飞地园区：为电气机械及其配套产业链"
            "提供标准厂房。",
            "buildings": [
                ("A1", BuildingKind.STANDARD_FACTORY, 1, 4),
                ("A2", BuildingKind.STANDARD_FACTORY, 2, 4),
                ("A3", BuildingKind.STANDARD_FACTORY, 3, 4),
                ("A4", BuildingKind.STANDARD_FACTORY, 4, 4),
                ("B1", BuildingKind.MULTI_STOREY, 6, 4),
                ("C1 Office", BuildingKind.OFFICE, 8, 3),
                ("D1 Dormitory", BuildingKind.DORMITORY, 10, 2),
                ("W1 Warehouse", BuildingKind.WAREHOUSE, 1, 6),
            ],
        },
        {
            "name": "Sansui–Foshan Co-built Industrial Park",
            "name_zh": "三穗—佛山共建产业园",
            "kind": ParkKind.CO_BUILT,
            "host_region": "Qiandongnan (Sansui)",
            "host_region_zh": "黔东南（三穗）",
            "partner_region": "Foshan",
            "partner_region_zh": "佛山",
            "leading_industry": "20",
            "featured_industries": ["21", "13"],
            "address": "三穗县工业园区 Sansui County Industrial Park, Guizhou",
            "area_mu": Decimal("600"),
            "min_investment_per_mu": Decimal("2000000"),
            "min_output_per_mu": Decimal("2500000"),
            "min_tax_per_mu": Decimal("100000"),
            "min_jobs": 15,
            "max_energy_per_10k_output": Decimal("0.5000"),
            "output_share_host": Decimal("100"),
            "tax_share_host": Decimal("60"),
            "description": "Co-built with Foshan's furniture makers: timber "
            "from the Qiandongnan forests processed where it grows.",
            "description_zh": "与佛山家具企业共建：黔东南林区的木材就地加工。",
            "buildings": [
                ("S1", BuildingKind.STANDARD_FACTORY, 1, 3),
                ("S2", BuildingKind.STANDARD_FACTORY, 2, 3),
                ("S3", BuildingKind.STANDARD_FACTORY, 3, 3),
                ("S4", BuildingKind.STANDARD_FACTORY, 3, 3),
                ("SW Warehouse", BuildingKind.WAREHOUSE, 1, 4),
            ],
        },
    ],
    "operator2@example.com": [
        {
            "name": "Guangzhou–Bijie Industrial Park",
            "name_zh": "广州—毕节产业园",
            "kind": ParkKind.ENCLAVE,
            "host_region": "Bijie",
            "host_region_zh": "毕节",
            "partner_region": "Guangzhou",
            "partner_region_zh": "广州",
            "leading_industry": "39",
            "featured_industries": ["38", "40"],
            "address": "毕节经济开发区 Bijie Economic Development Zone, Guizhou",
            "area_mu": Decimal("900"),
            "min_investment_per_mu": Decimal("2500000"),
            "min_output_per_mu": Decimal("3500000"),
            "min_tax_per_mu": Decimal("150000"),
            "min_jobs": 20,
            "max_energy_per_10k_output": Decimal("0.3000"),
            "output_share_host": Decimal("100"),
            "tax_share_host": Decimal("50"),
            "description": "Electronics assembly for Guangzhou brands.",
            "description_zh": "为广州品牌提供电子产品组装。",
            "buildings": [
                ("G1", BuildingKind.STANDARD_FACTORY, 4, 3),
                ("G2", BuildingKind.STANDARD_FACTORY, 4, 3),
                ("G3", BuildingKind.MULTI_STOREY, 5, 3),
                ("G5 Office", BuildingKind.OFFICE, 5, 2),
            ],
        },
    ],
}

BUILDING_KIND_ZH = {
    BuildingKind.STANDARD_FACTORY: "标准厂房",
    BuildingKind.MULTI_STOREY: "多层厂房",
    BuildingKind.OFFICE: "办公楼",
    BuildingKind.DORMITORY: "宿舍楼",
    BuildingKind.WAREHOUSE: "仓库",
}

# Areas cycle through these per kind (m²); factories 300–3000.
AREAS = {
    BuildingKind.STANDARD_FACTORY: [2880, 1450, 960, 1920, 720, 2400, 1200, 3000],
    BuildingKind.MULTI_STOREY: [1850, 980, 1240, 640, 1500, 820],
    BuildingKind.OFFICE: [320, 180, 450, 260],
    BuildingKind.DORMITORY: [540, 620],
    BuildingKind.WAREHOUSE: [2600, 1800, 1200, 3000, 900, 2200],
}
OFFERS = [UnitOffer.LEASE, UnitOffer.BOTH, UnitOffer.LEASE, UnitOffer.SALE]


def _unit_defaults(kind: str, floor: int, n: int) -> dict:
    """Realistic, deterministic specification of the n-th unit of a building."""
    areas = AREAS[kind]
    ground = floor == 1
    factory = kind in (BuildingKind.STANDARD_FACTORY, BuildingKind.MULTI_STOREY)
    if kind == BuildingKind.WAREHOUSE:
        load, height, power = Decimal("30"), Decimal("10.5"), 100
    elif factory:
        load = (
            Decimal("30") if ground else Decimal("12") if floor <= 3 else Decimal("8")
        )
        height = (
            Decimal("9.0")
            if ground
            else Decimal("5.4")
            if floor <= 3
            else Decimal("4.5")
        )
        power = 400 if ground else 250 if floor <= 3 else 160
    else:
        load, height, power = Decimal("3.5"), Decimal("3.6"), 50
    offer = OFFERS[n % len(OFFERS)]
    if kind in (BuildingKind.DORMITORY, BuildingKind.WAREHOUSE):
        offer = UnitOffer.LEASE
    # Rent falls with height above ground; sale prices follow the rent.
    rent = Decimal("18") - Decimal(min(floor, 6)) - Decimal(n % 3)
    if not factory:
        rent = (
            Decimal("12") - Decimal(n % 3)
            if kind != BuildingKind.OFFICE
            else Decimal("16")
        )
    rent = max(rent, Decimal("8"))
    price = Decimal("2800") + (rent - Decimal("8")) * Decimal("170")
    return {
        "floor": floor,
        "area_m2": Decimal(areas[(n + floor) % len(areas)]),
        "floor_load_kn_m2": load,
        "ceiling_height_m": height,
        "power_kva": power,
        "offer": offer,
        "monthly_rent_per_m2": rent if offer != UnitOffer.SALE else None,
        "sale_price_per_m2": price if offer != UnitOffer.LEASE else None,
    }


def seed_parks(users: dict[str, User]) -> list[Park]:
    parks = []
    for email, park_rows in DEMO_PARKS.items():
        operator = OperatorStaff.objects.get(user=users[email]).operator
        for row in park_rows:
            data = dict(row)
            buildings = data.pop("buildings")
            park, _ = Park.objects.update_or_create(
                operator=operator, name=data.pop("name"), defaults=data
            )
            n = 0
            for name, kind, floors, per_floor in buildings:
                prefix = name.split()[0]
                building, _ = Building.objects.update_or_create(
                    park=park,
                    name=name,
                    defaults={
                        "kind": kind,
                        "floors": floors,
                        "name_zh": f"{prefix} {BUILDING_KIND_ZH[kind]}",
                    },
                )
                for floor in range(1, floors + 1):
                    for i in range(1, per_floor + 1):
                        Unit.objects.update_or_create(
                            park=park,
                            code=f"{prefix}-{floor}{i:02d}",
                            defaults={
                                "building": building,
                                **_unit_defaults(kind, floor, n),
                            },
                        )
                        n += 1
            parks.append(park)
    return parks


# --- admissions -------------------------------------------------------------------

DEMO_ADMISSIONS = [
    # (company USCC, status, figures)
    (
        "91522601MA6DN2L0KJ",
        AdmissionApplication.Status.APPROVED,
        {
            "project_summary": "精密注塑模具生产线，为佛山家电企业配套。 Precision "
            "injection moulds for Foshan appliance makers: 6 CNC machining "
            "centres, 2 EDM lines.",
            "industry_code": "35",
            "planned_investment": Decimal("48000000"),
            "expected_annual_output": Decimal("72000000"),
            "expected_annual_tax": Decimal("3600000"),
            "jobs": 65,
            "land_mu": Decimal("0"),
            "floor_area_m2": Decimal("8000"),
            "energy_tce_per_year": Decimal("1500"),
            "pollution_category": PollutionCategory.LOW,
            "decision_note": "符合园区产业定位。 Fits the park's supply chain.",
        },
    ),
    (
        "91440606MA52XB7P4P",
        AdmissionApplication.Status.SUBMITTED,
        {
            "project_summary": "智能小家电总装基地。 Final assembly of smart "
            "kitchen appliances for the south-west market.",
            "industry_code": "38",
            "planned_investment": Decimal("90000000"),
            "expected_annual_output": Decimal("150000000"),
            "expected_annual_tax": Decimal("6000000"),
            "jobs": 180,
            "land_mu": Decimal("25"),
            "floor_area_m2": Decimal("0"),
            "energy_tce_per_year": Decimal("3200"),
            "pollution_category": PollutionCategory.LOW,
        },
    ),
]


def seed_admissions(users: dict[str, User]) -> None:
    park = Park.objects.get(name=DEMO_PARKS["operator@example.com"][0]["name"])
    officer = users["operator@example.com"]
    today = timezone.localdate()
    for uscc, status, figures in DEMO_ADMISSIONS:
        company = Company.objects.get(uscc=uscc)
        application, created = AdmissionApplication.objects.update_or_create(
            company=company,
            park=park,
            defaults={
                **figures,
                "status": status,
                "officer": officer,
                "created_by": company.created_by,
            },
        )
        if created or application.submitted_at is None:
            submitted = today - timedelta(days=3)
            application.submitted_at = timezone.now() - timedelta(days=3)
            application.due_on = add_working_days(submitted, park.admission_sla_days)
            if status == AdmissionApplication.Status.APPROVED:
                application.decided_at = timezone.now()
        application.score = admission_score(application).as_dict()
        application.save()
