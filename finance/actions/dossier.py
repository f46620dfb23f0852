"""Reads for lending: the credit dossier and the offer comparison.

Both are assembled in a fixed number of queries. Admission and invoices belong
to other concerns that may be absent in a deployment, so they are looked up
softly: a missing model leaves its section empty rather than failing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone, translation

from billing.models import Invoice, Payment
from core.access import organisation_role
from core.models import AuditEvent
from core.pdf import render_pdf
from finance.models import BankStaff, Consent, FinanceRequest, Offer, RequestRoute
from finance.schedules import Period, Summary, schedule, summarise
from parks.models import AdmissionApplication, Lease, Sale
from tenants.models import Document, member_role


@dataclass
class OfferView:
    """An offer with its schedule and what it costs, for side-by-side comparison."""

    offer: Offer
    periods: list[Period]
    summary: Summary


def offer_schedule(offer: Offer) -> list[Period]:
    return schedule(
        amount=offer.amount,
        annual_rate_percent=offer.annual_rate_percent,
        term_months=offer.term_months,
        method=offer.repayment_method,
        first_due_date=offer.schedule_start(),
    )


def offer_view(offer: Offer) -> OfferView:
    periods = offer_schedule(offer)
    return OfferView(
        offer, periods, summarise(amount=offer.amount, periods=periods, fees=offer.fees)
    )


def compare_offers(offers: list[Offer]) -> list[OfferView]:
    """Cheapest first: by APR, then by total cost."""
    views = [offer_view(o) for o in offers]
    return sorted(
        views, key=lambda v: (v.summary.apr_percent, v.summary.total_cost, v.offer.pk)
    )


def _admissions(company_id: int) -> list[AdmissionApplication]:
    """The company's admission applications past draft, with the score's total
    and verdict as the page shows them (`score_total`, `passed`)."""
    rows = list(
        AdmissionApplication.objects.filter(company_id=company_id)
        .exclude(status=AdmissionApplication.Status.DRAFT)
        .select_related("park")
        .order_by("-created_at")
    )
    for row in rows:
        row.score_total = (row.score or {}).get("total")
        row.passed = (row.score or {}).get("passed")
    return rows


def _payment_record(company_id: int) -> dict[str, Any]:
    """Invoices of the company on the platform, and how many were paid on time."""
    accepted = Prefetch(
        "payments", Payment.objects.filter(status=Payment.Status.ACCEPTED)
    )
    invoices = list(
        Invoice.objects.filter(company_id=company_id)
        .exclude(status=Invoice.Status.VOID)
        .prefetch_related(accepted)
    )
    today = timezone.localdate()
    record = {"issued": len(invoices), "paid": 0, "on_time": 0, "late": 0}
    record.update({"open": 0, "overdue": 0})
    for invoice in invoices:
        if invoice.status == "paid":
            record["paid"] += 1
            paid = [p.paid_at for p in invoice.payments.all()]
            on_time = bool(paid) and timezone.localdate(max(paid)) <= invoice.due_date
            record["on_time" if on_time else "late"] += 1
        else:
            record["open"] += 1
            if invoice.due_date < today:
                record["overdue"] += 1
    return record


def _in(language: str, label: Callable[[], Any]) -> str:
    with translation.override(language):
        return str(label())


# The dossier is bilingual by design (see its template): Chinese labels are data.
KIND_ZH = {
    "factory_mortgage": "厂房按揭贷款",
    "finance_lease": "融资租赁",
    "warehouse_receipt_pledge": "仓单质押贷款",
    "working_capital_loan": "流动资金贷款",
    "equity_investment": "股权投资",
}
STATUS_ZH = {
    "draft": "草稿",
    "submitted": "已提交",
    "under_review": "审查中",
    "offers_received": "已收到报价",
    "accepted": "已接受",
    "closed": "已关闭",
    "withdrawn": "已撤回",
}


def dossier_context(
    request: FinanceRequest, viewer: Any | None = None
) -> dict[str, Any]:
    """Everything the dossier shows; a bank `viewer` sees only its own routing."""
    company = request.company
    routes = list(request.routes.select_related("bank", "product"))
    shared = request.shared_documents.order_by("kind", "id")
    if viewer is not None and member_role(viewer, company) is None:
        routes = [r for r in routes if organisation_role(viewer, "bank", r.bank_id)]
        # Consent covers a bank only while its route is live (declined: no more).
        shared = shared.filter(pk__in=Document.objects.visible_to(viewer))
    leases = list(
        Lease.objects.filter(company=company)
        .select_related("unit__park")
        .order_by("-start_date")
    )
    sales = list(
        Sale.objects.filter(company=company)
        .select_related("unit__park")
        .order_by("-created_at")
    )
    consent = Consent.objects.filter(request=request).select_related("given_by").first()
    documents = list(shared)
    for document in documents:
        document.kind_en = _in("en", document.get_kind_display)
        document.kind_zh = _in("zh-hans", document.get_kind_display)
    return {
        "kind_en": _in("en", request.get_kind_display),
        "kind_zh": KIND_ZH.get(request.kind, ""),
        "status_en": _in("en", request.get_status_display),
        "status_zh": STATUS_ZH.get(request.status, ""),
        "size_en": _in("en", company.get_size_class_display),
        "size_zh": _in("zh-hans", company.get_size_class_display),
        "industry_en": _in("en", lambda: company.industry_name),
        "industry_zh": _in("zh-hans", lambda: company.industry_name),
        "request": request,
        "company": company,
        "routes": routes,
        "documents": documents,
        "consent": consent,
        "admissions": _admissions(company.pk),
        "leases": leases,
        "sales": sales,
        "payments": _payment_record(company.pk),
        "generated_at": timezone.now(),
    }


def dossier_pdf(request: FinanceRequest, viewer: Any | None = None) -> bytes:
    return render_pdf(
        "finance/requests_dossier_pdf.html", dossier_context(request, viewer)
    )


def bank_audit(bank_id: int, request: FinanceRequest | None = None) -> QuerySet:
    """The audit trail of the bank's own staff on lending (one request or all)."""
    types = ContentType.objects.get_for_models(FinanceRequest, Offer, RequestRoute)
    events = AuditEvent.objects.filter(
        actor_id__in=BankStaff.objects.filter(bank_id=bank_id).values("user_id"),
        content_type__in=list(types.values()),
    )
    if request is not None:
        offer_ids = [str(pk) for pk in request.offers.values_list("pk", flat=True)]
        route_ids = [str(pk) for pk in request.routes.values_list("pk", flat=True)]
        events = events.filter(
            Q(content_type=types[FinanceRequest], object_id=str(request.pk))
            | Q(content_type=types[Offer], object_id__in=offer_ids)
            | Q(content_type=types[RequestRoute], object_id__in=route_ids)
        )
    return events.select_related("actor", "content_type").order_by("-created_at", "-id")
