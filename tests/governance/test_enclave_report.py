"""The enclave report for both governments: figures, split, commitments,
concerns and SLA compliance; its PDF and Excel carry the same numbers; the
region overview flags duplicate leading industries."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from governance.actions.concerns import concern_raise
from governance.exports import report_pdf, report_xlsx
from governance.models import (
    Commitment,
    EnclaveAgreement,
    FirmScope,
    OperatingReport,
    Region,
    SplitPeriod,
)
from governance.queries.report import enclave_report, region_overview
from tests import factories
from tests.pdfs import SHIPPED_FONTS, pdf_fonts, pdf_text


@pytest.fixture
def regions(db):
    return (
        Region.objects.create(name="Qiandongnan", name_zh="黔东南州"),
        Region.objects.create(name="Foshan", name_zh="佛山市"),
    )


@pytest.fixture
def agreement(park, regions, admission):
    host, partner = regions
    agreement = EnclaveAgreement.objects.create(
        park=park,
        host_region=host,
        partner_region=partner,
        firm_scope=FirmScope.PARTNER_LANDED,
        signed_on=date(2024, 1, 1),
    )
    SplitPeriod.objects.create(
        agreement=agreement,
        starts_on=date(2024, 1, 1),
        output_host_percent=Decimal("40"),
        tax_host_percent=Decimal("40"),
    )
    SplitPeriod.objects.create(
        agreement=agreement,
        starts_on=date(2026, 7, 1),
        output_host_percent=Decimal("50"),
        tax_host_percent=Decimal("50"),
    )
    agreement.partner_firms.add(admission.company)
    return agreement


def _report(company, park, period, output, tax, employees=70):
    return OperatingReport.objects.create(
        company=company,
        park=park,
        period=period,
        output=Decimal(output),
        tax_paid=Decimal(tax),
        employees=employees,
        energy_tce=Decimal("10"),
        deadline=date(2026, 12, 31),
        filed_by=company.created_by,
    )


@pytest.fixture
def figures(agreement, admission, park, other_company):
    factories.AdmissionApplicationFactory(
        park=park, company=other_company, status="approved"
    )
    _report(admission.company, park, "2026Q2", "1000000.01", "100000.01")
    _report(admission.company, park, "2026Q3", "1000000.01", "100000.01", 75)
    _report(other_company, park, "2026Q3", "300000.00", "30000.00", 20)
    _report(admission.company, park, "2025Q4", "999.00", "9.00")  # another year


def test_report_splits_by_the_schedule_in_force_each_quarter(park, figures, admission):
    report = enclave_report(park, 2026)
    ledger = report["ledger"]
    assert ledger.output.total == Decimal("2300000.02")
    # Q2 at 40 %: 400000.004 → 400000.00; Q3 at 50 %: 500000.005 → 500000.01;
    # the local firm's 300000 is all the host's.
    assert ledger.output.host == Decimal("1200000.01")
    assert ledger.output.partner == Decimal("1100000.01")
    assert ledger.output.host + ledger.output.partner == ledger.output.total
    mine = next(
        c for c in report["companies"] if c["company_id"] == admission.company_id
    )
    assert mine["from_partner"] and mine["jobs"] == 75
    assert report["partner_firm_count"] == 1
    assert [s.output_host_percent for s in report["schedule"]] == [40, 50]
    assert report["jobs_total"] == 95


def test_report_counts_commitments_concerns_and_sla(
    park, figures, commitment, tenant, manager
):
    Commitment.objects.filter(pk=commitment.pk).update(
        status="breached", due_date=date(2026, 5, 1)
    )
    Commitment.objects.create(
        park=park,
        company=commitment.company,
        side="tenant",
        kind="jobs",
        description="80 jobs",
        due_date=date(2026, 12, 31),
        status="honoured",
    )
    commitment.refresh_from_db()
    concern_raise(commitment=commitment, actor=tenant, text="Why breached?")
    report = enclave_report(park, timezone.localdate().year)
    if timezone.localdate().year == 2026:
        assert report["commitments"][("park", "breached")] == 1
        assert report["commitments"][("tenant", "honoured")] == 1
    assert report["open_concerns"] == 1
    keys = {s.key: s for s in report["sla"]}
    assert keys["concerns"].open == 1
    assert "admissions" in keys


def test_pdf_states_both_shares_of_each_dated_split(park, figures):
    # The agreement's rows (40 % then 50 % to the host) give the partner the rest.
    text = pdf_text(report_pdf(enclave_report(park, 2026)))
    assert "40 / 60" in text and "50 / 50" in text


def test_pdf_is_bilingual_and_carries_the_totals(park, figures):
    pdf = report_pdf(enclave_report(park, 2026))
    assert pdf.startswith(b"%PDF")
    assert pdf_fonts(pdf) == SHIPPED_FONTS  # the shipped CJK font, embedded
    text = pdf_text(pdf)
    for expected in (
        "East–West",
        "承接地",
        "Partner region",
        "2,300,000.02",
        "1,200,000.01",
        "1,100,000.01",
        "Service efficiency",
    ):
        assert expected in text, expected


def test_excel_has_the_same_numbers(park, figures, admission):
    book = load_workbook(BytesIO(report_xlsx(enclave_report(park, 2026))))
    summary = {
        row[0]: row[1]
        for row in book["Summary 汇总"].iter_rows(values_only=True)
        if row and row[0]
    }
    assert Decimal(str(summary["Output total (CNY) 产值合计"])) == Decimal("2300000.02")
    assert Decimal(str(summary["Output to host 承接地产值"])) == Decimal("1200000.01")
    firms = list(book["Firms 企业"].iter_rows(values_only=True))
    assert firms[0][0] == "Company 企业"
    assert firms[-1][0] == "Total 合计"
    names = [row[0] for row in firms[1:-1]]
    assert admission.company.name in names


def test_region_overview_flags_duplicate_leading_industries(
    regions, agreement, park, figures
):
    host, partner = regions
    twin = factories.ParkFactory(leading_industry=park.leading_industry)
    EnclaveAgreement.objects.create(
        park=twin, host_region=host, partner_region=partner, signed_on=date(2025, 1, 1)
    )
    different = factories.ParkFactory(leading_industry="20", featured_industries=["21"])
    EnclaveAgreement.objects.create(
        park=different,
        host_region=host,
        partner_region=partner,
        signed_on=date(2025, 1, 1),
    )
    data = region_overview(host, 2026)
    flags = {row["park"].pk: row["duplicate_leading"] for row in data["parks"]}
    assert flags == {park.pk: True, twin.pk: True, different.pk: False}
    mine = next(row for row in data["parks"] if row["park"] == park)
    assert mine["output"] == Decimal("2300000.02") and mine["landed_firms"] == 2
    assert mine["role"] == "host"
    assert region_overview(partner, 2026)["parks"][0]["role"] == "partner"


def test_a_park_without_agreement_uses_its_own_split(park, admission):
    park.tax_share_host = Decimal("60")
    park.save()
    _report(admission.company, park, "2026Q1", "100.00", "10.00")
    report = enclave_report(park, 2026)
    assert report["ledger"].tax.host == Decimal("6.00")
    assert report["ledger"].output.host == Decimal("100.00")
    assert report["agreement"] is None
    assert report["schedule"][0].starts_on < date(2000, 1, 1) + timedelta(0)


def test_region_overview_reads_every_park_in_the_same_queries(
    regions, agreement, park, figures
):
    """A region of many parks (a Wanyang-scale partner region has dozens) costs
    what a region of one does, and each row says what the park's own page says."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from governance.queries.performance import admitted
    from governance.sla import park_sla
    from parks.queries.occupancy import park_occupancy

    host, partner = regions

    def queries() -> int:
        region_overview(host, 2026)  # the parks' kept figures are computed once
        with CaptureQueriesContext(connection) as captured:
            region_overview(host, 2026)
        return len(captured)

    one = queries()
    for _n in range(3):
        other = factories.ParkFactory()
        factories.UnitFactory(building__park=other, status="leased")
        EnclaveAgreement.objects.create(
            park=other,
            host_region=host,
            partner_region=partner,
            signed_on=date(2025, 1, 1),
        )
    assert queries() == one
    for row in region_overview(host, 2026)["parks"]:
        numbers = park_occupancy(row["park"])
        assert row["occupancy"] == {
            "units_total": numbers["units_total"],
            "occupancy_rate": numbers["occupancy_rate"],
            "companies_admitted": len(admitted(row["park"])),
        }
        assert row["landed_firms"] == len(admitted(row["park"]))
        assert row["sla"] == park_sla(row["park"], date(2026, 1, 1), date(2026, 12, 31))
