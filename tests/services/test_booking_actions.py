"""Booking actions: every transition, every denial, quotes, reviews, messages."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from core.audit import audit_trail
from core.errors import Conflict, Invalid, NotAllowed, NotFound
from services.actions import bookings as act
from services.models import Booking, Listing
from tenants.models import Document
from tests import factories
from tests.services.conftest import at

pytestmark = pytest.mark.django_db


def test_a_tenant_books_a_free_slot(market, book, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(notes="Year-end review")
    assert booking.status == "requested"
    assert booking.staff == market.staff
    assert booking.price == Decimal("1200.00")
    assert booking.ends_at - booking.starts_at == timedelta(minutes=60)
    assert audit_trail(booking).filter(action="created").exists()
    # Both parties are told.
    recipients = {r for m in mail.outbox for r in m.to}
    assert {market.tenant.email, market.provider_user.email} <= recipients


def test_a_taken_slot_is_a_conflict(market, book):
    book()
    with pytest.raises(Conflict) as exc:
        book()
    assert exc.value.code == "slot_taken"


def test_another_staff_member_takes_the_same_hour(market, book):
    other = factories.ProviderStaffFactory(provider=market.provider)
    for weekday in range(7):
        factories.AvailabilityFactory(staff=other, weekday=weekday)
    first, second = book(), book()
    assert {first.staff, second.staff} == {market.staff, other}


@pytest.mark.parametrize("hour", [8, 17, 3])
def test_outside_the_availability_is_no_slot(market, book, hour):
    with pytest.raises(Conflict):
        book(hour=hour)


def test_no_booking_in_the_past(market, book):
    with pytest.raises(Conflict):
        book(days=-1)


def test_only_the_companys_managers_book(market, other_tenant):
    with pytest.raises(NotFound):
        act.booking_request(
            actor=other_tenant,
            offering=market.offering,
            company=market.company,
            park=market.park,
            starts_at=at(2),
        )


def test_a_provider_not_approved_in_the_park_cannot_be_booked(market, book):
    Listing.objects.filter(provider=market.provider).update(status="suspended")
    with pytest.raises(NotFound):
        book()


def test_only_admitted_companies_book(market, book):
    market.company.admission_applications.update(status="rejected")
    with pytest.raises(Conflict) as exc:
        book()
    assert exc.value.code == "admission_required"


def test_the_happy_path_through_every_transition(market, book):
    booking = book()
    p, t = market.provider_user, market.tenant
    assert booking.allowed_actions(p) == {"confirm", "decline"}
    assert booking.allowed_actions(t) == {"cancel"}
    booking = act.booking_confirm(booking=booking, actor=p)
    assert booking.allowed_actions(p) == {"start"}
    booking = act.booking_start(booking=booking, actor=p)
    booking = act.booking_complete(booking=booking, actor=p)
    assert booking.allowed_actions(t) == {"review"}
    review = act.booking_review(booking=booking, actor=t, rating=5, comment="Clear.")
    booking.refresh_from_db()
    assert booking.status == "reviewed" and review.rating == 5
    moves = list(
        audit_trail(booking)
        .filter(action="transition")
        .order_by("id")
        .values_list("to_state", flat=True)
    )
    assert moves == ["confirmed", "in_progress", "completed", "reviewed"]


@pytest.mark.parametrize("verb", ["confirm", "decline", "start", "complete"])
def test_the_tenant_cannot_act_for_the_provider(market, book, verb):
    booking = book()
    if verb in ("start",):
        act.booking_confirm(booking=booking, actor=market.provider_user)
    with pytest.raises(Conflict):
        # A party on the wrong side meets the state rule it cannot pass.
        getattr(act, f"booking_{verb}")(booking=booking, actor=market.tenant)


def test_strangers_get_404_and_operators_403(market, book, other_tenant):
    booking = book()
    stranger = factories.ProviderStaffFactory().user
    for actor in (other_tenant, stranger):
        with pytest.raises(NotFound):
            act.booking_confirm(booking=booking, actor=actor)
        with pytest.raises(NotFound):
            act.booking_cancel(booking=booking, actor=actor)
    with pytest.raises(NotAllowed):
        act.booking_confirm(booking=booking, actor=market.operator)


def test_illegal_moves_are_refused(market, book):
    booking = book()
    with pytest.raises(Conflict):
        act.booking_complete(booking=booking, actor=market.provider_user)
    act.booking_decline(booking=booking, actor=market.provider_user, note="Full")
    with pytest.raises(Conflict):
        act.booking_confirm(booking=booking, actor=market.provider_user)
    with pytest.raises(Conflict):
        act.booking_cancel(booking=booking, actor=market.tenant)


def test_a_declined_booking_frees_the_slot(market, book):
    act.booking_decline(booking=book(), actor=market.provider_user)
    assert book().status == "requested"


def test_cancel_in_the_free_window_costs_nothing(market, book):
    booking = book(days=3)
    booking = act.booking_cancel(booking=booking, actor=market.tenant)
    assert booking.status == "cancelled"
    assert booking.cancellation_fee == Decimal("0.00")
    assert book(days=3).status == "requested"  # the slot is free again


def test_cancel_late_charges_the_policy_fee(market, book):
    booking = book(days=1)
    late = booking.starts_at - timedelta(hours=2)
    booking = act.booking_cancel(booking=booking, actor=market.tenant, now=late)
    assert booking.cancellation_fee == Decimal("600.00")


def test_review_once_and_the_provider_answers_once(market, book):
    booking = book()
    p = market.provider_user
    for verb in ("confirm", "start", "complete"):
        booking = getattr(act, f"booking_{verb}")(booking=booking, actor=p)
    with pytest.raises(Exception):  # noqa: B017 - rating 0 fails the model's validator
        act.booking_review(booking=booking, actor=market.tenant, rating=0)
    review = act.booking_review(booking=booking, actor=market.tenant, rating=4)
    with pytest.raises(Conflict):
        act.booking_review(booking=booking, actor=market.tenant, rating=5)
    with pytest.raises(NotAllowed):
        act.review_reply(review=review, actor=market.operator, reply="x")
    act.review_reply(review=review, actor=p, reply="Thank you")
    with pytest.raises(Conflict) as exc:
        act.review_reply(review=review, actor=p, reply="Again")
    assert exc.value.code == "answered"


def test_on_quote_the_price_comes_from_the_accepted_quote(market, book):
    offering = factories.OfferingFactory(
        provider=market.provider, pricing="quote", price=None
    )
    booking = book(offering=offering)
    assert booking.price is None
    assert not booking.can_start(market.provider_user)
    p = market.provider_user
    valid = timezone.localdate() + timedelta(days=7)
    first = act.quote_send(
        booking=booking, actor=p, amount=Decimal("800"), scope="A", valid_until=valid
    )
    second = act.quote_send(
        booking=booking, actor=p, amount=Decimal("900"), scope="B", valid_until=valid
    )
    first.refresh_from_db()
    assert first.status == "withdrawn"
    with pytest.raises(Conflict):
        act.quote_accept(quote=first, actor=market.tenant)
    with pytest.raises(Conflict):  # the provider cannot accept its own quote
        act.quote_accept(quote=second, actor=p)
    act.quote_accept(quote=second, actor=market.tenant)
    booking.refresh_from_db()
    assert booking.price == Decimal("900.00")
    assert not booking.can_quote(p)
    act.booking_confirm(booking=booking, actor=p)
    assert booking.__class__.objects.get(pk=booking.pk).can_start(p)


def test_an_expired_quote_cannot_be_accepted(market, book):
    offering = factories.OfferingFactory(
        provider=market.provider, pricing="quote", price=None
    )
    booking = book(offering=offering)
    quote = act.quote_send(
        booking=booking,
        actor=market.provider_user,
        amount=Decimal("800"),
        scope="A",
        valid_until=timezone.localdate(),
    )
    quote.valid_until = timezone.localdate() - timedelta(days=1)
    quote.save()
    with pytest.raises(Conflict) as exc:
        act.quote_accept(quote=quote, actor=market.tenant)
    assert exc.value.code == "quote_expired"


def test_a_fixed_price_booking_takes_no_quote(market, book):
    with pytest.raises(Conflict):
        act.quote_send(
            booking=book(),
            actor=market.provider_user,
            amount=Decimal("1"),
            scope="x",
            valid_until=timezone.localdate(),
        )


def test_messages_and_documents_shared_by_consent(market, book, other_company):
    booking = book()
    doc = factories.DocumentFactory(company=market.company)
    p = market.provider_user
    assert not Document.objects.visible_to(p).filter(pk=doc.pk).exists()
    act.message_post(booking=booking, actor=p, body="Please send the licence.")
    act.message_post(booking=booking, actor=market.tenant, body="Here", document=doc)
    assert Document.objects.visible_to(p).filter(pk=doc.pk).exists()
    # Another provider does not see it.
    assert not Document.objects.visible_to(
        factories.ProviderStaffFactory().user
    ).exists()
    # The provider cannot attach vault documents, nor can a tenant share another
    # company's.
    with pytest.raises(Conflict):
        act.message_post(booking=booking, actor=p, body="x", document=doc)
    with pytest.raises(NotFound):
        act.document_share(
            booking=booking,
            actor=market.tenant,
            document=factories.DocumentFactory(company=other_company),
        )
    with pytest.raises(Invalid):
        act.message_post(booking=booking, actor=p, body="  ")
    assert booking.messages.count() == 2


def test_operator_reads_but_does_not_write_messages(market, book):
    booking = book()
    assert Booking.objects.visible_to(market.operator).filter(pk=booking.pk).exists()
    with pytest.raises(NotAllowed):
        act.message_post(booking=booking, actor=market.operator, body="hi")
