"""Organisations and their people, parks with buildings and units, companies
with owners and documents."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password

from billing.models import BillingSettings
from config.scale.copy import copy_rows
from config.scale.plan import (
    BANKS,
    INDUSTRIES,
    MAIN_OPERATOR_SHARE,
    PARKS_PER_OPERATOR,
    SCALE_PASSWORD,
    UNITS_PER_BUILDING,
    Scale,
    actors,
)
from core.models import User
from finance.models import (
    Bank,
    BankStaff,
    Product,
)
from governance.models import EnclaveAgreement, Region, RegionObserver
from parks.models import (
    Building,
    Operator,
    OperatorStaff,
    Park,
    Unit,
)
from tenants.models import Company, Document, Membership


# ---------------------------------------------------------------- organisations
def n_operators(scale: Scale) -> int:
    return max(1, scale.parks // PARKS_PER_OPERATOR)


def owner(scale: Scale, company: int) -> int:
    """User id of a company's owner: staff users come first, then one per company."""
    return n_operators(scale) + 2 * BANKS + company


def operator_of_park(scale: Scale, park: int) -> int:
    """Park index -> operator id: the first operator holds most parks."""
    main = max(1, round(scale.parks * MAIN_OPERATOR_SHARE))
    n = n_operators(scale)
    if park < main or n == 1:
        return 1
    return 2 + (park - main) % (n - 1)


def seed_organisations(scale: Scale, rnd: random.Random) -> dict[str, int]:
    password = make_password(SCALE_PASSWORD)
    n_ops = n_operators(scale)
    users: list[dict[str, Any]] = []
    uid = 0

    def user(email: str) -> int:
        nonlocal uid
        uid += 1
        users.append({"id": uid, "email": email, "password": password})
        return uid

    copy_rows(
        Operator,
        (
            {"id": i, "name": f"Operator {i - 1}", "name_zh": f"运营方 {i - 1}"}
            for i in range(1, n_ops + 1)
        ),
    )
    copy_rows(
        BillingSettings,
        (
            {"id": i, "operator_id": i, "invoice_prefix": f"OP{i:03d}"}
            for i in range(1, n_ops + 1)
        ),
    )
    staff = [
        {"id": i, "operator_id": i, "user_id": user(f"operator{i - 1}@scale.test"),
         "role": "finance"}
        for i in range(1, n_ops + 1)
    ]  # fmt: skip
    copy_rows(
        Bank,
        ({"id": i, "name": f"Bank {i - 1}"} for i in range(1, BANKS + 1)),
    )
    bank_staff = []
    for i in range(1, BANKS + 1):
        for role in ("maker", "checker"):
            bank_staff.append(
                {"id": len(bank_staff) + 1, "bank_id": i, "role": role,
                 "user_id": user(f"bank{i - 1}-{role}@scale.test")}
            )  # fmt: skip
    # Company owners: user ids follow, company i (1-based) owned by user base + i.
    base = uid  # == owner(scale, 0)
    users.extend(
        {"id": base + i, "email": f"owner{i}@scale.test", "password": password}
        for i in range(1, scale.companies + 1)
    )
    copy_rows(User, users)
    copy_rows(OperatorStaff, staff)
    copy_rows(BankStaff, bank_staff)
    copy_rows(
        Product,
        (
            {"id": i, "bank_id": i, "kind": "working_capital_loan",
             "name": "Working capital", "min_amount": Decimal("100000"),
             "max_amount": Decimal("50000000"), "max_term_months": 60,
             "lpr_tenor": "1y", "spread_bp": 50}
            for i in range(1, BANKS + 1)
        ),
    )  # fmt: skip
    return {"operators": n_ops, "banks": BANKS, "users": len(users)}


# ---------------------------------------------------------------- inventory
def seed_inventory(scale: Scale, rnd: random.Random) -> dict[str, int]:
    per_park = -(-scale.units // scale.parks)
    buildings_per_park = -(-per_park // UNITS_PER_BUILDING)
    copy_rows(
        Park,
        (
            {"id": p + 1, "operator_id": operator_of_park(scale, p),
             "name": f"Park {p:03d}", "name_zh": f"园区 {p:03d}",
             "kind": "enclave" if p % 3 else "co_built", "host_region": "Qiandongnan",
             "partner_region": "Foshan", "leading_industry": INDUSTRIES[p % 12],
             "area_mu": Decimal(1000 + p)}
            for p in range(scale.parks)
        ),
    )  # fmt: skip
    copy_rows(
        Building,
        (
            {"id": p * buildings_per_park + b + 1, "park_id": p + 1,
             "name": f"B{b + 1:02d}", "kind": "standard_factory", "floors": 5}
            for p in range(scale.parks)
            for b in range(buildings_per_park)
        ),
    )  # fmt: skip

    def units() -> Iterator[dict[str, Any]]:
        for u in range(scale.units):
            p, k = u % scale.parks, u // scale.parks
            b = k // UNITS_PER_BUILDING
            area = Decimal(500 + rnd.randrange(0, 4500))
            yield {
                "id": u + 1, "park_id": p + 1,
                "building_id": p * buildings_per_park + b + 1,
                "code": f"B{b + 1:02d}-{k % UNITS_PER_BUILDING + 1:03d}",
                "floor": 1 + (k % UNITS_PER_BUILDING) // 10, "area_m2": area,
                "offer": ("lease", "sale", "both")[u % 3],
                "monthly_rent_per_m2": Decimal(18 + u % 7),
                "sale_price_per_m2": Decimal(3000 + u % 900),
                "status": "leased" if u < scale.leases else "vacant",
            }  # fmt: skip

    n = copy_rows(Unit, units())
    return {"parks": scale.parks, "units": n}


# ---------------------------------------------------------------- companies
def seed_companies(scale: Scale, rnd: random.Random) -> dict[str, int]:
    copy_rows(
        Company,
        (
            {"id": c, "name": f"Scale Manufacturing {c:06d}", "uscc": f"S{c:017d}",
             "legal_representative": "张三", "registered_capital": Decimal(5_000_000),
             "founded_on": date(2010 + c % 14, 1 + c % 12, 1),
             "employees": 20 + c % 400,
             "annual_revenue": Decimal(3_000_000 + c % 97 * 100_000),
             "industry_code": INDUSTRIES[c % 12], "size_class": "small",
             "created_by_id": owner(scale, c)}
            for c in range(1, scale.companies + 1)
        ),
    )  # fmt: skip
    copy_rows(
        Membership,
        (
            {"id": c, "company_id": c, "user_id": owner(scale, c), "role": "owner"}
            for c in range(1, scale.companies + 1)
        ),
    )
    copy_rows(
        Document,
        (
            {"id": 2 * c - 1 + k, "company_id": c, "kind": kind,
             "file": f"documents/{c}/{kind}.pdf", "filename": f"{kind}.pdf",
             "content_type": "application/pdf", "size": 1024,
             "sha256": f"{c:064d}", "uploaded_by_id": owner(scale, c)}
            for c in range(1, scale.companies + 1)
            for k, kind in enumerate(("business_license", "financial_statement"))
        ),
    )  # fmt: skip
    return {"companies": scale.companies, "documents": 2 * scale.companies}


# ---------------------------------------------------------------- regions
# A host prefecture receives a bounded number of enclave parks: a larger
# portfolio spans more host regions, not larger ones (so a region's page shows
# as many parks at either data size, like every other page of the benchmark).
PARKS_PER_HOST_REGION = 20


def seed_regions(scale: Scale) -> dict[str, int]:
    """The two governments of every park: a host prefecture (the parks dealt
    round them, about 20 each) and one partner city for all; an observer of the
    first host. Written with the ORM after the sequences are reset (a few hundred
    rows)."""
    n_hosts = -(-scale.parks // PARKS_PER_HOST_REGION)
    hosts = Region.objects.bulk_create(
        Region(name=f"Host region {i}", name_zh=f"承接地 {i}") for i in range(n_hosts)
    )
    partner = Region.objects.create(name="Partner city", name_zh="合作城市")
    EnclaveAgreement.objects.bulk_create(
        EnclaveAgreement(
            park_id=p + 1,
            host_region=hosts[p % n_hosts],
            partner_region=partner,
            signed_on=date(2024, 1, 1),
        )
        for p in range(scale.parks)
    )
    observer = User.objects.create(
        email=actors().observer, password=make_password(SCALE_PASSWORD)
    )
    RegionObserver.objects.create(region=hosts[0], user=observer)
    return {"regions": n_hosts + 1, "agreements": scale.parks}
