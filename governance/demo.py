"""Demo governance: regions and an observer, enclave agreements with a changing
split, a partner-city firm, quarterly reports (one firm short two quarters in a
row), commitments both ways in several states, an open, overdue concern."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from core.models import User
from governance.actions.commitments import commitments_from_admission
from governance.actions.reports import alerts_check
from governance.links import candidates
from governance.models import (
    Commitment,
    CommitmentKind,
    Concern,
    EnclaveAgreement,
    Evidence,
    FirmScope,
    OperatingReport,
    ParkGovernance,
    Region,
    RegionObserver,
    Side,
    SplitPeriod,
)
from governance.periods import Quarter
from parks.models import AdmissionApplication, Park, PollutionCategory
from parks.workdays import add_working_days
from tenants.demo import seed_company
from tenants.models import Company

REGIONS = {
    "Qiandongnan": "黔东南州",
    "Foshan": "佛山市",
    "Bijie": "毕节市",
    "Guangzhou": "广州市",
}
AGREEMENTS = [
    # park name, host, partner, scope
    (
        "Foshan–Qiandongnan Industrial Park",
        "Qiandongnan",
        "Foshan",
        FirmScope.PARTNER_LANDED,
    ),
    ("Sansui–Foshan Co-built Industrial Park", "Qiandongnan", "Foshan", FirmScope.ALL),
    ("Guangzhou–Bijie Industrial Park", "Bijie", "Guangzhou", FirmScope.PARTNER_LANDED),
]
PARTNER_FIRM = {
    "name": "佛山顺德电机配件有限公司 Foshan Shunde Motor Parts Co., Ltd.",
    "uscc": "91440606MA53FR8M2G",
    "legal_representative": "陈静",
    "registered_capital": Decimal("8000000.00"),
    "founded_on": date(2014, 5, 20),
    "employees": 120,
    "annual_revenue": Decimal("66000000.00"),
    "industry_code": "38",
}
PRECISION_MOULD = "91522601MA6DN2L0KJ"
CLOSE_NOTES = {
    Commitment.Status.HONOURED: "租金发票已按零租金开具。 Invoiced at zero rent.",
    Commitment.Status.BREACHED: "供电局排期延后。 The grid company postponed it.",
    Commitment.Status.WAIVED: "企业改租园区公寓。 The tenant chose the park's flats.",
}
# (company USCC, quarter offset from the last one, output, tax, employees, tce)
REPORTS = [
    (PRECISION_MOULD, -4, "17800000", "880000", 62, "360"),
    (PRECISION_MOULD, -3, "18200000", "905000", 64, "370"),
    (PRECISION_MOULD, -2, "18900000", "940000", 66, "380"),
    (PRECISION_MOULD, -1, "19500000", "960000", 66, "385"),
    (PRECISION_MOULD, 0, "20100000", "1010000", 68, "392"),
    # The partner firm promised ¥80M output and ¥4M tax a year on 12 mu; two
    # quarters in a row it delivered well under 80 %: an alert.
    (PARTNER_FIRM["uscc"], -3, "19000000", "950000", 95, "300"),
    (PARTNER_FIRM["uscc"], -2, "18500000", "930000", 96, "296"),
    (PARTNER_FIRM["uscc"], -1, "13200000", "640000", 88, "260"),
    (PARTNER_FIRM["uscc"], 0, "12400000", "600000", 84, "251"),
]


def _partner_firm(users: dict[str, User], park: Park) -> Company:
    owner = users["tenant2@example.com"]
    company = seed_company(PARTNER_FIRM, owner)
    decided = timezone.now() - timedelta(days=420)
    AdmissionApplication.objects.update_or_create(
        company=company,
        park=park,
        defaults={
            "status": AdmissionApplication.Status.APPROVED,
            "project_summary": "家电电机配件生产，随佛山整机企业西迁。 Motor parts for "
            "appliance makers, landed with the Foshan partner city's chain.",
            "industry_code": "38",
            "planned_investment": Decimal("36000000"),
            "expected_annual_output": Decimal("80000000"),
            "expected_annual_tax": Decimal("4000000"),
            "jobs": 110,
            "land_mu": Decimal("12"),
            "energy_tce_per_year": Decimal("1100"),
            "pollution_category": PollutionCategory.LOW,
            "officer": users["operator@example.com"],
            "created_by": owner,
            "submitted_at": decided - timedelta(days=6),
            "due_on": add_working_days(
                timezone.localdate(decided) - timedelta(days=6), 10
            ),
            "decided_at": decided,
        },
    )
    return company


def _agreements(park_by_name: dict[str, Park], partner: Company, today: date) -> None:
    regions = {
        name: Region.objects.update_or_create(name=name, defaults={"name_zh": zh})[0]
        for name, zh in REGIONS.items()
    }
    current = Quarter.of(today).previous()
    for park_name, host, partner_region, scope in AGREEMENTS:
        park = park_by_name[park_name]
        agreement, _ = EnclaveAgreement.objects.update_or_create(
            park=park,
            defaults={
                "host_region": regions[host],
                "partner_region": regions[partner_region],
                "firm_scope": scope,
                "signed_on": date(today.year - 2, 1, 1),
            },
        )
        agreement.splits.all().delete()
        if park_name == AGREEMENTS[0][0]:
            # 40/60 for the first years, 50/50 from the last quarter on.
            SplitPeriod.objects.create(
                agreement=agreement,
                starts_on=date(today.year - 2, 1, 1),
                output_host_percent=Decimal("40"),
                tax_host_percent=Decimal("40"),
            )
            SplitPeriod.objects.create(
                agreement=agreement,
                starts_on=current.start,
                output_host_percent=Decimal("50"),
                tax_host_percent=Decimal("50"),
            )
            agreement.partner_firms.set([partner])
        else:
            SplitPeriod.objects.create(
                agreement=agreement,
                starts_on=date(today.year - 2, 1, 1),
                output_host_percent=park.output_share_host,
                tax_host_percent=park.tax_share_host,
            )


def _commitments(park: Park, company: Company, officer: User, owner: User) -> None:
    application = AdmissionApplication.objects.filter(
        park=park, company=company, status=AdmissionApplication.Status.APPROVED
    ).first()
    if application is not None:
        commitments_from_admission(application=application, actor=officer)
    today = timezone.localdate()
    rows = [
        (
            CommitmentKind.RENT_FREE,
            "前三个月免租。 Rent-free for the first three months of the lease.",
            Decimal("0"),
            today - timedelta(days=90),
            Commitment.Status.HONOURED,
        ),
        (
            CommitmentKind.SUBSIDY,
            "设备购置补贴 ¥500,000。 Equipment purchase subsidy of CNY 500,000.",
            Decimal("500000"),
            today - timedelta(days=10),
            Commitment.Status.DUE,
        ),
        (
            CommitmentKind.TAX_REBATE,
            "地方留存税收前两年返还 50%。 "
            "50 % of the locally retained tax refunded for two years.",
            Decimal("320000"),
            today + timedelta(days=200),
            Commitment.Status.PENDING,
        ),
        (
            CommitmentKind.SERVICE,
            "专用 10 kV 供电线路。 A dedicated 10 kV power line to the workshop.",
            None,
            today - timedelta(days=40),
            Commitment.Status.BREACHED,
        ),
        (
            CommitmentKind.OTHER,
            "员工宿舍 20 间。 Twenty dormitory rooms for the staff.",
            None,
            today - timedelta(days=60),
            Commitment.Status.WAIVED,
        ),
    ]
    for kind, text, amount, due, status in rows:
        commitment, created = Commitment.objects.get_or_create(
            park=park,
            company=company,
            side=Side.PARK,
            kind=kind,
            source_kind="operator",
            defaults={
                "description": text,
                "amount": amount,
                "due_date": due,
                "status": status,
                "created_by": officer,
            },
        )
        if not created:
            continue
        if status in (
            Commitment.Status.HONOURED,
            Commitment.Status.BREACHED,
            Commitment.Status.WAIVED,
        ):
            commitment.closed_at = timezone.now() - timedelta(days=5)
            commitment.closed_by = officer
            commitment.close_note = CLOSE_NOTES[status]
            commitment.save()
        if status == Commitment.Status.HONOURED:
            # The zero-rent invoice lines that honoured it, where billing has them.
            for record in candidates(commitment)[:3]:
                Evidence.objects.create(
                    commitment=commitment,
                    link_kind=record.kind,
                    link_ref=record.ref,
                    label=record.label,
                    added_by=officer,
                )
        if status == Commitment.Status.DUE:
            raised = today - timedelta(days=8)
            Concern.objects.create(
                commitment=commitment,
                text="补贴到期仍未到账，请告知进度。 "
                "The subsidy is due but has not arrived: when will it be paid?",
                raised_by=owner,
                raised_at=timezone.now() - timedelta(days=8),
                officer=officer,
                due_on=add_working_days(raised, 3),
            )


def seed_governance(users: dict[str, User]) -> None:
    today = timezone.localdate()
    park_by_name = {
        p.name: p for p in Park.objects.filter(name__in=[a[0] for a in AGREEMENTS])
    }
    park = park_by_name[AGREEMENTS[0][0]]
    officer = users["operator@example.com"]
    ParkGovernance.objects.update_or_create(
        park=park,
        defaults={"service_officer": officer, "shortfall_percent": Decimal("20")},
    )
    partner = _partner_firm(users, park)
    _agreements(park_by_name, partner, today)
    observer = users["observer@example.com"]
    RegionObserver.objects.get_or_create(
        region=Region.objects.get(name="Qiandongnan"), user=observer
    )
    last = Quarter.of(today).previous()
    settings = ParkGovernance.of(park)
    for uscc, offset, output, tax, employees, tce in REPORTS:
        company = Company.objects.get(uscc=uscc)
        quarter = last
        for _ in range(-offset):
            quarter = quarter.previous()
        deadline = quarter.deadline(settings.report_deadline_days)
        OperatingReport.objects.get_or_create(
            company=company,
            park=park,
            period=str(quarter),
            defaults={
                "output": Decimal(output),
                "tax_paid": Decimal(tax),
                "employees": employees,
                "energy_tce": Decimal(tce),
                "deadline": deadline,
                "late": offset == -1 and uscc == PARTNER_FIRM["uscc"],
                "filed_by": company.created_by,
                "filed_at": timezone.now()
                - timedelta(days=max(0, (today - deadline).days) + 3),
            },
        )
    alerts_check(company=partner, park=park, quarter=last)
    mould = Company.objects.get(uscc=PRECISION_MOULD)
    _commitments(park, mould, officer, users["tenant@example.com"])
