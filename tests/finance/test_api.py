"""Lending API: the contract's paths and codes, bank isolation, token flows."""

from __future__ import annotations

from decimal import Decimal

import pytest

from finance.actions import bank as bank_actions
from tests import factories
from tests.finance.lending_fixtures import (
    OFFER_TERMS,
    draft,
    issued_offer,
    market,
    submitted,
)


@pytest.fixture
def m(maker, checker):
    return market(maker, checker)


def offer_body(**overrides):
    body = {k: str(v) if isinstance(v, Decimal) else v for k, v in OFFER_TERMS.items()}
    body.update(overrides)
    return body


def test_banks_and_products_are_public_with_lpr_based_rates(api_as, m):
    banks = api_as().get("/banks").json()
    assert {b["id"] for b in banks["items"]} >= {m.bank_a.pk, m.bank_b.pk}
    products = api_as().get("/finance/products?kind=working_capital_loan").json()
    by_bank = {p["bank_id"]: p for p in products["items"]}
    assert by_bank[m.bank_a.pk]["base_annual_rate"] == "3.50"  # 1y LPR 3.00 + 50 bp
    assert by_bank[m.bank_b.pk]["base_annual_rate"] == "3.80"
    assert by_bank[m.bank_a.pk]["min_amount"] == "100000.00"
    assert api_as().get("/finance/products?kind=equity_investment").json()["count"] == 0


def test_tenant_creates_and_submits(api_as, tenant, company, m):
    doc = factories.DocumentFactory(company=company)
    api = api_as(tenant)
    response = api.post(
        "/finance/requests",
        json={
            "company_id": company.pk,
            "kind": "working_capital_loan",
            "amount": "2000000.00",
            "term_months": 24,
            "purpose": "Raw materials",
            "bank_ids": [m.bank_a.pk],
            "document_ids": [doc.pk],
        },
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "draft" and body["amount"] == "2000000.00"
    rid = body["id"]
    refused = api.post(f"/finance/requests/{rid}/submit", json={})
    assert refused.status_code == 422 and "consent" in refused.json()["fields"]
    ok = api.post(f"/finance/requests/{rid}/submit", json={"consent": True})
    assert ok.status_code == 200 and ok.json()["status"] == "submitted"
    again = api.post(f"/finance/requests/{rid}/submit", json={"consent": True})
    assert again.status_code == 409


def test_submit_without_a_body_when_nothing_is_shared(api_as, tenant, company, m):
    request = draft(tenant, company, [m.bank_a])
    response = api_as(tenant).post(f"/finance/requests/{request.pk}/submit")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "submitted"


def test_bad_bank_choice_is_422_on_bank_ids(api_as, tenant, company, m):
    other = factories.BankFactory()
    response = api_as(tenant).post(
        "/finance/requests",
        json={
            "company_id": company.pk,
            "kind": "working_capital_loan",
            "amount": "2000000.00",
            "term_months": 24,
            "purpose": "x",
            "bank_ids": [other.pk],
        },
    )
    assert response.status_code == 422
    assert "bank_ids" in response.json()["fields"]


def test_bank_isolation(api_as, tenant, company, m):
    doc = factories.DocumentFactory(company=company)
    unshared = factories.DocumentFactory(company=company, kind="financial_statement")
    only_a = submitted(tenant, company, [m.bank_a], documents=[doc])
    a_offer = issued_offer(only_a, m.maker_a, m.checker_a)
    a, b = api_as(m.maker_a), api_as(m.maker_b)

    assert [r["id"] for r in a.get("/finance/requests").json()["items"]] == [only_a.pk]
    assert b.get("/finance/requests").json()["count"] == 0
    for path in (
        f"/finance/requests/{only_a.pk}",
        f"/finance/requests/{only_a.pk}/dossier.pdf",
        f"/finance/requests/{only_a.pk}/offers",
        f"/finance/offers/{a_offer.pk}/schedule",
        f"/documents/{doc.pk}/download",
    ):
        assert b.get(path).status_code == 404, path
    assert b.post(f"/finance/offers/{a_offer.pk}/decline").status_code == 404
    assert (
        b.post(f"/finance/requests/{only_a.pk}/offers", json=offer_body()).status_code
        == 404
    )
    # Bank A sees the shared document and only that one.
    assert a.get(f"/documents/{doc.pk}/download").status_code == 200
    assert a.get(f"/documents/{unshared.pk}/download").status_code == 404
    listed = a.get(f"/companies/{company.pk}/documents").json()["items"]
    assert [d["id"] for d in listed] == [doc.pk]


def test_a_bank_sees_only_its_own_routing_and_offers(api_as, tenant, company, m):
    request = submitted(tenant, company, [m.bank_a, m.bank_b])
    issued_offer(request, m.maker_a, m.checker_a)
    b_offer = issued_offer(request, m.maker_b, m.checker_b)
    body = api_as(m.maker_b).get(f"/finance/requests/{request.pk}").json()
    assert body["bank_ids"] == [m.bank_b.pk]
    offers = api_as(m.maker_b).get(f"/finance/requests/{request.pk}/offers").json()
    assert [o["id"] for o in offers] == [b_offer.pk]
    tenant_view = api_as(tenant).get(f"/finance/requests/{request.pk}").json()
    assert sorted(tenant_view["bank_ids"]) == sorted([m.bank_a.pk, m.bank_b.pk])


def test_drafts_and_unshared_documents_stay_hidden(api_as, tenant, company, m):
    doc = factories.DocumentFactory(company=company)
    request = draft(tenant, company, [m.bank_a], document_ids=[doc.pk])
    a = api_as(m.maker_a)
    assert a.get(f"/finance/requests/{request.pk}").status_code == 404
    assert a.get(f"/documents/{doc.pk}/download").status_code == 404
    assert a.get(f"/companies/{company.pk}").status_code == 404


def test_bank_token_flow_list_dossier_offer_approve(api_as, tenant, company, m):
    request = submitted(tenant, company, [m.bank_a])
    maker, checker = api_as(m.maker_a), api_as(m.checker_a)
    listed = maker.get("/finance/requests").json()
    assert listed["items"][0]["id"] == request.pk
    pdf = maker.get(f"/finance/requests/{request.pk}/dossier.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    created = maker.post(f"/finance/requests/{request.pk}/offers", json=offer_body())
    assert created.status_code == 201, created.json()
    offer = created.json()
    assert offer["status"] == "pending_approval"
    assert offer["monthly_payment_first"] == "86405.44"
    assert api_as(tenant).get(f"/finance/requests/{request.pk}/offers").json() == []
    own = maker.post(f"/finance/offers/{offer['id']}/approve")
    assert own.status_code == 409
    approved = checker.post(f"/finance/offers/{offer['id']}/approve")
    assert approved.status_code == 200 and approved.json()["status"] == "issued"
    seen = api_as(tenant).get(f"/finance/requests/{request.pk}/offers").json()
    assert [o["id"] for o in seen] == [offer["id"]]
    assert seen[0]["apr_percent"] == "3.74"
    assert seen[0]["total_interest"] == "73730.67"


def test_schedule_principals_sum_to_the_amount(api_as, tenant, company, m):
    request = submitted(tenant, company, [m.bank_a])
    offer = issued_offer(
        request, m.maker_a, m.checker_a, repayment_method="equal_principal"
    )
    rows = api_as(tenant).get(f"/finance/offers/{offer.pk}/schedule").json()
    assert len(rows) == 24
    assert sum(Decimal(r["principal"]) for r in rows) == Decimal("2000000.00")
    assert rows[-1]["balance"] == "0.00"


def test_accept_by_owner_only(api_as, tenant, company, m):
    request = submitted(tenant, company, [m.bank_a, m.bank_b])
    a = issued_offer(request, m.maker_a, m.checker_a)
    b = issued_offer(request, m.maker_b, m.checker_b)
    member = factories.MembershipFactory(company=company, role="member").user
    assert api_as(member).post(f"/finance/offers/{a.pk}/accept").status_code == 403
    assert api_as(m.maker_a).post(f"/finance/offers/{a.pk}/accept").status_code == 404
    accepted = api_as(tenant).post(f"/finance/offers/{a.pk}/accept")
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    b.refresh_from_db()
    assert b.status == "closed"


def test_bank_declines_offer_and_request(api_as, tenant, company, m):
    request = submitted(tenant, company, [m.bank_a])
    offer = bank_actions.offer_create(request=request, actor=m.maker_a, **OFFER_TERMS)
    declined = api_as(m.checker_a).post(f"/finance/offers/{offer.pk}/decline")
    assert declined.json()["status"] == "withdrawn"
    closed = api_as(m.maker_a).post(
        f"/finance/requests/{request.pk}/decline", json={"note": "No collateral"}
    )
    assert closed.status_code == 200 and closed.json()["status"] == "closed"


def test_anonymous_gets_401_on_requests(api_as):
    assert api_as().get("/finance/requests").status_code == 401


def test_bank_request_list_is_paginated_in_sql_with_constant_queries(
    api_as, tenant, company, m, django_assert_max_num_queries
):
    # Given requests routed to bank A, each sharing the tenant's licence
    licence = factories.DocumentFactory(company=company, uploaded_by=tenant)
    for _ in range(3):
        submitted(tenant, company, [m.bank_a], documents=[licence])
    maker = api_as(m.maker_a)
    with django_assert_max_num_queries(15) as few:
        maker.get("/finance/requests?limit=2")
    for _ in range(5):
        submitted(tenant, company, [m.bank_a, m.bank_b], documents=[licence])

    # When the bank lists them a page at a time
    with django_assert_max_num_queries(len(few)):
        page = maker.get("/finance/requests?limit=2&offset=2").json()

    # Then the count is exact and the page holds only its rows, as the bank sees them
    assert page["count"] == 8
    assert len(page["items"]) == 2
    newest_first = [r["id"] for r in maker.get("/finance/requests").json()["items"]]
    assert [r["id"] for r in page["items"]] == newest_first[2:4]
    for row in page["items"]:
        assert row["bank_ids"] == [m.bank_a.pk]
        assert [d["id"] for d in row["shared_documents"]] == [licence.pk]
    owner_view = api_as(tenant).get("/finance/requests?limit=1").json()["items"][0]
    assert set(owner_view["bank_ids"]) == {m.bank_a.pk, m.bank_b.pk}


def test_a_banks_request_count_is_its_rows_count(api_as, tenant, company, m):
    from finance.actions.requests import request_withdraw
    from finance.models import BankFigures

    draft(tenant, company, [m.bank_a])  # a draft: no bank sees it
    kept = submitted(tenant, company, [m.bank_a, m.bank_b])
    gone = submitted(tenant, company, [m.bank_a])
    request_withdraw(request=gone, actor=tenant)
    maker = api_as(m.maker_a)
    for query, expected in (("", 2), ("?status=withdrawn", 1), ("?status=draft", 0)):
        body = maker.get(f"/finance/requests{query}").json()
        assert body["count"] == expected == len(body["items"]), query
    assert BankFigures.objects.get(bank=m.bank_a).computed == (
        BankFigures.objects.get(bank=m.bank_a).version
    )
    # Staff of two banks see each request once: counted directly.
    factories.BankStaffFactory(bank=m.bank_b, user=m.maker_a, role="maker")
    body = maker.get("/finance/requests").json()
    assert body["count"] == 2 == len(body["items"])
    assert {r["id"] for r in body["items"]} == {kept.pk, gone.pk}
