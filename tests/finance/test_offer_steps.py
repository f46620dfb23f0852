"""An offer's bank steps (approve, return, revise, withdraw): the rule the page
asks (`Offer.allowed_actions`) is the rule the action enforces, for every
state and every member of the bank."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.errors import (
    Conflict,
    IllegalTransition,
    NotAllowed,
    NotFound,
)
from finance.actions import bank as bank_actions
from finance.models import Offer
from tests import factories
from tests.finance.lending_fixtures import OFFER_TERMS, issued_offer, market, submitted
from tests.guards import assert_guards_agree

STEPS = {
    "approve": lambda offer, actor: bank_actions.offer_approve(
        offer=offer, actor=actor
    ),
    "return": lambda offer, actor: bank_actions.offer_return(
        offer=offer, actor=actor, note="Lower the fees"
    ),
    "revise": lambda offer, actor: bank_actions.offer_revise(
        offer=offer, actor=actor, **OFFER_TERMS
    ),
    "withdraw": lambda offer, actor: bank_actions.offer_withdraw(
        offer=offer, actor=actor
    ),
}


@pytest.fixture
def m(maker, checker):
    return market(maker, checker)


def _offers(tenant, company, m) -> dict[str, Offer]:
    """One offer of bank A in each state its staff meet (a bank has one offer
    pending or returned per request at a time)."""
    first, second, third = (submitted(tenant, company, [m.bank_a]) for _ in "abc")
    returned = bank_actions.offer_return(
        offer=bank_actions.offer_create(request=first, actor=m.maker_a, **OFFER_TERMS),
        actor=m.checker_a,
        note="Fees too high",
    )
    issued = issued_offer(second, m.maker_a, m.checker_a)
    pending = bank_actions.offer_create(request=second, actor=m.maker_a, **OFFER_TERMS)
    withdrawn = bank_actions.offer_withdraw(
        offer=issued_offer(third, m.maker_a, m.checker_a), actor=m.maker_a
    )
    return {
        "returned": returned,
        "issued": issued,
        "pending": pending,
        "withdrawn": withdrawn,
    }


def test_the_page_offers_a_step_exactly_when_the_action_takes_it(tenant, company, m):
    both = factories.BankStaffFactory(role="checker", bank=m.bank_a).user
    factories.BankStaffFactory(role="maker", bank=m.bank_a, user=both)
    staff = {"maker": m.maker_a, "checker": m.checker_a, "both": both}
    assert_guards_agree(_offers(tenant, company, m), staff, STEPS)


def test_each_refusal_says_why(tenant, company, m):
    offers = _offers(tenant, company, m)
    pending = offers["pending"]
    mine = pending.refusal("approve", m.maker_a, roles={"maker", "checker"})
    assert isinstance(mine, Conflict) and mine.code == "maker_cannot_check"
    another_maker = factories.BankStaffFactory(role="maker", bank=m.bank_a).user
    assert isinstance(pending.refusal("approve", another_maker), NotAllowed)
    assert pending.refusal("approve", m.checker_a) is None
    assert isinstance(offers["issued"].refusal("revise", m.maker_a), IllegalTransition)
    assert offers["withdrawn"].allowed_actions(m.checker_a) == set()
    assert offers["returned"].allowed_actions(m.maker_a) == {"revise", "withdraw"}
    assert offers["pending"].allowed_actions(m.maker_b) == set()
    assert isinstance(offers["issued"].refusal("withdraw", m.maker_b), NotFound)


def test_the_bank_page_shows_the_allowed_steps_only(client, tenant, company, m):
    offers = _offers(tenant, company, m)
    pending_page = reverse("finance:bank_request", args=[offers["pending"].request_id])
    returned_page = reverse(
        "finance:bank_request", args=[offers["returned"].request_id]
    )
    approve = reverse("finance:offer_approve", args=[offers["pending"].pk])
    revise = reverse("finance:offer_revise", args=[offers["returned"].pk])
    client.force_login(m.checker_a)
    assert approve in client.get(pending_page).content.decode()
    assert revise not in client.get(returned_page).content.decode()
    client.force_login(m.maker_a)
    assert approve not in client.get(pending_page).content.decode()
    assert revise in client.get(returned_page).content.decode()
    issued_revise = reverse("finance:offer_revise", args=[offers["issued"].pk])
    response = client.get(issued_revise, follow=True)
    assert "Only an offer sent back can be revised." in response.content.decode()
    assert response.redirect_chain[-1][0] == pending_page
