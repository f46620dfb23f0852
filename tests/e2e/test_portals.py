"""Every portal in a real browser, in English and Chinese, on a phone (390 px) and a
desktop (1280 px): each main page answers, never scrolls sideways, shows no English
label on a Chinese page, and axe-core (bundled by its PyPI package, no CDN) finds no
serious or critical accessibility violation. The date forms are filled and sent in
Chinese, once valid and once invalid."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.e2e.portal_world import browse, settle, sign_in, world  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]
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


def serious_violations(page: Page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "portal", ["anonymous", "tenant", "operator", "bank", "provider", "admin"]
)
def test_every_main_page(
    browser,
    live_server,
    world,  # noqa: F811 - the imported fixture
    portal,
    language,
) -> None:
    user, urls = world["pages"][portal]
    problems: list[str] = []
    for width in WIDTHS:
        context = browse(browser, live_server, language, width)
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
            settle(page)
            overflow = page.evaluate(
                "document.scrollingElement.scrollWidth - window.innerWidth"
            )
            if overflow > 0:
                problems.append(f"{where}: {overflow}px wider than the screen")
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
    context = browse(browser, live_server, "zh-hans", 390)
    yield context.new_page()
    context.close()


def test_date_forms_in_chinese_keep_iso_values(
    zh_page: Page,
    world,  # noqa: F811 - the imported fixture
) -> None:
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
