"""Parks journeys in a real browser. Tenant: search a park's units, apply for
admission with the live score, lease a vacant unit, download the contract.
Operator: decide an admission from its score panel, approve a lease, watch the
unit's cell change on the stacking plan and open its detail panel."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from parks.actions import admission, leasing
from parks.actions.unit_status import unit_refresh_status
from parks.models import AdmissionApplication, Lease, LeaseApplication
from tests import factories

pytestmark = [
    pytest.mark.browser,
    # The live server runs WhiteNoise before collectstatic; the finders serve.
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]
PASSWORD = "secret-pass-123"  # UserFactory's
PROJECT = {
    "project_summary": "Precision moulds for household appliances.",
    "industry_code": "",
    "planned_investment": Decimal("60000000"),
    "expected_annual_output": Decimal("100000000"),
    "expected_annual_tax": Decimal("5000000"),
    "jobs": 80,
    "land_mu": Decimal("15"),
    "floor_area_m2": 0,
    "energy_tce_per_year": Decimal("2000"),
    "pollution_category": "low",
}


def sign_in(page: Page, user) -> None:
    page.goto("/accounts/login/")
    page.locator("main input[name=email]").fill(user.email)
    page.locator("main input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile("/accounts/login/"))


@pytest.fixture
def estate(transactional_db):
    """A park with its manager, one factory building of four units (one already
    leased to someone else), and a tenant company that owns nothing yet."""
    manager = factories.OperatorStaffFactory(role="manager").user
    park = factories.ParkFactory(
        operator=manager.operator_staff.get().operator,
        name="Kaili Enclave Park",
    )
    block = factories.BuildingFactory(park=park, name="A1", floors=2)
    units = {
        code: factories.UnitFactory(
            building=block, code=code, floor=floor, area_m2=Decimal(area)
        )
        for code, floor, area in (
            ("A1-101", 1, "1200"),
            ("A1-102", 1, "2400"),
            ("A1-201", 2, "600"),
            ("A1-202", 2, "900"),
        )
    }
    factories.LeaseFactory(unit=units["A1-202"])
    unit_refresh_status(units["A1-202"])
    tenant = factories.MembershipFactory(role="owner").user
    company = tenant.memberships.get().company
    return manager, park, units, tenant, company


def test_tenant_finds_a_unit_is_admitted_leases_and_downloads_the_contract(
    page: Page, shot, estate
):
    manager, park, units, tenant, company = estate
    sign_in(page, tenant)

    # Search the park's units with the htmx filter.
    page.get_by_role("link", name="Parks", exact=True).click()
    page.get_by_role("link", name=park.name).first.click()
    units_panel = page.locator("#units")
    expect(units_panel).to_contain_text("4 units found")
    # htmx wires the filter when the page has loaded: typing earlier sends nothing.
    page.wait_for_load_state("load")
    page.get_by_label("Area from (m²)").fill("1000")
    expect(units_panel).to_contain_text("2 units found")  # htmx swapped the rows
    expect(units_panel).not_to_contain_text("A1-201")
    expect(page).to_have_url(re.compile(r"min_area=1000"))
    shot("unit-search")

    # Apply for admission; the score panel fills in while typing.
    page.get_by_role("button", name="Apply for admission").click()
    page.get_by_label("Project summary").fill(PROJECT["project_summary"])
    page.get_by_label("Planned fixed investment (CNY)").fill("60000000")
    page.get_by_label("Expected annual output (CNY)").fill("100000000")
    page.get_by_label("Expected annual tax (CNY)").fill("5000000")
    page.get_by_label("Jobs created").fill("80")
    page.get_by_label("Land need (mu)").fill("15")
    page.get_by_label("Energy use (tce per year)").fill("2000")
    page.get_by_label("Pollution category").select_option("low")
    score = page.locator("#score-panel")
    expect(score).to_contain_text("Admission score")
    expect(score.locator("tbody tr")).to_have_count(7)
    expect(score).to_contain_text("Passes")
    shot("admission-live-score")
    page.get_by_role("button", name="Save draft").click()
    page.get_by_role("button", name="Submit to the park").click()
    expect(page.locator(".flash")).to_contain_text("Submitted")
    application = AdmissionApplication.objects.get(company=company)
    assert application.status == "submitted"

    # The park approves; the tenant's page now leads on to the units.
    admission.admission_approve(
        application=application,
        actor=manager,
    )
    page.reload()
    expect(page.locator("#next-step")).to_contain_text("Admitted.")
    shot("admission-approved")
    page.get_by_role("button", name="Apply for a unit").click()
    expect(page).to_have_url(re.compile(r"status=vacant"))
    row = page.locator("#units tr", has_text="A1-102")
    row.get_by_role("link", name="Lease").click()

    start = timezone.localdate() + timedelta(days=14)
    page.get_by_label("Start date").fill(start.isoformat())
    page.get_by_label("Term (months)").fill("24")
    shot("lease-apply")
    page.get_by_role("button", name="Send the application").click()
    expect(page.locator(".flash")).to_contain_text("A1-102")
    lease_application = LeaseApplication.objects.get(company=company)

    # The park approves the lease; the tenant downloads the contract.
    leasing.lease_approve(
        application=lease_application,
        actor=manager,
    )
    page.locator("header nav summary", has_text="Units").click()
    page.get_by_role("link", name="My leases").click()
    lease = Lease.objects.get(company=company)
    page.get_by_role("link", name=str(lease.pk), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Approved")
    shot("lease")
    link = page.get_by_role("button", name="Download the contract (PDF)")
    response = page.request.get(link.get_attribute("href"))
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    with page.expect_download() as download:
        link.click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    assert download.value.suggested_filename.endswith(".pdf")


def test_operator_decides_admission_approves_lease_and_sees_the_stacking_plan(
    page: Page, shot, estate
):
    manager, park, units, tenant, company = estate
    application = admission.admission_create(
        actor=tenant, company=company, park=park, **PROJECT
    )
    admission.admission_submit(application=application, actor=tenant)
    sign_in(page, manager)

    # The queue, the application and its explained score.
    page.get_by_role("link", name="Admission queue").click()
    expect(page.locator("#queue")).to_contain_text(company.name)
    shot("queue")
    page.get_by_role("link", name=company.name).click()
    score = page.locator("#score-panel")
    expect(score.locator("tbody tr")).to_have_count(7)
    expect(score.locator("tbody tr", has_text="Investment intensity")).to_contain_text(
        "✓"
    )
    expect(score).to_contain_text("Passes")
    shot("admission-score")
    page.locator("#decision").get_by_label("Approve").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".flash")).to_contain_text("The decision was recorded.")
    application.refresh_from_db()
    assert application.status == "approved"

    # Meanwhile the tenant applies for a unit, starting today.
    unit = units["A1-101"]
    leasing.lease_apply(
        actor=tenant,
        company=company,
        unit=unit,
        start_date=timezone.localdate(),
        term_months=36,
    )

    # Before: the unit is vacant on the stacking plan.
    page.get_by_role("link", name="My parks").click()
    page.get_by_role("link", name=park.name).click()
    tabs = page.locator("nav.park-tabs")
    tabs.get_by_role("link", name="Stacking plan").click()
    cell = page.locator("a.cell", has_text=unit.code)
    expect(cell).to_have_class(re.compile(r"\bst-vacant\b"))

    # Approve the lease from the park's tabs.
    tabs.get_by_role("link", name="Lease applications").click()
    page.locator("table").get_by_role("link").first.click()
    page.get_by_label("Approve").check()
    page.get_by_label("Rent-free months").fill("2")
    shot("lease-decision")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".flash")).to_contain_text("Approved: the lease was created.")
    lease = Lease.objects.get(unit=unit, company=company)
    assert lease.status == "approved" and lease.rent_free_months == 2

    # Reserved on the plan; the htmx panel shows the lease.
    page.get_by_role("link", name="My parks").click()
    page.get_by_role("link", name="Stacking plan").first.click()
    expect(cell).to_have_class(re.compile(r"\bst-reserved\b"))
    cell.click()
    panel = page.locator("#unit-panel")
    expect(panel).to_contain_text(f"#{lease.pk}")
    expect(panel).to_contain_text(company.name)
    expect(page).to_have_url(re.compile(r"/stacking/$"))  # swapped, not navigated
    shot("stacking-reserved")

    # Hand the unit over: the cell turns leased.
    panel.get_by_role("link", name=f"#{lease.pk}").click()
    page.get_by_role("button", name="Activate").click()
    page.get_by_role("link", name="My parks").click()
    page.get_by_role("link", name="Stacking plan").first.click()
    expect(cell).to_have_class(re.compile(r"\bst-leased\b"))
    shot("stacking-leased")
