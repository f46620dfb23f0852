"""Operating reports: a tenant files its quarter; a shortfall against its
admission promise for two quarters in a row raises an alert; reminders."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.errors import Conflict, Invalid
from core.files import check_upload, private_path
from core.models import User
from governance.access import ensure_admitted
from governance.models import OperatingReport, ParkGovernance, PerformanceAlert
from governance.notify import company_emails, notify, park_emails
from governance.performance import consecutive_shortfalls, intensity
from governance.periods import Quarter
from governance.queries.performance import promise_of
from parks.models import Park
from parks.queries.admission import admissions_granted
from parks.scoring import Thresholds
from tenants.access import ensure_manager
from tenants.models import Company


@transaction.atomic
def report_file(
    *,
    actor: User,
    company: Company,
    park: Park,
    period: str,
    output: Decimal,
    tax_paid: Decimal,
    employees: int,
    energy_tce: Decimal,
    attachment: UploadedFile | None = None,
    today: date | None = None,
) -> OperatingReport:
    ensure_manager(actor, company)
    today = today or timezone.localdate()
    try:
        quarter = Quarter.parse(period)
    except ValueError:
        raise Invalid.field("period", _("Enter a quarter such as 2026Q3.")) from None
    if quarter.start > today:
        raise Invalid.field("period", _("This quarter has not started yet."))
    ensure_admitted(company, park, field="park_id")
    settings = ParkGovernance.of(park)
    deadline = quarter.deadline(settings.report_deadline_days)
    report = OperatingReport(
        company=company,
        park=park,
        period=str(quarter),
        output=output,
        tax_paid=tax_paid,
        employees=employees,
        energy_tce=energy_tce,
        deadline=deadline,
        late=today > deadline,
        filed_by=actor,
    )
    if OperatingReport.objects.filter(
        company=company, park=park, period=report.period
    ).exists():
        raise Conflict(
            _("A report for this quarter was already filed."), code="duplicate_report"
        )
    if attachment is not None:
        checked = check_upload(attachment, field="attachment")
        report.attachment_name = checked.filename
        report.attachment_sha256 = checked.sha256
        report.attachment.save(
            private_path("reports", checked.filename), checked.file, save=False
        )
    # The database holds one report per quarter (checked above, and under a race
    # by the unique constraint below): clean the fields only.
    report.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        raise Conflict(
            _("A report for this quarter was already filed."), code="duplicate_report"
        ) from None
    audit_record(actor=actor, obj=report, action="report_filed", note=report.period)
    alerts_check(company=company, park=park, quarter=quarter)
    return report


def alerts_check(*, company: Company, park: Park, quarter: Quarter) -> list:
    """Raise an alert per measure short by more than the park's threshold in
    this quarter and the one before (both reported)."""
    promise = promise_of(company, park)
    if promise is None:
        return []
    reports = {
        r.period: r
        for r in OperatingReport.objects.filter(
            company=company,
            park=park,
            period__in=[str(quarter), str(quarter.previous())],
        )
    }
    current = reports.get(str(quarter))
    previous = reports.get(str(quarter.previous()))
    if current is None or previous is None:
        return []
    thresholds = Thresholds.of_park(park)
    limit = ParkGovernance.of(park).shortfall_percent
    found = consecutive_shortfalls(
        intensity(previous, promise, thresholds),
        intensity(current, promise, thresholds),
        limit,
    )
    alerts = []
    for shortfall in found:
        alert, created = PerformanceAlert.objects.get_or_create(
            company=company,
            park=park,
            period=shortfall.period,
            metric=shortfall.metric,
            defaults={
                "shortfall_percent": shortfall.percent,
                "previous_shortfall_percent": shortfall.previous_percent,
            },
        )
        if created:
            alerts.append(alert)
    if alerts:
        names = ", ".join(str(a.get_metric_display()) for a in alerts)
        notify(
            _("Performance alert: %(company)s") % {"company": company},
            _(
                "%(company)s fell short of its admission commitment (%(measures)s) "
                "by more than %(limit)s%% in %(previous)s and %(current)s."
            )
            % {
                "company": company,
                "measures": names,
                "limit": limit,
                "previous": quarter.previous(),
                "current": quarter,
            },
            park_emails(park) + company_emails(company),
        )
    return alerts


def reports_remind(*, today: date | None = None) -> int:
    """Daily: remind tenants that have not filed last quarter's report, the day
    the reminder window opens and the day before the deadline."""
    today = today or timezone.localdate()
    quarter = Quarter.of(today).previous()
    sent = 0
    admitted = (
        admissions_granted()
        .select_related("company", "park")
        .order_by("park_id", "company_id")
    )
    filed = set(
        OperatingReport.objects.filter(period=str(quarter)).values_list(
            "company_id", "park_id"
        )
    )
    seen = set()
    for application in admitted:
        key = (application.company_id, application.park_id)
        if key in seen or key in filed:
            continue
        seen.add(key)
        settings = ParkGovernance.of(application.park)
        deadline = quarter.deadline(settings.report_deadline_days)
        days_left = (deadline - today).days
        if days_left not in (settings.reminder_days, 1):
            continue
        notify(
            _("Operating report due: %(quarter)s") % {"quarter": quarter},
            _(
                "Please file %(company)s's operating report for %(quarter)s at "
                "%(park)s by %(date)s."
            )
            % {
                "company": application.company,
                "quarter": quarter,
                "park": application.park,
                "date": deadline,
            },
            company_emails(application.company),
        )
        sent += 1
    return sent
