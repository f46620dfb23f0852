"""Parks API: admission applications (入园), scored and decided."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from core.access import get_scoped
from core.api import step_endpoint
from core.limits import limited, schema_field
from core.models import User
from core.schemas import CappedPagination, Money, ObjectId, patch_schema
from parks.actions import admission as actions
from parks.models import AdmissionApplication, Park
from parks.queries.admission import sla_clock
from tenants.access import member_company

router = Router(tags=["admission"])


class AdmissionIn(Schema):
    company_id: ObjectId
    park_id: ObjectId
    project_summary: str = schema_field(AdmissionApplication, "project_summary")
    planned_investment: Decimal = schema_field(
        AdmissionApplication, "planned_investment"
    )
    expected_annual_output: Decimal = schema_field(
        AdmissionApplication, "expected_annual_output"
    )
    expected_annual_tax: Decimal = schema_field(
        AdmissionApplication, "expected_annual_tax"
    )
    jobs: int = schema_field(AdmissionApplication, "jobs")
    land_mu: Decimal = schema_field(AdmissionApplication, "land_mu", Decimal("0"))
    floor_area_m2: Decimal = schema_field(
        AdmissionApplication, "floor_area_m2", Decimal("0")
    )
    energy_tce_per_year: Decimal = schema_field(
        AdmissionApplication, "energy_tce_per_year", Decimal("0")
    )
    pollution_category: str = schema_field(
        AdmissionApplication, "pollution_category", "none"
    )
    industry_code: str = schema_field(AdmissionApplication, "industry_code", "")
    attachment_ids: list[ObjectId] = []


AdmissionPatch = patch_schema(
    AdmissionIn, "AdmissionPatch", exclude=frozenset({"company_id", "park_id"})
)


class AdmissionOut(Schema):
    id: int
    status: str
    company_id: ObjectId
    company_name: str = Field(alias="company.name")
    park_id: ObjectId
    project_summary: str
    industry_code: str
    planned_investment: Money
    expected_annual_output: Money
    expected_annual_tax: Money
    jobs: int
    land_mu: Decimal
    floor_area_m2: Decimal
    land_mu_equivalent: Decimal
    energy_tce_per_year: Decimal
    pollution_category: str
    attachment_ids: list[ObjectId]
    score: dict[str, Any]
    officer_id: ObjectId | None
    officer_name: str | None
    submitted_at: datetime | None
    due_on: date | None
    working_days_left: int | None
    overdue: bool
    decided_at: datetime | None
    decision_note: str

    @staticmethod
    def resolve_attachment_ids(obj: AdmissionApplication) -> list[int]:
        return sorted(d.pk for d in obj.attachments.all())

    @staticmethod
    def resolve_officer_name(obj: AdmissionApplication) -> str | None:
        return str(obj.officer) if obj.officer_id else None

    @staticmethod
    def resolve_working_days_left(obj: AdmissionApplication) -> int | None:
        return sla_clock(obj).days_left

    @staticmethod
    def resolve_overdue(obj: AdmissionApplication) -> bool:
        return sla_clock(obj).overdue


class AdmissionDecisionIn(Schema):
    decision: Literal["approve", "reject", "request_info"]
    note: str = schema_field(AdmissionApplication, "decision_note", "")


class OfficerIn(Schema):
    officer_id: ObjectId


class StatusOut(Schema):
    id: int
    status: str


def _visible(request: HttpRequest):
    return AdmissionApplication.objects.visible_to(request.user).select_related(
        "company", "park", "officer"
    )


def _get(request: HttpRequest, admission_id: ObjectId) -> AdmissionApplication:
    return get_scoped(_visible(request), pk=admission_id)


@router.post("/admissions", response={201: AdmissionOut})
def admission_create(request: HttpRequest, payload: AdmissionIn):
    data = payload.dict()
    company = member_company(request.user, data.pop("company_id"))
    park = get_scoped(Park.objects.all(), pk=data.pop("park_id"))
    application = actions.admission_create(
        actor=request.user,
        company=company,
        park=park,
        attachments=data.pop("attachment_ids"),
        **data,
    )
    return Status(201, _get(request, application.pk))


@router.get("/admissions", response=list[AdmissionOut])
@paginate(CappedPagination)
def admission_list(
    request: HttpRequest,
    status: limited(str, Query, AdmissionApplication, "status", "") = "",
):
    rows = _visible(request).prefetch_related("attachments").where(status=status)
    return rows.order_by("-created_at", "-id")


@router.get("/admissions/{admission_id}", response=AdmissionOut)
def admission_detail(request: HttpRequest, admission_id: ObjectId):
    return _get(request, admission_id)


@router.patch("/admissions/{admission_id}", response=AdmissionOut)
def admission_update(
    request: HttpRequest, admission_id: ObjectId, payload: AdmissionPatch
):
    changes = payload.dict(exclude_unset=True)
    attachments = changes.pop("attachment_ids", None)
    actions.admission_update(
        application=_get(request, admission_id),
        actor=request.user,
        attachments=attachments,
        **changes,
    )
    return _get(request, admission_id)


for _step in (actions.admission_submit, actions.admission_withdraw):
    step_endpoint(
        router,
        f"/admissions/{{admission_id}}/{_step.__name__.removeprefix('admission_')}",
        _step,
        _get,
        target="application",
        response=StatusOut,
    )


@router.post("/admissions/{admission_id}/decision", response=StatusOut)
def admission_decision(
    request: HttpRequest, admission_id: ObjectId, payload: AdmissionDecisionIn
):
    decide = actions.ADMISSION_DECISIONS[payload.decision]
    return decide(
        application=_get(request, admission_id), actor=request.user, note=payload.note
    )


@router.post("/admissions/{admission_id}/officer", response=AdmissionOut)
def admission_officer(request: HttpRequest, admission_id: ObjectId, payload: OfficerIn):
    application = _get(request, admission_id)
    officer = User.objects.filter(pk=payload.officer_id).first() or User()
    actions.admission_assign_officer(
        application=application, actor=request.user, officer=officer
    )
    return _get(request, admission_id)
