"""Leases (with the admissions and applications before them), a year of
invoices, and finance requests routed to banks with offers."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from billing.models import BillingSettings, Invoice, InvoiceCounter
from config.scale.copy import copy_m2m, copy_rows
from config.scale.plan import BANKS, INDUSTRIES, REQUESTS_PER_COMPANY, Scale
from config.scale.portfolio import n_operators, owner
from core.dates import add_months
from finance.models import (
    Consent,
    FinanceRequest,
    Offer,
    RequestRoute,
)
from parks.models import (
    AdmissionApplication,
    Lease,
    LeaseApplication,
    Park,
)


# ---------------------------------------------------------------- leases
def _lease_company(scale: Scale, lease: int) -> int:
    return 1 + lease % scale.companies


def _lease_terms(scale: Scale, lease: int) -> tuple[date, date, Decimal]:
    """Start before the billed year, end spread over the coming years (a few
    within 90 days, for the expiry lists)."""
    start = date(scale.today.year - 3 + lease % 3, 1 + lease % 12, 1)
    end = add_months(scale.today.replace(day=1), 1 + lease % 48) - timedelta(days=1)
    rent = Decimal(8000 + (lease * 37) % 40000)
    return start, end, rent


def seed_leases(scale: Scale, rnd: random.Random) -> dict[str, int]:
    def leases() -> Iterator[dict[str, Any]]:
        for i in range(scale.leases):
            start, end, rent = _lease_terms(scale, i)
            yield {
                "id": i + 1, "unit_id": i + 1,
                "company_id": _lease_company(scale, i), "start_date": start,
                "end_date": end, "rent_per_m2": Decimal(20), "monthly_rent": rent,
                "deposit": rent * 2, "status": "active", "activated_on": start,
            }  # fmt: skip

    n = copy_rows(Lease, leases())
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
                "created_by_id": owner(scale, company),
            }  # fmt: skip

    copy_rows(AdmissionApplication, admissions())
    copy_rows(
        LeaseApplication,
        (
            {"id": k + 1, "company_id": 1 + (u * 7) % scale.companies,
             "unit_id": u + 1, "start_date": add_months(scale.today.replace(day=1), 1),
             "term_months": 36, "status": "submitted",
             "created_by_id": owner(scale, 1 + (u * 7) % scale.companies)}
            for k, u in enumerate(pending)
        ),
    )  # fmt: skip
    return {
        "leases": n,
        "admissions": len(admitted),
        "lease_applications": len(pending),
    }


# ---------------------------------------------------------------- invoices
def seed_invoices(scale: Scale) -> dict[str, int]:
    """Twelve monthly rent invoices per lease, up to this month: paid, except the
    last two months (open; last month's overdue)."""
    first = add_months(scale.today.replace(day=1), -11)
    seqs: dict[tuple[int, int], int] = {}
    prefix = dict(BillingSettings.objects.values_list("operator_id", "invoice_prefix"))
    park_operator = dict(Park.objects.values_list("pk", "operator_id"))
    lease_units = [(i + 1, 1 + i % scale.parks) for i in range(scale.leases)]

    def invoices() -> Iterator[dict[str, Any]]:
        n = 0
        for m in range(12):
            period = add_months(first, m)
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

    n = copy_rows(Invoice, invoices())
    copy_rows(
        InvoiceCounter,
        (
            {"id": k + 1, "operator_id": op, "year": year, "last": last}
            for k, ((op, year), last) in enumerate(sorted(seqs.items()))
        ),
    )
    return {"invoices": n}


# ---------------------------------------------------------------- lending
def seed_finance_requests(scale: Scale, rnd: random.Random) -> dict[str, int]:
    """Requests from a share of the companies, every one routed to the first bank
    (some also to a second), with the two KYC documents shared under consent."""
    n = max(1, round(scale.companies * REQUESTS_PER_COMPANY))
    statuses = ("submitted", "under_review", "offers_received")
    submitted = datetime.combine(scale.today, datetime.min.time(), tzinfo=UTC)

    def company(r: int) -> int:  # request 3 (with an offer) is company 1's
        return 1 + ((r - 3) * 5) % scale.companies

    copy_rows(
        FinanceRequest,
        (
            {"id": r, "company_id": company(r), "kind": "working_capital_loan",
             "amount": Decimal(1_000_000 + r % 50 * 100_000), "term_months": 24,
             "purpose": "Working capital for a new line", "status": statuses[r % 3],
             "created_by_id": owner(scale, company(r)),
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
    copy_rows(RequestRoute, routes)
    copy_rows(
        Consent,
        (
            {"id": r, "request_id": r, "given_by_id": owner(scale, company(r)),
             "text_version": Consent.TEXT_VERSION, "text": "I consent.",
             "bank_ids": [1], "given_at": submitted}
            for r in range(1, n + 1)
        ),
    )  # fmt: skip
    offered = range(3, n + 1, 3)  # status offers_received: one issued offer
    copy_rows(
        Offer,
        (
            {"id": k + 1, "request_id": r, "bank_id": 1,
             "amount": Decimal(1_000_000 + r % 50 * 100_000),
             "annual_rate_percent": Decimal("3.85"), "term_months": 24,
             "repayment_method": "equal_installment", "fees": Decimal(0),
             "first_due_date": add_months(scale.today.replace(day=1), 1),
             "status": "issued",
             "maker_id": n_operators(scale) + 1, "checker_id": n_operators(scale) + 2,
             "issued_at": submitted}
            for k, r in enumerate(offered)
        ),
    )  # fmt: skip
    through = FinanceRequest.shared_documents.through
    copy_m2m(
        through._meta.db_table,
        ("financerequest_id", "document_id"),
        ((r, 2 * company(r) - 1 + k) for r in range(1, n + 1) for k in range(2)),
    )
    return {"finance_requests": n, "routes": len(routes), "offers": len(offered)}
