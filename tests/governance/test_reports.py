"""Operating reports: filing rules, late flag, shortfall alerts across quarters,
reminders; and the per-mu arithmetic."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core import mail

from core.errors import Conflict, Invalid, NotAllowed, NotFound
from governance.actions.reports import report_file, reports_remind
from governance.models import OperatingReport, ParkGovernance, PerformanceAlert
from governance.performance import Figures, Promise, Thresholds, intensity
from governance.periods import Quarter
from governance.queries.performance import park_performance, tenant_trend
from tests import factories
from tests.governance.conftest import pdf_upload

TODAY = date(2026, 11, 28)


def file(tenant, admission, period, output="25000000", tax="1250000", **kw):
    """A quarter of the admission's promise (¥100M, ¥5M a year) unless told."""
    return report_file(
        actor=tenant,
        company=admission.company,
        park=admission.park,
        period=period,
        output=Decimal(output),
        tax_paid=Decimal(tax),
        employees=kw.pop("employees", 80),
        energy_tce=Decimal("500"),
        today=kw.pop("today", TODAY),
        **kw,
    )


def test_file_a_report_with_attachment(tenant, admission):
    report = file(tenant, admission, "2026Q3", attachment=pdf_upload())
    assert report.deadline == date(2026, 10, 20)  # 20 days after the quarter
    assert report.late is True  # filed on 28 November
    assert report.attachment_sha256
    on_time = file(tenant, admission, "2026Q2", today=date(2026, 7, 10))
    assert on_time.late is False


def test_the_same_quarter_twice_is_a_conflict(tenant, admission):
    file(tenant, admission, "2026Q2")
    with pytest.raises(Conflict):
        file(tenant, admission, "2026Q2")


@pytest.mark.parametrize("period", ["2026Q5", "2026-3", "", "2027Q1"])
def test_bad_or_future_quarters_are_invalid(tenant, admission, period):
    with pytest.raises(Invalid) as exc:
        file(tenant, admission, period)
    assert "period" in exc.value.fields


def test_only_an_admitted_companys_manager_files(
    tenant, admission, company, park, other_tenant
):
    member = factories.MembershipFactory(company=company, role="member").user
    with pytest.raises(NotAllowed):
        file(member, admission, "2026Q3")
    with pytest.raises(NotFound):
        file(other_tenant, admission, "2026Q3")
    other_park = factories.ParkFactory()
    with pytest.raises(Invalid) as exc:
        report_file(
            actor=tenant,
            company=company,
            park=other_park,
            period="2026Q3",
            output=Decimal("1"),
            tax_paid=Decimal("1"),
            employees=1,
            energy_tce=Decimal("1"),
            today=TODAY,
        )
    assert "park_id" in exc.value.fields


def test_one_short_quarter_raises_no_alert(tenant, admission):
    file(tenant, admission, "2026Q2")
    file(tenant, admission, "2026Q3", output="15000000")  # 40 % short
    assert not PerformanceAlert.objects.exists()


def test_two_consecutive_short_quarters_raise_an_alert_seen_by_both(
    tenant, admission, manager, django_capture_on_commit_callbacks
):
    file(tenant, admission, "2026Q2", output="19000000")  # 24 % short
    with django_capture_on_commit_callbacks(execute=True):
        file(tenant, admission, "2026Q3", output="15000000")  # 40 % short
    alert = PerformanceAlert.objects.get()
    assert (alert.period, alert.metric) == ("2026Q3", "output")
    assert alert.shortfall_percent == Decimal("40.00")
    assert alert.previous_shortfall_percent == Decimal("24.00")
    assert PerformanceAlert.objects.visible_to(tenant).count() == 1
    assert PerformanceAlert.objects.visible_to(manager).count() == 1
    assert {manager.email, tenant.email} <= set(mail.outbox[-1].to)


def test_shortfall_at_the_threshold_is_not_an_alert(tenant, admission, park):
    ParkGovernance.objects.create(park=park, shortfall_percent=Decimal("20"))
    file(tenant, admission, "2026Q2", output="20000000")  # exactly 20 %
    file(tenant, admission, "2026Q3", output="15000000")
    assert not PerformanceAlert.objects.exists()


def test_short_quarters_with_a_gap_raise_no_alert(tenant, admission):
    file(tenant, admission, "2026Q1", output="10000000")
    file(tenant, admission, "2026Q3", output="10000000")
    assert not PerformanceAlert.objects.exists()


def test_per_mu_intensity_annualises_the_quarter():
    promise = Promise(
        land_mu=Decimal("10"),
        output=Decimal("100000000"),
        tax=Decimal("5000000"),
        jobs=80,
    )
    park = factories.ParkFactory.build(
        min_output_per_mu=Decimal("4000000"),
        min_tax_per_mu=Decimal("200000"),
        max_energy_per_10k_output=Decimal("0.35"),
    )
    thresholds = Thresholds.of_park(park)
    result = intensity(
        Figures("2026Q3", Decimal("20000000"), Decimal("1000000"), 60, Decimal("800")),
        promise,
        thresholds,
    )
    assert result.output_per_mu == Decimal("8000000.00")
    assert result.tax_per_mu == Decimal("400000.00")
    assert result.jobs_per_mu == Decimal("6.00")
    assert result.energy_per_10k == Decimal("0.4000")
    assert result.shortfall == {
        "output": Decimal("20.00"),
        "tax": Decimal("20.00"),
        "jobs": Decimal("25.00"),
    }
    assert result.below_threshold == {"energy"}


def test_park_ranking_and_missing_reports(tenant, admission, park, other_company):
    factories.AdmissionApplicationFactory(
        park=park, company=other_company, status="approved", land_mu=Decimal("5")
    )
    file(tenant, admission, "2026Q3")
    data = park_performance(park, Quarter(2026, 3), today=TODAY)
    assert [row.company for row in data["rows"]] == [admission.company, other_company]
    assert data["rows"][0].latest.output_per_mu == Decimal("10000000.00")
    assert data["rows"][1].latest is None and data["rows"][1].missing is True
    assert [i.period for i in tenant_trend(admission.company, park)] == ["2026Q3"]


def test_reminder_before_the_deadline_only_to_those_who_have_not_filed(
    tenant, admission, park, django_capture_on_commit_callbacks
):
    # 2026Q3's deadline is 20 October; the reminder goes 7 days and 1 day before.
    with django_capture_on_commit_callbacks(execute=True):
        assert reports_remind(today=date(2026, 10, 13)) == 1
        assert reports_remind(today=date(2026, 10, 14)) == 0
        assert reports_remind(today=date(2026, 10, 19)) == 1
    assert mail.outbox[0].to == [tenant.email]
    file(tenant, admission, "2026Q3", today=date(2026, 10, 15))
    assert reports_remind(today=date(2026, 10, 19)) == 0
    assert OperatingReport.objects.count() == 1


def test_a_bar_chart_fits_each_label_to_its_bar_and_keeps_it_whole_in_the_title():
    from governance.queries.performance import bar_chart

    name = "黔东南精工模具有限公司 Qiandongnan Precision Mould Co., Ltd."
    chart = bar_chart([(name, Decimal("100"), None), ("短", Decimal("50"), None)])
    long, short = chart["bars"]
    assert long.label.endswith("…") and name.startswith(long.label[:-1])
    assert long.title == name
    assert short.label == "短"  # short enough: not cut
    assert bar_chart([])["bars"] == []
