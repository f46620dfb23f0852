"""Governance journeys in a real browser: the tenant reads its commitments and
raises a concern; the park's service officer answers it; the government
observer opens the region overview and the enclave report."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from governance.models import (
    Concern,
    EnclaveAgreement,
    OperatingReport,
    Region,
    RegionObserver,
    SplitPeriod,
)
from tests import factories
from tests.governance.conftest import (  # noqa: F401 - fixtures
    admission,
    commitment,
    manager,
    park,
    settings_row,
    staff,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]
PASSWORD = "secret-pass-123"  # UserFactory's


def sign_in(page: Page, user) -> None:
    page.goto("/accounts/login/")
    page.locator("main input[name=email]").fill(user.email)
    page.locator("main input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile("/accounts/login/"))


def test_tenant_raises_a_concern_and_the_officer_answers(
    page: Page,
    context,
    commitment,  # noqa: F811 - the imported fixture
    tenant,
    staff,  # noqa: F811
    settings_row,  # noqa: F811
    shot,
):
    sign_in(page, tenant)
    page.goto("/commitments/")
    row = page.locator("#commitments tbody tr", has_text="Equipment subsidy")
    expect(row).to_contain_text("Pending")
    row.get_by_role("link", name="Subsidy").click()
    page.get_by_text("Raise a concern").click()
    page.get_by_label("Your concern").fill("The subsidy has not arrived.")
    page.get_by_role("button", name="Send to the park").click()
    expect(page.locator(".concern")).to_contain_text("The subsidy has not arrived.")
    expect(page.locator(".concern")).to_contain_text("Open")
    shot("tenant-concern")

    page.context.clear_cookies()
    sign_in(page, staff)
    page.goto(f"/parks/{commitment.park_id}/concerns/")
    page.get_by_role("link", name="Subsidy").click()
    page.get_by_label("Answer").fill("Paid on Friday.")
    page.get_by_role("button", name="Send the answer").click()
    expect(page.locator(".concern")).to_contain_text("Paid on Friday.")
    expect(page.locator(".concern")).to_contain_text("Answered")
    assert Concern.objects.get().status == "answered"
    shot("officer-answered")


def test_observer_reads_the_region_and_the_enclave_report(
    page: Page,
    admission,  # noqa: F811 - the imported fixture
    tenant,
    shot,
):
    host = Region.objects.create(name="Qiandongnan", name_zh="黔东南州")
    agreement = EnclaveAgreement.objects.create(
        park=admission.park,
        host_region=host,
        partner_region=Region.objects.create(name="Foshan"),
        signed_on=date(2024, 1, 1),
    )
    SplitPeriod.objects.create(
        agreement=agreement,
        starts_on=date(2024, 1, 1),
        output_host_percent=Decimal("40"),
        tax_host_percent=Decimal("40"),
    )
    agreement.partner_firms.add(admission.company)
    OperatingReport.objects.create(
        company=admission.company,
        park=admission.park,
        period="2026Q1",
        output=Decimal("1000000.00"),
        tax_paid=Decimal("50000.00"),
        employees=70,
        energy_tce=Decimal("100"),
        deadline=date(2026, 4, 20),
        filed_by=tenant,
    )
    observer = factories.UserFactory()
    RegionObserver.objects.create(region=host, user=observer)
    sign_in(page, observer)
    page.get_by_role("link", name="Region overview").click()
    expect(page.locator("#parks")).to_contain_text(admission.park.name)
    shot("region")
    page.goto(f"/parks/{admission.park_id}/enclave-report/?year=2026")
    ledger = page.locator("#ledger tfoot")
    expect(ledger).to_contain_text("1,000,000.00")
    expect(ledger).to_contain_text("400,000.00")
    expect(ledger).to_contain_text("600,000.00")
    with page.expect_download() as download:
        page.get_by_role("button", name="PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
    shot("enclave-report")
