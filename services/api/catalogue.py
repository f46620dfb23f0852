"""Services API, catalogue: providers, offerings with ratings, free slots."""

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from core.access import get_scoped
from core.limits import limited
from core.lookups import given
from core.schemas import CappedPagination, Money, ObjectId
from services.api.common import errors
from services.models import (
    Listing,
    Offering,
    Provider,
)
from services.queries import CatalogueFilter, catalogue_offerings
from services.slots import offering_slots

router = Router(tags=["services"])


# --- catalogue ---------------------------------------------------------------------


class ProviderOut(Schema):
    id: int
    name: str
    name_zh: str
    category: str
    description: str
    park_ids: list[ObjectId]

    @staticmethod
    def resolve_park_ids(obj: Provider) -> list[int]:
        return [
            listing.park_id
            for listing in obj.listings.all()
            if listing.status == Listing.Status.APPROVED
        ]


class OfferingOut(Schema):
    id: int
    provider_id: ObjectId
    provider_name: str = Field(alias="provider.name")
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


@router.get("/services/providers", response=list[ProviderOut], auth=None)
@paginate(CappedPagination)
def provider_list(
    request: HttpRequest,
    category: limited(str, Query, Provider, "category", "") = "",
    park_id: ObjectId | None = None,
):
    listed = given(Listing.objects.approved(), park_id=park_id)
    qs = Provider.objects.filter(pk__in=listed.values("provider")).prefetch_related(
        "listings"
    )
    return given(qs, category=category).order_by("name")


@router.get("/services/offerings", response=list[OfferingOut], auth=None)
@paginate(CappedPagination)
def offering_list(request: HttpRequest, filters: Query[CatalogueFilter]):
    return catalogue_offerings(filters)


@router.get(
    "/services/offerings/{offering_id}",
    response={200: OfferingOut, **errors(404)},
    auth=None,
)
def offering_detail(request: HttpRequest, offering_id: ObjectId):
    return get_scoped(Offering.objects.public().with_ratings(), pk=offering_id)


class SlotWindow(Schema):
    from_: date | None = Field(None, alias="from")
    to: date | None = None
    staff_id: ObjectId | None = None


class SlotOut(Schema):
    staff_id: ObjectId
    starts_at: datetime
    ends_at: datetime


@router.get(
    "/services/offerings/{offering_id}/slots",
    response={200: list[SlotOut], **errors(404, 422)},
    auth=None,
)
def offering_slot_list(
    request: HttpRequest, offering_id: ObjectId, window: Query[SlotWindow]
):
    """Free slots from `from` to `to` inclusive (today and the next 13 days when
    omitted; at most 31 days)."""
    offering = get_scoped(Offering.objects.public(), pk=offering_id)
    start = window.from_ or timezone.localdate()
    end = window.to or start + timedelta(days=13)
    return offering_slots(offering, start, end, staff_id=window.staff_id)
