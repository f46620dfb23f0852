"""Booking writes: request a slot, one action per transition, quotes, reviews,
messages and documents shared by consent. Each action locks the booking, asks
its `can_<verb>` guard, records the transition and mails both parties."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.errors import Conflict, Invalid, NotAllowed, NotFound
from core.models import User
from core.records import save_audited
from parks.models import Park
from parks.queries.admission import is_admitted
from services.models import (
    Booking,
    BookingMessage,
    Case,
    DocumentShare,
    Listing,
    Offering,
    Pricing,
    ProviderStaff,
    Quote,
    Review,
)
from services.payments import booking_invoice_if_due, settle_cancellation
from services.policy import cancellation_fee
from services.slots import is_free_slot
from services.tasks import booking_notify_task
from tenants.access import ensure_manager
from tenants.models import Company, Document


def notify(booking: Booking, event: str) -> None:
    transaction.on_commit(
        lambda: booking_notify_task.enqueue(booking_id=booking.pk, event=event)
    )


def _slot_taken() -> Conflict:
    return Conflict(_("This slot is already taken."), code="slot_taken")


def _lock(booking: Booking) -> Booking:
    return (
        # Lock the booking row only: the invoice is an outer join.
        Booking.objects.select_for_update(of=("self",))
        .select_related("offering__provider", "company", "park", "invoice")
        .get(pk=booking.pk)
    )


def _refused(booking: Booking, actor: Any) -> Exception:
    """Why a guard said no: 404 to a stranger, 409 to a party in the wrong state,
    403 to a party on the wrong side."""
    if not Booking.objects.visible_to(actor).filter(pk=booking.pk).exists():
        return NotFound(_("Booking not found."))
    if not booking.is_party(actor):
        return NotAllowed(_("Operators read bookings; only the parties act on them."))
    return Conflict(
        _("This booking cannot do that now (it is “%(status)s”).")
        % {"status": booking.get_status_display()},
        code="illegal_transition",
    )


def _ensure(booking: Booking, actor: Any, verb: str) -> None:
    if not getattr(booking, f"can_{verb}")(actor):
        raise _refused(booking, actor)


@transaction.atomic
def booking_request(
    *,
    actor: User,
    offering: Offering,
    company: Company,
    park: Park,
    starts_at: datetime,
    staff: ProviderStaff | None = None,
    notes: str = "",
    permit_type: str = "",
) -> Booking:
    """A tenant books a free slot of a staff member (any free one if not named)."""
    from services.actions.cases import case_open

    ensure_manager(actor, company)
    if (
        not offering.active
        or not Listing.objects.approved()
        .filter(provider_id=offering.provider_id, park=park)
        .exists()
    ):
        raise NotFound(_("Offering not found."))
    if not is_admitted(company, park.pk):
        raise Conflict(
            _("Services in a park are for its admitted companies."),
            code="admission_required",
        )
    if offering.is_permit_agency and not permit_type:
        raise Invalid.field("permit_type", _("Choose the permit to apply for."))
    candidates = ProviderStaff.objects.filter(provider_id=offering.provider_id)
    if staff is not None:
        candidates = candidates.filter(pk=staff.pk)
    # Lock the staff rows: on SQLite this serialises the overlap check; on
    # PostgreSQL the exclusion constraint remains the last word.
    candidates = list(candidates.select_for_update().order_by("pk"))
    chosen = next(
        (s for s in candidates if is_free_slot(offering, s.pk, starts_at)), None
    )
    if chosen is None:
        raise _slot_taken()
    booking = Booking(
        offering=offering,
        staff=chosen,
        company=company,
        park=park,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=offering.duration_minutes),
        notes=notes,
        price=offering.price if offering.pricing == Pricing.FIXED else None,
        created_by=actor,
    )
    booking.full_clean()
    try:
        with transaction.atomic():
            booking.save()
    except IntegrityError as exc:
        if "booking_no_overlap" in str(exc) or "exclu" in str(exc).lower():
            raise _slot_taken() from None
        raise
    audit_record(actor=actor, obj=booking, action="created", to_state=booking.status)
    if offering.is_permit_agency:
        case_open(booking=booking, permit_type=permit_type, actor=actor)
    notify(booking, "requested")
    return booking


# A booking that ends unserved ends its permit case: the steps are nobody's work
# any more, and an open case would keep them overdue on the operator's panel.
ENDS_UNSERVED = (Booking.Status.DECLINED, Booking.Status.CANCELLED)


def _close_case(booking: Booking, actor: User, note: str) -> None:
    case = Case.objects.filter(booking=booking, status=Case.Status.OPEN).first()
    if case is not None:
        case.transition(to=Case.Status.CLOSED, actor=actor, note=note)


def _move(booking: Booking, actor: User, verb: str, to: str, note: str) -> Booking:
    booking = _lock(booking)
    _ensure(booking, actor, verb)
    booking.transition(to=to, actor=actor, note=note)
    if to in ENDS_UNSERVED:
        _close_case(booking, actor, note)
    booking_invoice_if_due(booking, actor)
    notify(booking, to)
    return booking


def _transition_action(verb: str, to: str) -> Callable[..., Booking]:
    """`booking_<verb>`: a transition that only moves the status (and invoices
    when the booking becomes due), with an optional note."""

    @transaction.atomic
    def action(*, booking: Booking, actor: User, note: str = "") -> Booking:
        return _move(booking, actor, verb, to, note)

    action.__name__ = action.__qualname__ = f"booking_{verb}"
    return action


booking_confirm = _transition_action("confirm", Booking.Status.CONFIRMED)
booking_decline = _transition_action("decline", Booking.Status.DECLINED)
booking_start = _transition_action("start", Booking.Status.IN_PROGRESS)
booking_complete = _transition_action("complete", Booking.Status.COMPLETED)


@transaction.atomic
def booking_cancel(
    *, booking: Booking, actor: User, note: str = "", now: datetime | None = None
) -> Booking:
    """The tenant cancels; inside the free window at no cost, after it for the
    offering's fee percentage of the price."""
    booking = _lock(booking)
    _ensure(booking, actor, "cancel")
    now = now or timezone.now()
    booking.cancellation_fee = cancellation_fee(
        price=booking.price,
        starts_at=booking.starts_at,
        cancelled_at=now,
        free_hours=booking.offering.free_cancel_hours,
        fee_percent=booking.offering.cancel_fee_percent,
    )
    booking.cancelled_at = now
    booking.save(update_fields=["cancellation_fee", "cancelled_at", "updated_at"])
    booking.transition(to=Booking.Status.CANCELLED, actor=actor, note=note)
    _close_case(booking, actor, note)
    settle_cancellation(booking, actor, booking.cancellation_fee)
    notify(booking, Booking.Status.CANCELLED)
    return booking


@transaction.atomic
def booking_review(
    *, booking: Booking, actor: User, rating: int, comment: str = ""
) -> Review:
    booking = _lock(booking)
    _ensure(booking, actor, "review")
    review = Review(booking=booking, rating=rating, comment=comment)
    review.full_clean()
    review.save()
    booking.transition(to=Booking.Status.REVIEWED, actor=actor, note=f"{rating}/5")
    notify(booking, Booking.Status.REVIEWED)
    return review


@transaction.atomic
def review_reply(*, review: Review, actor: User, reply: str) -> Review:
    """The provider answers a review, once."""
    review = Review.objects.select_for_update().get(pk=review.pk)
    if not review.can_reply(actor):
        if not review.booking.is_provider_side(actor):
            raise _refused(review.booking, actor)
        raise Conflict(_("This review already has an answer."), code="answered")
    if not reply.strip():
        raise Invalid.field("reply", _("Write an answer."))
    review.reply = reply.strip()
    review.replied_at = timezone.now()
    review.save(update_fields=["reply", "replied_at"])
    audit_record(actor=actor, obj=review.booking, action="review_answered")
    return review


@transaction.atomic
def quote_send(
    *,
    booking: Booking,
    actor: User,
    amount: Decimal,
    scope: str,
    valid_until: date,
) -> Quote:
    """The provider prices a booking on quote; a new quote replaces an open one."""
    booking = _lock(booking)
    _ensure(booking, actor, "quote")
    if valid_until < timezone.localdate():
        raise Invalid.field("valid_until", _("Enter a date that is not in the past."))
    for open_quote in booking.quotes.select_for_update().filter(
        status=Quote.Status.SENT
    ):
        open_quote.transition(to=Quote.Status.WITHDRAWN, actor=actor)
    quote = Quote(
        booking=booking,
        amount=amount,
        scope=scope,
        valid_until=valid_until,
        created_by=actor,
    )
    save_audited(quote, actor=actor, action="quote_sent", on=booking, note=str(amount))
    notify(booking, "quote")
    return quote


@transaction.atomic
def quote_accept(*, quote: Quote, actor: User) -> Quote:
    """The tenant accepts: the quote's amount becomes the booking's price."""
    booking = _lock(quote.booking)
    quote = Quote.objects.select_for_update().get(pk=quote.pk)
    quote.booking = booking
    if not quote.can_accept(actor):
        if booking.is_tenant_side(actor) and quote.is_expired:
            raise Conflict(_("This quote has expired."), code="quote_expired")
        raise _refused(booking, actor)
    quote.transition(to=Quote.Status.ACCEPTED, actor=actor)
    booking.price = quote.amount
    booking.save(update_fields=["price", "updated_at"])
    booking_invoice_if_due(booking, actor)
    audit_record(
        actor=actor, obj=booking, action="quote_accepted", note=str(quote.amount)
    )
    notify(booking, "quote accepted")
    return quote


def _share(booking: Booking, document: Document, actor: User) -> None:
    if document.company_id != booking.company_id:
        raise NotFound(_("Document not found."))
    _share_row, created = DocumentShare.objects.get_or_create(
        booking=booking, document=document, defaults={"shared_by": actor}
    )
    if created:
        audit_record(
            actor=actor, obj=booking, action="document_shared", note=document.filename
        )


@transaction.atomic
def document_share(*, booking: Booking, actor: User, document: Document) -> None:
    """The tenant's explicit consent to show one vault document to the provider."""
    booking = _lock(booking)
    _ensure(booking, actor, "share_document")
    _share(booking, document, actor)


@transaction.atomic
def message_post(
    *,
    booking: Booking,
    actor: User,
    body: str,
    document: Document | None = None,
) -> BookingMessage:
    """Either party writes; a tenant may attach a vault document, which shares it."""
    booking = _lock(booking)
    _ensure(booking, actor, "message")
    if not body.strip():
        raise Invalid.field("body", _("Write a message."))
    if document is not None:
        _ensure(booking, actor, "share_document")
        _share(booking, document, actor)
    message = BookingMessage(
        booking=booking, author=actor, body=body.strip(), document=document
    )
    message.full_clean()
    message.save()
    return message
