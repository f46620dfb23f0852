"""What a bank may read of a tenant: the visibility rules finance registers
with tenants (see `finance/apps.py`)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from finance.models.requests import FinanceRequest, RequestRoute

SHARING_ROUTE_STATUSES = (
    RequestRoute.Status.NEW,
    RequestRoute.Status.SEEN,
    RequestRoute.Status.OFFERED,
    RequestRoute.Status.WON,
)


def bank_document_visibility(user: Any) -> Q:
    """A bank's staff read a document only while it is shared, under consent, on a
    submitted request routed to their bank that their bank still handles."""
    return Q(
        finance_requests__routes__bank__staff__user=user,
        finance_requests__routes__status__in=SHARING_ROUTE_STATUSES,
        finance_requests__status__in=(
            *FinanceRequest.OPEN,
            FinanceRequest.Status.ACCEPTED,
        ),
    )


def documents_shared_on_live_requests() -> Q:
    """Documents shared with banks on a request they are handling or accepted."""
    return Q(
        finance_requests__status__in=(
            *FinanceRequest.OPEN,
            FinanceRequest.Status.ACCEPTED,
        )
    )


def bank_company_visibility(user: Any) -> Q:
    """A bank's staff read the profile of a company that sent their bank a request."""
    return Q(
        finance_requests__routes__bank__staff__user=user,
        finance_requests__status__in=[
            s for s in FinanceRequest.Status.values if s != FinanceRequest.Status.DRAFT
        ],
    )
