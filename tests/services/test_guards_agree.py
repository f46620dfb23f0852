"""A booking's steps, its quotes' and review's, and a permit case's steps: the
rule the page asks (`can_<verb>`) is the rule the action enforces, for every
state and every kind of person who meets the booking."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from functools import partial
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from billing.actions.invoices import bank_transfer_record
from services.actions import bookings as act
from services.actions.cases import case_step_update
from services.models import Booking, CaseStep, Quote, Review
from services.permits import PermitType
from tests import factories
from tests.guards import assert_guards_agree, can_verb
from tests.services.conftest import provider_market

pytestmark = pytest.mark.django_db

TRANSITIONS = ("confirm", "decline", "start", "complete", "cancel")
BOOKING_STEPS: dict[str, Any] = {
    **{
        verb: lambda b, a, doc, verb=verb: getattr(act, f"booking_{verb}")(
            booking=b, actor=a
        )
        for verb in TRANSITIONS
    },
    "review": lambda b, a, doc: act.booking_review(
        booking=b, actor=a, rating=5, comment="On time"
    ),
    "quote": lambda b, a, doc: act.quote_send(
        booking=b,
        actor=a,
        amount=Decimal("800.00"),
        scope="Two site visits",
        valid_until=timezone.localdate() + timedelta(days=7),
    ),
    "message": lambda b, a, doc: act.message_post(booking=b, actor=a, body="Hello"),
    "share_document": lambda b, a, doc: act.document_share(
        booking=b, actor=a, document=doc
    ),
}
STEP_STEPS: dict[str, Any] = {
    "update": lambda s, a, doc: case_step_update(step=s, actor=a, status="done"),
    "attach": lambda s, a, doc: case_step_update(
        step=s, actor=a, status=s.status, documents=[doc]
    ),
}


def agree(objects: dict, steps: dict, actors: dict, doc) -> None:
    """Every step on every object as every actor goes through exactly when the
    object's guard `can_<step>` says yes (the steps take the shared document)."""
    runs = {step: partial(run, doc=doc) for step, run in steps.items()}
    assert_guards_agree(objects, actors, runs, can_verb)


@pytest.fixture
def doc(market):
    return factories.DocumentFactory(company=market.company)


@pytest.fixture
def actors(market, other_tenant) -> dict[str, Any]:
    company = market.company
    return {
        "tenant_owner": market.tenant,
        "tenant_admin": factories.MembershipFactory(company=company, role="admin").user,
        "tenant_member": factories.MembershipFactory(
            company=company, role="member"
        ).user,
        "other_tenant": other_tenant,
        "provider_staff": market.provider_user,
        "provider_colleague": factories.ProviderStaffFactory(
            provider=market.provider
        ).user,
        "other_provider": factories.ProviderStaffFactory().user,
        "operator_manager": market.operator,
        "operator_finance": factories.OperatorStaffFactory(
            operator=market.park.operator, role="finance"
        ).user,
        "other_operator": factories.OperatorStaffFactory().user,
        "stranger": factories.UserFactory(),
    }


def _quote(booking: Booking, market) -> Quote:
    return act.quote_send(
        booking=booking,
        actor=market.provider_user,
        amount=Decimal("900.00"),
        scope="Audit of two years",
        valid_until=timezone.localdate() + timedelta(days=10),
    )


@pytest.fixture
def world(market, book):
    """Bookings in every state, with the quotes and reviews they carry."""
    days = iter(range(2, 60))
    quoted = factories.OfferingFactory(
        provider=market.provider, pricing="quote", price=None
    )
    p, t = market.provider_user, market.tenant

    def run(*verbs: str, offering=None) -> Booking:
        booking = book(days=next(days), offering=offering or market.offering)
        for verb in verbs:
            booking = getattr(act, f"booking_{verb}")(booking=booking, actor=p)
        return booking

    def reviewed() -> Review:
        booking = run("confirm", "start", "complete")
        return act.booking_review(booking=booking, actor=t, rating=4)

    part_paid, paid = run("confirm"), run("confirm")
    factories.PaymentFactory(invoice=part_paid.invoice, amount=Decimal("100.00"))
    bank_transfer_record(
        invoice=paid.invoice,
        actor=p,
        amount=paid.invoice.total,
        paid_on=timezone.localdate(),
    )
    quoted_requested = run(offering=quoted)
    quoted_confirmed = run("confirm", offering=quoted)
    expired = _quote(run(offering=quoted), market)
    Quote.objects.filter(pk=expired.pk).update(
        valid_until=timezone.localdate() - timedelta(days=1)
    )
    replaced_booking = run(offering=quoted)
    withdrawn = _quote(replaced_booking, market)
    accepted = act.quote_accept(quote=_quote(run(offering=quoted), market), actor=t)
    on_cancelled = _quote(run(offering=quoted), market)
    act.booking_cancel(booking=on_cancelled.booking, actor=t)
    answered = reviewed()
    act.review_reply(review=answered, actor=p, reply="Thank you")
    unanswered = reviewed()
    bookings = {
        "requested": run(),
        "quoted_requested": quoted_requested,
        "quoted_confirmed": quoted_confirmed,
        "confirmed": run("confirm"),
        "confirmed_part_paid": part_paid,
        "confirmed_paid": paid,
        "in_progress": run("confirm", "start"),
        "completed": run("confirm", "start", "complete"),
        "reviewed": unanswered.booking,
        "declined": run("decline"),
        "cancelled": act.booking_cancel(booking=run(), actor=t),
    }
    quotes = {
        "sent": _quote(quoted_requested, market),
        "sent_on_confirmed": _quote(quoted_confirmed, market),
        "expired": expired,
        "withdrawn": withdrawn,
        "sent_after_withdrawn": _quote(replaced_booking, market),
        "accepted": accepted,
        "sent_on_cancelled": on_cancelled,
    }
    reviews = {"unanswered": unanswered, "answered": answered}
    return bookings, quotes, reviews


def test_each_booking_step_goes_through_exactly_when_its_guard_allows(
    world, actors, doc
):
    bookings, _quotes, _reviews = world
    agree(bookings, BOOKING_STEPS, actors, doc)
    booking = Booking.objects.get(pk=bookings["requested"].pk)
    assert booking.allowed_actions(actors["provider_staff"]) == {"confirm", "decline"}
    assert booking.allowed_actions(actors["tenant_admin"]) == {"cancel"}
    assert booking.allowed_actions(actors["operator_manager"]) == set()


def test_quotes_and_reviews_too(world, actors, doc):
    _bookings, quotes, reviews = world
    accept = {"accept": lambda q, a, doc: act.quote_accept(quote=q, actor=a)}
    agree(quotes, accept, actors, doc)
    reply = {
        "reply": lambda r, a, doc: act.review_reply(review=r, actor=a, reply="Yes")
    }
    agree(reviews, reply, actors, doc)


@pytest.fixture
def agency(market):
    return provider_market(
        market.park, category="permit_agency", price=None, pricing="quote"
    )


@pytest.fixture
def steps(market, agency, book) -> dict[str, CaseStep]:
    """Permit-case steps of each owner, in each state a case meets."""
    days = iter(range(2, 30))

    def case(permit: str):
        booking = book(days=next(days), offering=agency.offering, permit_type=permit)
        return booking.case

    def by_key(c, key: str) -> CaseStep:
        return c.steps.get(key=key)

    def done(step: CaseStep, actor, status: str = "done") -> CaseStep:
        return case_step_update(step=step, actor=actor, status=status)

    t, p = market.tenant, agency.provider_user
    fresh, moving = case(PermitType.EIA_APPROVAL), case(PermitType.EIA_APPROVAL)
    done(by_key(moving, "documents"), t)
    done(by_key(moving, "report"), p, "in_progress")
    closed = case(PermitType.BUSINESS_LICENCE_CHANGE)
    for key, actor in (("documents", t), ("filing", p), ("decision", p)):
        done(by_key(closed, key), actor)
    cancelled = case(PermitType.EIA_APPROVAL)
    act.booking_cancel(booking=cancelled.booking, actor=t)
    return {
        "tenant_pending": by_key(fresh, "documents"),
        "provider_pending": by_key(fresh, "report"),
        "authority_pending": by_key(fresh, "publicity"),
        "tenant_done": by_key(moving, "documents"),
        "provider_in_progress": by_key(moving, "report"),
        "authority_after_progress": by_key(moving, "publicity"),
        "closed_case": by_key(closed, "decision"),
        "booking_cancelled": by_key(cancelled, "documents"),
    }


def test_each_case_step_update_goes_through_exactly_when_its_guard_allows(
    steps, actors, agency, doc
):
    actors = {**actors, "agency_staff": agency.provider_user}
    agree(steps, STEP_STEPS, actors, doc)


def _form_to(html: str, url: str) -> bool:
    return f'action="{url}"' in html


def test_the_booking_page_offers_exactly_the_allowed_steps(client, world, actors, doc):
    bookings, _quotes, _reviews = world
    pages = 0
    for state, booking in bookings.items():
        for who, actor in actors.items():
            client.force_login(actor)
            response = client.get(reverse("services:booking", args=[booking.pk]))
            if response.status_code == 404:
                continue  # not theirs to see
            html, pages = response.content.decode(), pages + 1
            b = Booking.objects.get(pk=booking.pk)
            offered = {
                verb
                for verb in TRANSITIONS
                if _form_to(
                    html, reverse("services:booking_transition", args=[b.pk, verb])
                )
            }
            for kind in ("quote", "review"):
                if _form_to(html, reverse(f"services:booking_{kind}", args=[b.pk])):
                    offered.add(kind)
            if _form_to(html, reverse("services:booking_message", args=[b.pk])):
                offered.add("message")
            if 'name="document"' in html:
                offered.add("share_document")
            guards = {s for s in BOOKING_STEPS if getattr(b, f"can_{s}")(actor)}
            assert offered == guards, (state, who)
            for quote in b.quotes.all():
                url = reverse("services:quote_accept", args=[quote.pk])
                assert _form_to(html, url) == quote.can_accept(actor), (state, who)
            review = Review.objects.filter(booking=b).first()
            if review is not None:
                url = reverse("services:review_reply", args=[review.pk])
                assert _form_to(html, url) == review.can_reply(actor), (state, who)
    assert pages


def test_the_case_page_offers_exactly_the_allowed_updates(
    client, steps, actors, agency, doc
):
    actors = {**actors, "agency_staff": agency.provider_user}
    pages = 0
    for state, step in steps.items():
        case = step.case
        for who, actor in actors.items():
            client.force_login(actor)
            response = client.get(reverse("services:case", args=[case.pk]))
            if response.status_code == 404:
                continue
            html, pages = response.content.decode(), pages + 1
            s = CaseStep.objects.get(pk=step.pk)
            url = reverse("services:case_step", args=[case.pk, s.pk])
            assert _form_to(html, url) == s.can_update(actor), (state, who)
            attach = f'name="s{s.pk}-documents"' in html
            assert attach == s.can_attach(actor), (state, who)
    assert pages
