"""Demo companies for the two demo tenants."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from core.models import User
from tenants.models import Company, MemberRole, Membership
from tenants.sizing import sme_size_class

DEMO_COMPANIES = [
    {
        "owner": "tenant@example.com",
        "name": "黔东南精工模具有限公司 Qiandongnan Precision Mould Co., Ltd.",
        "uscc": "91522601MA6DN2L0KJ",
        "legal_representative": "李伟",
        "registered_capital": Decimal("5000000.00"),
        "founded_on": date(2019, 4, 18),
        "employees": 86,
        "annual_revenue": Decimal("32800000.00"),
        "industry_code": "35",
    },
    {
        "owner": "tenant2@example.com",
        "name": "佛山岭南智能家电有限公司 Foshan Lingnan Smart Appliances Co., Ltd.",
        "uscc": "91440606MA52XB7P4P",
        "legal_representative": "陈静",
        "registered_capital": Decimal("12000000.00"),
        "founded_on": date(2016, 9, 2),
        "employees": 240,
        "annual_revenue": Decimal("158000000.00"),
        "industry_code": "38",
    },
]


def seed_company(data: dict, owner: User) -> Company:
    """A demo company from its profile (size class derived as the app derives
    it), owned by `owner`; seeding again updates it."""
    data = dict(data)
    data["size_class"] = sme_size_class(
        industry_code=data["industry_code"],
        employees=data["employees"],
        annual_revenue=data["annual_revenue"],
    )
    company, _ = Company.objects.update_or_create(
        uscc=data.pop("uscc"), defaults={**data, "created_by": owner}
    )
    Membership.objects.get_or_create(
        company=company, user=owner, defaults={"role": MemberRole.OWNER}
    )
    return company


def seed_companies(users: dict[str, User]) -> list[Company]:
    companies = []
    for data in DEMO_COMPANIES:
        data = dict(data)
        companies.append(seed_company(data, users[data.pop("owner")]))
    return companies
