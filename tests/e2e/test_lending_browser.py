"""Lending journeys in a real browser: the tenant asks two banks, compares their
offers and accepts one; a bank's maker drafts an offer that its checker issues."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from finance.models import FinanceRequest, Offer
from tests import factories
from tests.finance.lending_fixtures import issued_offer, market, submitted

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


@pytest.fixture
def parties(transactional_db):
    tenant = factories.MembershipFactory(role="owner").user
    company = tenant.memberships.get().company
    maker = factories.BankStaffFactory(role="maker").user
    bank = maker.bank_staff.get().bank
    checker = factories.BankStaffFactory(role="checker", bank=bank).user
    return tenant, company, market(maker, checker)


def test_tenant_requests_compares_and_accepts(page: Page, shot, parties):
    tenant, company, m = parties
    factories.DocumentFactory(company=company, filename="licence.pdf")
    sign_in(page, tenant)
    page.get_by_role("link", name="Finance", exact=True).click()
    shot("requests")
    page.get_by_role("button", name="New finance request").click()
    page.get_by_label("Amount (CNY)").fill("2000000")
    page.get_by_label("Term (months)").fill("24")
    page.get_by_label("Purpose").fill("Raw materials for a new order")
    expect(page.locator("#hints")).to_contain_text("3.80%")  # htmx refreshed
    # The bank list is refreshed live as the terms change: let the last refresh
    # land before ticking, so a late swap cannot untick a bank.
    page.wait_for_load_state("networkidle")
    for bank in (m.bank_a, m.bank_b):
        page.get_by_label(str(bank)).check()
    page.wait_for_load_state("networkidle")
    for bank in (m.bank_a, m.bank_b):
        expect(page.get_by_label(str(bank))).to_be_checked()
    shot("new-request")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator("h1")).to_contain_text("Working capital loan")
    page.get_by_label(re.compile("licence.pdf")).check()
    page.get_by_label(re.compile("^I consent")).check()
    page.get_by_role("button", name="Submit to the banks").click()
    expect(page.locator(".flash")).to_contain_text("Submitted")

    fin = FinanceRequest.objects.get()
    issued_offer(fin, m.maker_a, m.checker_a, annual_rate_percent="3.60")
    cheaper = issued_offer(fin, m.maker_b, m.checker_b, annual_rate_percent="3.20")
    page.reload()
    table = page.locator("table.comparison")
    expect(table).to_contain_text("APR (fees included)")
    expect(table.locator("thead th").nth(1)).to_have_text(str(m.bank_b))  # cheapest
    page.get_by_text(re.compile("Repayment schedule —")).first.click()
    shot("compare")
    table.get_by_role("button", name="Review and accept").first.click()
    expect(page.locator("h1")).to_have_text("Accept this offer?")
    expect(page.locator("main")).to_contain_text("What happens next")
    shot("confirm")
    page.get_by_role("button", name="Accept this offer").click()
    expect(page.locator(".flash")).to_contain_text("You accepted")
    cheaper.refresh_from_db()
    assert cheaper.status == "accepted"
    assert set(
        Offer.objects.exclude(pk=cheaper.pk).values_list("status", flat=True)
    ) == {"closed"}
    shot("accepted")


def test_bank_reviews_maker_offers_checker_issues(page: Page, context, shot, parties):
    tenant, company, m = parties
    fin = submitted(tenant, company, [m.bank_a])
    sign_in(page, m.maker_a)
    page.get_by_role("link", name="Inbox").click()
    expect(page.locator("table")).to_contain_text(company.name)
    shot("inbox")
    page.get_by_role("link", name=company.name).click()
    page.get_by_label("Annual rate (%)").fill("3.55")
    page.get_by_label("Upfront fees (CNY)").fill("2000")
    page.get_by_role("button", name="Draft offer").click()
    expect(page.locator(".flash")).to_contain_text("checker")
    expect(page.get_by_text("you cannot approve your own offer")).to_be_visible()
    shot("drafted")

    context.clear_cookies()
    sign_in(page, m.checker_a)
    page.goto(f"/bank/requests/{fin.pk}/")
    page.get_by_role("button", name="Approve and issue").click()
    expect(page.locator(".flash")).to_contain_text("issued")
    shot("issued")
    assert Offer.objects.get().status == "issued"
    fin.refresh_from_db()
    assert fin.status == "offers_received"
