"""Services API, the provider's profile: offerings, availability, blackout
days, licence documents."""

from datetime import date, time
from decimal import Decimal

from django.http import HttpRequest
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from core.access import get_scoped
from core.limits import limited, schema_field
from core.schemas import ObjectId
from services.actions import catalogue
from services.api.catalogue import OfferingOut
from services.api.common import errors
from services.models import (
    Availability,
    Blackout,
    Offering,
    Provider,
    ProviderDocument,
)

router = Router(tags=["services"])


# --- the provider's profile --------------------------------------------------------


def _my_provider(request: HttpRequest, provider_id: ObjectId) -> Provider:
    return get_scoped(Provider.objects.filter(staff__user=request.user), pk=provider_id)


class OfferingIn(Schema):
    name_en: str = schema_field(Offering, "name_en")
    name_zh: str = schema_field(Offering, "name_zh")
    description_en: str = schema_field(Offering, "description_en", "")
    description_zh: str = schema_field(Offering, "description_zh", "")
    pricing: str = schema_field(Offering, "pricing", "fixed")
    price: Decimal | None = schema_field(Offering, "price", None)
    duration_minutes: int = schema_field(Offering, "duration_minutes")
    delivery: str = schema_field(Offering, "delivery", "on_site")
    free_cancel_hours: int = schema_field(Offering, "free_cancel_hours", 24)
    cancel_fee_percent: Decimal = schema_field(
        Offering, "cancel_fee_percent", Decimal("50")
    )
    active: bool = True


@router.post(
    "/services/providers/{provider_id}/offerings",
    response={201: OfferingOut, **errors(404, 422)},
)
def offering_create(request: HttpRequest, provider_id: ObjectId, payload: OfferingIn):
    provider = _my_provider(request, provider_id)
    offering = catalogue.offering_save(
        provider=provider, actor=request.user, **payload.dict()
    )
    return Status(201, offering)


@router.put(
    "/services/providers/{provider_id}/offerings/{offering_id}",
    response={200: OfferingOut, **errors(404, 422)},
)
def offering_update(
    request: HttpRequest,
    provider_id: ObjectId,
    offering_id: ObjectId,
    payload: OfferingIn,
):
    provider = _my_provider(request, provider_id)
    offering = get_scoped(provider.offerings.all(), pk=offering_id)
    return catalogue.offering_save(
        provider=provider, actor=request.user, offering=offering, **payload.dict()
    )


class AvailabilityIn(Schema):
    staff_id: ObjectId
    weekday: int = schema_field(Availability, "weekday")
    start_time: time
    end_time: time


class AvailabilityOut(Schema):
    id: int
    staff_id: ObjectId
    weekday: int
    start_time: time
    end_time: time


@router.post(
    "/services/providers/{provider_id}/availability",
    response={201: AvailabilityOut, **errors(404, 422)},
)
def availability_add(
    request: HttpRequest, provider_id: ObjectId, payload: AvailabilityIn
):
    provider = _my_provider(request, provider_id)
    staff = get_scoped(provider.staff.all(), pk=payload.staff_id)
    window = catalogue.availability_add(
        provider=provider,
        actor=request.user,
        staff=staff,
        weekday=payload.weekday,
        start_time=payload.start_time,
        end_time=payload.end_time,
    )
    return Status(201, window)


@router.delete(
    "/services/providers/{provider_id}/availability/{window_id}",
    response={204: None, **errors(404)},
)
def availability_remove(
    request: HttpRequest, provider_id: ObjectId, window_id: ObjectId
):
    provider = _my_provider(request, provider_id)
    window = get_scoped(
        Availability.objects.filter(staff__provider=provider), pk=window_id
    )
    catalogue.availability_remove(window=window, actor=request.user)
    return Status(204, None)


class BlackoutIn(Schema):
    day: date
    staff_id: ObjectId | None = None
    reason: str = schema_field(Blackout, "reason", "")


class BlackoutOut(Schema):
    id: int
    day: date
    staff_id: ObjectId | None
    reason: str


@router.post(
    "/services/providers/{provider_id}/blackouts",
    response={201: BlackoutOut, **errors(404, 422)},
)
def blackout_add(request: HttpRequest, provider_id: ObjectId, payload: BlackoutIn):
    provider = _my_provider(request, provider_id)
    staff = (
        get_scoped(provider.staff.all(), pk=payload.staff_id)
        if payload.staff_id
        else None
    )
    blackout = catalogue.blackout_add(
        provider=provider,
        actor=request.user,
        day=payload.day,
        staff=staff,
        reason=payload.reason,
    )
    return Status(201, blackout)


class LicenceOut(Schema):
    id: int
    kind: str
    filename: str
    size: int
    sha256: str


@router.post(
    "/services/providers/{provider_id}/documents",
    response={201: LicenceOut, **errors(404, 422)},
)
def licence_upload(
    request: HttpRequest,
    provider_id: ObjectId,
    kind: limited(str, Form, ProviderDocument, "kind"),
    file: File[UploadedFile],
):
    provider = _my_provider(request, provider_id)
    document = catalogue.provider_document_upload(
        provider=provider, actor=request.user, kind=kind, file=file
    )
    return Status(201, document)
