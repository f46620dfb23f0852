"""Lending actions: every transition and every denial."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core import mail

from core.audit import audit_trail
from core.errors import Conflict, IllegalTransition, Invalid, NotAllowed, NotFound
from finance.actions import bank as bank_actions
from finance.actions import requests as actions
from finance.models import Consent, FinanceRequest, Offer, RequestRoute
from tests import factories
from tests.finance.lending_fixtures import (
    OFFER_TERMS,
    draft,
    issued_offer,
    market,
    submitted,
)

S = FinanceRequest.Status


@pytest.fixture
def m(maker, checker):
    return market(maker, checker)


# --- drafting ------------------------------------------------------------------


def test_draft_routes_to_the_chosen_banks_only(tenant, company, m):
    request = draft(tenant, company, [m.bank_a])
    assert request.status == S.DRAFT
    assert [r.bank for r in request.routes.all()] == [m.bank_a]
    assert audit_trail(request).get().action == "request_drafted"


def test_bank_without_a_matching_product_is_refused(tenant, company, m):
    other = factories.BankFactory()
    with pytest.raises(Invalid) as exc:
        draft(tenant, company, [m.bank_a, other])
    assert "bank_ids" in exc.value.fields


def test_product_eligibility_by_amount_term_size_and_industry(tenant, company, m):
    m.product_a.eligible_size_classes = ["micro"]
    m.product_a.save()
    with pytest.raises(Invalid):
        draft(tenant, company, [m.bank_a])  # company is small
    with pytest.raises(Invalid):
        draft(tenant, company, [m.bank_b], amount=Decimal("99999999.00"))
    with pytest.raises(Invalid):
        draft(tenant, company, [m.bank_b], term_months=240)
    m.product_b.eligible_industries = ["13"]
    m.product_b.save()
    with pytest.raises(Invalid):
        draft(tenant, company, [m.bank_b])


def test_only_owner_or_admin_drafts(company, m):
    member = factories.MembershipFactory(company=company, role="member").user
    with pytest.raises(NotAllowed):
        draft(member, company, [m.bank_a])
    with pytest.raises(NotFound):
        draft(factories.UserFactory(), company, [m.bank_a])


def test_documents_shared_must_be_the_companys(tenant, company, m):
    foreign = factories.DocumentFactory()
    with pytest.raises(Invalid) as exc:
        draft(tenant, company, [m.bank_a], document_ids=[foreign.pk])
    assert "document_ids" in exc.value.fields


# --- factory mortgages and LTV -------------------------------------------------


@pytest.fixture
def mortgage_product(m):
    return factories.ProductFactory(
        bank=m.bank_a,
        kind="factory_mortgage",
        lpr_tenor="5y",
        spread_bp=-10,
        max_term_months=120,
    )


def test_mortgage_needs_an_approved_sale_of_the_company(
    tenant, company, m, mortgage_product
):
    submitted_sale = factories.SaleFactory(company=company, status="submitted")
    for sale_id in (
        None,
        submitted_sale.pk,
        factories.SaleFactory(status="approved").pk,
    ):
        with pytest.raises(Invalid) as exc:
            draft(tenant, company, [m.bank_a], kind="factory_mortgage", sale_id=sale_id)
        assert "sale_id" in exc.value.fields


def test_mortgage_shows_ltv_and_refuses_above_the_cap(
    tenant, company, m, mortgage_product
):
    mortgage_product.max_ltv_percent = Decimal("65")
    mortgage_product.save()
    sale = factories.SaleFactory(company=company, status="approved")
    price = sale.price
    ok = draft(
        tenant,
        company,
        [m.bank_a],
        kind="factory_mortgage",
        sale_id=sale.pk,
        amount=(price * Decimal("0.60")).quantize(Decimal("0.01")),
        term_months=120,
    )
    assert ok.purchase_price == price
    assert ok.down_payment == sale.down_payment
    assert ok.ltv_percent == Decimal("60.00")
    with pytest.raises(Invalid) as exc:
        draft(
            tenant,
            company,
            [m.bank_a],
            kind="factory_mortgage",
            sale_id=sale.pk,
            amount=(price * Decimal("0.65")).quantize(Decimal("0.01")) + 1,
            term_months=120,
        )
    assert "Loan-to-value" in exc.value.fields["amount"][0]


# --- submission and consent ----------------------------------------------------


def test_submit_records_consent_with_documents_and_notifies_banks(tenant, company, m):
    doc = factories.DocumentFactory(company=company)
    request = draft(tenant, company, [m.bank_a, m.bank_b], document_ids=[doc.pk])
    with pytest.raises(Invalid) as exc:
        actions.request_submit(request=request, actor=tenant, consent=False)
    assert "consent" in exc.value.fields
    request = actions.request_submit(request=request, actor=tenant, consent=True)
    assert request.status == S.SUBMITTED and request.submitted_at
    consent = Consent.objects.get(request=request)
    assert consent.given_by == tenant
    assert consent.text_version == Consent.TEXT_VERSION
    assert consent.documents == [
        {"id": doc.pk, "kind": doc.kind, "filename": doc.filename, "sha256": doc.sha256}
    ]
    assert sorted(consent.bank_ids) == sorted([m.bank_a.pk, m.bank_b.pk])
    with pytest.raises(IllegalTransition):
        actions.request_submit(request=request, actor=tenant, consent=True)


def test_submit_notifies_each_bank_by_mail(
    tenant, company, m, django_capture_on_commit_callbacks
):
    request = draft(tenant, company, [m.bank_a, m.bank_b])
    with django_capture_on_commit_callbacks(execute=True):
        actions.request_submit(request=request, actor=tenant, consent=True)
    recipients = sorted(e for msg in mail.outbox for e in msg.to)
    assert recipients == sorted(
        [m.maker_a.email, m.checker_a.email, m.maker_b.email, m.checker_b.email]
    )


# --- bank side -----------------------------------------------------------------


def test_opening_moves_to_under_review_once(tenant, company, m):
    request = submitted(tenant, company, [m.bank_a])
    route = bank_actions.route_open(request=request, actor=m.maker_a)
    assert route.status == RequestRoute.Status.SEEN and route.seen_at
    request.refresh_from_db()
    assert request.status == S.UNDER_REVIEW
    bank_actions.route_open(request=request, actor=m.checker_a)  # idempotent


def test_a_bank_not_chosen_cannot_touch_the_request(tenant, company, m):
    request = submitted(tenant, company, [m.bank_a])
    with pytest.raises(NotFound):
        bank_actions.route_open(request=request, actor=m.maker_b)
    with pytest.raises(NotFound):
        bank_actions.offer_create(request=request, actor=m.maker_b, **OFFER_TERMS)


def test_drafts_are_invisible_to_banks(tenant, company, m):
    request = draft(tenant, company, [m.bank_a])
    with pytest.raises(NotFound):
        bank_actions.offer_create(request=request, actor=m.maker_a, **OFFER_TERMS)
    assert not FinanceRequest.objects.of_bank(m.maker_a).exists()


def test_maker_checker_flow(tenant, company, m):
    request = submitted(tenant, company, [m.bank_a])
    offer = bank_actions.offer_create(request=request, actor=m.maker_a, **OFFER_TERMS)
    assert offer.status == Offer.Status.PENDING_APPROVAL
    assert not Offer.objects.of_member(tenant).exists()  # not issued yet
    with pytest.raises(NotAllowed):
        bank_actions.offer_create(request=request, actor=m.checker_a, **OFFER_TERMS)
    with pytest.raises(Conflict) as exc:
        bank_actions.offer_approve(offer=offer, actor=m.maker_a)
    assert exc.value.status == 409
    with pytest.raises(NotFound):
        bank_actions.offer_approve(offer=offer, actor=m.checker_b)
    offer = bank_actions.offer_approve(offer=offer, actor=m.checker_a)
    assert offer.status == Offer.Status.ISSUED and offer.checker == m.checker_a
    request.refresh_from_db()
    assert request.status == S.OFFERS_RECEIVED
    assert list(Offer.objects.of_member(tenant)) == [offer]


def test_maker_who_is_also_checker_cannot_approve_own_offer(tenant, company, m):
    factories.BankStaffFactory(bank=m.bank_a, user=m.maker_a, role="checker")
    request = submitted(tenant, company, [m.bank_a])
    offer = bank_actions.offer_create(request=request, actor=m.maker_a, **OFFER_TERMS)
    with pytest.raises(Conflict):
        bank_actions.offer_approve(offer=offer, actor=m.maker_a)


def test_a_plain_maker_cannot_approve_anothers_offer(tenant, company, m):
    maker2 = factories.BankStaffFactory(bank=m.bank_a, role="maker").user
    request = submitted(tenant, company, [m.bank_a])
    offer = bank_actions.offer_create(request=request, actor=m.maker_a, **OFFER_TERMS)
    with pytest.raises(NotAllowed):
        bank_actions.offer_approve(offer=offer, actor=maker2)


def test_return_and_revise(tenant, company, m):
    request = submitted(tenant, company, [m.bank_a])
    offer = bank_actions.offer_create(request=request, actor=m.maker_a, **OFFER_TERMS)
    with pytest.raises(Invalid):
        bank_actions.offer_return(offer=offer, actor=m.checker_a, note="")
    offer = bank_actions.offer_return(
        offer=offer, actor=m.checker_a, note="Rate too low"
    )
    assert offer.status == Offer.Status.RETURNED and offer.return_note == "Rate too low"
    with pytest.raises(IllegalTransition):
        bank_actions.offer_approve(offer=offer, actor=m.checker_a)
    offer = bank_actions.offer_revise(
        offer=offer, actor=m.maker_a, **{**OFFER_TERMS, "annual_rate_percent": "3.9"}
    )
    assert offer.status == Offer.Status.PENDING_APPROVAL
    assert offer.annual_rate_percent == Decimal("3.900")
    with pytest.raises(IllegalTransition):
        bank_actions.offer_revise(offer=offer, actor=m.maker_a, **OFFER_TERMS)


def test_offer_terms_are_validated(tenant, company, m):
    request = submitted(tenant, company, [m.bank_a])
    bad = {**OFFER_TERMS, "annual_rate_percent": "99", "repayment_method": "x"}
    with pytest.raises(Invalid) as exc:
        bank_actions.offer_create(request=request, actor=m.maker_a, **bad)
    assert {"annual_rate_percent", "repayment_method"} <= set(exc.value.fields)
    with pytest.raises(Invalid) as exc:
        bank_actions.offer_create(
            request=request, actor=m.maker_a, **{**OFFER_TERMS, "fees": "2000000"}
        )
    assert "fees" in exc.value.fields


def test_withdrawing_the_only_issued_offer_returns_to_review(tenant, company, m):
    request = submitted(tenant, company, [m.bank_a])
    offer = issued_offer(request, m.maker_a, m.checker_a)
    offer = bank_actions.offer_decline(offer=offer, actor=m.checker_a)
    assert offer.status == Offer.Status.WITHDRAWN
    request.refresh_from_db()
    assert request.status == S.UNDER_REVIEW


def test_every_bank_declining_closes_the_request(tenant, company, m):
    request = submitted(tenant, company, [m.bank_a, m.bank_b])
    bank_actions.route_decline(
        request=request, actor=m.maker_a, reason="Outside appetite"
    )
    request.refresh_from_db()
    assert request.status == S.SUBMITTED
    with pytest.raises(IllegalTransition):
        bank_actions.route_decline(request=request, actor=m.maker_a)
    bank_actions.route_decline(request=request, actor=m.checker_b)
    request.refresh_from_db()
    assert request.status == S.CLOSED
    with pytest.raises(IllegalTransition):
        bank_actions.offer_create(request=request, actor=m.maker_b, **OFFER_TERMS)


# --- accepting -------------------------------------------------------------------


def test_owner_accepts_and_the_others_close_with_notice(
    tenant, company, m, django_capture_on_commit_callbacks
):
    request = submitted(tenant, company, [m.bank_a, m.bank_b])
    a = issued_offer(request, m.maker_a, m.checker_a)
    b = issued_offer(request, m.maker_b, m.checker_b, annual_rate_percent="3.2")
    b_pending = bank_actions.offer_create(
        request=request, actor=m.maker_b, **OFFER_TERMS
    )
    admin = factories.MembershipFactory(company=company, role="admin").user
    with pytest.raises(NotAllowed):
        actions.offer_accept(offer=b, actor=admin)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        accepted = actions.offer_accept(offer=b, actor=tenant)
    assert accepted.status == Offer.Status.ACCEPTED and accepted.accepted_at
    a.refresh_from_db()
    b_pending.refresh_from_db()
    assert a.status == Offer.Status.CLOSED
    assert b_pending.status == Offer.Status.CLOSED
    request.refresh_from_db()
    assert request.status == S.ACCEPTED
    routes = {r.bank_id: r.status for r in request.routes.all()}
    assert routes == {m.bank_a.pk: "closed", m.bank_b.pk: "won"}
    notified = {e for msg in mail.outbox for e in msg.to}
    assert {m.maker_a.email, m.checker_a.email, m.maker_b.email} <= notified
    with pytest.raises(Conflict):
        actions.offer_accept(offer=a, actor=tenant)


def test_unissued_offer_cannot_be_accepted(tenant, company, m):
    request = submitted(tenant, company, [m.bank_a])
    offer = bank_actions.offer_create(request=request, actor=m.maker_a, **OFFER_TERMS)
    with pytest.raises(NotFound):
        actions.offer_accept(offer=offer, actor=tenant)


def test_another_company_cannot_accept(tenant, company, other_tenant, m):
    request = submitted(tenant, company, [m.bank_a])
    offer = issued_offer(request, m.maker_a, m.checker_a)
    with pytest.raises(NotFound):
        actions.offer_accept(offer=offer, actor=other_tenant)


# --- withdrawal ----------------------------------------------------------------


@pytest.mark.parametrize("stage", ["draft", "submitted", "under_review", "offers"])
def test_tenant_withdraws_any_time_before_acceptance(tenant, company, m, stage):
    request = draft(tenant, company, [m.bank_a])
    offer = None
    if stage != "draft":
        request = actions.request_submit(request=request, actor=tenant, consent=True)
    if stage == "under_review":
        bank_actions.route_open(request=request, actor=m.maker_a)
    if stage == "offers":
        offer = issued_offer(request, m.maker_a, m.checker_a)
    request = actions.request_withdraw(request=request, actor=tenant, note="Funded")
    assert request.status == S.WITHDRAWN
    if offer:
        offer.refresh_from_db()
        assert offer.status == Offer.Status.CLOSED
    with pytest.raises(IllegalTransition):
        actions.request_withdraw(request=request, actor=tenant)


def test_no_withdrawal_after_acceptance(tenant, company, m):
    request = submitted(tenant, company, [m.bank_a])
    actions.offer_accept(
        offer=issued_offer(request, m.maker_a, m.checker_a), actor=tenant
    )
    request.refresh_from_db()
    with pytest.raises(IllegalTransition):
        actions.request_withdraw(request=request, actor=tenant)
    with pytest.raises(IllegalTransition):
        bank_actions.offer_create(request=request, actor=m.maker_a, **OFFER_TERMS)
