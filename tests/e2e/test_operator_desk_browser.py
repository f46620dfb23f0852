"""The operator's finance desk in a browser: the rent run previewed then
confirmed (the receivables refresh by themselves), and a bank statement
uploaded, reviewed and confirmed; the desk's pages at 390 and 1280 px in both
languages never scroll sideways."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from billing.models import Invoice, Payment
from tests import factories
from tests.e2e.conftest import SCREENSHOTS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]
PASSWORD = "secret-pass-123"  # UserFactory's


@pytest.fixture
def desk(transactional_db):
    operator = factories.OperatorFactory(name="Kaili Park Operations")
    finance = factories.OperatorStaffFactory(operator=operator, role="finance").user
    officer = factories.OperatorStaffFactory(operator=operator, role="staff").user
    factories.BillingSettingsFactory(operator=operator, invoice_prefix="KL")
    park = factories.ParkFactory(operator=operator, name="Kaili Enclave Park")
    building = factories.BuildingFactory(park=park)
    start = date(timezone.localdate().year - 1, 1, 1)
    for i in range(3):
        unit = factories.UnitFactory(park=park, building=building, code=f"A-{i}")
        factories.LeaseFactory(
            unit=unit,
            start_date=start,
            end_date=date(start.year + 3, 12, 31),
            monthly_rent=Decimal("12000.00"),
            rent_free_months=36 if i == 2 else 0,  # still free: an exception
        )
    for i in range(30):  # a second page of parks on the overview
        factories.ParkFactory(operator=operator, name=f"Park {i:02d}")
    return {"operator": operator, "finance": finance, "officer": officer, "park": park}


def sign_in(page: Page, user) -> None:
    page.goto("/accounts/login/")
    page.locator("main input[name=email]").fill(user.email)
    page.locator("main input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile("/accounts/login/"))


def test_rent_run_preview_confirm_and_statement_import(
    page: Page, desk, shot, tmp_path: Path
):
    sign_in(page, desk["finance"])
    page.goto("/billing/")
    expect(page.locator("#receivables")).to_contain_text("Nothing is owed")
    page.get_by_role("button", name="Preview the rent run").click()
    preview = page.locator("#rent-run-preview")
    expect(preview.locator('[data-preview="count"]')).to_have_text("2")
    expect(preview.locator('[data-preview="total"]')).to_have_text("¥24,000.00")
    expect(preview).to_contain_text("Rent-free month")
    assert not Invoice.objects.exists()
    shot("rent-run-preview")
    page.get_by_role("button", name="Confirm: issue 2 invoices").click()
    expect(page.locator("#rent-run .rent-run")).to_contain_text("2 invoices issued")
    # The run's end refreshed the receivables without a reload.
    expect(page.locator("#receivables")).to_contain_text("Kaili Enclave Park")
    expect(page.locator("#receivables")).to_contain_text("¥24,000.00")
    shot("rent-run-done")

    first, second = Invoice.objects.order_by("seq")
    day = (timezone.localdate() - timedelta(days=1)).isoformat()
    statement = tmp_path / "statement.csv"
    statement.write_bytes(
        (
            "交易日期,金额,附言,付款人\n"
            f"{day},12000.00,{first.number} 租金,贵州甲公司\n"
            f"{day},12000.00,房租,贵州乙公司\n"
            f"{day},99.00,,某人\n"
            "坏日期,1.00,,某人\n"
        ).encode("gbk")
    )
    page.goto("/billing/reconciliation/")
    page.get_by_label("Bank statement (CSV)").set_input_files(str(statement))
    page.get_by_role("button", name="Read the statement and propose matches").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Review the bank statement"
    )
    # Line 2 names its invoice; line 3's amount is owed on both: the operator
    # would pick; line 4 matches nothing; line 5 is not a date.
    expect(page.locator('[data-status="matched"]')).to_have_count(1)
    expect(page.locator('[data-status="ambiguous"]')).to_have_count(1)
    expect(page.locator('[data-status="unmatched"]')).to_have_count(1)
    expect(page.locator("main")).to_contain_text("Line 5:")
    shot("statement-review")
    page.get_by_role("button", name="Record the selected payments").click()
    expect(page.locator("main")).to_contain_text("1 payment was recorded.")
    shot("statement-confirmed")
    first.refresh_from_db()
    assert first.status == "paid" and Payment.objects.count() == 1
    assert second.status == "open"


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_desk_pages_fit_phones_and_desktops(browser, live_server, desk, language):
    problems = []
    pages = [
        "/",
        "/billing/",
        "/billing/reconciliation/",
        "/operator/occupancy/",
        "/operator/occupancy/?sort=-occupancy&page=2",
        "/leases/?expiring=90",
        "/invoices/?due=overdue",
    ]
    for width in (390, 1280):
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": width, "height": 900}
        )
        context.add_cookies(
            [{"name": "django_language", "value": language, "url": live_server.url}]
        )
        page = context.new_page()
        sign_in(page, desk["finance"])
        for url in pages:
            response = page.goto(url)
            assert response is not None and response.status == 200, url
            overflow = page.evaluate(
                "document.scrollingElement.scrollWidth - window.innerWidth"
            )
            if overflow > 0:
                problems.append(f"{language} {width}px {url}: {overflow}px too wide")
            name = re.sub(r"\W+", "-", url).strip("-") or "home"
            folder = SCREENSHOTS / "operator-desk"
            folder.mkdir(parents=True, exist_ok=True)
            page.screenshot(
                path=str(folder / f"{language}-{width}-{name}.png"), full_page=True
            )
        page.goto("/billing/")
        page.locator("#rent-run button[type=submit]").click()
        expect(page.locator("#rent-run-preview")).to_be_visible()
        overflow = page.evaluate(
            "document.scrollingElement.scrollWidth - window.innerWidth"
        )
        if overflow > 0:
            problems.append(f"{language} {width}px preview: {overflow}px too wide")
        context.close()
    assert not problems, "\n".join(problems)


def test_desk_forms_refuse_bad_input_in_chinese_and_keep_nothing(
    browser, live_server, desk
):
    """The desk's forms that the form table cannot cover (a preview, a filter, an
    upload reviewed before anything is written), sent invalid in zh-hans: each
    shows its error at the field and nothing is issued, paid or created."""
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 900}
    )
    context.add_cookies(
        [{"name": "django_language", "value": "zh-hans", "url": live_server.url}]
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    sign_in(page, desk["finance"])
    errors = "small.error, .form-errors"

    # The rent run's month left empty: the preview refuses it.
    page.goto("/billing/")
    month = page.locator("#rent-run input[name=period]")
    month.fill("")
    page.locator("#rent-run button[type=submit]").click()
    expect(page.locator("#rent-run").locator(errors).first).to_be_visible()

    # A reconciliation period that ends before it starts.
    page.goto("/billing/reconciliation/")
    since = timezone.localdate()
    page.locator("main input[name=since]").fill(since.isoformat())
    page.locator("main input[name=until]").fill((since - timedelta(10)).isoformat())
    with page.expect_navigation():
        page.locator("main form[role=search] button[type=submit]").click()
    search = page.locator("main form[role=search]")
    expect(search.locator(errors).first).to_be_visible()
    expect(search.locator("input[name=since]")).to_have_value(since.isoformat())

    # A statement that is not a CSV file at all.
    upload = page.locator("main form[enctype='multipart/form-data']")
    upload.locator("input[name=file]").set_input_files(
        {"name": "statement.csv", "mimeType": "text/csv", "buffer": b"\x00\xff" * 64}
    )
    with page.expect_navigation():
        upload.locator("button[type=submit]").click()
    expect(upload.locator(errors).first).to_be_visible()

    # A units workbook that is not a workbook, sent by the park's staff (the
    # import is theirs: finance is not offered it).
    context.clear_cookies()
    context.add_cookies(
        [{"name": "django_language", "value": "zh-hans", "url": live_server.url}]
    )
    sign_in(page, desk["officer"])
    page.goto(f"/operator/parks/{desk['park'].pk}/units/import/")
    page.locator("main input[name=file]").set_input_files(
        {"name": "units.xlsx", "mimeType": "application/octet-stream", "buffer": b"no"}
    )
    page.locator("main form button[type=submit]").click()
    expect(
        page.locator("main").locator(errors + ", .flash.error").first
    ).to_be_visible()

    assert Invoice.objects.count() == 0
    assert Payment.objects.count() == 0
    assert desk["park"].units.count() == 3
    context.close()
