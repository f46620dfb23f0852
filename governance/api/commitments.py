"""Commitments API: the two sides' promises, their evidence, and the
concerns a tenant raises about them."""

from datetime import date, datetime
from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from core.access import get_scoped
from core.limits import limited, schema_field
from core.lookups import given
from core.schemas import CappedPagination, Money, ObjectId
from governance.access import operated_park
from governance.actions import commitments as actions
from governance.actions import concerns
from governance.api.common import READ, WRITE, visible_commitment, visible_commitments
from governance.downloads import evidence_file_response
from governance.links import candidates
from governance.models import Commitment, Concern, Evidence, Side
from tenants.models import Company

router = Router()


class EvidenceOut(Schema):
    id: int
    label: str
    kind: str
    link_kind: str
    link_ref: str
    sha256: str
    added_at: datetime

    @staticmethod
    def resolve_kind(obj: Evidence) -> str:
        if obj.document_id:
            return "document"
        return "file" if obj.file else "link"


class CommitmentOut(Schema):
    id: int
    company_id: ObjectId
    company_name: str = Field(alias="company.name")
    park_id: ObjectId
    side: str
    kind: str
    description: str
    amount: Money | None
    due_date: date
    status: str
    source_kind: str
    source_ref: str
    closed_at: datetime | None
    close_note: str
    evidence: list[EvidenceOut]


class CommitmentIn(Schema):
    park_id: ObjectId
    company_id: ObjectId
    kind: str = schema_field(Commitment, "kind")
    description: str = schema_field(Commitment, "description")
    amount: Decimal | None = schema_field(Commitment, "amount", None)
    due_date: date


class HonourIn(Schema):
    note: str = schema_field(Commitment, "close_note", "")
    evidence_document_ids: list[ObjectId] = []


class CommitmentNoteIn(Schema):
    note: str = schema_field(Commitment, "close_note")


class CommitmentStatusOut(Schema):
    id: int
    status: str


class ConcernIn(Schema):
    text: str = schema_field(Concern, "text")


class AnswerIn(Schema):
    answer: str = schema_field(Concern, "answer")


class ConcernOut(Schema):
    id: int
    commitment_id: ObjectId
    company_name: str = Field(alias="commitment.company.name")
    text: str
    status: str
    raised_at: datetime
    due_on: date
    overdue: bool
    escalated: bool
    officer_name: str | None
    answer: str
    answered_at: datetime | None

    @staticmethod
    def resolve_overdue(obj: Concern) -> bool:
        return obj.overdue()

    @staticmethod
    def resolve_escalated(obj: Concern) -> bool:
        return obj.escalated_at is not None

    @staticmethod
    def resolve_officer_name(obj: Concern) -> str | None:
        return str(obj.officer) if obj.officer_id else None


@router.get("/commitments", response={200: list[CommitmentOut], **READ})
@paginate(CappedPagination)
def commitment_list(
    request: HttpRequest,
    company_id: ObjectId | None = None,
    park_id: ObjectId | None = None,
    status: limited(str, Query, Commitment, "status", "") = "",
    side: limited(str, Query, Commitment, "side", "") = "",
):
    rows = given(
        visible_commitments(request),
        company_id=company_id,
        park_id=park_id,
        status=status,
        side=side,
    )
    return rows.order_by("due_date", "pk")


@router.post("/commitments", response={201: CommitmentOut, **WRITE})
def commitment_create(request: HttpRequest, payload: CommitmentIn):
    park = operated_park(request.user, payload.park_id)
    company = get_scoped(
        Company.objects.visible_to(request.user), pk=payload.company_id
    )
    commitment = actions.commitment_create(
        actor=request.user,
        park=park,
        company=company,
        side=Side.PARK,
        **payload.dict(exclude={"park_id", "company_id"}),
    )
    return Status(201, visible_commitment(request, commitment.pk))


@router.get("/commitments/{commitment_id}", response={200: CommitmentOut, **READ})
def commitment_detail(request: HttpRequest, commitment_id: ObjectId):
    return visible_commitment(request, commitment_id)


@router.post(
    "/commitments/{commitment_id}/honour", response={200: CommitmentStatusOut, **WRITE}
)
def commitment_honour(request: HttpRequest, commitment_id: ObjectId, payload: HonourIn):
    return actions.commitment_honour(
        commitment=visible_commitment(request, commitment_id),
        actor=request.user,
        note=payload.note,
        evidence_document_ids=payload.evidence_document_ids,
    )


def _closing(close):
    """An endpoint that closes a commitment with a note (breach, waive)."""

    def view(request: HttpRequest, commitment_id: ObjectId, payload: CommitmentNoteIn):
        return close(
            commitment=visible_commitment(request, commitment_id),
            actor=request.user,
            note=payload.note,
        )

    view.__name__ = close.__name__
    return view


for _close in (actions.commitment_breach, actions.commitment_waive):
    router.post(
        f"/commitments/{{commitment_id}}/{_close.__name__.removeprefix('commitment_')}",
        response={200: CommitmentStatusOut, **WRITE},
    )(_closing(_close))


@router.post(
    "/commitments/{commitment_id}/evidence", response={201: EvidenceOut, **WRITE}
)
def evidence_add(
    request: HttpRequest,
    commitment_id: ObjectId,
    document_id: Form[ObjectId | None] = None,
    file: File[UploadedFile | None] = None,
):
    evidence = actions.evidence_add(
        commitment=visible_commitment(request, commitment_id),
        actor=request.user,
        document_id=document_id,
        upload=file,
    )
    return Status(201, evidence)


class EvidenceLinkIn(Schema):
    kind: str = Field(max_length=20, examples=["invoice_line"])
    ref: str = Field(max_length=40, examples=["12:0"])


class RecordOut(Schema):
    kind: str
    ref: str
    label: str
    url: str


@router.get(
    "/commitments/{commitment_id}/platform-records",
    response={200: list[RecordOut], **READ},
)
def platform_records(request: HttpRequest, commitment_id: ObjectId):
    """Invoice lines and payments of this tenant in this park that may prove
    the commitment (operator; others get an empty list)."""
    commitment = visible_commitment(request, commitment_id)
    if not commitment.can_link_evidence(request.user):
        return []
    return candidates(commitment)


@router.post("/commitments/{commitment_id}/links", response={201: EvidenceOut, **WRITE})
def evidence_link(
    request: HttpRequest, commitment_id: ObjectId, payload: EvidenceLinkIn
):
    evidence = actions.evidence_link(
        commitment=visible_commitment(request, commitment_id),
        actor=request.user,
        kind=payload.kind,
        ref=payload.ref,
    )
    return Status(201, evidence)


@router.get("/evidence/{evidence_id}/download", response={200: None, **READ})
def evidence_download(request: HttpRequest, evidence_id: ObjectId):
    evidence = get_scoped(
        Evidence.objects.filter(
            commitment__in=visible_commitments(request)
        ).select_related("document"),
        pk=evidence_id,
    )
    return evidence_file_response(evidence)


@router.post(
    "/commitments/{commitment_id}/concerns", response={201: ConcernOut, **WRITE}
)
def concern_raise(request: HttpRequest, commitment_id: ObjectId, payload: ConcernIn):
    concern = concerns.concern_raise(
        commitment=visible_commitment(request, commitment_id),
        actor=request.user,
        text=payload.text,
    )
    return Status(201, concern)


@router.get(
    "/parks/{park_id}/commitments/concerns",
    response={200: list[ConcernOut], **READ},
)
@paginate(CappedPagination)
def concern_list(
    request: HttpRequest,
    park_id: ObjectId,
    status: limited(str, Query, Concern, "status", "") = "",
):
    park = operated_park(request.user, park_id)
    rows = Concern.objects.filter(commitment__park=park).select_related(
        "commitment__company", "officer"
    )
    return given(rows, status=status).order_by("due_on", "pk")


@router.post("/concerns/{concern_id}/answer", response={200: ConcernOut, **WRITE})
def concern_answer(request: HttpRequest, concern_id: ObjectId, payload: AnswerIn):
    concern = get_scoped(
        Concern.objects.filter(commitment__in=visible_commitments(request)),
        pk=concern_id,
    )
    return concerns.concern_answer(
        concern=concern, actor=request.user, answer=payload.answer
    )
