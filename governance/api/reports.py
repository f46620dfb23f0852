"""Operating reports API: tenants' quarterly filings, the alerts they raise,
and a park's per-mu performance."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from core.access import get_scoped
from core.errors import Invalid
from core.limits import schema_field
from core.lookups import given
from core.schemas import CappedPagination, Money, ObjectId
from governance.access import operated_park
from governance.actions.reports import report_file
from governance.api.common import READ, WRITE, errors, num
from governance.models import OperatingReport, PerformanceAlert
from governance.periods import OPTIONAL_PERIOD, PATTERN, Quarter
from governance.queries.performance import default_period, park_performance
from parks.models import Park
from tenants.access import member_company

router = Router()


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
    company = member_company(request.user, payload.company_id)
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
    return given(rows, company_id=company_id, park_id=park_id).order_by("-period", "pk")


@router.get("/performance-alerts", response={200: list[AlertOut], **READ})
@paginate(CappedPagination)
def alert_list(request: HttpRequest, park_id: ObjectId | None = None):
    rows = PerformanceAlert.objects.visible_to(request.user)
    return given(rows, park_id=park_id).order_by("-period", "pk")


def _period(text: str) -> Quarter:
    if not text:
        return default_period()
    try:
        return Quarter.parse(text)
    except ValueError:
        raise Invalid.field("period", _("Enter a quarter such as 2026Q3.")) from None


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
            "output_per_mu": str(data["thresholds"].min_output_per_mu),
            "tax_per_mu": str(data["thresholds"].min_tax_per_mu),
            "max_energy_per_10k_output": str(
                data["thresholds"].max_energy_per_10k_output
            ),
        },
        "tenants": [
            {
                "company_id": row.company.pk,
                "company_name": row.company.name,
                "land_mu": str(row.promise.land_mu),
                "reported": row.report is not None,
                "late": bool(row.report and row.report.late) or row.missing,
                "output_per_mu": num(row.latest and row.latest.output_per_mu),
                "tax_per_mu": num(row.latest and row.latest.tax_per_mu),
                "jobs_per_mu": num(row.latest and row.latest.jobs_per_mu),
                "energy_per_10k_output": num(row.latest and row.latest.energy_per_10k),
                "promised": {
                    k: num(v)
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
