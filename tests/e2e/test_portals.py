"""Every portal in a real browser, in English and Chinese, on a phone (390 px) and a
desktop (1280 px): each main page answers, never scrolls sideways, shows no English
label on a Chinese page, and axe-core (bundled by its PyPI package, no CDN) finds no
serious or critical accessibility violation. The date forms are filled and sent in
Chinese, once valid and once invalid."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from playwright.sync_api import Page, expect

from core.models import NotificationKind
from core.notifications import notify
from tests import factories
from tests.finance.lending_fixtures import issued_offer, market, submitted

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]
PASSWORD = "secret-pass-123"  # UserFactory's
WIDTHS = (390, 1280)
LANGUAGES = ("en", "zh-hans")
# Words that stay as they are in Chinese: the brand, product names, file types.
KEPT_WORDS = {"Enclave", "Excel", "xlsx", "CSV", "Stripe", "Bearer", "Authorization"}

# The visible labels of a page: text directly inside headings, cells, labels,
# buttons, links, badges and options, and placeholders; an element marked with
# another language (the language switcher, the English half of a name) is skipped.
LABELS_JS = r"""() => {
  const out = new Set();
  const sel = 'main h1, main h2, main h3, main th, main label, main button,'
    + ' main summary, main legend, main a, main p, main td, main dt, main dd,'
    + ' main small, main li, main span.badge, main option,'
    + ' header a, header summary, header button, header label';
  for (const el of document.querySelectorAll(sel)) {
    const marked = el.closest('[lang]');
    if (marked && !marked.lang.startsWith('zh')) continue;
    if (el.closest('code, pre')) continue;
    let text = '';
    for (const node of el.childNodes) if (node.nodeType === 3) text += node.textContent;
    text = text.replace(/\s+/g, ' ').trim();
    if (text) out.add(text);
  }
  for (const el of document.querySelectorAll('main [placeholder]')) {
    out.add(el.placeholder);
  }
  return [...out];
}"""


def english_labels(texts: list[str], names: set[str]) -> list[str]:
    """Labels with no Chinese and an English word of three letters or more,
    once names (of parks, companies, people...) and kept words are taken out."""
    flagged = []
    for text in texts:
        if re.search(r"[\u3400-\u9fff]", text):
            continue
        rest = text
        for name in sorted(names, key=len, reverse=True):
            rest = rest.replace(name, " ")
        words = re.findall(r"[A-Za-z]{3,}", rest)
        if any(w not in KEPT_WORDS and not w.isupper() for w in words):
            flagged.append(text)
    return flagged


@pytest.fixture
def world(transactional_db):
    """A small park with a tenant that leased, was invoiced and asked two banks."""
    operator_staff = factories.OperatorStaffFactory(
        user__full_name="王芳", operator__name="Kaili Park Operations Co."
    )
    operator = operator_staff.operator
    factories.BillingSettingsFactory(
        operator=operator, bank_name_zh="中国农业银行凯里支行"
    )
    park = factories.ParkFactory(
        operator=operator,
        host_region_zh="黔东南",
        partner_region_zh="佛山",
        description="Standard factories for machinery.",
        description_zh="为机械制造提供标准厂房。",
    )
    building = factories.BuildingFactory(park=park, name="A1", name_zh="A1 标准厂房")
    units = [factories.UnitFactory(building=building) for _ in range(3)]
    tenant = factories.MembershipFactory(
        role="owner",
        user__full_name="李伟",
        company__name="黔东南精工模具有限公司",
    ).user
    company = tenant.memberships.get().company
    factories.AdmissionApplicationFactory(company=company, park=park, status="approved")
    factories.AdmissionApplicationFactory(park=park, status="submitted")
    lease = factories.LeaseFactory(unit=units[0], company=company)
    factories.LeaseApplicationFactory(unit=units[1], company=company)
    invoice = factories.InvoiceFactory(
        park=park, company=company, total=Decimal("49300.00"), kind="rent"
    )
    factories.InvoiceFactory(
        park=park, company=company, due_date=timezone.localdate() - timedelta(5)
    )
    maker = factories.BankStaffFactory(role="maker", user__full_name="刘洋").user
    bank = maker.bank_staff.get().bank
    checker = factories.BankStaffFactory(
        role="checker", bank=bank, user__full_name="孙敏"
    ).user
    m = market(maker, checker)
    fin = submitted(tenant, company, [m.bank_a, m.bank_b])
    offer = issued_offer(fin, m.maker_a, m.checker_a, amount="1500000")
    notify(
        users=[tenant],
        kind=NotificationKind.INVOICE_ISSUED,
        message=gettext_lazy("Invoice %(number)s (%(amount)s) is due on %(due)s."),
        params={"number": invoice.number, "amount": "¥49,300.00", "due": "2026-12-01"},
        url=invoice.get_absolute_url(),
    )
    pages = {
        "anonymous": (
            None,
            [
                "/",
                reverse("parks:park_list"),
                reverse("parks:park", args=[park.pk]),
                reverse("core:login"),
                reverse("core:signup"),
                reverse("core:password_reset"),
            ],
        ),
        "tenant": (
            tenant,
            [
                "/",
                reverse("parks:park", args=[park.pk]),
                reverse("parks:admission_list"),
                reverse("parks:lease_list"),
                reverse("parks:lease", args=[lease.pk]),
                reverse("billing:invoices"),
                invoice.get_absolute_url(),
                reverse("finance:requests"),
                reverse("finance:request", args=[fin.pk]),
                reverse("finance:offer_accept", args=[offer.pk]),
                reverse("finance:request_new"),
                reverse("tenants:company", args=[company.pk]),
                reverse("core:notifications"),
                reverse("core:notification_settings"),
                reverse("core:password_change"),
            ],
        ),
        "operator": (
            operator_staff.user,
            [
                "/",
                reverse("parks:operator_parks"),
                reverse("parks:admission_queue"),
                reverse("parks:lease_application_list"),
                reverse("parks:lease_list"),
                reverse("parks:lease_list") + "?expiring=90",
                reverse("billing:invoices") + "?due=overdue",
                reverse("parks:occupancy_parks"),
                reverse("parks:park_dashboard", args=[park.pk]),
                reverse("parks:units_admin", args=[park.pk]),
                reverse("parks:rent_roll", args=[park.pk]),
                reverse("billing:billing"),
                reverse("billing:reconciliation"),
                invoice.get_absolute_url(),
            ],
        ),
        "bank": (
            checker,
            [
                "/",
                reverse("finance:bank_inbox"),
                reverse("finance:bank_inbox") + "?queue=approval",
                reverse("finance:bank_request", args=[fin.pk]),
                reverse("finance:bank_audit"),
            ],
        ),
    }
    names = {
        str(x)
        for obj in (operator, park, building, company, bank, m.bank_b, tenant, maker)
        for x in (getattr(obj, "name", ""), getattr(obj, "full_name", ""))
        if x
    } | {park.host_region, park.partner_region, invoice.number}
    # What people typed is theirs, in whatever language they typed it.
    names |= {str(u.code) for u in units} | {fin.purpose, offer.conditions}
    names |= {str(p.name) for b in (m.bank_a, m.bank_b) for p in b.products.all()}
    return {"pages": pages, "names": names, "invoice": invoice, "company": company}


def sign_in(page: Page, user) -> None:
    page.goto(reverse("core:login"))
    page.locator("main input[name=email]").fill(user.email)
    page.locator("main input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile("/accounts/login/"))


def serious_violations(page: Page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("portal", ["anonymous", "tenant", "operator", "bank"])
def test_every_main_page(browser, live_server, world, portal, language) -> None:
    user, urls = world["pages"][portal]
    problems: list[str] = []
    for width in WIDTHS:
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": width, "height": 900}
        )
        context.add_cookies(
            [{"name": "django_language", "value": language, "url": live_server.url}]
        )
        context.set_default_timeout(10_000)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))
        if user is not None:
            sign_in(page, user)
        for url in urls:
            response = page.goto(url)
            where = f"{portal} {language} {width}px {url}"
            if response is None or response.status != 200:
                problems.append(f"{where}: status {response and response.status}")
                continue
            page.wait_for_load_state("networkidle")
            overflow = page.evaluate(
                "document.scrollingElement.scrollWidth - window.innerWidth"
            )
            if overflow > 0:
                problems.append(f"{where}: {overflow}px wider than the screen")
            if width == 1280:
                if language == "zh-hans":
                    english = english_labels(page.evaluate(LABELS_JS), world["names"])
                    if english:
                        problems.append(f"{where}: untranslated {english}")
                problems += [f"{where}: axe {v}" for v in serious_violations(page)]
        problems += [f"{portal} {language} {width}px: JS error {e}" for e in errors]
        context.close()
    assert not problems, "\n".join(problems)


@pytest.fixture
def zh_page(browser, live_server) -> Page:
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 900}
    )
    context.add_cookies(
        [{"name": "django_language", "value": "zh-hans", "url": live_server.url}]
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def test_date_forms_in_chinese_keep_iso_values(zh_page: Page, world) -> None:
    """Editing a company keeps its founding date; the operator's bank-transfer form
    takes a date — in zh-hans, on a phone, once invalid and once valid."""
    page = zh_page
    company = world["company"]
    tenant = company.memberships.get().user
    sign_in(page, tenant)
    page.goto(reverse("tenants:company", args=[company.pk]))
    page.locator("main details > summary").first.click()  # 修改资料
    founded = page.locator("input[name=founded_on]")
    expect(founded).to_have_value(company.founded_on.isoformat())
    page.locator("input[name=employees]").fill("-1")  # invalid
    founded.locator("xpath=ancestor::form").locator("[type=submit]").click()
    expect(page.locator("main small.error, main .form-errors").first).to_be_visible()
    expect(page.locator("input[name=founded_on]")).to_have_value(
        company.founded_on.isoformat()
    )
    page.locator("input[name=employees]").fill("60")
    page.locator("input[name=founded_on]").locator("xpath=ancestor::form").locator(
        "[type=submit]"
    ).click()
    expect(page.locator(".flash").first).to_be_visible()
    company.refresh_from_db()
    assert company.employees == 60 and company.founded_on == date(2018, 1, 1)

    operator_user = world["invoice"].park.operator.staff.get().user
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "django_language", "value": "zh-hans", "url": page.url}]
    )
    sign_in(page, operator_user)
    invoice = world["invoice"]
    page.goto(invoice.get_absolute_url())
    paid_on = page.locator("input[name=paid_on]")
    expect(paid_on).to_have_value(re.compile(r"^\d{4}-\d{2}-\d{2}$"))
    form = paid_on.locator("xpath=ancestor::form")
    form.locator("input[name=amount]").fill("")  # invalid: no amount
    form.locator("[type=submit]").click()
    expect(page.locator("input[name=paid_on]")).to_have_value(
        re.compile(r"^\d{4}-\d{2}-\d{2}$")
    )
    form = page.locator("input[name=paid_on]").locator("xpath=ancestor::form")
    form.locator("input[name=amount]").fill("49300")
    form.locator("[type=submit]").click()
    expect(page.locator("main")).to_contain_text("¥49,300.00")
    invoice.refresh_from_db()
    assert invoice.status == "paid"
