"""The tenant onboarding journey in a real browser, in English and in Chinese:
sign up, register the company (live USCC check), upload the business licence."""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect
from stdnum.cn import uscc as stdnum_uscc

from core.forms import LoginForm, SignupForm
from tenants.forms import CompanyForm, DocumentForm
from tenants.models import Company, Document

pytestmark = [
    pytest.mark.browser,
    # The live server runs WhiteNoise before collectstatic; the finders serve.
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

LANGUAGES = ["en", "zh-hans"]
# What a user must read on each page; the Chinese is asserted literally so that
# an untranslated page fails here.
WORDS = {
    "en": {
        "switch_to": None,
        "sign_up": "Sign up",
        "signup_h1": "Create your account",
        "sign_in": "Sign in",
        "company_h1": "Register your company",
        "register": "Register company",
        "upload": "Upload",
        "documents_tab": "Documents",
        "kyc_h2": "KYC checklist",
        "licence": "Business licence",
        "too_short": "A USCC has 18 characters; this one has 17.",
        "valid": "Valid USCC",
        "wrong_type": "Only PDF, PNG or JPEG files are accepted.",
        "no_documents": "No documents yet",
        "filename": "business-licence.pdf",
    },
    "zh-hans": {
        "switch_to": "简体中文",
        "sign_up": "注册",
        "signup_h1": "创建账号",
        "sign_in": "登录",
        "company_h1": "登记企业",
        "register": "提交登记",
        "upload": "上传",
        "documents_tab": "资料",
        "kyc_h2": "企业资料（KYC）清单",
        "licence": "营业执照",
        "too_short": "统一社会信用代码应为 18 位，当前为 17 位。",
        "valid": "统一社会信用代码有效",
        "wrong_type": "仅接受 PDF、PNG 或 JPEG 文件。",
        "no_documents": "尚无资料",
        "filename": "营业执照.pdf",
    },
}


def make_uscc(serial: int) -> str:
    base = f"91440606MA{serial:07d}"[:17]
    return base + stdnum_uscc.calc_check_digit(base)


def minimal_pdf(text: str = "Business licence") -> bytes:
    """A small but well-formed one-page PDF (header, objects, xref, trailer)."""
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def label(form_class, field: str, language: str) -> str:
    """The field's label as the page shows it in that language."""
    with translation.override(language):
        return str(form_class.base_fields[field].label)


def choose_language(page: Page, language: str) -> None:
    """Switch with the header's language switcher, as a user would."""
    if language == "en":
        expect(page.locator("html")).to_have_attribute("lang", "en")
        return
    page.locator("header form.lang").get_by_role(
        "button", name=WORDS[language]["switch_to"]
    ).click()
    expect(page.locator("html")).to_have_attribute("lang", language)


def sign_up(page: Page, language: str, email: str) -> None:
    words = WORDS[language]
    page.locator("header a", has_text=words["sign_up"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["signup_h1"])
    page.get_by_label(label(SignupForm, "full_name", language)).fill("Li Wei")
    page.get_by_label(label(SignupForm, "email", language)).fill(email)
    page.get_by_label(label(SignupForm, "password", language)).fill("Tea-garden-42")
    page.locator("main").get_by_role("button", name=words["sign_up"]).click()
    # The same answer for a new and a taken email: sign in with the new account.
    expect(page.get_by_role("heading", level=1)).to_have_text(words["sign_in"])
    page.get_by_label(label(LoginForm, "email", language)).fill(email)
    page.get_by_label(label(LoginForm, "password", language)).fill("Tea-garden-42")
    page.locator("main").get_by_role("button", name=words["sign_in"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["company_h1"])


def fill_company(page: Page, language: str, uscc: str) -> None:
    def field(name: str):
        return page.get_by_label(label(CompanyForm, name, language))

    field("name").fill("Foshan Qiandongnan Precision Castings Co., Ltd.")
    field("uscc").fill(uscc)
    field("legal_representative").fill("Zhang San")
    field("founded_on").fill("2019-05-20")
    field("registered_capital").fill("5000000")
    field("annual_revenue").fill("18000000")
    field("employees").fill("85")
    field("industry_code").select_option("33")


def upload(page: Page, language: str, name: str, content: bytes) -> None:
    page.get_by_label(label(DocumentForm, "kind", language)).select_option(
        "business_license"
    )
    page.get_by_label(label(DocumentForm, "file", language)).set_input_files(
        {"name": name, "mimeType": "application/pdf", "buffer": content}
    )
    page.locator("#documents-panel form").get_by_role(
        "button", name=WORDS[language]["upload"]
    ).click()


def test_static_assets_load(page: Page, shot) -> None:
    response = page.goto("/")
    assert response is not None and response.ok
    page.wait_for_function("() => window.htmx !== undefined")
    assert page.evaluate("() => window.htmx.version").startswith("2.")
    shot("home-public")


@pytest.mark.parametrize("language", LANGUAGES)
def test_onboarding_journey(page: Page, shot, language: str) -> None:
    words = WORDS[language]
    page.goto("/")
    choose_language(page, language)
    shot("home-public")

    sign_up(page, language, email=f"li.wei.{language}@example.test")
    shot("register-company-empty")

    # A USCC one character short: htmx shows why while the user is typing.
    uscc = make_uscc(101 if language == "en" else 202)
    fill_company(page, language, uscc[:-1])
    feedback = page.locator("#uscc-feedback")
    expect(feedback).to_have_text(words["too_short"])
    expect(feedback).to_have_class(re.compile(r"\bbad\b"))
    shot("uscc-invalid")

    page.get_by_label(label(CompanyForm, "uscc", language)).fill(uscc)
    expect(feedback).to_contain_text(words["valid"])
    expect(feedback).to_have_class(re.compile(r"\bok\b"))
    shot("uscc-valid")

    page.get_by_role("button", name=words["register"], exact=True).click()
    expect(page.locator("nav.tabs a[aria-current=page]")).to_have_text(
        words["documents_tab"]
    )
    company = Company.objects.get(uscc=uscc)
    expect(page.get_by_role("heading", level=1)).to_have_text(company.name)
    expect(page.get_by_role("heading", name=words["kyc_h2"])).to_be_visible()
    licence_item = page.locator("ul.checklist li", has_text=words["licence"])
    expect(licence_item).not_to_have_class(re.compile(r"\bdone\b"))
    shot("documents-empty")

    upload(page, language, words["filename"], minimal_pdf())
    expect(page.get_by_role("link", name=words["filename"])).to_be_visible()
    expect(licence_item).to_have_class(re.compile(r"\bdone\b"))
    shot("documents-uploaded")

    document = Document.objects.get(company=company)
    assert document.filename == words["filename"]
    assert document.content_type == "application/pdf"


@pytest.mark.parametrize("language", LANGUAGES)
def test_wrong_file_type_is_refused(page: Page, shot, language: str) -> None:
    words = WORDS[language]
    page.goto("/")
    choose_language(page, language)
    sign_up(page, language, email=f"wrong.type.{language}@example.test")
    fill_company(page, language, make_uscc(303 if language == "en" else 404))
    page.get_by_role("button", name=words["register"], exact=True).click()

    upload(page, language, "licence.pdf", b"This is a text file, not a PDF.\n")

    panel = page.locator("#documents-panel")
    expect(panel.locator("small.error")).to_have_text(words["wrong_type"])
    expect(panel.locator(".empty")).to_contain_text(words["no_documents"])
    expect(panel.locator("table")).to_have_count(0)
    shot("wrong-type")
    assert not Document.objects.exists()


class TestWithoutJavaScript:
    @pytest.fixture
    def browser_context_args(self) -> dict:
        return {"java_script_enabled": False}

    def test_register_and_upload_with_plain_forms(self, page: Page, shot) -> None:
        page.goto("/")
        sign_up(page, "en", email="no.js@example.test")
        uscc = make_uscc(505)
        fill_company(page, "en", uscc)
        page.get_by_role("button", name="Register company", exact=True).click()
        expect(page.locator("nav.tabs a[aria-current=page]")).to_have_text("Documents")

        upload(page, "en", "business-licence.pdf", minimal_pdf())
        expect(page.get_by_role("link", name="business-licence.pdf")).to_be_visible()
        expect(
            page.locator("ul.checklist li.done", has_text="Business licence")
        ).to_be_visible()
        shot("documents-uploaded")
        assert Document.objects.filter(company__uscc=uscc).count() == 1
