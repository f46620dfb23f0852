"""A bank's inbox read (`finance.queries.bank_inbox`) and its review clock."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from finance.actions import bank as bank_actions
from finance.models import RequestRoute
from finance.queries import bank_inbox, review_clock
from tests.finance.lending_fixtures import OFFER_TERMS, market, submitted

NOW = timezone.now()


def _route(status: str, days: int | None, sla: int = 5):
    submitted_at = None if days is None else NOW - timedelta(days=days, hours=1)
    return SimpleNamespace(
        status=status,
        request=SimpleNamespace(submitted_at=submitted_at),
        bank=SimpleNamespace(review_sla_days=sla),
    )


@pytest.mark.parametrize(
    ("status", "days", "state"),
    [
        ("new", 0, "ok"),
        ("seen", 3, "ok"),
        ("seen", 4, "warn"),  # the SLA's last day
        ("new", 5, "warn"),
        ("new", 6, "bad"),
        ("offered", 30, ""),  # answered: no clock
        ("declined", 30, ""),
        ("won", 30, ""),
        ("closed", 30, ""),
        ("new", None, "ok"),  # not submitted yet: no time has passed
    ],
)
def test_the_review_clock_against_the_banks_sla(status, days, state) -> None:
    clock = review_clock(_route(status, days), NOW)
    assert (clock.days, clock.state) == (days or 0, state)


def test_every_status_has_a_clock_rule() -> None:
    answered = set(RequestRoute.ANSWERED)
    running = set(RequestRoute.Status.values) - answered
    assert running == {"new", "seen"}


@pytest.fixture
def m(maker, checker):
    return market(maker, checker)


def test_the_inbox_filters_and_counts_the_users_queues(tenant, company, m, checker):
    first = submitted(tenant, company, [m.bank_a])
    second = submitted(tenant, company, [m.bank_a])
    submitted(tenant, company, [m.bank_b])  # another bank's: never in A's inbox
    bank_actions.offer_create(request=first, actor=m.maker_a, **OFFER_TERMS)
    routes, counts = bank_inbox(checker, [m.bank_a], {})
    assert {r.request_id for r in routes} == {first.pk, second.pk}
    assert counts == {"approval": 1, "drafts": 0}
    assert bank_inbox(m.maker_a, [m.bank_a], {})[1] == {"approval": 0, "drafts": 1}
    queue, _ = bank_inbox(checker, [m.bank_a], {"queue": "approval"})
    assert [r.request_id for r in queue] == [first.pk]
    bank_actions.route_decline(request=second, actor=m.maker_a, reason="No")
    declined, _ = bank_inbox(checker, [m.bank_a], {"route": "declined", "q": "  "})
    assert [r.request_id for r in declined] == [second.pk]
    nobody, _ = bank_inbox(checker, [m.bank_a], {"q": "no such company"})
    assert not nobody.exists()
