"""A tour of every tenant page in English and Chinese: each page answers, shows
the right language, and leaves a screenshot in screenshots/ for people to look at."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests import factories
from tests.e2e.test_onboarding import choose_language

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

# (page, url name, English h1, Chinese h1); None: the h1 is the company's name.
PAGES = [
    ("register-company", "tenants:company_new", "Register your company", "登记企业"),
    ("company-profile", "tenants:company", None, None),
    ("documents", "tenants:documents", None, None),
    ("members", "tenants:members", None, None),
    ("tokens", "core:tokens", "Personal API tokens", "个人 API 令牌"),
]
PUBLIC = [
    ("sign-in", "core:login", "Sign in", "登录"),
    ("sign-up", "core:signup", "Create your account", "创建账号"),
]


@pytest.fixture
def owner(db):
    membership = factories.MembershipFactory(
        role="owner",
        user__full_name="Chen Jing",
        user__email="chen.jing@example.test",
        company__name="Kaili Hardware Tools Co., Ltd.",
    )
    company = membership.company
    factories.MembershipFactory(
        company=company, role="member", user__full_name="Wang Fang"
    )
    factories.DocumentFactory(
        company=company, uploaded_by=membership.user, filename="营业执照.pdf"
    )
    return membership.user


def heading(h1: tuple[str | None, str | None], language: str, fallback: str) -> str:
    english, chinese = h1
    text = chinese if language == "zh-hans" else english
    return text or fallback


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_every_tenant_page_in_both_languages(
    page: Page, shot, owner, language: str
) -> None:
    company = owner.memberships.get().company
    page.goto("/")
    choose_language(page, language)
    shot("home-public")
    for name, url_name, *h1 in PUBLIC:
        page.goto(reverse(url_name))
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.get_by_role("heading", level=1)).to_have_text(
            heading(h1, language, "")
        )
        shot(name)

    page.goto(reverse("core:login"))
    page.locator("input[name=email]").fill(owner.email)
    page.locator("input[name=password]").fill("secret-pass-123")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("header details.user-menu summary")).to_have_text("Chen Jing")
    shot("home")

    for name, url_name, *h1 in PAGES:
        args = [company.pk] if url_name.startswith("tenants:") and h1[0] is None else []
        page.goto(reverse(url_name, args=args))
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.get_by_role("heading", level=1)).to_have_text(
            heading(h1, language, company.name)
        )
        shot(name)
