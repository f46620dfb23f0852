"""A portfolio at Wanyang scale for benchmarks: parks, units, companies, leases,
a year of invoices and finance requests, written with COPY into an empty database.

Deterministic for a given size and seed. The first operator runs most parks (the
portfolio an operator's pages must cope with); the first bank receives every
routed request; each company has one owner. Every user's password is
`SCALE_PASSWORD`. PostgreSQL only.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, models, transaction

from billing.models import BillingSettings, Invoice, InvoiceCounter
from core.models import User
from finance.models import (
    Bank,
    BankStaff,
    Consent,
    FinanceRequest,
    Offer,
    Product,
    RequestRoute,
)
from parks.models import (
    AdmissionApplication,
    Building,
    Lease,
    LeaseApplication,
    Operator,
    OperatorStaff,
    Park,
    Unit,
)
from tenants.models import Company, Document, Membership

SCALE_PASSWORD = "scale-pass-123"  # noqa: S105 (benchmark data only)
UNITS_PER_BUILDING = 50
PARKS_PER_OPERATOR = 10
MAIN_OPERATOR_SHARE = 0.85  # of the parks: one operator runs most of them
BANKS = 10
REQUESTS_PER_COMPANY = 0.4
INDUSTRIES = ["13", "14", "17", "26", "29", "30", "33", "34", "35", "36", "38", "39"]


@dataclass
class Scale:
    parks: int
    units: int
    companies: int
    leases: int
    seed: int = 1
    today: date = field(default_factory=date.today)

    def scaled(self, factor: float) -> Scale:
        return Scale(
            parks=max(1, round(self.parks * factor)),
            units=max(1, round(self.units * factor)),
            companies=max(1, round(self.companies * factor)),
            leases=max(1, round(self.leases * factor)),
            seed=self.seed,
            today=self.today,
        )


@dataclass(frozen=True)
class Actors:
    """The users a benchmark signs in as."""

    operator: str  # staff (finance role) of the operator running most parks
    bank: str  # maker at the bank every request is routed to
    tenant: str  # owner of a company with leases and invoices


def actors() -> Actors:
    return Actors(
        operator="operator0@scale.test",
        bank="bank0-maker@scale.test",
        tenant="owner1@scale.test",
    )


def _month_add(day: date, months: int) -> date:
    m = day.month - 1 + months
    return date(day.year + m // 12, m % 12 + 1, 1)


class _Copier:
    """COPY rows of one model: every concrete column, model defaults filled in."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        now = datetime.now(tz=UTC)
        self.fields = list(model._meta.concrete_fields)
        self.defaults: dict[str, Any] = {}
        for f in self.fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                self.defaults[f.attname] = now
                continue
            value = f.get_default()  # "" for strings without a default
            if value is not None or f.null:
                self.defaults[f.attname] = now if isinstance(value, datetime) else value
        self.json = {f.attname for f in self.fields if isinstance(f, models.JSONField)}

    def write(self, rows: Iterable[dict[str, Any]]) -> int:
        table = connection.ops.quote_name(self.model._meta.db_table)
        cols = [f.attname for f in self.fields]
        names = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        count = 0
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                values = []
                for col in cols:
                    value = row[col] if col in row else self.defaults[col]
                    if col in self.json:
                        value = json.dumps(value, ensure_ascii=False)
                    values.append(value)
                copy.write_row(values)
                count += 1
        return count


def _copy(model: type[models.Model], rows: Iterable[dict[str, Any]]) -> int:
    return _Copier(model).write(rows)


def _copy_m2m(table: str, columns: tuple[str, str], pairs: Iterable[tuple]) -> None:
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(
            f"COPY {table} ({columns[0]}, {columns[1]}) FROM STDIN"
        ) as copy,
    ):
        for pair in pairs:
            copy.write_row(pair)


def seed(scale: Scale, log: Any = print) -> dict[str, int]:
    """Fill an empty, migrated PostgreSQL database; returns row counts."""
    if connection.vendor != "postgresql":
        raise RuntimeError("seed_scale writes with COPY: PostgreSQL only")
    if Park.objects.exists() or Company.objects.exists():
        raise RuntimeError("seed_scale needs an empty database (parks exist)")
    rnd = random.Random(scale.seed)
    counts: dict[str, int] = {}
    with transaction.atomic():
        counts.update(_seed_organisations(scale, rnd))
        log(f"  organisations and users: {counts}")
        counts.update(_seed_inventory(scale, rnd))
        log(f"  parks, buildings, units: {counts['units']} units")
        counts.update(_seed_companies(scale, rnd))
        log(f"  companies: {counts['companies']}")
        counts.update(_seed_leases(scale, rnd))
        log(f"  leases: {counts['leases']}")
        counts.update(_seed_invoices(scale))
        log(f"  invoices: {counts['invoices']}")
        counts.update(_seed_finance_requests(scale, rnd))
        log(f"  finance requests: {counts['finance_requests']}")
        _reset_sequences()
    with connection.cursor() as cursor:
        # VACUUM as autovacuum would on a live database: bulk-loaded rows have no
        # visibility map yet, so every aggregate would read the heap (and set
        # hint bits) on its first runs. Not possible inside a transaction.
        cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
    return counts


# ---------------------------------------------------------------- organisations
def _n_operators(scale: Scale) -> int:
    return max(1, scale.parks // PARKS_PER_OPERATOR)


def _owner(scale: Scale, company: int) -> int:
    """User id of a company's owner: staff users come first, then one per company."""
    return _n_operators(scale) + 2 * BANKS + company


def _operator_of_park(scale: Scale, park: int) -> int:
    """Park index -> operator id: the first operator holds most parks."""
    main = max(1, round(scale.parks * MAIN_OPERATOR_SHARE))
    n = _n_operators(scale)
    if park < main or n == 1:
        return 1
    return 2 + (park - main) % (n - 1)


def _seed_organisations(scale: Scale, rnd: random.Random) -> dict[str, int]:
    password = make_password(SCALE_PASSWORD)
    n_ops = _n_operators(scale)
    users: list[dict[str, Any]] = []
    uid = 0

    def user(email: str) -> int:
        nonlocal uid
        uid += 1
        users.append({"id": uid, "email": email, "password": password})
        return uid

    _copy(
        Operator,
        (
            {"id": i, "name": f"Operator {i - 1}", "name_zh": f"运营方 {i - 1}"}
            for i in range(1, n_ops + 1)
        ),
    )
    _copy(
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
    _copy(
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
    base = uid  # == _owner(scale, 0)
    users.extend(
        {"id": base + i, "email": f"owner{i}@scale.test", "password": password}
        for i in range(1, scale.companies + 1)
    )
    _copy(User, users)
    _copy(OperatorStaff, staff)
    _copy(BankStaff, bank_staff)
    _copy(
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
def _seed_inventory(scale: Scale, rnd: random.Random) -> dict[str, int]:
    per_park = -(-scale.units // scale.parks)
    buildings_per_park = -(-per_park // UNITS_PER_BUILDING)
    _copy(
        Park,
        (
            {"id": p + 1, "operator_id": _operator_of_park(scale, p),
             "name": f"Park {p:03d}", "name_zh": f"园区 {p:03d}",
             "kind": "enclave" if p % 3 else "co_built", "host_region": "Qiandongnan",
             "partner_region": "Foshan", "leading_industry": INDUSTRIES[p % 12],
             "area_mu": Decimal(1000 + p)}
            for p in range(scale.parks)
        ),
    )  # fmt: skip
    _copy(
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

    n = _copy(Unit, units())
    return {"parks": scale.parks, "units": n}


# ---------------------------------------------------------------- companies
def _seed_companies(scale: Scale, rnd: random.Random) -> dict[str, int]:
    _copy(
        Company,
        (
            {"id": c, "name": f"Scale Manufacturing {c:06d}", "uscc": f"S{c:017d}",
             "legal_representative": "张三", "registered_capital": Decimal(5_000_000),
             "founded_on": date(2010 + c % 14, 1 + c % 12, 1),
             "employees": 20 + c % 400,
             "annual_revenue": Decimal(3_000_000 + c % 97 * 100_000),
             "industry_code": INDUSTRIES[c % 12], "size_class": "small",
             "created_by_id": _owner(scale, c)}
            for c in range(1, scale.companies + 1)
        ),
    )  # fmt: skip
    _copy(
        Membership,
        (
            {"id": c, "company_id": c, "user_id": _owner(scale, c), "role": "owner"}
            for c in range(1, scale.companies + 1)
        ),
    )
    _copy(
        Document,
        (
            {"id": 2 * c - 1 + k, "company_id": c, "kind": kind,
             "file": f"documents/{c}/{kind}.pdf", "filename": f"{kind}.pdf",
             "content_type": "application/pdf", "size": 1024,
             "sha256": f"{c:064d}", "uploaded_by_id": _owner(scale, c)}
            for c in range(1, scale.companies + 1)
            for k, kind in enumerate(("business_license", "financial_statement"))
        ),
    )  # fmt: skip
    return {"companies": scale.companies, "documents": 2 * scale.companies}


# ---------------------------------------------------------------- leases
def _lease_company(scale: Scale, lease: int) -> int:
    return 1 + lease % scale.companies


def _lease_terms(scale: Scale, lease: int) -> tuple[date, date, Decimal]:
    """Start before the billed year, end spread over the coming years (a few
    within 90 days, for the expiry lists)."""
    start = date(scale.today.year - 3 + lease % 3, 1 + lease % 12, 1)
    end = _month_add(scale.today, 1 + lease % 48) - timedelta(days=1)
    rent = Decimal(8000 + (lease * 37) % 40000)
    return start, end, rent


def _seed_leases(scale: Scale, rnd: random.Random) -> dict[str, int]:
    def leases() -> Iterator[dict[str, Any]]:
        for i in range(scale.leases):
            start, end, rent = _lease_terms(scale, i)
            yield {
                "id": i + 1, "unit_id": i + 1,
                "company_id": _lease_company(scale, i), "start_date": start,
                "end_date": end, "rent_per_m2": Decimal(20), "monthly_rent": rent,
                "deposit": rent * 2, "status": "active", "activated_on": start,
            }  # fmt: skip

    n = _copy(Lease, leases())
    # Each leasing company was admitted to the park of its first lease.
    admitted: dict[tuple[int, int], int] = {}
    for i in range(scale.leases):
        admitted.setdefault((_lease_company(scale, i), 1 + i % scale.parks), i)
    pending = range(scale.leases, min(scale.units, scale.leases + scale.leases // 40))

    def admissions() -> Iterator[dict[str, Any]]:
        for n_app, (company, park) in enumerate(admitted, start=1):
            yield {
                "id": n_app, "company_id": company, "park_id": park,
                "status": "approved", "project_summary": "Production line",
                "industry_code": INDUSTRIES[company % 12],
                "planned_investment": Decimal(20_000_000),
                "expected_annual_output": Decimal(30_000_000),
                "expected_annual_tax": Decimal(1_500_000), "jobs": 50,
                "energy_tce_per_year": Decimal(100),
                "created_by_id": _owner(scale, company),
            }  # fmt: skip

    _copy(AdmissionApplication, admissions())
    _copy(
        LeaseApplication,
        (
            {"id": k + 1, "company_id": 1 + (u * 7) % scale.companies,
             "unit_id": u + 1, "start_date": _month_add(scale.today, 1),
             "term_months": 36, "status": "submitted",
             "created_by_id": _owner(scale, 1 + (u * 7) % scale.companies)}
            for k, u in enumerate(pending)
        ),
    )  # fmt: skip
    return {
        "leases": n,
        "admissions": len(admitted),
        "lease_applications": len(pending),
    }


# ---------------------------------------------------------------- invoices
def _seed_invoices(scale: Scale) -> dict[str, int]:
    """Twelve monthly rent invoices per lease, up to this month: paid, except the
    last two months (open; last month's overdue)."""
    first = _month_add(scale.today.replace(day=1), -11)
    seqs: dict[tuple[int, int], int] = {}
    prefix = dict(BillingSettings.objects.values_list("operator_id", "invoice_prefix"))
    park_operator = dict(Park.objects.values_list("pk", "operator_id"))
    lease_units = [(i + 1, 1 + i % scale.parks) for i in range(scale.leases)]

    def invoices() -> Iterator[dict[str, Any]]:
        n = 0
        for m in range(12):
            period = _month_add(first, m)
            due = period + timedelta(days=15)
            status = "paid" if m < 10 else "open"
            label = f"{period:%Y-%m}"
            for lease, park in lease_units:
                _start, _end, rent = _lease_terms(scale, lease - 1)
                operator = park_operator[park]
                key = (operator, period.year)
                seqs[key] = seq = seqs.get(key, 0) + 1
                amount = str(rent)
                n += 1
                yield {
                    "id": n, "operator_id": operator, "park_id": park,
                    "company_id": _lease_company(scale, lease - 1),
                    "number": f"{prefix[operator]}-{period.year}-{seq:06d}",
                    "year": period.year, "seq": seq, "kind": "rent",
                    "lines": [{
                        "description_en": f"Rent {label}, unit {lease}",
                        "description_zh": f"{period.year}年{period.month}月租金",
                        "quantity": "1", "unit_price": amount, "amount": amount,
                    }],
                    "total": rent, "issue_date": period, "due_date": due,
                    "status": status, "lease_id": lease, "period_start": period,
                }  # fmt: skip

    n = _copy(Invoice, invoices())
    _copy(
        InvoiceCounter,
        (
            {"id": k + 1, "operator_id": op, "year": year, "last": last}
            for k, ((op, year), last) in enumerate(sorted(seqs.items()))
        ),
    )
    return {"invoices": n}


# ---------------------------------------------------------------- lending
def _seed_finance_requests(scale: Scale, rnd: random.Random) -> dict[str, int]:
    """Requests from a share of the companies, every one routed to the first bank
    (some also to a second), with the two KYC documents shared under consent."""
    n = max(1, round(scale.companies * REQUESTS_PER_COMPANY))
    statuses = ("submitted", "under_review", "offers_received")
    submitted = datetime.combine(scale.today, datetime.min.time(), tzinfo=UTC)

    def company(r: int) -> int:  # request 3 (with an offer) is company 1's
        return 1 + ((r - 3) * 5) % scale.companies

    _copy(
        FinanceRequest,
        (
            {"id": r, "company_id": company(r), "kind": "working_capital_loan",
             "amount": Decimal(1_000_000 + r % 50 * 100_000), "term_months": 24,
             "purpose": "Working capital for a new line", "status": statuses[r % 3],
             "created_by_id": _owner(scale, company(r)),
             "submitted_at": submitted - timedelta(minutes=r)}
            for r in range(1, n + 1)
        ),
    )  # fmt: skip
    routes: list[dict[str, Any]] = []
    for r in range(1, n + 1):
        for bank in {1, 2 + r % (BANKS - 1)} if r % 2 else {1}:
            routes.append(
                {"id": len(routes) + 1, "request_id": r, "bank_id": bank,
                 "product_id": bank,
                 "status": ("offered" if bank == 1 else "seen") if r % 3 == 0
                 else ("seen" if r % 3 == 1 else "new")}
            )  # fmt: skip
    _copy(RequestRoute, routes)
    _copy(
        Consent,
        (
            {"id": r, "request_id": r, "given_by_id": _owner(scale, company(r)),
             "text_version": Consent.TEXT_VERSION, "text": "I consent.",
             "bank_ids": [1], "given_at": submitted}
            for r in range(1, n + 1)
        ),
    )  # fmt: skip
    offered = range(3, n + 1, 3)  # status offers_received: one issued offer
    _copy(
        Offer,
        (
            {"id": k + 1, "request_id": r, "bank_id": 1,
             "amount": Decimal(1_000_000 + r % 50 * 100_000),
             "annual_rate_percent": Decimal("3.85"), "term_months": 24,
             "repayment_method": "equal_installment", "fees": Decimal(0),
             "first_due_date": _month_add(scale.today, 1), "status": "issued",
             "maker_id": _n_operators(scale) + 1, "checker_id": _n_operators(scale) + 2,
             "issued_at": submitted}
            for k, r in enumerate(offered)
        ),
    )  # fmt: skip
    through = FinanceRequest.shared_documents.through
    _copy_m2m(
        through._meta.db_table,
        ("financerequest_id", "document_id"),
        ((r, 2 * company(r) - 1 + k) for r in range(1, n + 1) for k in range(2)),
    )
    return {"finance_requests": n, "routes": len(routes), "offers": len(offered)}


def _reset_sequences() -> None:
    from django.apps import apps

    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
