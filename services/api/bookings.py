"""Services API, bookings: request, one endpoint per transition, quotes,
reviews, messages and documents shared by consent."""

from datetime import date, datetime
from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from core.access import get_scoped
from core.api import step_endpoint
from core.limits import limited, schema_field
from core.lookups import given
from core.schemas import CappedPagination, Money, ObjectId
from parks.models import Park
from services.actions import bookings
from services.api.common import company_document, errors
from services.models import (
    Booking,
    BookingMessage,
    Case,
    Offering,
    ProviderStaff,
    Quote,
    Review,
)
from tenants.access import member_company

router = Router(tags=["services"])


# --- bookings --------------------------------------------------------------------


class BookingIn(Schema):
    offering_id: ObjectId
    company_id: ObjectId
    park_id: ObjectId
    starts_at: datetime
    staff_id: ObjectId | None = None
    notes: str = schema_field(Booking, "notes", "")
    permit_type: str = schema_field(Case, "permit_type", "")


class BookingOut(Schema):
    id: int
    offering_id: ObjectId
    provider_id: ObjectId = Field(alias="offering.provider_id")
    staff_id: ObjectId
    company_id: ObjectId
    park_id: ObjectId
    starts_at: datetime
    ends_at: datetime
    status: str
    notes: str
    price: Money | None
    cancellation_fee: Money | None
    invoice_id: ObjectId | None
    paid_at: datetime | None
    fee_invoice_id: ObjectId | None
    case_id: ObjectId | None

    @staticmethod
    def resolve_case_id(obj: Booking) -> int | None:
        case = getattr(obj, "case", None)
        return case.pk if case else None


class QuoteOut(Schema):
    id: int
    booking_id: ObjectId
    amount: Money
    scope: str
    valid_until: date
    status: str


class MessageOut(Schema):
    id: int
    author: str
    body: str
    document_id: ObjectId | None
    created_at: datetime

    @staticmethod
    def resolve_author(obj) -> str:
        return obj.author.get_full_name() or obj.author.email


class BookingReviewOut(Schema):
    id: int
    rating: int
    comment: str
    reply: str


class BookingDetailOut(BookingOut):
    quotes: list[QuoteOut]
    messages: list[MessageOut]
    shared_document_ids: list[ObjectId]
    review: BookingReviewOut | None
    allowed_actions: list[str]

    @staticmethod
    def resolve_messages(obj: Booking) -> list:
        return list(obj.messages.select_related("author"))

    @staticmethod
    def resolve_shared_document_ids(obj: Booking) -> list[int]:
        return list(obj.shares.values_list("document_id", flat=True))

    @staticmethod
    def resolve_review(obj: Booking):
        return getattr(obj, "review", None)

    @staticmethod
    def resolve_allowed_actions(obj: Booking, context) -> list[str]:
        return sorted(obj.allowed_actions(context["request"].user))


class BookingStatusOut(Schema):
    status: str


def _bookings(request: HttpRequest):
    return Booking.objects.visible_to(request.user).select_related(
        "offering__provider", "case", "company"
    )


@router.post("/services/bookings", response={201: BookingOut, **errors(404, 409, 422)})
def booking_create(request: HttpRequest, payload: BookingIn):
    company = member_company(request.user, payload.company_id)
    offering = get_scoped(Offering.objects.public(), pk=payload.offering_id)
    park = get_scoped(Park.objects.all(), pk=payload.park_id)
    staff = (
        get_scoped(
            ProviderStaff.objects.filter(provider_id=offering.provider_id),
            pk=payload.staff_id,
        )
        if payload.staff_id
        else None
    )
    booking = bookings.booking_request(
        actor=request.user,
        offering=offering,
        company=company,
        park=park,
        starts_at=payload.starts_at,
        staff=staff,
        notes=payload.notes,
        permit_type=payload.permit_type,
    )
    return Status(201, booking)


@router.get("/services/bookings", response=list[BookingOut])
@paginate(CappedPagination)
def booking_list(
    request: HttpRequest,
    status: limited(str, Query, Booking, "status", "") = "",
):
    return given(_bookings(request), status=status).order_by("-starts_at", "-id")


@router.get(
    "/services/bookings/{booking_id}", response={200: BookingDetailOut, **errors(404)}
)
def booking_detail(request: HttpRequest, booking_id: ObjectId):
    return get_scoped(_bookings(request), pk=booking_id)


for _verb in ("confirm", "decline", "start", "complete", "cancel"):
    step_endpoint(
        router,
        f"/services/bookings/{{booking_id}}/{_verb}",
        getattr(bookings, f"booking_{_verb}"),
        lambda request, pk: get_scoped(_bookings(request), pk=pk),
        response={200: BookingStatusOut, **errors(403, 404, 409)},
        out=lambda booking, _request: {"status": booking.status},
        description=f"The `{_verb}` transition of a booking.",
    )


class BookingReviewIn(Schema):
    rating: int = schema_field(Review, "rating")
    comment: str = schema_field(Review, "comment", "")


@router.post(
    "/services/bookings/{booking_id}/review",
    response={201: BookingReviewOut, **errors(403, 404, 409, 422)},
)
def booking_review(
    request: HttpRequest, booking_id: ObjectId, payload: BookingReviewIn
):
    booking = get_scoped(_bookings(request), pk=booking_id)
    return Status(
        201,
        bookings.booking_review(booking=booking, actor=request.user, **payload.dict()),
    )


class ReplyIn(Schema):
    reply: str = schema_field(Review, "reply")


@router.post(
    "/services/reviews/{review_id}/reply",
    response={200: BookingReviewOut, **errors(403, 404, 409, 422)},
)
def review_reply(request: HttpRequest, review_id: ObjectId, payload: ReplyIn):
    review = get_scoped(Review.objects.visible_to(request.user), pk=review_id)
    return bookings.review_reply(review=review, actor=request.user, reply=payload.reply)


class QuoteIn(Schema):
    amount: Decimal = schema_field(Quote, "amount")
    scope: str = schema_field(Quote, "scope", min_length=1)
    valid_until: date


@router.post(
    "/services/bookings/{booking_id}/quote",
    response={201: QuoteOut, **errors(403, 404, 409, 422)},
)
def quote_send(request: HttpRequest, booking_id: ObjectId, payload: QuoteIn):
    booking = get_scoped(_bookings(request), pk=booking_id)
    return Status(
        201, bookings.quote_send(booking=booking, actor=request.user, **payload.dict())
    )


@router.post(
    "/services/quotes/{quote_id}/accept",
    response={200: QuoteOut, **errors(403, 404, 409)},
)
def quote_accept(request: HttpRequest, quote_id: ObjectId):
    quote = get_scoped(Quote.objects.visible_to(request.user), pk=quote_id)
    return bookings.quote_accept(quote=quote, actor=request.user)


class MessageIn(Schema):
    body: str = schema_field(BookingMessage, "body")
    document_id: ObjectId | None = None


@router.post(
    "/services/bookings/{booking_id}/messages",
    response={201: MessageOut, **errors(403, 404, 409, 422)},
)
def message_post(request: HttpRequest, booking_id: ObjectId, payload: MessageIn):
    booking = get_scoped(_bookings(request), pk=booking_id)
    document = (
        company_document(booking, payload.document_id) if payload.document_id else None
    )
    message = bookings.message_post(
        booking=booking, actor=request.user, body=payload.body, document=document
    )
    return Status(201, message)


class ShareIn(Schema):
    document_id: ObjectId


@router.post(
    "/services/bookings/{booking_id}/documents",
    response={200: BookingDetailOut, **errors(403, 404, 409)},
)
def document_share(request: HttpRequest, booking_id: ObjectId, payload: ShareIn):
    """The tenant shares one vault document with the booking's provider."""
    booking = get_scoped(_bookings(request), pk=booking_id)
    bookings.document_share(
        booking=booking,
        actor=request.user,
        document=company_document(booking, payload.document_id),
    )
    return get_scoped(_bookings(request), pk=booking_id)
