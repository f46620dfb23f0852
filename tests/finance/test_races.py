"""Races on PostgreSQL: two owners accepting two offers at once."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from core.errors import DomainError
from finance.actions import requests as actions
from finance.models import Offer
from tests import factories
from tests.finance.lending_fixtures import issued_offer, market, submitted


@pytest.mark.postgres
def test_two_simultaneous_acceptances_leave_exactly_one(transactional_db):
    owner = factories.MembershipFactory(role="owner").user
    company = owner.memberships.get().company
    owner2 = factories.MembershipFactory(company=company, role="owner").user
    maker = factories.BankStaffFactory(role="maker").user
    checker = factories.BankStaffFactory(
        role="checker", bank=maker.bank_staff.get().bank
    ).user
    m = market(maker, checker)
    request = submitted(owner, company, [m.bank_a, m.bank_b])
    a = issued_offer(request, m.maker_a, m.checker_a)
    b = issued_offer(request, m.maker_b, m.checker_b)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def accept(offer, user):
        barrier.wait()
        try:
            actions.offer_accept(offer=offer, actor=user)
            outcomes.append("accepted")
        except DomainError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=accept, args=(a, owner)),
        threading.Thread(target=accept, args=(b, owner2)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["accepted", "illegal_transition"]
    assert Offer.objects.filter(status="accepted").count() == 1
    assert Offer.objects.filter(status="closed").count() == 1
