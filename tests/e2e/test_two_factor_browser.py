"""A bank whose staff must use two-factor: the maker signs in, is sent to enrol,
scans the QR code (an inline SVG, under the page's CSP), enters a code and works."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.hardening.test_two_factor import PASSWORD, code_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_required_two_factor_enrolment_in_the_browser(page, maker, shot):
    bank = maker.bank_staff.get().bank
    bank.require_staff_2fa = True
    bank.save()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(maker.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-factor sign-in")
    qr = page.get_by_role("img", name="QR code for your authenticator app")
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.naturalWidth") > 0  # the SVG really drew
    shot("enrol")
    device = TOTPDevice.objects.get(user=maker, confirmed=False)
    page.get_by_label("6-digit code").fill(code_for(device))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.locator(".flash.success")).to_contain_text("Two-factor sign-in is on")
    shot("after")
