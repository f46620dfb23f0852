"""The enclave report of a park (JSON, PDF, spreadsheet) and the
prefecture's overview of a region's parks."""

from django.http import HttpRequest
from ninja import Router

from core.access import get_scoped
from core.schemas import ObjectId
from governance.access import reportable_park
from governance.api.common import READ, Year, num, report_year
from governance.exports import report_download
from governance.models import Region
from governance.queries.report import enclave_report, region_overview, report_json

router = Router()


@router.get("/parks/{park_id}/enclave-report", response={200: dict, **READ})
def enclave_report_view(
    request: HttpRequest, park_id: ObjectId, year: Year | None = None
):
    park = reportable_park(request.user, park_id)
    return report_json(enclave_report(park, report_year(year)))


def _download(fmt: str):
    """The report as a file: one endpoint per format."""

    def view(request: HttpRequest, park_id: ObjectId, year: Year | None = None):
        park = reportable_park(request.user, park_id)
        return report_download(enclave_report(park, report_year(year)), fmt)

    view.__name__ = f"enclave_report_{fmt}"
    return view


for _fmt in ("pdf", "xlsx"):
    router.get(
        f"/parks/{{park_id}}/enclave-report.{_fmt}", response={200: None, **READ}
    )(_download(_fmt))


@router.get("/regions/{region_id}/overview", response={200: dict, **READ})
def region_overview_view(
    request: HttpRequest,
    region_id: ObjectId,
    year: Year | None = None,
):
    region = get_scoped(Region.objects.observed_by(request.user), pk=region_id)
    data = region_overview(region, report_year(year))
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
                        "median_working_days": num(s.median_working_days),
                        "compliance_percent": num(s.compliance_percent),
                    }
                    for s in row["sla"]
                ],
            }
            for row in data["parks"]
        ],
    }
