"""Operating reports and performance pages: the tenant files and sees its
trend and alerts; the operator ranks the park; both governments read the
enclave report; an observer compares the region's parks."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.access import get_scoped
from core.views import run_action
from governance.access import operated_park, reportable_park
from governance.actions.reports import report_file
from governance.exports import commitment_rows, report_download
from governance.forms import ReportForm
from governance.models import OperatingReport, PerformanceAlert, Region
from governance.periods import Quarter
from governance.queries.performance import (
    bar_chart,
    default_period,
    park_performance,
    tenant_trend,
)
from governance.queries.report import enclave_report, region_overview
from parks.queries.admission import admissions_granted


def _admissions(request: HttpRequest):
    return (
        admissions_granted()
        .of_member(request.user)
        .select_related("company", "park")
        .order_by("company__name", "park__name")
    )


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    """The tenant's reports, alerts and per-mu trend, and the form to file."""
    admissions = list(_admissions(request))
    form = ReportForm(request.POST or None, request.FILES or None)
    form.fields["admission"].choices = [
        (a.pk, f"{a.company.name} · {a.park.display_name}") for a in admissions
    ]
    if not request.POST:
        form.initial["period"] = str(default_period())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = next(a for a in admissions if a.pk == data["admission"])
        response = run_action(
            request,
            lambda: report_file(
                actor=request.user,
                company=chosen.company,
                park=chosen.park,
                period=data["period"],
                output=data["output"],
                tax_paid=data["tax_paid"],
                employees=data["employees"],
                energy_tce=data["energy_tce"],
                attachment=data["attachment"],
            ),
            success=_("Report filed."),
            then=reverse("governance:reports"),
            form=form,
        )
        if response:
            return response
    trends = []
    seen = set()
    for a in admissions:
        if (a.company_id, a.park_id) in seen:
            continue
        seen.add((a.company_id, a.park_id))
        series = tenant_trend(a.company, a.park)
        chart = bar_chart(
            [(i.period, i.output_per_mu, i.promised.get("output")) for i in series],
            threshold=a.park.min_output_per_mu,
        )
        trends.append({"admission": a, "series": series, "chart": chart})
    return render(
        request,
        "governance/report_list.html",
        {
            "form": form,
            "has_admissions": bool(admissions),
            "reports": OperatingReport.objects.of_member(request.user)
            .select_related("company", "park")
            .order_by("-period"),
            "alerts": PerformanceAlert.objects.of_member(request.user).select_related(
                "company", "park"
            ),
            "trends": trends,
        },
    )


@login_required
def report_attachment(request: HttpRequest, report_id: int) -> HttpResponse:
    """The report's attachment, for the company's members and the park's operator."""
    report = get_scoped(
        OperatingReport.objects.visible_to(request.user).exclude(attachment=""),
        pk=report_id,
    )
    return FileResponse(
        report.attachment.open("rb"),
        as_attachment=True,
        filename=report.attachment_name,
    )


@login_required
def park_performance_page(request: HttpRequest, park_id: int) -> HttpResponse:
    park = operated_park(request.user, park_id)
    try:
        period = Quarter.parse(request.GET.get("period", ""))
    except ValueError:
        period = default_period()
    data = park_performance(park, period)
    chart = bar_chart(
        [
            (
                row.company.name,
                row.latest.output_per_mu,
                row.latest.promised.get("output"),
            )
            for row in data["rows"]
            if row.latest
        ],
        threshold=park.min_output_per_mu,
    )
    return render(
        request,
        "governance/performance.html",
        {
            "park": park,
            **data,
            "chart": chart,
            "previous": period.previous(),
            "next": period.next()
            if period.next().start <= timezone.localdate()
            else None,
        },
    )


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


@login_required
def enclave_report_page(request: HttpRequest, park_id: int) -> HttpResponse:
    park = reportable_park(request.user, park_id)
    year = _year(request)
    report = enclave_report(park, year)
    return render(
        request,
        "governance/enclave_report.html",
        {
            "r": report,
            "commitment_rows": commitment_rows(report),
            "is_operator": park.staff_role(request.user) is not None,
        },
    )


@login_required
def enclave_report_file(request: HttpRequest, park_id: int, kind: str) -> HttpResponse:
    park = reportable_park(request.user, park_id)
    return report_download(enclave_report(park, _year(request)), kind)


@login_required
def region_list(request: HttpRequest) -> HttpResponse:
    regions = Region.objects.observed_by(request.user)
    if regions.count() == 1:
        return redirect("governance:region", regions.get().pk)
    return render(request, "governance/region_list.html", {"regions": regions})


@login_required
def region_page(request: HttpRequest, region_id: int) -> HttpResponse:
    region = get_scoped(Region.objects.observed_by(request.user), pk=region_id)
    return render(
        request,
        "governance/region.html",
        region_overview(region, _year(request)),
    )
