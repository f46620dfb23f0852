# ruff: noqa: F811  (pytest fixtures imported from fixture modules)
"""A tenant pays an invoice through the (doubled) Stripe Checkout redirect and,
once the signed webhook lands, sees it paid."""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from tests import factories
from tests.billing.stripe_fixtures import (  # noqa: F401
    localstripe_url,
    stripe_double,
    stripe_on,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


def sign_in(page: Page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("secret-pass-123")
    page.locator("main").get_by_role("button").click()


def test_tenant_pays_an_invoice_by_card(page: Page, live_server, stripe_on, shot):
    stripe_on.webhook_url = f"{live_server.url}/payments/stripe/webhook"
    membership = factories.MembershipFactory(role="owner")
    park = factories.ParkFactory()
    factories.BillingSettingsFactory(operator=park.operator)
    invoice = factories.InvoiceFactory(
        company=membership.company, park=park, total=Decimal("2500.00")
    )
    sign_in(page, membership.user.email)
    page.locator("header nav").get_by_role("link", name="Invoices", exact=True).click()
    page.get_by_role("link", name=invoice.number).click()
    shot("invoice-open")
    page.get_by_role("button", name="Pay ¥2,500.00 by card").click()

    expect(page.locator("#amount")).to_have_text("cny 2500.00")  # the double's page
    shot("checkout")
    page.get_by_role("button", name="Pay").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Thank you for your payment"
    )
    expect(page.locator("#invoice-status")).to_contain_text("Paid", timeout=10_000)
    shot("paid")
    invoice.refresh_from_db()
    assert invoice.status == "paid"
