"""Per-mu performance reads: a tenant's promise and trend, the park's ranking."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone

from governance.models import OperatingReport, ParkGovernance, PerformanceAlert
from governance.performance import (
    Intensity,
    Promise,
    intensity,
    rank,
)
from governance.periods import Quarter
from parks.models import AdmissionApplication, Park
from parks.queries.admission import admissions_granted
from parks.scoring import Thresholds
from tenants.models import Company


def promise_from(application: AdmissionApplication) -> Promise:
    return Promise(
        land_mu=application.land_mu_equivalent,
        output=application.expected_annual_output,
        tax=application.expected_annual_tax,
        jobs=application.jobs,
    )


def promise_of(company: Company, park: Park) -> Promise | None:
    """The promise of the company's latest approved admission to the park."""
    application = (
        admissions_granted(company=company, park=park)
        .order_by("-decided_at", "-pk")
        .first()
    )
    return promise_from(application) if application else None


@dataclass
class TenantRow:
    company: Company
    promise: Promise
    latest: Intensity | None
    report: OperatingReport | None
    alerts: list[PerformanceAlert]
    missing: bool  # the period's report is not filed and its deadline passed


def default_period(today: date | None = None) -> Quarter:
    return Quarter.of(today or timezone.localdate()).previous()


def admitted(park: Park) -> dict[int, AdmissionApplication]:
    """The latest approved admission per company in the park."""
    rows = (
        admissions_granted(park=park)
        .select_related("company")
        .order_by("company_id", "decided_at", "pk")
    )
    return {a.company_id: a for a in rows}


def park_performance(
    park: Park, period: Quarter, today: date | None = None
) -> dict[str, Any]:
    """Every admitted tenant's intensities in `period`, ranked, with alerts
    (four queries whatever the number of tenants)."""
    today = today or timezone.localdate()
    thresholds = Thresholds.of_park(park)
    settings = ParkGovernance.of(park)
    applications = admitted(park)
    reports = {
        r.company_id: r
        for r in OperatingReport.objects.filter(park=park, period=str(period))
    }
    alerts: dict[int, list[PerformanceAlert]] = {}
    for alert in PerformanceAlert.objects.filter(park=park).order_by("-period"):
        alerts.setdefault(alert.company_id, []).append(alert)
    deadline = period.deadline(settings.report_deadline_days)
    rows = []
    for company_id, application in applications.items():
        promise = promise_from(application)
        report = reports.get(company_id)
        latest = intensity(report, promise, thresholds) if report else None
        rows.append(
            TenantRow(
                company=application.company,
                promise=promise,
                latest=latest,
                report=report,
                alerts=alerts.get(company_id, []),
                missing=report is None and today > deadline,
            )
        )
    ranked = [row for row, _i in rank([(r, r.latest) for r in rows if r.latest])]
    ranked += [r for r in rows if r.latest is None]
    return {
        "period": period,
        "deadline": deadline,
        "thresholds": thresholds,
        "shortfall_percent": settings.shortfall_percent,
        "rows": ranked,
    }


def tenant_trend(company: Company, park: Park) -> list[Intensity]:
    """The company's intensities quarter by quarter, oldest first."""
    promise = promise_of(company, park)
    if promise is None:
        return []
    thresholds = Thresholds.of_park(park)
    reports = OperatingReport.objects.filter(company=company, park=park)
    series = [intensity(r, promise, thresholds) for r in reports]
    return sorted(series, key=lambda i: Quarter.parse(i.period))


# --- the server-rendered SVG chart ------------------------------------------------

CHART_W, CHART_H, BAR_GAP, BAR_MAX = 640, 220, 8, 90


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    width: int
    height: int
    label: str
    value: str
    short: bool
    title: str


def _fit(label: str, room: int) -> str:
    """A bar's label in `room` characters, cut with "…" (the bar's title keeps
    it whole)."""
    return label if len(label) <= room else label[: room - 1] + "…"


def bar_chart(
    items: list[tuple[str, Any, Any]], *, threshold: Any = None
) -> dict[str, Any]:
    """Bars for (label, value, target) rows; `short` marks a value under target.
    Coordinates are computed here so the template only draws."""
    values = [v for _l, v, _t in items if v is not None]
    top = max([*values, threshold or 0, *[t or 0 for _l, _v, t in items]], default=0)
    if not items or not top:
        return {"bars": [], "width": CHART_W, "height": CHART_H, "line_y": None}
    plot_h = CHART_H - 40
    width = min(BAR_MAX, max(8, (CHART_W - BAR_GAP) // len(items) - BAR_GAP))
    bars = []
    for i, (label, value, target) in enumerate(items):
        v = value or 0
        h = int(plot_h * v / top)
        bars.append(
            Bar(
                x=BAR_GAP + i * (width + BAR_GAP),
                y=20 + plot_h - h,
                width=width,
                height=h,
                label=_fit(label, max(3, width // 11)),
                value=f"{v:,.0f}",
                short=bool(target) and v < target,
                title=label,
            )
        )
    line_y = 20 + plot_h - int(plot_h * threshold / top) if threshold else None
    return {"bars": bars, "width": CHART_W, "height": CHART_H, "line_y": line_y}
