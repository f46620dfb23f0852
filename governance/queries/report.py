"""The enclave report for both governments and the prefecture overview."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils import timezone

from governance.ledger import Entry, build_ledger, split_on
from governance.models import (
    Commitment,
    Concern,
    EnclaveAgreement,
    FirmScope,
    OperatingReport,
    Region,
)
from governance.models.regions import HostShares
from governance.periods import Quarter
from governance.queries.performance import admitted
from governance.sla import park_sla, parks_sla
from parks.models import Park
from parks.queries.occupancy import kept_occupancy


@dataclass(frozen=True)
class ParkSplit(HostShares):
    """The park's own split setting, used when no dated agreement is recorded."""

    starts_on: date
    output_host_percent: Decimal
    tax_host_percent: Decimal


def agreement_of(park: Park) -> EnclaveAgreement | None:
    return (
        EnclaveAgreement.objects.filter(park=park)
        .select_related("host_region", "partner_region")
        .prefetch_related("splits", "partner_firms")
        .first()
    )


def enclave_report(park: Park, year: int, today: date | None = None) -> dict[str, Any]:
    today = today or timezone.localdate()
    agreement = agreement_of(park)
    if agreement is not None:
        splits = list(agreement.splits.all())
        partner_ids = {c.pk for c in agreement.partner_firms.all()}
        scope = agreement.firm_scope
        host, partner = agreement.host_region, agreement.partner_region
    else:
        splits = [ParkSplit(date.min, park.output_share_host, park.tax_share_host)]
        partner_ids, scope = set(), FirmScope.ALL
        host, partner = park.host_region, park.partner_region

    def counts(company_id: int) -> bool:
        return scope == FirmScope.ALL or company_id in partner_ids

    reports = list(
        OperatingReport.objects.filter(
            park=park, period__in=[str(Quarter(year, q)) for q in (1, 2, 3, 4)]
        ).select_related("company")
    )
    ledger = build_ledger(
        (Entry(r.company_id, r.quarter, r.output, r.tax_paid) for r in reports),
        splits,
        counts,
    )
    applications = admitted(park)
    latest: dict[int, OperatingReport] = {}
    for r in sorted(reports, key=lambda r: r.quarter):
        latest[r.company_id] = r
    companies = []
    for line in ledger.lines:
        application = applications.get(line.company_id)
        report = latest[line.company_id]
        companies.append(
            {
                "company_id": line.company_id,
                "name": report.company.name,
                "uscc": report.company.uscc,
                "from_partner": line.company_id in partner_ids,
                "counted": line.counted,
                "investment": application.planned_investment
                if application
                else Decimal("0.00"),
                "jobs": report.employees,
                "output_total": line.output.total,
                "output_host": line.output.host,
                "output_partner": line.output.partner,
                "tax_total": line.tax.total,
                "tax_host": line.tax.host,
                "tax_partner": line.tax.partner,
                "quarters": sorted(
                    str(r.quarter) for r in reports if r.company_id == line.company_id
                ),
            }
        )
    start, end = date(year, 1, 1), date(year, 12, 31)
    first = split_on(splits, start)
    schedule = ([first] if first else []) + [
        s
        for s in sorted(splits, key=lambda s: s.starts_on)
        if start < s.starts_on <= end
    ]
    commitments = Commitment.objects.filter(park=park, due_date__year=year)
    by_status = {
        (row["side"], row["status"]): row["n"]
        for row in commitments.values("side", "status").annotate(n=Count("pk"))
    }
    open_concerns = Concern.objects.filter(
        commitment__park=park, status=Concern.Status.OPEN
    ).aggregate(n=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today)))
    return {
        "park": park,
        "year": year,
        "agreement": agreement,
        "host_region": getattr(host, "name", host),
        "partner_region": getattr(partner, "name", partner),
        "host_region_zh": getattr(host, "name_zh", ""),
        "partner_region_zh": getattr(partner, "name_zh", ""),
        "firm_scope": scope,
        "schedule": schedule,
        "ledger": ledger,
        "companies": companies,
        "partner_firms": [c for c in companies if c["from_partner"]],
        "partner_firm_count": len(partner_ids),
        "investment_total": sum((c["investment"] for c in companies), Decimal("0.00")),
        "jobs_total": sum(c["jobs"] for c in companies),
        "commitments": by_status,
        "open_concerns": open_concerns["n"],
        "overdue_concerns": open_concerns["overdue"],
        "sla": park_sla(park, start, end, today),
    }


def report_json(report: dict[str, Any]) -> dict[str, Any]:
    """The API's shape of the report."""
    ledger = report["ledger"]
    statuses = Commitment.Status.values
    return {
        "park_id": report["park"].pk,
        "year": report["year"],
        "host_region": report["host_region"],
        "partner_region": report["partner_region"],
        "firm_scope": report["firm_scope"],
        "output_total": ledger.output.total,
        "output_host": ledger.output.host,
        "output_partner": ledger.output.partner,
        "tax_total": ledger.tax.total,
        "tax_host": ledger.tax.host,
        "tax_partner": ledger.tax.partner,
        "investment_total": report["investment_total"],
        "jobs_total": report["jobs_total"],
        "split_schedule": [
            {
                "starts_on": s.starts_on if s.starts_on != date.min else None,
                "output_host_percent": s.output_host_percent,
                "tax_host_percent": s.tax_host_percent,
            }
            for s in report["schedule"]
        ],
        "companies": report["companies"],
        "commitments": {
            side: {
                status: report["commitments"].get((side, status), 0)
                for status in statuses
            }
            for side in ("park", "tenant")
        },
        "open_concerns": report["open_concerns"],
        "overdue_concerns": report["overdue_concerns"],
        "sla": [
            {
                "key": s.key,
                "label": s.label,
                "on_time": s.on_time,
                "late": s.late,
                "open": s.open,
                "open_overdue": s.open_overdue,
                "median_working_days": s.median_working_days,
                "compliance_percent": s.compliance_percent,
            }
            for s in report["sla"]
        ],
    }


def region_overview(
    region: Region, year: int, today: date | None = None
) -> dict[str, Any]:
    """The parks under the region's agreements, side by side (aggregates only:
    no tenant's name or document)."""
    today = today or timezone.localdate()
    agreements = list(
        EnclaveAgreement.objects.filter(
            Q(host_region=region) | Q(partner_region=region)
        )
        .select_related("park", "host_region", "partner_region")
        .annotate(partner_count=Count("partner_firms", distinct=True))
        .order_by("park__name")
    )
    parks = [a.park for a in agreements]
    leading = Counter(p.leading_industry for p in parks)
    periods = [str(Quarter(year, q)) for q in (1, 2, 3, 4)]
    totals = {
        row["park_id"]: row
        for row in OperatingReport.objects.filter(park__in=parks, period__in=periods)
        .values("park_id")
        .annotate(output=Sum("output"), tax=Sum("tax_paid"))
    }
    park_ids = [p.pk for p in parks]
    occupancy = kept_occupancy(park_ids)
    sla = parks_sla(park_ids, date(year, 1, 1), date(year, 12, 31), today)
    rows = []
    for agreement in agreements:
        park = agreement.park
        figures = totals.get(park.pk, {})
        rows.append(
            {
                "park": park,
                "role": "host" if agreement.host_region_id == region.pk else "partner",
                "agreement": agreement,
                "leading_industry": park.leading_industry,
                "leading_industry_name": park.leading_industry_name,
                "featured_industries": park.featured_industry_names,
                "duplicate_leading": leading[park.leading_industry] > 1,
                "occupancy": occupancy[park.pk],
                "landed_firms": occupancy[park.pk]["companies_admitted"],
                "partner_firms": agreement.partner_count,
                "output": figures.get("output") or Decimal("0.00"),
                "tax": figures.get("tax") or Decimal("0.00"),
                "sla": sla[park.pk],
            }
        )
    return {"region": region, "year": year, "parks": rows}
