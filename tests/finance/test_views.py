"""Lending pages: the two portals, their 404s for other parties, the fragments."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from core.limits import NOTE_LENGTH
from finance.actions import bank as bank_actions
from finance.models import FinanceRequest, Offer
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


def as_user(client, user):
    client.force_login(user)
    return client


def test_tenant_drafts_submits_and_accepts_through_pages(client, tenant, company, m):
    doc = factories.DocumentFactory(company=company)
    c = as_user(client, tenant)
    page = c.get(reverse("finance:request_new"))
    assert page.status_code == 200 and str(m.bank_a) in page.content.decode()
    response = c.post(
        reverse("finance:request_new"),
        {
            "company": company.pk,
            "kind": "working_capital_loan",
            "amount": "2000000",
            "term_months": 24,
            "purpose": "Materials",
            "banks": [m.bank_a.pk, m.bank_b.pk],
            "documents": [doc.pk],
        },
    )
    fin = FinanceRequest.objects.get()
    assert response.status_code == 302 and response.url == fin.get_absolute_url()
    no_consent = c.post(reverse("finance:request_submit", args=[fin.pk]), {})
    assert no_consent.status_code == 200
    fin.refresh_from_db()
    assert fin.status == "draft"
    c.post(
        reverse("finance:request_submit", args=[fin.pk]),
        {"documents": [doc.pk], "consent": "on"},
    )
    fin.refresh_from_db()
    assert fin.status == "submitted"
    a = issued_offer(fin, m.maker_a, m.checker_a)
    issued_offer(fin, m.maker_b, m.checker_b, annual_rate_percent="3.1")
    detail = c.get(fin.get_absolute_url()).content.decode()
    assert "APR" in detail and "Repayment schedule" in detail
    confirm = c.get(reverse("finance:offer_accept", args=[a.pk])).content.decode()
    assert "What happens next" in confirm and "Total cost" in confirm
    assert "less than" not in confirm
    a.refresh_from_db()
    assert a.status == "issued"  # looking at the confirmation changes nothing
    c.post(reverse("finance:offer_accept", args=[a.pk]))
    a.refresh_from_db()
    assert a.status == "accepted"


def test_an_offer_below_the_requested_amount_is_flagged(client, tenant, company, m):
    fin = submitted(tenant, company, [m.bank_a], amount="2000000")
    offer = issued_offer(fin, m.maker_a, m.checker_a, amount="1500000")
    page = as_user(client, tenant).get(reverse("finance:offer_accept", args=[offer.pk]))
    text = page.content.decode()
    assert "less than requested" in text and "¥500,000.00" in text
    other = factories.MembershipFactory(role="owner").user
    assert (
        as_user(client, other)
        .get(reverse("finance:offer_accept", args=[offer.pk]))
        .status_code
        == 404
    )


def test_refused_bank_choice_shows_on_the_banks_field(client, tenant, company, m):
    other = factories.BankFactory()
    response = as_user(client, tenant).post(
        reverse("finance:request_new"),
        {
            "company": company.pk,
            "kind": "working_capital_loan",
            "amount": "2000000",
            "term_months": 24,
            "purpose": "x",
            "banks": [other.pk],
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["banks"]


def test_hints_fragment_lists_matching_products(client, tenant, company, m):
    response = as_user(client, tenant).get(
        reverse("finance:request_hints"),
        {"kind": "working_capital_loan", "amount": "2000000", "term_months": 24},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200 and 'id="hints"' in body
    assert "<html" not in body
    assert "3.50%" in body and "3.80%" in body


def test_other_tenant_and_banks_get_404(client, tenant, company, other_tenant, m):
    fin = submitted(tenant, company, [m.bank_a])
    for user in (other_tenant, m.maker_b):
        c = as_user(client, user)
        assert c.get(reverse("finance:request", args=[fin.pk])).status_code == 404
        assert (
            c.get(reverse("finance:request_dossier", args=[fin.pk])).status_code == 404
        )
    c = as_user(client, m.maker_b)
    assert c.get(reverse("finance:bank_request", args=[fin.pk])).status_code == 404
    assert (
        str(company.name) not in c.get(reverse("finance:bank_inbox")).content.decode()
    )


def test_bank_never_sees_a_draft(client, tenant, company, m):
    fin = draft(tenant, company, [m.bank_a])
    c = as_user(client, m.maker_a)
    assert c.get(reverse("finance:bank_request", args=[fin.pk])).status_code == 404
    assert company.name not in c.get(reverse("finance:bank_inbox")).content.decode()


def test_bank_inbox_detail_offer_and_approval_pages(client, tenant, company, m):
    fin = submitted(tenant, company, [m.bank_a])
    c = as_user(client, m.maker_a)
    inbox = c.get(reverse("finance:bank_inbox")).content.decode()
    assert company.name in inbox
    detail = c.get(reverse("finance:bank_request", args=[fin.pk]))
    assert detail.status_code == 200
    c.post(reverse("finance:bank_request_open", args=[fin.pk]))  # htmx, on load
    fin.refresh_from_db()
    assert fin.status == "under_review"
    body = {k: str(v) for k, v in OFFER_TERMS.items()}
    body["first_due_date"] = ""
    c.post(reverse("finance:bank_offer_new", args=[fin.pk]), body)
    offer = Offer.objects.get()
    assert offer.status == "pending_approval"
    c.post(reverse("finance:offer_approve", args=[offer.pk]))
    offer.refresh_from_db()
    assert offer.status == "pending_approval"  # the maker may not check
    as_user(client, m.checker_a).post(reverse("finance:offer_approve", args=[offer.pk]))
    offer.refresh_from_db()
    assert offer.status == "issued"
    audit = as_user(client, m.checker_a).get(reverse("finance:bank_audit"))
    assert "Pending approval → Issued" in audit.content.decode()


def test_invalid_offer_rerenders_with_200(client, tenant, company, m):
    fin = submitted(tenant, company, [m.bank_a])
    body = {k: str(v) for k, v in OFFER_TERMS.items()}
    body["fees"] = "9999999"
    response = as_user(client, m.maker_a).post(
        reverse("finance:bank_offer_new", args=[fin.pk]), body
    )
    assert response.status_code == 200
    assert response.context["offer_form"].errors["fees"]


def test_return_and_revise_pages(client, tenant, company, m):
    fin = submitted(tenant, company, [m.bank_a])
    offer = bank_actions.offer_create(request=fin, actor=m.maker_a, **OFFER_TERMS)
    as_user(client, m.checker_a).post(
        reverse("finance:offer_return", args=[offer.pk]), {"note": "Raise the rate"}
    )
    offer.refresh_from_db()
    assert offer.status == "returned"
    c = as_user(client, m.maker_a)
    assert c.get(reverse("finance:offer_revise", args=[offer.pk])).status_code == 200
    body = {k: str(v) for k, v in OFFER_TERMS.items()}
    body.update(annual_rate_percent="3.9", first_due_date="")
    c.post(reverse("finance:offer_revise", args=[offer.pk]), body)
    offer.refresh_from_db()
    assert offer.status == "pending_approval"
    assert offer.annual_rate_percent == Decimal("3.900")


def test_bank_b_cannot_act_on_bank_a_offers(client, tenant, company, m):
    fin = submitted(tenant, company, [m.bank_a, m.bank_b])
    offer = bank_actions.offer_create(request=fin, actor=m.maker_a, **OFFER_TERMS)
    c = as_user(client, m.checker_b)
    for name in ("offer_approve", "offer_withdraw", "offer_return"):
        assert c.post(reverse(f"finance:{name}", args=[offer.pk])).status_code == 404
    assert c.get(reverse("finance:offer_revise", args=[offer.pk])).status_code == 404
    page = c.get(reverse("finance:bank_request", args=[fin.pk])).content.decode()
    assert "Approve and issue" not in page


def test_nav_links(client, tenant, maker):
    assert (
        reverse("finance:requests") in as_user(client, tenant).get("/").content.decode()
    )
    assert (
        reverse("finance:bank_inbox")
        in as_user(client, maker).get("/").content.decode()
    )


def test_bank_queues_and_one_pending_offer_at_a_time(client, tenant, company, m):
    fin = submitted(tenant, company, [m.bank_a])
    bank_actions.offer_create(request=fin, actor=m.maker_a, **OFFER_TERMS)
    with pytest.raises(Exception) as excinfo:
        bank_actions.offer_create(request=fin, actor=m.maker_a, **OFFER_TERMS)
    assert excinfo.value.status == 409
    checker_page = as_user(client, m.checker_a).get(
        reverse("finance:bank_inbox") + "?queue=approval"
    )
    assert checker_page.context["queue_counts"]["approval"] == 1
    assert len(checker_page.context["page_obj"].object_list) == 1
    maker_page = as_user(client, m.maker_a).get(
        reverse("finance:bank_inbox") + "?queue=approval"
    )
    assert maker_page.context["queue_counts"] == {"approval": 0, "drafts": 1}
    assert len(maker_page.context["page_obj"].object_list) == 0
    detail = as_user(client, m.maker_a).get(
        reverse("finance:bank_request", args=[fin.pk])
    )
    assert detail.context["offer_form"] is None  # no second draft while one waits
    checker_detail = as_user(client, m.checker_a).get(
        reverse("finance:bank_request", args=[fin.pk])
    )
    assert "Return to maker" in checker_detail.content.decode()


def test_request_form_offers_only_banks_with_a_fitting_product(
    client, tenant, company, m
):
    other = factories.BankFactory(name="Bank Without Products")
    c = as_user(client, tenant)
    hints = c.get(
        reverse("finance:request_hints"),
        {
            "company": company.pk,
            "kind": "working_capital_loan",
            "amount": "2000000",
            "term_months": "24",
            "banks": [str(m.bank_a.pk)],
        },
    ).content.decode()
    assert str(m.bank_a) in hints and other.name not in hints
    assert f'value="{m.bank_a.pk}" checked' in hints
    none = c.get(
        reverse("finance:request_hints"),
        {"company": company.pk, "kind": "working_capital_loan", "amount": "1e12"},
    ).content.decode()
    assert 'name="banks"' not in none


def test_a_note_too_long_is_refused_and_nothing_changes(client, tenant, company, m):
    fin = submitted(tenant, company, [m.bank_a])
    too_long = {"note": "x" * (NOTE_LENGTH + 1)}
    c = as_user(client, tenant)
    page = c.post(
        reverse("finance:request_withdraw", args=[fin.pk]), too_long, follow=True
    )
    fin.refresh_from_db()
    assert fin.status == "submitted" and str(NOTE_LENGTH) in page.content.decode()
    assert (
        f'maxlength="{NOTE_LENGTH}"' in c.get(fin.get_absolute_url()).content.decode()
    )
    c = as_user(client, m.maker_a)
    c.post(reverse("finance:bank_request_decline", args=[fin.pk]), too_long)
    assert fin.routes.get().status != "declined"


def gone_link(offer) -> str:
    return reverse("finance:offer_accept", args=[offer.pk])


def test_accept_is_offered_to_whom_and_while_the_action_takes_it(
    client, tenant, company, m
):
    fin = submitted(tenant, company, [m.bank_a, m.bank_b])
    a = issued_offer(fin, m.maker_a, m.checker_a)
    b = issued_offer(fin, m.maker_b, m.checker_b, annual_rate_percent="3.1")
    url = reverse("finance:offer_accept", args=[a.pk])
    button = "Accept this offer</button>"
    admin = factories.MembershipFactory(company=company, role="admin").user
    assert button not in as_user(client, admin).get(url).content.decode()
    assert as_user(client, admin).post(url).status_code == 302
    a.refresh_from_db()
    assert a.status == "issued"  # refused: only an owner accepts
    assert button in as_user(client, tenant).get(url).content.decode()
    review = "Review and accept"
    comparison = fin.get_absolute_url()
    assert review not in as_user(client, admin).get(comparison).content.decode()
    assert review in as_user(client, tenant).get(comparison).content.decode()
    bank_actions.offer_withdraw(offer=b, actor=m.checker_b)
    page = as_user(client, tenant).get(comparison).content.decode()
    assert page.count(review) == 1 and gone_link(b) not in page
    gone = reverse("finance:offer_accept", args=[b.pk])
    assert button not in as_user(client, tenant).get(gone).content.decode()
    page = as_user(client, tenant).post(gone, follow=True).content.decode()
    assert "This offer is Withdrawn; it can no longer be accepted." in page


def test_decline_is_offered_while_the_bank_may_still_decline(
    client, tenant, company, m
):
    fin = submitted(tenant, company, [m.bank_a, m.bank_b])
    url = reverse("finance:bank_request", args=[fin.pk])
    c = as_user(client, m.maker_a)
    assert "Decline this request" in c.get(url).content.decode()
    c.post(reverse("finance:bank_request_decline", args=[fin.pk]), {"note": "No"})
    assert fin.routes.get(bank=m.bank_a).status == "declined"
    assert "Decline this request" not in c.get(url).content.decode()
