"""Services API: the public catalogue and slots, bookings and their transitions,
quotes, reviews, messages, permit cases and listings. Thin: scoped fetch, action."""

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from core.access import get_scoped
from core.schemas import CappedPagination, Money
from parks.models import Park
from services.actions import bookings, cases, catalogue
from services.models import (
    Booking,
    Case,
    CaseStep,
    Listing,
    Offering,
    Provider,
    ProviderStaff,
    Quote,
    Review,
)
from services.slots import offering_slots
from tenants.models import Company, Document

router = Router(tags=["services"])


class ErrorOut(Schema):
    detail: str
    code: str


def errors(*codes: int) -> dict:
    return dict.fromkeys(codes, ErrorOut)


# --- catalogue ---------------------------------------------------------------------


class ProviderOut(Schema):
    id: int
    name: str
    name_zh: str
    category: str
    description: str
    park_ids: list[int]

    @staticmethod
    def resolve_park_ids(obj: Provider) -> list[int]:
        return [
            listing.park_id
            for listing in obj.listings.all()
            if listing.status == Listing.Status.APPROVED
        ]


class OfferingOut(Schema):
    id: int
    provider_id: int
    provider_name: str
    category: str
    name_en: str
    name_zh: str
    description_en: str
    description_zh: str
    pricing: str
    price: Money | None
    duration_minutes: int
    delivery: str
    free_cancel_hours: int
    cancel_fee_percent: Decimal
    rating: float | None = None
    reviews: int = 0

    @staticmethod
    def resolve_provider_name(obj: Offering) -> str:
        return obj.provider.name


class CatalogueFilter(Schema):
    category: str = ""
    park_id: int | None = None
    delivery: str = ""
    pricing: str = ""
    q: str = ""


def catalogue_offerings(filters: CatalogueFilter):
    """The public catalogue, filtered: the API and the page share it."""
    park = Park.objects.filter(pk=filters.park_id).first() if filters.park_id else None
    qs = Offering.objects.public(park=park).with_ratings()
    if filters.park_id and park is None:
        return qs.none()
    if filters.category:
        qs = qs.filter(provider__category=filters.category)
    if filters.delivery:
        qs = qs.filter(delivery=filters.delivery)
    if filters.pricing:
        qs = qs.filter(pricing=filters.pricing)
    if filters.q:
        qs = qs.filter(
            Q(name_en__icontains=filters.q)
            | Q(name_zh__icontains=filters.q)
            | Q(provider__name__icontains=filters.q)
            | Q(provider__name_zh__icontains=filters.q)
        )
    return qs.order_by("provider__name", "name_en")


@router.get("/services/providers", response=list[ProviderOut], auth=None)
@paginate(CappedPagination)
def provider_list(request: HttpRequest, category: str = "", park_id: int | None = None):
    listed = Listing.objects.filter(status=Listing.Status.APPROVED)
    if park_id:
        listed = listed.filter(park_id=park_id)
    qs = Provider.objects.filter(pk__in=listed.values("provider")).prefetch_related(
        "listings"
    )
    if category:
        qs = qs.filter(category=category)
    return qs.order_by("name")


@router.get("/services/offerings", response=list[OfferingOut], auth=None)
@paginate(CappedPagination)
def offering_list(request: HttpRequest, filters: Query[CatalogueFilter]):
    return catalogue_offerings(filters)


@router.get(
    "/services/offerings/{offering_id}",
    response={200: OfferingOut, **errors(404)},
    auth=None,
)
def offering_detail(request: HttpRequest, offering_id: int):
    return get_scoped(Offering.objects.public().with_ratings(), pk=offering_id)


class SlotWindow(Schema):
    from_: date | None = Field(None, alias="from")
    to: date | None = None
    staff_id: int | None = None


class SlotOut(Schema):
    staff_id: int
    starts_at: datetime
    ends_at: datetime


@router.get(
    "/services/offerings/{offering_id}/slots",
    response={200: list[SlotOut], **errors(404, 422)},
    auth=None,
)
def offering_slot_list(
    request: HttpRequest, offering_id: int, window: Query[SlotWindow]
):
    """Free slots from `from` to `to` inclusive (today and the next 13 days when
    omitted; at most 31 days)."""
    offering = get_scoped(Offering.objects.public(), pk=offering_id)
    start = window.from_ or timezone.localdate()
    end = window.to or start + timedelta(days=13)
    return offering_slots(offering, start, end, staff_id=window.staff_id)


# --- bookings --------------------------------------------------------------------


class BookingIn(Schema):
    offering_id: int
    company_id: int
    park_id: int
    starts_at: datetime
    staff_id: int | None = None
    notes: str = Field("", max_length=2000)
    permit_type: str = ""


class BookingOut(Schema):
    id: int
    offering_id: int
    provider_id: int
    staff_id: int
    company_id: int
    park_id: int
    starts_at: datetime
    ends_at: datetime
    status: str
    notes: str
    price: Money | None
    cancellation_fee: Money | None
    invoice_id: int | None
    paid_at: datetime | None
    fee_invoice_id: int | None
    case_id: int | None

    @staticmethod
    def resolve_provider_id(obj: Booking) -> int:
        return obj.offering.provider_id

    @staticmethod
    def resolve_case_id(obj: Booking) -> int | None:
        case = getattr(obj, "case", None)
        return case.pk if case else None


class QuoteOut(Schema):
    id: int
    booking_id: int
    amount: Money
    scope: str
    valid_until: date
    status: str


class MessageOut(Schema):
    id: int
    author: str
    body: str
    document_id: int | None
    created_at: datetime

    @staticmethod
    def resolve_author(obj) -> str:
        return obj.author.get_full_name() or obj.author.email


class ReviewOut(Schema):
    id: int
    rating: int
    comment: str
    reply: str


class BookingDetailOut(BookingOut):
    quotes: list[QuoteOut]
    messages: list[MessageOut]
    shared_document_ids: list[int]
    review: ReviewOut | None
    allowed_actions: list[str]

    @staticmethod
    def resolve_quotes(obj: Booking) -> list:
        return list(obj.quotes.all())

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


class StatusOut(Schema):
    status: str


class NoteIn(Schema):
    note: str = Field("", max_length=2000)


def _bookings(request: HttpRequest):
    return Booking.objects.visible_to(request.user).select_related(
        "offering__provider", "case", "company"
    )


@router.post("/services/bookings", response={201: BookingOut, **errors(404, 409, 422)})
def booking_create(request: HttpRequest, payload: BookingIn):
    company = get_scoped(Company.objects.of_member(request.user), pk=payload.company_id)
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
def booking_list(request: HttpRequest, status: str = ""):
    qs = _bookings(request)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-starts_at", "-id")


@router.get(
    "/services/bookings/{booking_id}", response={200: BookingDetailOut, **errors(404)}
)
def booking_detail(request: HttpRequest, booking_id: int):
    return get_scoped(_bookings(request), pk=booking_id)


def _transition_endpoint(verb: str):
    action = getattr(bookings, f"booking_{verb}")

    def endpoint(request: HttpRequest, booking_id: int, payload: NoteIn | None = None):
        booking = get_scoped(_bookings(request), pk=booking_id)
        booking = action(
            booking=booking, actor=request.user, note=payload.note if payload else ""
        )
        return {"status": booking.status}

    endpoint.__name__ = f"booking_{verb}"
    endpoint.__doc__ = f"The `{verb}` transition of a booking."
    router.post(
        f"/services/bookings/{{booking_id}}/{verb}",
        response={200: StatusOut, **errors(403, 404, 409)},
    )(endpoint)


for _verb in ("confirm", "decline", "start", "complete", "cancel"):
    _transition_endpoint(_verb)


class ReviewIn(Schema):
    rating: int = Field(ge=1, le=5)
    comment: str = Field("", max_length=4000)


@router.post(
    "/services/bookings/{booking_id}/review",
    response={201: ReviewOut, **errors(403, 404, 409, 422)},
)
def booking_review(request: HttpRequest, booking_id: int, payload: ReviewIn):
    booking = get_scoped(_bookings(request), pk=booking_id)
    review = bookings.booking_review(
        booking=booking,
        actor=request.user,
        rating=payload.rating,
        comment=payload.comment,
    )
    return Status(201, review)


class ReplyIn(Schema):
    reply: str = Field(max_length=4000)


@router.post(
    "/services/reviews/{review_id}/reply",
    response={200: ReviewOut, **errors(403, 404, 409, 422)},
)
def review_reply(request: HttpRequest, review_id: int, payload: ReplyIn):
    review = get_scoped(
        Review.objects.filter(booking__in=Booking.objects.visible_to(request.user)),
        pk=review_id,
    )
    return bookings.review_reply(review=review, actor=request.user, reply=payload.reply)


class QuoteIn(Schema):
    amount: Decimal = Field(gt=0, max_digits=12, decimal_places=2)
    scope: str = Field(min_length=1, max_length=4000)
    valid_until: date


@router.post(
    "/services/bookings/{booking_id}/quote",
    response={201: QuoteOut, **errors(403, 404, 409, 422)},
)
def quote_send(request: HttpRequest, booking_id: int, payload: QuoteIn):
    booking = get_scoped(_bookings(request), pk=booking_id)
    quote = bookings.quote_send(
        booking=booking,
        actor=request.user,
        amount=payload.amount,
        scope=payload.scope,
        valid_until=payload.valid_until,
    )
    return Status(201, quote)


@router.post(
    "/services/quotes/{quote_id}/accept",
    response={200: QuoteOut, **errors(403, 404, 409)},
)
def quote_accept(request: HttpRequest, quote_id: int):
    quote = get_scoped(
        Quote.objects.filter(booking__in=Booking.objects.visible_to(request.user)),
        pk=quote_id,
    )
    return bookings.quote_accept(quote=quote, actor=request.user)


class MessageIn(Schema):
    body: str = Field(max_length=4000)
    document_id: int | None = None


def _company_document(booking: Booking, document_id: int) -> Document:
    return get_scoped(
        Document.objects.filter(company_id=booking.company_id), pk=document_id
    )


@router.post(
    "/services/bookings/{booking_id}/messages",
    response={201: MessageOut, **errors(403, 404, 409, 422)},
)
def message_post(request: HttpRequest, booking_id: int, payload: MessageIn):
    booking = get_scoped(_bookings(request), pk=booking_id)
    document = (
        _company_document(booking, payload.document_id) if payload.document_id else None
    )
    message = bookings.message_post(
        booking=booking, actor=request.user, body=payload.body, document=document
    )
    return Status(201, message)


class ShareIn(Schema):
    document_id: int


@router.post(
    "/services/bookings/{booking_id}/documents",
    response={200: BookingDetailOut, **errors(403, 404, 409)},
)
def document_share(request: HttpRequest, booking_id: int, payload: ShareIn):
    """The tenant shares one vault document with the booking's provider."""
    booking = get_scoped(_bookings(request), pk=booking_id)
    bookings.document_share(
        booking=booking,
        actor=request.user,
        document=_company_document(booking, payload.document_id),
    )
    return get_scoped(_bookings(request), pk=booking_id)


# --- permit cases ------------------------------------------------------------------


class StepOut(Schema):
    id: int
    position: int
    key: str
    title_en: str
    title_zh: str
    owner: str
    status: str
    sla_days: int
    due_on: date
    overdue: bool
    note: str
    documents: list[int]

    @staticmethod
    def resolve_overdue(obj: CaseStep) -> bool:
        return obj.is_overdue

    @staticmethod
    def resolve_documents(obj: CaseStep) -> list[int]:
        return [d.pk for d in obj.documents.all()]


class CaseOut(Schema):
    id: int
    booking_id: int
    permit_type: str
    status: str
    opened_on: date
    steps: list[StepOut]

    @staticmethod
    def resolve_steps(obj: Case) -> list:
        return list(obj.steps.all())


class StepIn(Schema):
    status: str
    note: str = Field("", max_length=4000)
    document_ids: list[int] = []


def _cases(request: HttpRequest):
    return Case.objects.visible_to(request.user).prefetch_related("steps__documents")


@router.get("/services/cases/{case_id}", response={200: CaseOut, **errors(404)})
def case_detail(request: HttpRequest, case_id: int):
    return get_scoped(_cases(request), pk=case_id)


@router.post(
    "/services/cases/{case_id}/steps/{step_id}",
    response={200: StepOut, **errors(403, 404, 409, 422)},
)
def case_step_update(request: HttpRequest, case_id: int, step_id: int, payload: StepIn):
    case = get_scoped(_cases(request), pk=case_id)
    step = get_scoped(case.steps.all(), pk=step_id)
    documents = [_company_document(case.booking, i) for i in payload.document_ids]
    return cases.case_step_update(
        step=step,
        actor=request.user,
        status=payload.status,
        note=payload.note,
        documents=documents,
    )


# --- listings ----------------------------------------------------------------------


class ListingIn(Schema):
    provider_id: int
    park_id: int


class ListingOut(Schema):
    id: int
    provider_id: int
    park_id: int
    status: str
    decision_note: str


class DecisionIn(Schema):
    decision: str
    note: str = Field("", max_length=2000)


@router.get("/services/listings", response=list[ListingOut])
@paginate(CappedPagination)
def listing_list(request: HttpRequest, status: str = ""):
    qs = Listing.objects.visible_to(request.user)
    return qs.filter(status=status) if status else qs


@router.post("/services/listings", response={201: ListingOut, **errors(404, 409)})
def listing_create(request: HttpRequest, payload: ListingIn):
    provider = get_scoped(
        Provider.objects.filter(staff__user=request.user), pk=payload.provider_id
    )
    park = get_scoped(Park.objects.all(), pk=payload.park_id)
    listing = catalogue.listing_request(
        provider=provider, park=park, actor=request.user
    )
    return Status(201, listing)


@router.post(
    "/services/listings/{listing_id}/decision",
    response={200: ListingOut, **errors(403, 404, 422)},
)
def listing_decision(request: HttpRequest, listing_id: int, payload: DecisionIn):
    listing = get_scoped(Listing.objects.visible_to(request.user), pk=listing_id)
    return catalogue.listing_decide(
        listing=listing,
        actor=request.user,
        decision=payload.decision,
        note=payload.note,
    )
