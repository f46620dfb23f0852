"""Governance API: commitments and concerns, operating reports and per-mu
performance, the enclave report, the prefecture overview."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from core.access import get_scoped
from core.errors import Invalid
from core.limits import limited, schema_field
from core.schemas import CappedPagination, ErrorOut, Money, ObjectId
from governance.access import operated_park, reportable_park
from governance.actions import commitments as actions
from governance.actions import concerns
from governance.actions.reports import report_file
from governance.downloads import evidence_file_response
from governance.exports import report_download
from governance.links import candidates
from governance.models import (
    Commitment,
    Concern,
    Evidence,
    OperatingReport,
    PerformanceAlert,
    Region,
    Side,
)
from governance.periods import OPTIONAL_PERIOD, PATTERN, Quarter
from governance.queries.performance import default_period, park_performance
from governance.queries.report import enclave_report, region_overview, report_json
from parks.models import Park
from tenants.models import Company

router = Router(tags=["governance"])


def errors(*codes: int) -> dict[int, type[Schema]]:
    return dict.fromkeys(codes, ErrorOut)


READ = errors(401, 404)
WRITE = errors(401, 403, 404, 409, 422)


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
    company_name: str
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

    @staticmethod
    def resolve_company_name(obj: Commitment) -> str:
        return obj.company.name

    @staticmethod
    def resolve_evidence(obj: Commitment) -> list[Evidence]:
        return list(obj.evidence.all())


class CommitmentIn(Schema):
    park_id: ObjectId
    company_id: ObjectId
    kind: str = schema_field(Commitment, "kind")
    description: str = Field(max_length=2000)
    amount: Decimal | None = schema_field(Commitment, "amount", None)
    due_date: date


class HonourIn(Schema):
    note: str = Field("", max_length=5000)
    evidence_document_ids: list[ObjectId] = []


class CommitmentNoteIn(Schema):
    note: str = Field(max_length=5000)


class CommitmentStatusOut(Schema):
    id: int
    status: str


class ConcernIn(Schema):
    text: str = Field(max_length=5000)


class AnswerIn(Schema):
    answer: str = Field(max_length=5000)


class ConcernOut(Schema):
    id: int
    commitment_id: ObjectId
    company_name: str
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
    def resolve_company_name(obj: Concern) -> str:
        return obj.commitment.company.name

    @staticmethod
    def resolve_overdue(obj: Concern) -> bool:
        return obj.overdue()

    @staticmethod
    def resolve_escalated(obj: Concern) -> bool:
        return obj.escalated_at is not None

    @staticmethod
    def resolve_officer_name(obj: Concern) -> str | None:
        return str(obj.officer) if obj.officer_id else None


def _commitments(request: HttpRequest):
    return (
        Commitment.objects.visible_to(request.user)
        .select_related("company", "park")
        .prefetch_related("evidence")
    )


def _commitment(request: HttpRequest, commitment_id: ObjectId) -> Commitment:
    return get_scoped(_commitments(request), pk=commitment_id)


@router.get("/commitments", response={200: list[CommitmentOut], **READ})
@paginate(CappedPagination)
def commitment_list(
    request: HttpRequest,
    company_id: ObjectId | None = None,
    park_id: ObjectId | None = None,
    status: limited(str, Query, Commitment, "status", "") = "",
    side: limited(str, Query, Commitment, "side", "") = "",
):
    rows = _commitments(request)
    if company_id:
        rows = rows.filter(company_id=company_id)
    if park_id:
        rows = rows.filter(park_id=park_id)
    if status:
        rows = rows.filter(status=status)
    if side:
        rows = rows.filter(side=side)
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
        kind=payload.kind,
        description=payload.description,
        amount=payload.amount,
        due_date=payload.due_date,
    )
    return Status(201, _commitment(request, commitment.pk))


@router.get("/commitments/{commitment_id}", response={200: CommitmentOut, **READ})
def commitment_detail(request: HttpRequest, commitment_id: ObjectId):
    return _commitment(request, commitment_id)


@router.post(
    "/commitments/{commitment_id}/honour", response={200: CommitmentStatusOut, **WRITE}
)
def commitment_honour(request: HttpRequest, commitment_id: ObjectId, payload: HonourIn):
    return actions.commitment_honour(
        commitment=_commitment(request, commitment_id),
        actor=request.user,
        note=payload.note,
        evidence_document_ids=payload.evidence_document_ids,
    )


@router.post(
    "/commitments/{commitment_id}/breach", response={200: CommitmentStatusOut, **WRITE}
)
def commitment_breach(
    request: HttpRequest, commitment_id: ObjectId, payload: CommitmentNoteIn
):
    return actions.commitment_breach(
        commitment=_commitment(request, commitment_id),
        actor=request.user,
        note=payload.note,
    )


@router.post(
    "/commitments/{commitment_id}/waive", response={200: CommitmentStatusOut, **WRITE}
)
def commitment_waive(
    request: HttpRequest, commitment_id: ObjectId, payload: CommitmentNoteIn
):
    return actions.commitment_waive(
        commitment=_commitment(request, commitment_id),
        actor=request.user,
        note=payload.note,
    )


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
        commitment=_commitment(request, commitment_id),
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
    commitment = _commitment(request, commitment_id)
    if commitment.operator_role(request.user) is None:
        return []
    return candidates(commitment)


@router.post("/commitments/{commitment_id}/links", response={201: EvidenceOut, **WRITE})
def evidence_link(
    request: HttpRequest, commitment_id: ObjectId, payload: EvidenceLinkIn
):
    evidence = actions.evidence_link(
        commitment=_commitment(request, commitment_id),
        actor=request.user,
        kind=payload.kind,
        ref=payload.ref,
    )
    return Status(201, evidence)


@router.get("/evidence/{evidence_id}/download", response={200: None, **READ})
def evidence_download(request: HttpRequest, evidence_id: ObjectId):
    evidence = get_scoped(
        Evidence.objects.filter(commitment__in=_commitments(request)).select_related(
            "document"
        ),
        pk=evidence_id,
    )
    return evidence_file_response(evidence)


@router.post(
    "/commitments/{commitment_id}/concerns", response={201: ConcernOut, **WRITE}
)
def concern_raise(request: HttpRequest, commitment_id: ObjectId, payload: ConcernIn):
    concern = concerns.concern_raise(
        commitment=_commitment(request, commitment_id),
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
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("due_on", "pk")


@router.post("/concerns/{concern_id}/answer", response={200: ConcernOut, **WRITE})
def concern_answer(request: HttpRequest, concern_id: ObjectId, payload: AnswerIn):
    concern = get_scoped(
        Concern.objects.filter(commitment__in=_commitments(request)), pk=concern_id
    )
    return concerns.concern_answer(
        concern=concern, actor=request.user, answer=payload.answer
    )


# --- operating reports and performance --------------------------------------------


class ReportIn(Schema):
    company_id: ObjectId
    park_id: ObjectId
    period: str = Field(pattern=PATTERN.pattern, examples=["2026Q3"])
    output: Decimal = schema_field(OperatingReport, "output")
    tax_paid: Decimal = schema_field(OperatingReport, "tax_paid")
    employees: int = Field(ge=0, le=1_000_000)
    energy_tce: Decimal = schema_field(OperatingReport, "energy_tce")


class ReportOut(Schema):
    id: int
    company_id: ObjectId
    park_id: ObjectId
    period: str
    output: Money
    tax_paid: Money
    employees: int
    energy_tce: Decimal
    deadline: date
    late: bool
    filed_at: datetime


class AlertOut(Schema):
    id: int
    company_id: ObjectId
    park_id: ObjectId
    period: str
    metric: str
    shortfall_percent: Decimal
    previous_shortfall_percent: Decimal


@router.post("/operating-reports", response={201: ReportOut, **WRITE})
def operating_report_file(request: HttpRequest, payload: ReportIn):
    company = get_scoped(Company.objects.of_member(request.user), pk=payload.company_id)
    park = get_scoped(Park.objects.all(), pk=payload.park_id)
    data = payload.dict(exclude={"company_id", "park_id"})
    return Status(
        201, report_file(actor=request.user, company=company, park=park, **data)
    )


@router.get("/operating-reports", response={200: list[ReportOut], **READ})
@paginate(CappedPagination)
def operating_report_list(
    request: HttpRequest,
    company_id: ObjectId | None = None,
    park_id: ObjectId | None = None,
):
    rows = OperatingReport.objects.visible_to(request.user)
    if company_id:
        rows = rows.filter(company_id=company_id)
    if park_id:
        rows = rows.filter(park_id=park_id)
    return rows.order_by("-period", "pk")


@router.get("/performance-alerts", response={200: list[AlertOut], **READ})
@paginate(CappedPagination)
def alert_list(request: HttpRequest, park_id: ObjectId | None = None):
    rows = PerformanceAlert.objects.visible_to(request.user)
    if park_id:
        rows = rows.filter(park_id=park_id)
    return rows.order_by("-period", "pk")


def _period(text: str) -> Quarter:
    if not text:
        return default_period()
    try:
        return Quarter.parse(text)
    except ValueError:
        raise Invalid.field("period", _("Enter a quarter such as 2026Q3.")) from None


# The years a report may be asked for (documented on each `year` parameter).
FIRST_YEAR, LAST_YEAR = 2000, 2100
Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]


def _year(year: int | None) -> int:
    if year is None:
        return timezone.localdate().year
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Invalid.field(
            "year",
            _("Enter a year between %(first)d and %(last)d.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR},
        )
    return year


def _num(value: Any) -> str | None:
    return None if value is None else str(value)


@router.get(
    "/parks/{park_id}/performance", response={200: dict, **errors(401, 404, 422)}
)
def park_performance_view(
    request: HttpRequest,
    park_id: ObjectId,
    period: Annotated[str, Query(..., pattern=OPTIONAL_PERIOD)] = "",
):
    park = operated_park(request.user, park_id)
    data = park_performance(park, _period(period))
    return {
        "park_id": park.pk,
        "period": str(data["period"]),
        "deadline": data["deadline"],
        "shortfall_percent": str(data["shortfall_percent"]),
        "thresholds": {
            "output_per_mu": str(data["thresholds"].output_per_mu),
            "tax_per_mu": str(data["thresholds"].tax_per_mu),
            "max_energy_per_10k_output": str(data["thresholds"].max_energy_per_10k),
        },
        "tenants": [
            {
                "company_id": row.company.pk,
                "company_name": row.company.name,
                "land_mu": str(row.promise.land_mu),
                "reported": row.report is not None,
                "late": bool(row.report and row.report.late) or row.missing,
                "output_per_mu": _num(row.latest and row.latest.output_per_mu),
                "tax_per_mu": _num(row.latest and row.latest.tax_per_mu),
                "jobs_per_mu": _num(row.latest and row.latest.jobs_per_mu),
                "energy_per_10k_output": _num(row.latest and row.latest.energy_per_10k),
                "promised": {
                    k: _num(v)
                    for k, v in (row.latest.promised if row.latest else {}).items()
                },
                "shortfall_percent": {
                    k: str(v)
                    for k, v in (row.latest.shortfall if row.latest else {}).items()
                },
                "below_threshold": sorted(row.latest.below_threshold)
                if row.latest
                else [],
                "alerts": [
                    {
                        "period": a.period,
                        "metric": a.metric,
                        "shortfall_percent": str(a.shortfall_percent),
                    }
                    for a in row.alerts
                ],
            }
            for row in data["rows"]
        ],
    }


# --- the enclave report and the prefecture overview -------------------------------


@router.get("/parks/{park_id}/enclave-report", response={200: dict, **READ})
def enclave_report_view(
    request: HttpRequest, park_id: ObjectId, year: Year | None = None
):
    park = reportable_park(request.user, park_id)
    return report_json(enclave_report(park, _year(year)))


@router.get("/parks/{park_id}/enclave-report.pdf", response={200: None, **READ})
def enclave_report_pdf(
    request: HttpRequest, park_id: ObjectId, year: Year | None = None
):
    park = reportable_park(request.user, park_id)
    return report_download(enclave_report(park, _year(year)), "pdf")


@router.get("/parks/{park_id}/enclave-report.xlsx", response={200: None, **READ})
def enclave_report_xlsx(
    request: HttpRequest, park_id: ObjectId, year: Year | None = None
):
    park = reportable_park(request.user, park_id)
    return report_download(enclave_report(park, _year(year)), "xlsx")


@router.get("/regions/{region_id}/overview", response={200: dict, **READ})
def region_overview_view(
    request: HttpRequest,
    region_id: ObjectId,
    year: Year | None = None,
):
    region = get_scoped(Region.objects.observed_by(request.user), pk=region_id)
    data = region_overview(region, _year(year))
    return {
        "region_id": region.pk,
        "region": region.name,
        "year": data["year"],
        "parks": [
            {
                "park_id": row["park"].pk,
                "name": row["park"].name,
                "role": row["role"],
                "leading_industry": row["leading_industry"],
                "featured_industries": [
                    code for code, _n in row["featured_industries"]
                ],
                "duplicate_leading_industry": row["duplicate_leading"],
                "units_total": row["occupancy"]["units_total"],
                "occupancy_rate": str(row["occupancy"]["occupancy_rate"]),
                "landed_firms": row["landed_firms"],
                "partner_firms": row["partner_firms"],
                "output": f"{row['output']:.2f}",
                "tax": f"{row['tax']:.2f}",
                "sla": [
                    {
                        "key": s.key,
                        "on_time": s.on_time,
                        "late": s.late,
                        "open": s.open,
                        "median_working_days": _num(s.median_working_days),
                        "compliance_percent": _num(s.compliance_percent),
                    }
                    for s in row["sla"]
                ],
            }
            for row in data["parks"]
        ],
    }
