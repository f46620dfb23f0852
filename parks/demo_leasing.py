"""Demo leases and sales in the first demo park, so the occupancy pages have a
history: occupants, expiries soon, reserved units, sold units, and the demo
tenant's own lease and a pending application.

Dates are anchored on the first day of the current month and each demo lease is
keyed on (unit, company), so running the seed again updates rows in place.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import timezone
from stdnum.cn import uscc as stdnum_uscc

from core.dates import add_months, term_end
from core.models import User
from core.money import money
from parks.actions.unit_status import unit_refresh_status
from parks.models import Lease, LeaseApplication, Park, Sale, Unit
from tenants.models import Company
from tenants.sizing import sme_size_class

DEMO_PARK = "Foshan–Qiandongnan Industrial Park"
DEMO_TENANT_USCC = "91522601MA6DN2L0KJ"  # tenant@example.com's company
OCCUPANTS = [
    ("凯里华南电机有限公司 Kaili Huanan Electric Motor Co., Ltd.", "38"),
    ("黔东南顺德电器配件有限公司 Qiandongnan Shunde Appliance Parts Co., Ltd.", "38"),
    ("凯里南海五金制品有限公司 Kaili Nanhai Hardware Co., Ltd.", "33"),
    ("黔东南佛塑新材料有限公司 Qiandongnan Fosu New Materials Co., Ltd.", "29"),
    ("凯里禅城精密铸造有限公司 Kaili Chancheng Precision Casting Co., Ltd.", "34"),
    ("黔东南高明线缆有限公司 Qiandongnan Gaoming Cable Co., Ltd.", "38"),
    ("凯里三水包装材料有限公司 Kaili Sanshui Packaging Co., Ltd.", "22"),
    ("黔东南智控仪表有限公司 Qiandongnan Smart Control Instruments Co., Ltd.", "40"),
]


def _uscc(n: int) -> str:
    base = f"9152260100{n:07d}"
    return base + stdnum_uscc.calc_check_digit(base)


def _occupants(owner: User) -> list[Company]:
    companies = []
    for n, (name, industry) in enumerate(OCCUPANTS, start=1):
        employees, revenue = 40 + n * 15, Decimal(8_000_000 + n * 3_500_000)
        company, _ = Company.objects.update_or_create(
            uscc=_uscc(n),
            defaults={
                "name": name,
                "legal_representative": "王" + "明华强军丽敏静涛"[n - 1],
                "registered_capital": Decimal(2_000_000 + n * 500_000),
                "founded_on": date(2012 + n, n, 10 + n),
                "employees": employees,
                "annual_revenue": revenue,
                "industry_code": industry,
                "size_class": sme_size_class(
                    industry_code=industry, employees=employees, annual_revenue=revenue
                ),
                "created_by": owner,
            },
        )
        companies.append(company)
    return companies


def _lease(
    unit: Unit,
    company: Company,
    start: date,
    months: int,
    status: str,
    deposit_months: int,
    **terms,
) -> Lease:
    rent = money(unit.area_m2 * unit.monthly_rent_per_m2)
    end = term_end(start, months)
    lease, _ = Lease.objects.update_or_create(
        unit=unit,
        company=company,
        defaults={
            "start_date": start,
            "end_date": end,
            "rent_per_m2": unit.monthly_rent_per_m2,
            "monthly_rent": rent,
            "deposit": money(rent * deposit_months),
            "status": status,
            "activated_on": start if status != Lease.Status.APPROVED else None,
            **terms,
        },
    )
    return lease


def seed_leasing(users: dict[str, User]) -> None:
    park = Park.objects.filter(name=DEMO_PARK).first()
    if park is None:
        return
    operator_user = users["operator@example.com"]
    occupants = _occupants(operator_user)
    tenant_company = Company.objects.get(uscc=DEMO_TENANT_USCC)
    base = timezone.localdate().replace(day=1)
    units = list(
        Unit.objects.filter(park=park).order_by("building__name", "floor", "code")
    )
    leasable = [u for u in units if u.for_lease and u.monthly_rent_per_m2]
    saleable = [u for u in units if not u.for_lease and u.sale_price_per_m2]
    deposit = park.deposit_months

    # The demo tenant's own lease, handed over five months ago.
    own, leasable = leasable[0], leasable[1:]
    _lease(
        own,
        tenant_company,
        add_months(base, -5),
        36,
        Lease.Status.ACTIVE,
        deposit,
        rent_free_months=2,
        escalation_percent=Decimal("3.00"),
    )
    for i, unit in enumerate(leasable):
        company = occupants[i % len(occupants)]
        slot = i % 10
        if slot <= 3:  # long-standing occupants, some with an earlier tenant
            start = add_months(base, -(3 + (i * 7) % 27))
            if i % 3 == 0:
                previous = occupants[(i + 3) % len(occupants)]
                _lease(
                    unit,
                    previous,
                    add_months(start, -24),
                    24,
                    Lease.Status.EXPIRED,
                    deposit,
                )
            _lease(unit, company, start, 60, Lease.Status.ACTIVE, deposit)
        elif slot == 4:  # ends this month
            _lease(
                unit, company, add_months(base, -35), 36, Lease.Status.ACTIVE, deposit
            )
        elif slot == 5:  # ends next month
            _lease(
                unit, company, add_months(base, -22), 24, Lease.Status.ACTIVE, deposit
            )
        elif slot == 8:  # ends in two months
            _lease(
                unit, company, add_months(base, -33), 36, Lease.Status.ACTIVE, deposit
            )
        elif slot == 6:  # signed, starts next month
            _lease(
                unit, company, add_months(base, 1), 36, Lease.Status.APPROVED, deposit
            )
        elif slot == 7:  # let for two years, vacant since last year
            _lease(
                unit, company, add_months(base, -40), 24, Lease.Status.EXPIRED, deposit
            )
    for i, unit in enumerate(saleable):
        if i % 4 in (0, 1):
            company = occupants[(i + 5) % len(occupants)]
            price = unit.sale_price
            completed = i % 4 == 0
            Sale.objects.update_or_create(
                unit=unit,
                company=company,
                defaults={
                    "price": price,
                    "down_payment_ratio": Decimal("0.400"),
                    "down_payment": money(price * Decimal("0.4")),
                    "status": Sale.Status.COMPLETED
                    if completed
                    else Sale.Status.SUBMITTED,
                    "completed_on": add_months(base, -(i % 18) - 1)
                    if completed
                    else None,
                    "created_by": operator_user,
                },
            )
    # A pending application from the demo tenant, for the operator's queue.
    vacant = next(u for u in leasable[::-1] if not u.leases.exists())
    LeaseApplication.objects.update_or_create(
        company=tenant_company,
        unit=vacant,
        defaults={
            "start_date": add_months(base, 2),
            "term_months": 36,
            "status": LeaseApplication.Status.SUBMITTED,
            "note": "扩产需要第二个车间。 A second workshop for the new line.",
            "created_by": tenant_company.created_by,
        },
    )
    for unit in units:
        unit_refresh_status(unit)
