"""Services API, permit cases and their steps, and listings in parks."""

from datetime import date

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from core.access import get_scoped
from core.limits import limited, schema_field
from core.schemas import CappedPagination, ObjectId
from parks.models import Park
from services.actions import cases, catalogue
from services.api.common import company_document, errors
from services.models import (
    Case,
    CaseStep,
    Listing,
    Provider,
)

router = Router(tags=["services"])


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
    booking_id: ObjectId
    permit_type: str
    status: str
    opened_on: date
    steps: list[StepOut]


class StepIn(Schema):
    status: str = schema_field(CaseStep, "status")
    note: str = schema_field(CaseStep, "note", "")
    document_ids: list[ObjectId] = []


def _cases(request: HttpRequest):
    return Case.objects.visible_to(request.user).prefetch_related("steps__documents")


@router.get("/services/cases/{case_id}", response={200: CaseOut, **errors(404)})
def case_detail(request: HttpRequest, case_id: ObjectId):
    return get_scoped(_cases(request), pk=case_id)


@router.post(
    "/services/cases/{case_id}/steps/{step_id}",
    response={200: StepOut, **errors(403, 404, 409, 422)},
)
def case_step_update(
    request: HttpRequest, case_id: ObjectId, step_id: ObjectId, payload: StepIn
):
    case = get_scoped(_cases(request), pk=case_id)
    step = get_scoped(case.steps.all(), pk=step_id)
    documents = [company_document(case.booking, i) for i in payload.document_ids]
    return cases.case_step_update(
        step=step,
        actor=request.user,
        status=payload.status,
        note=payload.note,
        documents=documents,
    )


# --- listings ----------------------------------------------------------------------


class ListingIn(Schema):
    provider_id: ObjectId
    park_id: ObjectId


class ListingOut(Schema):
    id: int
    provider_id: ObjectId
    park_id: ObjectId
    status: str
    decision_note: str


class ListingDecisionIn(Schema):
    decision: str = Field(json_schema_extra={"enum": list(Listing.DECISIONS)})
    note: str = schema_field(Listing, "decision_note", "")


@router.get("/services/listings", response=list[ListingOut])
@paginate(CappedPagination)
def listing_list(
    request: HttpRequest,
    status: limited(str, Query, Listing, "status", "") = "",
):
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
def listing_decision(
    request: HttpRequest, listing_id: ObjectId, payload: ListingDecisionIn
):
    listing = get_scoped(Listing.objects.visible_to(request.user), pk=listing_id)
    return catalogue.listing_decide(
        listing=listing,
        actor=request.user,
        decision=payload.decision,
        note=payload.note,
    )
