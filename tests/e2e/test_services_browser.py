# ruff: noqa: F811  (pytest fixtures imported from fixture modules)
"""Services in the browser: a tenant finds a tax adviser, books, pays by card
(the Stripe double) and reviews; a
provider confirms and completes, and progresses a permit case; an operator
approves a listing and sees an overdue permit step."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from services.actions import bookings as act
from services.models import Booking, Listing
from services.permits import PermitType
from tests import factories
from tests.billing.stripe_fixtures import (  # noqa: F401
    localstripe_url,
    stripe_double,
    stripe_on,
)
from tests.services.conftest import provider_market

pytestmark = pytest.mark.browser


def sign_in(page: Page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("secret-pass-123")
    page.locator("main").get_by_role("button").click()


@pytest.fixture
def market(transactional_db):
    membership = factories.MembershipFactory(role="owner")
    park = factories.ParkFactory()
    factories.AdmissionApplicationFactory(
        company=membership.company, park=park, status="approved"
    )
    m = provider_market(park, category="legal_tax", name_en="Tax health check")
    m.park, m.tenant, m.company = park, membership.user, membership.company
    m.operator = factories.OperatorStaffFactory(
        operator=park.operator, role="manager"
    ).user
    return m


def test_a_tenant_finds_a_tax_adviser_books_pays_and_reviews(
    page: Page, market, live_server, stripe_on, shot
):
    stripe_on.webhook_url = f"{live_server.url}/payments/stripe/webhook"
    sign_in(page, market.tenant.email)
    nav = page.locator("header nav")
    nav.get_by_text("Services", exact=True).click()
    nav.get_by_role("link", name="Find a service").click()
    page.get_by_label("Category").select_option("legal_tax")
    expect(page.locator("#results")).to_contain_text("Tax health check")
    shot("catalogue")
    page.get_by_role("link", name="Tax health check").click()
    page.locator("input[name=slot]").first.check()
    page.get_by_label("What do you need?").fill("Enclave tax split questions")
    shot("offering")
    page.get_by_role("button", name="Request this booking").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Requested")
    booking = act.booking_confirm(
        booking=Booking.objects.get(), actor=market.provider_user
    )
    page.reload()
    page.get_by_role("link", name=booking.invoice.number).click()
    page.get_by_role("button", name="Pay ¥1,200.00 by card").click()
    expect(page.locator("#amount")).to_have_text("cny 1200.00")  # the double's page
    page.get_by_role("button", name="Pay").click()
    expect(page.locator("#invoice-status")).to_contain_text("Paid", timeout=10_000)
    page.goto(f"/services/bookings/{booking.pk}/")
    expect(page.locator("#booking-paid")).to_be_visible()
    shot("paid")
    for verb in ("start", "complete"):
        getattr(act, f"booking_{verb}")(booking=booking, actor=market.provider_user)
    page.reload()
    page.get_by_label("Rating").fill("5")
    page.get_by_label("Comment").fill("Clear and fast.")
    page.get_by_role("button", name="Send the review").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Reviewed")
    shot("reviewed")
    page.goto(f"/services/offerings/{market.offering.pk}/")
    expect(page.locator("main")).to_contain_text("Clear and fast.")


def test_a_provider_confirms_completes_and_progresses_a_case(page: Page, market, shot):
    agency = provider_market(market.park, category="permit_agency")
    booking = act.booking_request(
        actor=market.tenant,
        offering=agency.offering,
        company=market.company,
        park=market.park,
        starts_at=_first_slot(agency.offering),
        permit_type=PermitType.CONSTRUCTION_PERMIT,
    )
    sign_in(page, agency.provider_user.email)
    nav = page.locator("header nav")
    expect(nav).not_to_contain_text("Admissions")
    nav.get_by_role("link", name="Provider portal").click()
    expect(page.locator("#requests")).to_contain_text(market.company.name)
    shot("portal")
    page.locator("#requests").get_by_role("link").first.click()
    for button in ("Confirm", "Start the service", "Mark as completed"):
        page.get_by_role("button", name=button).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Completed")
    page.get_by_role("link", name="Construction permit").click()
    step = booking.case.steps.get(owner="provider")
    item = page.locator(f"#step-{step.pk}")
    item.get_by_text("Update this step").click()
    item.get_by_label("Status").select_option("done")
    item.get_by_label("Note").fill("Drawings checked, filed online")
    item.get_by_role("button", name="Save").click()
    expect(page.locator(f"#step-{step.pk}")).to_contain_text("Done")
    shot("case")


def _first_slot(offering):
    from services.slots import offering_slots

    today = timezone.localdate()
    return offering_slots(offering, today, today + timedelta(days=7))[0].starts_at


def test_an_operator_approves_a_listing_and_sees_an_overdue_step(
    page: Page, market, shot
):
    newcomer = factories.ProviderStaffFactory(provider__name="Foshan Lean Consulting")
    listing = Listing.objects.create(provider=newcomer.provider, park=market.park)
    agency = provider_market(market.park, category="permit_agency")
    booking = act.booking_request(
        actor=market.tenant,
        offering=agency.offering,
        company=market.company,
        park=market.park,
        starts_at=_first_slot(agency.offering),
        permit_type=PermitType.EIA_APPROVAL,
    )
    step = booking.case.steps.first()
    step.due_on = timezone.localdate() - timedelta(days=2)
    step.save()
    sign_in(page, market.operator.email)
    expect(page.locator("#overdue-steps")).to_contain_text(step.title_en)
    shot("home")
    nav = page.locator("header nav")
    nav.get_by_text("Services", exact=True).click()
    nav.get_by_role("link", name="Service providers").click()
    row = page.locator(f"#listing-{listing.pk}")
    row.locator("select").select_option("approve")
    row.get_by_role("button", name="Record").click()
    expect(page.locator(f"#listing-{listing.pk}")).to_contain_text("Approved")
    shot("listings")
    page.locator("#overdue-steps").get_by_role("link", name=step.title_en).click()
    expect(page.locator(f"#step-{step.pk}")).to_contain_text("Overdue")
