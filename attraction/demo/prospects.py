"""Demo prospects in several stages, their dated histories, and two
exclusive policies (one approved, one awaiting approval)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from attraction.actions.prospects import stage_activity
from attraction.demo.common import APPLIANCE_PARK, FURNITURE_PARK, M
from attraction.models import (
    Activity,
    ChainLink,
    Policy,
    PolicyItem,
    Prospect,
)
from core.models import User
from parks.models import AdmissionApplication, OperatorRole, OperatorStaff, Park
from tenants.models import Company

# park, company, industry, link key, origin, source, stage, days in stages,
# investment, output, tax (CNY million), jobs, area m², referral USCC
PROSPECTS = [
    (
        FURNITURE_PARK,
        "佛山顺德橡木家具有限公司 Shunde Oak Furniture Co., Ltd.",
        "21",
        "furniture",
        "Foshan Shunde",
        "partner_city",
        "negotiating",
        [12, 9, 20],
        "45",
        "120",
        "4.2",
        160,
        "4000",
        None,
    ),
    (
        FURNITURE_PARK,
        "东莞雅居软体家具有限公司 Dongguan Yaju Upholstery Co.",
        "21",
        "furniture",
        "Dongguan",
        "fair",
        "visited",
        [5, 14],
        "20",
        "60",
        "1.8",
        90,
        "2500",
        None,
    ),
    (
        FURNITURE_PARK,
        "佛山南海家纺有限公司 Nanhai Home Textiles Co.",
        "17",
        "textiles",
        "Foshan Nanhai",
        "tenant_referral",
        "contacted",
        [8],
        "12",
        "35",
        "1.1",
        70,
        "1800",
        "91522601MA6DN2L0KJ",
    ),
    (
        FURNITURE_PARK,
        "黔东南林产品物流有限公司 Qiandongnan Forest Logistics",
        "59",
        "logistics",
        "Kaili",
        "direct",
        "lead",
        [],
        "8",
        "20",
        "0.6",
        30,
        "3000",
        None,
    ),
    (
        FURNITURE_PARK,
        "深圳木匠电商有限公司 Shenzhen Carpenter E-commerce",
        "52",
        "logistics",
        "Shenzhen",
        "fair",
        "lost",
        [6, 10],
        "5",
        "30",
        "0.9",
        25,
        "1200",
        None,
    ),
    (
        APPLIANCE_PARK,
        "佛山美厨电器有限公司 Foshan Meichu Kitchen Appliances",
        "38",
        "assembly",
        "Foshan Shunde",
        "partner_city",
        "signed",
        [7, 10, 15, 21],
        "80",
        "260",
        "9.5",
        300,
        "6000",
        None,
    ),
    (
        APPLIANCE_PARK,
        "东莞精密注塑有限公司 Dongguan Precision Injection Co.",
        "29",
        "materials",
        "Dongguan",
        "tenant_referral",
        "negotiating",
        [4, 12, 18],
        "25",
        "70",
        "2.4",
        110,
        "3000",
        "91440606MA52XB7P4P",
    ),
    (
        APPLIANCE_PARK,
        "深圳智控微电机有限公司 Shenzhen Smart Micro-motor Co.",
        "38",
        "assembly",
        "Shenzhen",
        "direct",
        "contacted",
        [9],
        "30",
        "90",
        "3.1",
        140,
        "2400",
        None,
    ),
    (
        APPLIANCE_PARK,
        "中山包装科技有限公司 Zhongshan Packaging Tech",
        "22",
        "packaging",
        "Zhongshan",
        "fair",
        "lead",
        [],
        "6",
        "15",
        "0.5",
        40,
        "1500",
        None,
    ),
]
STAGE_PATH = ["lead", "contacted", "visited", "negotiating", "signed"]

APPROVED_POLICY = [  # for Foshan Meichu (signed)
    ("rent_free_months", None, None, 6, "", "From handover", "Park operating budget"),
    ("rent_discount", None, "15", None, "", "Whole lease", "Park operating budget"),
    (
        "equipment_subsidy",
        "1500000",
        None,
        None,
        "If annual output ≥ ¥200M by 2028",
        "50% at commissioning, 50% after audit",
        "County industrial development fund",
    ),
    (
        "tax_rebate",
        None,
        "30",
        36,
        "Local retained share only",
        "Yearly after the tax year closes",
        "County finance bureau",
    ),
    (
        "talent_subsidy",
        "300000",
        None,
        None,
        "For 20 engineers moving from Foshan",
        "Quarterly",
        "Foshan–Qiandongnan cooperation fund",
    ),
]
SUBMITTED_POLICY = [  # for Shunde Oak (negotiating)
    ("rent_free_months", None, None, 12, "", "From handover", "Park operating budget"),
    (
        "fit_out_subsidy",
        "800000",
        None,
        None,
        "Fit-out finished within 6 months",
        "On completion",
        "County industrial development fund",
    ),
    (
        "logistics_subsidy",
        "400000",
        None,
        None,
        "Freight to the Pearl River Delta",
        "Over three years",
        "Provincial logistics fund",
    ),
]


def seed_officer(users: dict[str, User]) -> User:
    """officer@example.com: staff (not a manager) of the first operator, who
    drafts policies that operator@example.com approves."""
    manager = users["operator@example.com"]
    officer = users["officer@example.com"]
    operator = manager.operator_staff.get().operator
    OperatorStaff.objects.update_or_create(
        operator=operator, user=officer, defaults={"role": OperatorRole.STAFF}
    )
    return officer


# The appliance park's occupants (parks' demo leases) as admitted, with the
# class of their project and the output they committed to (CNY million).
OCCUPANT_PROJECTS = {
    "Kaili Huanan Electric Motor": ("38", 90),
    "Qiandongnan Shunde Appliance Parts": ("38", 60),
    "Kaili Nanhai Hardware": ("33", 45),
    "Qiandongnan Fosu New Materials": ("29", 70),
    "Kaili Chancheng Precision Casting": ("34", 80),
    "Qiandongnan Gaoming Cable": ("38", 120),
    "Kaili Sanshui Packaging": ("22", 25),
    "Qiandongnan Smart Control Instruments": ("40", 50),
}


def seed_occupant_admissions() -> None:
    """The admission each occupant of the appliance park was let in on: the
    chain map reads their committed output until they file operating reports."""
    park = Park.objects.get(name=APPLIANCE_PARK)
    for fragment, (code, output) in OCCUPANT_PROJECTS.items():
        company = Company.objects.filter(name__contains=fragment).first()
        if company is None:
            continue
        AdmissionApplication.objects.update_or_create(
            company=company,
            park=park,
            defaults={
                "status": AdmissionApplication.Status.APPROVED,
                "project_summary": "Admitted occupant (demo).",
                "industry_code": code,
                "planned_investment": Decimal(output) * M / 2,
                "expected_annual_output": Decimal(output) * M,
                "expected_annual_tax": Decimal(output) * M / 25,
                "jobs": 60,
                "land_mu": Decimal("10"),
                "energy_tce_per_year": Decimal("500"),
                "pollution_category": "low",
                "created_by": company.created_by,
            },
        )


def _history(prospect: Prospect, stage: str, days: list[int], actor: User) -> None:
    """Stage changes dated in the past, so the average days per stage read true."""
    prospect.activities.all().delete()
    now = timezone.now()
    path = STAGE_PATH[: len(days) + 1]
    if stage == "lost":
        path = STAGE_PATH[: len(days)] + ["lost"]
    start = now - timedelta(days=sum(days) + 3)
    Prospect.objects.filter(pk=prospect.pk).update(created_at=start)
    at = start
    for before, after, spent in zip(path, path[1:], days, strict=False):
        at = at + timedelta(days=spent)
        stage_activity(prospect, before, after, actor=actor, at=at, on=at.date())
    Activity.objects.create(
        prospect=prospect,
        kind=Activity.Kind.CALL,
        note="首次电话沟通，介绍园区配套与一企一策。 First call: park, chain, policy.",
        actor=actor,
        at=start + timedelta(hours=2),
        on=start.date(),
    )
    Prospect.objects.filter(pk=prospect.pk).update(stage_changed_at=at)


def _policy(prospect: Prospect, items, *, drafter: User, approver: User | None):
    policy, _ = Policy.objects.update_or_create(
        prospect=prospect,
        defaults={
            "drafted_by": drafter,
            "status": Policy.Status.APPROVED if approver else Policy.Status.SUBMITTED,
            "approved_by": approver,
            "approved_at": timezone.now() if approver else None,
        },
    )
    policy.items.all().delete()
    for kind, amount, rate, months, conditions, schedule, budget in items:
        PolicyItem.objects.create(
            policy=policy,
            kind=kind,
            amount=Decimal(amount) if amount else None,
            rate_percent=Decimal(rate) if rate else None,
            months=months,
            conditions=conditions,
            schedule=schedule,
            budget_source=budget,
        )


def seed_prospects(users: dict[str, User]) -> None:
    officer = seed_officer(users)
    manager = users["operator@example.com"]
    today = timezone.localdate()
    by_name = {}
    for i, row in enumerate(PROSPECTS):
        (park_name, name, industry, key, origin, source, stage, days, investment,
         output, tax, jobs, area, referrer) = row  # fmt: skip
        park = Park.objects.get(name=park_name)
        prospect, _ = Prospect.objects.update_or_create(
            park=park,
            company_name=name,
            defaults={
                "industry_code": industry,
                "chain_link": ChainLink.objects.get(chain__park=park, key=key),
                "origin_region": origin,
                "source": source,
                "referred_by": Company.objects.get(uscc=referrer) if referrer else None,
                "officer": officer if i % 2 == 0 else manager,
                "stage": stage,
                "lost_reason": "Chose a park in Ganzhou with a larger subsidy."
                if stage == "lost"
                else "",
                "next_action_on": today + timedelta(days=2 + i)
                if stage not in ("lost", "landed")
                else None,
                "next_action": "Site visit and draft policy" if stage != "lost" else "",
                "planned_investment": Decimal(investment) * M,
                "expected_annual_output": Decimal(output) * M,
                "expected_annual_tax": Decimal(tax) * M,
                "jobs": jobs,
                "area_m2": Decimal(area),
                "created_by": officer,
            },
        )
        _history(prospect, stage, days, officer)
        by_name[name.split(" ", 1)[1]] = prospect
    _policy(
        by_name["Foshan Meichu Kitchen Appliances"],
        APPROVED_POLICY,
        drafter=officer,
        approver=manager,
    )
    _policy(
        by_name["Shunde Oak Furniture Co., Ltd."],
        SUBMITTED_POLICY,
        drafter=officer,
        approver=None,
    )
