"""Attraction in a real browser, in English and Simplified Chinese: the
operator reads the chain map (SVG and table) and moves a prospect across the
pipeline board with its buttons (htmx swaps the board in place)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from attraction.models import Chain, ChainLink, Prospect
from tests import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]
PASSWORD = "secret-pass-123"  # UserFactory's
TEXT = {
    "en": {
        "gap": "Gap",
        "weak": "Weak",
        "contacted": "Contacted",
        "move": "→ Contacted",
    },
    "zh-hans": {"gap": "缺失", "weak": "弱", "contacted": "已接洽", "move": "→ 已接洽"},
}


@pytest.fixture
def estate(transactional_db):
    manager = factories.OperatorStaffFactory(role="manager").user
    park = factories.ParkFactory(
        operator=manager.operator_staff.get().operator,
        name="Sansui Furniture Park",
        leading_industry="20",
        featured_industries=["21"],
    )
    chain = Chain.objects.create(
        park=park, name="Furniture", name_zh="家具", industry_code="21"
    )
    for order, (key, zh, codes) in enumerate(
        [
            ("timber", "林木", ["02"]),
            ("wood", "木材加工", ["20"]),
            ("furniture", "家具制造", ["21"]),
        ]
    ):
        ChainLink.objects.create(
            chain=chain,
            key=key,
            order=order,
            position="upstream" if order == 0 else "midstream",
            name=key.title(),
            name_zh=zh,
            industry_codes=codes,
        )
    firm = factories.CompanyFactory(name="Kaili Boards Co.")
    unit = factories.UnitFactory(building__park=park, park=park)
    factories.AdmissionApplicationFactory(
        company=firm,
        park=park,
        status="approved",
        industry_code="20",
        expected_annual_output=Decimal("30000000"),
    )
    factories.LeaseFactory(company=firm, unit=unit)
    prospect = Prospect.objects.create(
        park=park,
        company_name="Shunde Oak Furniture",
        industry_code="21",
        chain_link=chain.links.get(key="furniture"),
        source="fair",
        officer=manager,
        created_by=manager,
    )
    return manager, park, prospect


def sign_in(page: Page, user, language: str) -> None:
    page.goto("/accounts/login/")
    page.context.add_cookies(
        [
            {
                "name": "django_language",
                "value": language,
                "domain": "localhost",
                "path": "/",
            }
        ]
    )
    page.goto("/accounts/login/")
    page.locator("main input[name=email]").fill(user.email)
    page.locator("main input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile("/accounts/login/"))


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_chain_map_in_both_languages(page: Page, estate, language, shot):
    manager, park, _prospect = estate
    sign_in(page, manager, language)
    page.goto(f"/attraction/parks/{park.pk}/chain/")
    svg = page.locator("svg.chain-svg")
    expect(svg).to_be_visible()
    expect(svg.locator('g[data-key="timber"]')).to_have_attribute("data-status", "gap")
    expect(svg.locator('g[data-key="wood"]')).to_have_attribute("data-status", "weak")
    expect(svg.locator('g[data-key="timber"]')).to_contain_text(TEXT[language]["gap"])
    row = page.locator('table.chain-table tr[data-key="wood"]')
    expect(row).to_contain_text("Kaili Boards Co.")
    expect(row).to_contain_text("30,000,000")
    expect(page.locator('table.chain-table tr[data-key="furniture"]')).to_contain_text(
        "Shunde Oak Furniture"
    )
    shot(f"chain-{language}")
    # The public page shows the picture without the tenant's name.
    page.goto(f"/parks/{park.pk}/")
    expect(page.locator("section.attraction-public svg")).to_be_visible()
    expect(page.locator("section.attraction-public")).not_to_contain_text(
        "Kaili Boards"
    )


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_board_moves_a_prospect_in_both_languages(page: Page, estate, language, shot):
    manager, park, prospect = estate
    sign_in(page, manager, language)
    page.goto(f"/attraction/parks/{park.pk}/pipeline/")
    lead = page.locator('section[data-stage="lead"]')
    expect(lead.locator(f'article[data-prospect="{prospect.pk}"]')).to_be_visible()
    shot(f"board-{language}")
    lead.locator(
        f'article[data-prospect="{prospect.pk}"] button[data-to="contacted"]'
    ).click()
    contacted = page.locator('section[data-stage="contacted"]')
    expect(contacted.locator(f'article[data-prospect="{prospect.pk}"]')).to_be_visible()
    expect(contacted.locator("h3")).to_contain_text(TEXT[language]["contacted"])
    expect(page).to_have_url(re.compile(f"/attraction/parks/{park.pk}/pipeline/"))
    prospect.refresh_from_db()
    assert prospect.stage == "contacted"
    # Filters narrow the board: no prospect came from a partner city.
    page.locator("select[name=source]").select_option("partner_city")
    expect(contacted.locator("article")).to_have_count(0)
    shot(f"board-moved-{language}")


def test_board_works_without_javascript(browser, live_server, estate):
    manager, park, prospect = estate
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/accounts/login/")
        page.locator("main input[name=email]").fill(manager.email)
        page.locator("main input[name=password]").fill(PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.goto(f"/attraction/parks/{park.pk}/pipeline/")
        page.locator(
            f'article[data-prospect="{prospect.pk}"] button[data-to="visited"]'
        ).click()
        expect(
            page.locator(
                f'section[data-stage="visited"] article[data-prospect="{prospect.pk}"]'
            )
        ).to_be_visible()
    finally:
        context.close()
