"""What the portal homes show of money: a tenant's open invoices and finance
requests, an operator's receivables, a bank's inbox. Constant queries per user."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from billing.models import Invoice, InvoiceFigures, open_dues
from billing.queries import operator_dues, receivables_totals
from core.access import organisation_ids
from core.errors import Invalid
from core.figures import status_count
from core.limits import parse_decimal
from finance.models import (
    BankFigures,
    FinanceRequest,
    Offer,
    Product,
    ProductKind,
    RequestRoute,
    current_lpr,
    loan_to_value,
)
from parks.models import Sale
from tenants.models import Company

ZERO = Decimal("0.00")
LIVE_REQUEST = (
    FinanceRequest.Status.SUBMITTED,
    FinanceRequest.Status.UNDER_REVIEW,
    FinanceRequest.Status.OFFERS_RECEIVED,
)


def tenant_money_summary(user: Any) -> dict[str, Any]:
    # The requests and the offers issued on them, in one query (a tenant sees an
    # offer once a checker has issued it: `Offer.objects.of_member`).
    issued = Q(offers__status=Offer.Status.ISSUED, offers__issued_at__isnull=False)
    requests = FinanceRequest.objects.of_member(user).aggregate(
        live=Count("pk", filter=Q(status__in=LIVE_REQUEST), distinct=True),
        drafts=Count("pk", filter=Q(status=FinanceRequest.Status.DRAFT), distinct=True),
        offers=Count("offers", filter=issued, distinct=True),
    )
    offers = requests.pop("offers")
    return {
        "invoices": receivables_totals(open_dues(Invoice.objects.of_member(user))),
        "requests": requests,
        "offers_to_compare": offers,
    }


def operator_money_summary(user: Any) -> dict[str, Any]:
    operators = set(organisation_ids(user, "operator") or ())
    today = timezone.localdate()
    totals = InvoiceFigures.memo(
        f"totals:{sorted(operators)}:{today}",
        lambda: receivables_totals(operator_dues(operators), today),
        park__operator__in=operators,
    )
    return {"invoices": totals}


def bank_summary(user: Any) -> dict[str, int]:
    routes = RequestRoute.objects.filter(bank__staff__user=user).exclude(
        request__status=FinanceRequest.Status.DRAFT
    )
    counts = routes.aggregate(
        new=Count("pk", filter=Q(status=RequestRoute.Status.NEW), distinct=True),
        in_review=Count(
            "pk",
            filter=Q(request__status__in=LIVE_REQUEST)
            & ~Q(status=RequestRoute.Status.DECLINED),
            distinct=True,
        ),
    )
    offers = Offer.objects.of_bank(user).aggregate(
        awaiting_approval=Count(
            "pk",
            filter=Q(status=Offer.Status.PENDING_APPROVAL) & ~Q(maker=user),
        ),
        returned=Count("pk", filter=Q(status=Offer.Status.RETURNED)),
        issued=Count("pk", filter=Q(status=Offer.Status.ISSUED)),
        accepted_amount=Sum("amount", filter=Q(status=Offer.Status.ACCEPTED)),
    )
    return {**counts, **offers}


def request_hints(company: Any, data: Any) -> dict[str, Any]:
    """Matching products and, for a mortgage, the loan-to-value — what the
    request form shows live as the tenant types."""
    kind = data.get("kind") or ProductKind.WORKING_CAPITAL_LOAN
    try:
        amount = parse_decimal(data.get("amount") or "0", "amount")
        term = int(data.get("term_months") or 0)
    except (Invalid, ValueError):
        amount, term = Decimal("0"), 0
    products = []
    if company is not None and kind in ProductKind.values:
        products = matching_products(
            company=company, kind=kind, amount=amount or Decimal("1"), term_months=term
        )
        if not amount:  # no amount yet: show the kind's products regardless of range
            products = [
                p
                for p in Product.objects.active()
                .filter(kind=kind)
                .select_related("bank")
                if p.accepts(company)
            ]
    lpr = current_lpr()
    sale, ltv = None, None
    if company is not None and kind == ProductKind.FACTORY_MORTGAGE:
        raw = str(data.get("sale", ""))
        sale = Sale.objects.filter(
            company=company, pk=int(raw) if raw.isdigit() else 0
        ).first()
        if sale and amount:
            ltv = loan_to_value(amount, sale.price)
    fitting = {p.bank_id: p.bank for p in products}
    return {
        "products": [(p, p.base_annual_rate(lpr)) for p in products],
        # Only banks with a fitting product are offered, refreshed with the hints.
        "fitting_banks": sorted(fitting.values(), key=lambda b: b.name),
        "chosen_banks": set(data.getlist("banks"))
        if hasattr(data, "getlist")
        else set(),
        "hint_kind": kind,
        "sale": sale,
        "ltv": ltv,
    }


def matching_products(
    *, company: Company, kind: str, amount: Decimal, term_months: int
) -> list[Product]:
    """Active products of this kind that would take this company and request."""
    return [
        p
        for p in Product.objects.active()
        .filter(
            kind=kind,
            min_amount__lte=amount,
            max_amount__gte=amount,
            max_term_months__gte=term_months,
        )
        .select_related("bank")
        .order_by("bank__name", "id")
        if p.accepts(company)
    ]


def bank_request_count(bank_id: int, status: str = "") -> int:
    """How many requests (never drafts) are routed to the bank, of one status
    if given: what the bank's staff see in their list."""
    BankFigures.refresh()
    counts = BankFigures.objects.get(pk=bank_id).requests
    return status_count(counts, status, excluding=(FinanceRequest.Status.DRAFT,))


# --- a bank's inbox ----------------------------------------------------------------

INBOX_FILTERS = ("route", "status", "kind", "q", "queue")


def bank_inbox(
    user: Any, banks: list[Any], filters: dict[str, str]
) -> tuple[QuerySet[RequestRoute], dict[str, int]]:
    """The routes of submitted requests to the user's banks, newest first, as
    `filters` narrow them (route status, request status, kind, company name,
    and the user's queue), with how many routes each queue holds."""
    routes = (
        RequestRoute.objects.filter(bank__in=banks)
        .exclude(request__status=FinanceRequest.Status.DRAFT)
        .select_related("bank", "request__company")
        .order_by("-request__submitted_at", "-id")
    )
    offers = {
        # A checker's work: the bank's offers drafted by someone else.
        "approval": Offer.objects.filter(status=Offer.Status.PENDING_APPROVAL).exclude(
            maker=user
        ),
        # A maker's work: their own offers waiting or sent back.
        "drafts": Offer.objects.filter(
            maker=user,
            status__in=(Offer.Status.PENDING_APPROVAL, Offer.Status.RETURNED),
        ),
    }
    # A queue holds the routes with such an offer: one route per request and
    # bank, so it counts the offers' distinct (request, bank), read from the
    # few offers rather than every route of the banks.
    counts = {
        key: mine.filter(bank__in=banks)
        .exclude(request__status=FinanceRequest.Status.DRAFT)
        .order_by()
        .values("request", "bank")
        .distinct()
        .count()
        for key, mine in offers.items()
    }
    queue = offers.get(filters.get("queue", ""))
    if queue is not None:
        routes = routes.filter(
            Exists(queue.filter(request=OuterRef("request"), bank=OuterRef("bank")))
        )
    lookups = {
        "route": "status",
        "status": "request__status",
        "kind": "request__kind",
        "q": "request__company__name__icontains",
    }
    for key, lookup in lookups.items():
        if value := (filters.get(key) or "").strip():
            routes = routes.filter(**{lookup: value})
    return routes, counts


@dataclass(frozen=True)
class ReviewClock:
    """How long a request has waited for a bank's answer, against the bank's
    review SLA: "ok", "warn" on its last day, "bad" past it, "" once answered."""

    days: int
    state: str


def review_clock(route: RequestRoute, now: datetime | None = None) -> ReviewClock:
    now = now or timezone.now()
    days = (now - (route.request.submitted_at or now)).days
    sla = route.bank.review_sla_days
    if route.status in RequestRoute.ANSWERED:
        state = ""
    elif days > sla:
        state = "bad"
    elif days >= sla - 1:
        state = "warn"
    else:
        state = "ok"
    return ReviewClock(days, state)
