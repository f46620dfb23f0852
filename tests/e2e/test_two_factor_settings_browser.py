"""An operator's manager (who uses an authenticator) requires two-factor sign-in
from the operator's security page; a staff member who is signed in at that moment,
without an authenticator, is asked to enrol at the next click."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.hardening.test_two_factor import PASSWORD, code_for, enrolled

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, user) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Sign in").click()
    expect(page).not_to_have_url("/accounts/login/")


def test_a_manager_requires_two_factor_and_staff_are_asked_to_enrol(
    page, browser, live_server, operator_user, shot
):
    operator = operator_user.operator_staff.get().operator
    staff = factories.OperatorStaffFactory(operator=operator, role="staff").user
    staff_context = browser.new_context(base_url=live_server.url, locale="en-GB")
    staff_page = staff_context.new_page()
    sign_in(staff_page, staff)
    staff_page.goto("/")
    expect(staff_page.get_by_role("link", name="My parks")).to_be_visible()

    # The manager uses an authenticator (whoever requires it uses it first).
    device = enrolled(operator_user)
    sign_in(page, operator_user)
    page.get_by_label("6-digit code").fill(code_for(device))
    page.get_by_role("button", name="Verify").click()
    page.locator("summary", has_text=str(operator_user)).click()
    page.get_by_role("link", name="Operator security").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Security")
    expect(page.locator("article")).to_contain_text("Not required")
    shot("before")
    page.get_by_role("button", name="Require two-factor sign-in").click()
    expect(page.locator(".flash.success")).to_contain_text(
        "Two-factor sign-in is now required of your staff."
    )
    expect(page.locator("article .badge")).to_have_text("Required")
    shot("required")

    staff_page.get_by_role("link", name="My parks").click()
    expect(staff_page.get_by_role("heading", level=1)).to_have_text(
        "Two-factor sign-in"
    )
    expect(staff_page.locator(".flash.warning")).to_contain_text(
        "Your organisation requires two-factor sign-in"
    )
    staff_page.screenshot(path=str(shot("manager-after").parent / "staff-enrol.png"))
    staff_context.close()
