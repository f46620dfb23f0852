"""Helpers shared by the lending tests: a small market of two banks."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from finance.actions import bank as bank_actions
from finance.actions import requests as actions
from tests import factories


@dataclass
class Market:
    bank_a: object
    bank_b: object
    maker_a: object
    checker_a: object
    maker_b: object
    checker_b: object
    product_a: object
    product_b: object


def market(maker, checker) -> Market:
    """Bank A (the `maker`/`checker` fixtures' bank) and bank B, each with a
    working-capital product, and the real LPR fixings of May 2025."""
    factories.LprRateFactory(tenor="1y", rate_percent=Decimal("3.00"))
    factories.LprRateFactory(tenor="5y", rate_percent=Decimal("3.50"))
    bank_a = maker.bank_staff.get().bank
    maker_b = factories.BankStaffFactory(role="maker").user
    bank_b = maker_b.bank_staff.get().bank
    checker_b = factories.BankStaffFactory(role="checker", bank=bank_b).user
    return Market(
        bank_a=bank_a,
        bank_b=bank_b,
        maker_a=maker,
        checker_a=checker,
        maker_b=maker_b,
        checker_b=checker_b,
        product_a=factories.ProductFactory(bank=bank_a),
        product_b=factories.ProductFactory(bank=bank_b, spread_bp=80),
    )


def draft(tenant, company, banks, **overrides):
    data = {
        "kind": "working_capital_loan",
        "amount": Decimal("2000000.00"),
        "term_months": 24,
        "purpose": "Raw materials for a new order",
        "bank_ids": [b.pk for b in banks],
    }
    data.update(overrides)
    return actions.request_create(actor=tenant, company=company, **data)


def submitted(tenant, company, banks, documents=(), **overrides):
    request = draft(
        tenant, company, banks, document_ids=[d.pk for d in documents], **overrides
    )
    return actions.request_submit(request=request, actor=tenant, consent=True)


OFFER_TERMS = {
    "amount": Decimal("2000000.00"),
    "annual_rate_percent": Decimal("3.50"),
    "term_months": 24,
    "repayment_method": "equal_installment",
    "fees": Decimal("5000.00"),
    "conditions": "Personal guarantee of the legal representative",
}


def issued_offer(request, maker, checker, **overrides):
    offer = bank_actions.offer_create(
        request=request, actor=maker, **{**OFFER_TERMS, **overrides}
    )
    return bank_actions.offer_approve(offer=offer, actor=checker)
