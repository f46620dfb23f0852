"""Every form of every portal, sent in a real browser once with invalid input (in
Chinese: Chinese users hit broken forms first) and once with valid input (in
English). Invalid: the error shows next to the field, what was typed is still
there and nothing changed. Valid: no error, and the change is in the database.

One row per form: where it lives, a field that picks it out on the page, what to
type for each case and what in the database changes when the form works. Each
portal runs in one browser context signed in once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Locator, Page, expect

from billing.models import Invoice
from governance.actions.concerns import concern_raise
from services.actions.bookings import booking_request
from tests import factories, samples
from tests.e2e.portal_world import browse, set_language, sign_in, world  # noqa: F401
from tests.hardening.test_two_factor import code_for
from tests.services.conftest import at

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]
FIRST = object()  # check the first radio button of a group, whatever its value
PDF = {"name": "slip.pdf", "mimeType": "application/pdf", "buffer": samples.PDF}
ERRORS = "small.error, .form-errors, .errorlist, .errornote"
TODAY = timezone.localdate()


def iso(days: int) -> str:
    return (TODAY + timedelta(days=days)).isoformat()


def last_quarter() -> str:
    quarter = (TODAY.month - 1) // 3  # the one before the current, 0 = last year's Q4
    return f"{TODAY.year}Q{quarter}" if quarter else f"{TODAY.year - 1}Q4"


@dataclass(frozen=True)
class Form:
    """A form on a page: `anchor` is a field name only this form has there;
    `state(w)` changes exactly when a valid submission took effect."""

    name: str
    url: Callable[[dict], str]
    anchor: str
    invalid: dict[str, Any]
    valid: dict[str, Any]
    state: Callable[[dict], Any]
    button: str = "[type=submit]"
    kept: tuple[str, ...] = field(default=())  # typed fields that must survive
    done: str = ".flash.success, .messagelist .success"  # what says it worked

    def __str__(self) -> str:
        return self.name


def count(model_path: str, **filters) -> Callable[[dict], int]:
    from django.apps import apps

    return lambda w: apps.get_model(model_path).objects.filter(**filters).count()


def value(model_path: str, attr: str, **filters) -> Callable[[dict], Any]:
    from django.apps import apps

    return lambda w: getattr(apps.get_model(model_path).objects.get(**filters), attr)


def refreshed(key: str, attr: str) -> Callable[[dict], Any]:
    def read(w: dict) -> Any:
        obj = w[key]
        obj.refresh_from_db()
        return getattr(obj, attr)

    return read


COMPANY = {
    "name": "黔东南新材料有限公司",
    "legal_representative": "张强",
    "registered_capital": "5000000",
    "founded_on": "2020-05-01",
    "employees": "40",
    "annual_revenue": "12000000",
    "industry_code": "34",
}
UNIT = {
    "code": "A1-201",
    "floor": "2",
    "area_m2": "800",
    "floor_load_kn_m2": "8",
    "ceiling_height_m": "6",
    "power_kva": "200",
    "monthly_rent_per_m2": "18",
}
COSTS = {
    "as_of": TODAY.isoformat(),
    "sale_price_per_m2": "3000",
    "wage_general": "4200",
    "wage_skilled": "5200",
    "wage_technical": "6500",
    "power_tariff": "0.60",
    "water_tariff": "3.50",
    "gas_tariff": "3.20",
    "sources": "黔东南州统计局 2026",
    "logistics_prd": "120",
}
OFFER = {
    "amount": "1800000",
    "annual_rate_percent": "3.80",
    "term_months": "24",
    "fees": "0",
    "conditions": "法定代表人个人担保",
}
REPORT = {"output": "25000000", "tax_paid": "1200000", "employees": "80"}
OFFERING = {
    "name_en": "Annual audit",
    "name_zh": "年度审计",
    "duration_minutes": "120",
    "free_cancel_hours": "24",
    "cancel_fee_percent": "50",
}

FORMS: dict[str, list[Form]] = {
    "anonymous": [
        Form(
            "sign in",
            lambda w: reverse("core:login"),
            "password",
            {"email": lambda w: w["tenant"].email, "password": "wrong-password"},
            {"password": "secret-pass-123"},
            refreshed("tenant", "last_login"),
            kept=("email",),
            done="",  # lands on the home page; last_login says it worked
        ),
        Form(
            "password reset",
            lambda w: reverse("core:password_reset"),
            "email",
            {"email": "not-an-email"},
            {"email": lambda w: w["tenant"].email},
            lambda w: len(mail.outbox),
            done="main article.narrow h1",  # the "check your email" page
        ),
        Form(
            "sign up",
            lambda w: reverse("core:signup"),
            "full_name",
            {"full_name": "韩梅梅", "email": "han@example", "password": "short"},
            {"email": "han.meimei@example.com", "password": "a-long-pass-2026"},
            count("core.User", email="han.meimei@example.com"),
            done=".flash.info",  # the same answer for new and known addresses
            kept=("full_name", "email"),
        ),
    ],
    "tenant": [
        Form(
            "edit the company",
            lambda w: reverse("tenants:company", args=[w["company"].pk]),
            "founded_on",
            {"employees": "-1", "legal_representative": "李伟"},
            {"employees": "60"},
            refreshed("company", "employees"),
            kept=("employees", "legal_representative", "founded_on"),
        ),
        Form(
            "register a company",
            lambda w: reverse("tenants:company_new"),
            "uscc",
            {**COMPANY, "uscc": "123"},
            {"uscc": factories.valid_uscc(424242)},
            count("tenants.Company", name=COMPANY["name"]),
            kept=("uscc", "name", "founded_on"),
        ),
        Form(
            "invite a member",
            lambda w: reverse("tenants:members", args=[w["company"].pk]),
            "role",
            {"email": "colleague@example"},
            {"email": "colleague@example.com"},
            count("tenants.Invitation", email="colleague@example.com"),
            kept=("email",),
        ),
        Form(
            "upload a document",
            lambda w: reverse("tenants:documents", args=[w["company"].pk]),
            "file",
            {"kind": "other"},
            {"file": PDF},
            count("tenants.Document"),
        ),
        Form(
            "apply for admission to a park",
            lambda w: reverse("parks:admission_new", args=[w["park2"].pk]),
            "project_summary",
            {
                "company": lambda w: str(w["company"].pk),
                "project_summary": "精密模具生产线，年产注塑模具 800 套",
                "industry_code": "35",
                "planned_investment": "80000000",
                "expected_annual_output": "120000000",
                "expected_annual_tax": "6000000",
                "jobs": "-5",
                "land_mu": "30",
                "pollution_category": "low",
            },
            {"jobs": "120"},
            count("parks.AdmissionApplication", park__name="Dushan Park"),
            kept=("project_summary", "planned_investment", "jobs"),
        ),
        Form(
            "apply to lease a unit",
            lambda w: reverse("parks:lease_apply", args=[w["units"][2].pk]),
            "start_date",
            {
                "company": lambda w: str(w["company"].pk),
                "start_date": "",
                "term_months": "0",
                "note": "希望尽快入驻",
            },
            {"start_date": iso(40), "term_months": "36"},
            count("parks.LeaseApplication"),
            kept=("term_months", "note"),
        ),
        Form(
            "notify a bank transfer",
            lambda w: w["invoice"].get_absolute_url(),
            "slip",
            {"amount": "49300", "paid_on": iso(0), "reference": "HX2026001"},
            {"slip": PDF},
            count("billing.Payment", status="flagged"),
            kept=("amount", "paid_on", "reference"),
        ),
        Form(
            "raise a concern",
            lambda w: reverse("governance:commitment", args=[w["commitment"].pk]),
            "text",
            {"text": ""},
            {"text": "请尽快拨付设备补贴。"},
            count("governance.Concern"),
        ),
        Form(
            "file an operating report",
            lambda w: reverse("governance:reports"),
            "period",
            {**REPORT, "period": "2026Q9", "energy_tce": "-1"},
            {"period": last_quarter(), "energy_tce": "120"},
            count("governance.OperatingReport"),
            kept=("period", "output", "tax_paid", "employees"),
        ),
        Form(
            "book a service",
            lambda w: reverse("services:offering", args=[w["shop"].offering.pk]),
            "notes",
            {
                "company": lambda w: str(w["company"].pk),
                "notes": "需要讨论飞地税收分成",
            },
            {"slot": FIRST},
            count("services.Booking"),
            kept=("notes",),
        ),
        Form(
            "message the provider",
            lambda w: reverse("services:booking", args=[w["booking"].pk]),
            "body",
            {"body": ""},
            {"body": "您好，请确认上门时间。"},
            count("services.BookingMessage"),
            done="#messages article.message",
        ),
        Form(
            "ask banks for finance",
            lambda w: reverse("finance:request_new"),
            "purpose",
            {
                "company": lambda w: str(w["company"].pk),
                "kind": "working_capital_loan",
                "amount": "0",
                "term_months": "24",
                "purpose": "补充原材料采购的流动资金",
            },
            {"amount": "2000000", "banks": lambda w: str(w["market"].bank_a.pk)},
            count("finance.FinanceRequest"),
            kept=("amount", "term_months", "purpose"),
        ),
        Form(
            "change the password",
            lambda w: reverse("core:password_change"),
            "old_password",
            {
                "old_password": "not-my-password",
                "new_password1": "a-new-pass-2026",
                "new_password2": "a-new-pass-2026",
            },
            {"old_password": "secret-pass-123"},
            refreshed("tenant", "password"),
            done="main article.narrow h1",  # the "password changed" page
        ),
    ],
    "operator": [
        Form(
            "add a building",
            lambda w: reverse("parks:buildings", args=[w["park"].pk]),
            "floors",
            {"name": "B2 研发楼", "floors": "0"},
            {"floors": "4"},
            count("parks.Building", name="B2 研发楼"),
            kept=("name", "floors"),
        ),
        Form(
            "add a unit",
            lambda w: reverse("parks:unit_new", args=[w["park"].pk]),
            "ceiling_height_m",
            {**UNIT, "area_m2": "0"},
            {"area_m2": "800"},
            count("parks.Unit", code="A1-201"),
            kept=("code", "area_m2", "power_kva"),
        ),
        Form(
            "edit a building",
            lambda w: reverse("parks:building_edit", args=[w["building"].pk]),
            "floors",
            {"name": "", "floors": "5"},
            {"name": "A1 二期厂房"},
            refreshed("building", "name"),
            kept=("floors",),
        ),
        Form(
            "edit a unit",
            lambda w: reverse("parks:unit_edit", args=[w["units"][2].pk]),
            "ceiling_height_m",
            {"area_m2": "-3", "power_kva": "315"},
            {"area_m2": "1250"},
            refreshed("unit2", "area_m2"),
            kept=("area_m2", "power_kva"),
        ),
        Form(
            "park settings",
            lambda w: reverse("parks:park_settings", args=[w["park"].pk]),
            "area_mu",
            {"area_mu": "-1", "address": "凯里市开怀街道"},
            {"area_mu": "1350"},
            refreshed("park", "area_mu"),
            kept=("area_mu", "address"),
        ),
        Form(
            "decide an admission",
            lambda w: reverse("parks:admission", args=[w["admission"].pk]),
            "decision",
            {"decision": "reject", "note": ""},
            {"decision": "request_info", "note": "请补充环评批复。"},
            refreshed("admission", "status"),
        ),
        Form(
            "terminate a lease early",
            lambda w: reverse("parks:lease", args=[w["lease"].pk]),
            "on",
            {"on": "", "reason": "企业迁回佛山"},
            {"on": iso(60)},
            refreshed("lease", "terminated_on"),
            kept=("reason",),
        ),
        Form(
            "renew a lease",
            lambda w: reverse("parks:lease", args=[w["lease2"].pk]),
            "term_months",
            {"term_months": "0", "rent_per_m2": "21.50"},
            {"term_months": "24"},
            count("parks.Lease"),
            kept=("term_months", "rent_per_m2"),
        ),
        Form(
            "record a bank transfer",
            lambda w: w["invoice"].get_absolute_url(),
            "paid_on",
            {"amount": "", "reference": "HX2026001"},
            {"amount": "49300"},
            refreshed("invoice", "status"),
            kept=("reference", "paid_on"),
        ),
        Form(
            "void an invoice",
            lambda w: w["overdue"].get_absolute_url(),
            "reason",
            {"reason": ""},
            {"reason": "开票金额有误，重新开具。"},
            refreshed("overdue", "status"),
        ),
        Form(
            "add a prospect",
            lambda w: reverse("attraction:prospect_new", args=[w["park"].pk]),
            "company_name",
            {"company_name": "", "origin_region": "佛山顺德"},
            {"company_name": "顺德橡木家具有限公司", "industry_code": "21"},
            count("attraction.Prospect"),
            kept=("origin_region",),
        ),
        Form(
            "log a prospect activity",
            lambda w: reverse("attraction:prospect", args=[w["prospect"].pk]),
            "next_action_on",
            {"note": "", "next_action": "下周回访", "next_action_on": iso(7)},
            {"note": "电话沟通用地需求"},
            count("attraction.Activity"),
            kept=("next_action", "next_action_on"),
        ),
        Form(
            "chain settings",
            lambda w: reverse("attraction:chain", args=[w["park"].pk]),
            "gap_points",
            {"gap_points": "99", "name_zh": "机械装备"},
            {"gap_points": "20"},
            value("attraction.Chain", "gap_points", park__isnull=False),
            kept=("gap_points", "name_zh"),
        ),
        Form(
            "add a chain link",
            lambda w: reverse("attraction:link_new", args=[w["park"].pk]),
            "industry_codes",
            {"key": "", "name": "Assembly", "name_zh": "整机装配", "order": "1"},
            {"key": "assembly", "position": "midstream", "industry_codes": "34"},
            count("attraction.ChainLink"),
            kept=("name", "name_zh", "order"),
        ),
        Form(
            "add a policy item",
            lambda w: reverse("attraction:prospect", args=[w["prospect"].pk]),
            "budget_source",
            {"kind": "rent_free_months", "months": "-1", "conditions": "投产后计算"},
            {"months": "6"},
            count("attraction.PolicyItem"),
            kept=("months", "conditions"),
        ),
        Form(
            "park cost sheet",
            lambda w: reverse("attraction:costs", args=[w["park"].pk]),
            "wage_general",
            {**COSTS, "rent_per_m2": "-5"},
            {"rent_per_m2": "15"},
            count("attraction.CostSheet"),
            kept=("rent_per_m2", "wage_general", "sources"),
        ),
        Form(
            "promise a commitment",
            lambda w: reverse("governance:commitment_new", args=[w["park"].pk]),
            "description",
            {"description": "配套道路修通", "amount": "-5", "due_date": iso(90)},
            {"amount": "100000"},
            count("governance.Commitment"),
            kept=("description", "amount", "due_date"),
        ),
        Form(
            "answer a concern",
            lambda w: reverse("governance:commitment", args=[w["commitment"].pk]),
            "answer",
            {"answer": ""},
            {"answer": "补贴已于本周提交财政局审批。"},
            refreshed("concern", "answer"),
        ),
        Form(
            "governance settings",
            lambda w: reverse("governance:settings", args=[w["park"].pk]),
            "concern_sla_days",
            {"concern_sla_days": "0"},
            {"concern_sla_days": "5"},
            value("governance.ParkGovernance", "concern_sla_days"),
            kept=("concern_sla_days",),
        ),
    ],
    "bank": [
        Form(
            "draft an offer",
            lambda w: reverse("finance:bank_request", args=[w["fin"].pk]),
            "annual_rate_percent",
            {**OFFER, "amount": ""},
            {"amount": "1800000"},
            count("finance.Offer"),
            kept=("annual_rate_percent", "conditions"),
        ),
        Form(
            "turn on two-factor sign-in",
            lambda w: reverse("core:2fa_setup"),
            "code",
            {"code": "12345a"},  # not digits: refused before the throttle counts
            {"code": lambda w: code_for(TOTPDevice.objects.get(user=w["user"]))},
            count("otp_totp.TOTPDevice", confirmed=True),
            kept=("code",),
        ),
    ],
    "provider": [
        Form(
            "send a quote",
            lambda w: reverse("services:booking", args=[w["quoted"].pk]),
            "valid_until",
            {"amount": "-100", "scope": "两次上门，含出具报告", "valid_until": iso(14)},
            {"amount": "2400"},
            count("services.Quote"),
            kept=("amount", "scope", "valid_until"),
        ),
        Form(
            "upload a licence",
            lambda w: reverse("services:portal_profile"),
            "file",
            {"kind": "business_licence"},
            {"file": PDF},
            count("services.ProviderDocument"),
        ),
        Form(
            "add an offering",
            lambda w: reverse("services:portal_profile"),
            "name_en",
            {**OFFERING, "price": "-1"},
            {"price": "3000"},
            count("services.Offering", name_en="Annual audit"),
            kept=("name_en", "name_zh", "price"),
        ),
        Form(
            "add weekly hours",
            lambda w: reverse("services:portal_profile"),
            "start_time",
            {
                "staff": lambda w: str(w["shop"].staff.pk),
                "weekday": "0",
                "start_time": "17:00",
                "end_time": "09:00",
            },
            {"start_time": "07:00", "end_time": "08:30"},
            count("services.Availability"),
            kept=("start_time", "end_time"),
        ),
        Form(
            "block a day",
            lambda w: reverse("services:portal_profile"),
            "day",
            {"day": "", "reason": "团建"},
            {"day": iso(10)},
            count("services.Blackout"),
            kept=("reason",),
        ),
    ],
    "admin": [
        Form(
            "change a park",
            lambda w: reverse("admin:parks_park_change", args=[w["park"].pk]),
            "name",
            {"name": ""},
            {"name": "凯里经济开发区"},
            refreshed("park", "name"),
            button="[name=_save]",
        ),
        Form(
            "add a building",
            lambda w: reverse("admin:parks_building_add"),
            "floors",
            {
                "park": lambda w: str(w["park"].pk),
                "name": "C3",
                "kind": "office",
                "floors": "",
            },
            {"floors": "2"},
            count("parks.Building", name="C3"),
            button="[name=_save]",
            kept=("name",),
        ),
    ],
}


def fill(form: Locator, values: dict[str, Any]) -> None:
    for name, value in values.items():
        target = form.locator(f'[name="{name}"]')
        kind = target.first.evaluate("e => e.tagName + ':' + (e.type || '')")
        if kind == "INPUT:radio":
            choice = (
                target.first
                if value is FIRST
                else target.and_(form.locator(f'[value="{value}"]'))
            )
            choice.check()
        elif kind.startswith("SELECT"):
            target.select_option(value)
        elif kind == "INPUT:checkbox" and isinstance(value, str):
            target.and_(form.locator(f'[value="{value}"]')).check()
        elif kind == "INPUT:checkbox":
            target.set_checked(bool(value))
        elif kind == "INPUT:file":
            target.set_input_files(value)
        else:
            target.fill(value)
        # A live preview may swap part of the form: let it land first.
        expect(form.page.locator(".htmx-request")).to_have_count(0)


def the_form(page: Page, case: Form) -> Locator:
    form = page.locator(f'main form:has([name="{case.anchor}"])').first
    expect(form).to_be_attached()
    # A form folded into <details> is unfolded as a person would.
    form.evaluate(
        "f => { for (let d = f.closest('details'); d; d = d.parentElement"
        "?.closest('details')) d.open = true; }"
    )
    return form


def send(page: Page, case: Form, w: dict, values: dict[str, Any]) -> dict[str, str]:
    """Fill the form (a value may be a function of the world), submit it and
    wait for the answer; return what the `kept` fields held when it was sent."""
    form = the_form(page, case)
    fill(form, {k: v(w) if callable(v) else v for k, v in values.items()})
    typed = {name: form.locator(f'[name="{name}"]').input_value() for name in case.kept}
    button = form.locator(case.button).first
    # An htmx form sends itself unless its trigger is something else (a live
    # preview on input): then the button submits the page as usual.
    trigger = form.get_attribute("hx-trigger")
    if form.get_attribute("hx-post") and (not trigger or "submit" in trigger):
        with page.expect_response(lambda r: r.request.method == "POST"):
            button.click()
        expect(page.locator(".htmx-request")).to_have_count(0)
    else:
        with page.expect_navigation():
            button.click()
    return typed


def check(page: Page, live_server, w: dict, case: Form) -> None:
    set_language(page.context, live_server.url, "zh-hans")
    page.goto(case.url(w))
    before = case.state(w)
    typed = send(page, case, w, case.invalid)
    form = page.locator(f'main form:has([name="{case.anchor}"])').first
    expect(form.locator(ERRORS).first).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    for name, value in typed.items():
        expect(form.locator(f'[name="{name}"]')).to_have_value(value)
    assert case.state(w) == before, f"{case}: an invalid submission changed things"

    set_language(page.context, live_server.url, "en")
    page.goto(case.url(w))
    send(page, case, w, {**case.invalid, **case.valid})
    refused = page.locator(ERRORS)
    assert refused.count() == 0, f"{case}: refused {refused.all_inner_texts()}"
    if case.done:
        expect(page.locator(case.done).first).to_be_visible()
    assert case.state(w) != before, f"{case}: a valid submission changed nothing"


def extend(w: dict, portal: str) -> dict:
    """The objects and users the rows of `portal` need, on top of the world."""
    w = dict(w)
    w["overdue"] = Invoice.objects.exclude(pk=w["invoice"].pk).get()
    w["unit2"] = w["units"][2]
    if portal == "tenant":
        w["park2"] = factories.ParkFactory(name="Dushan Park")
    if portal == "provider":
        w["quoted"] = booking_request(
            actor=w["tenant"],
            offering=factories.OfferingFactory(
                provider=w["shop"].provider, pricing="quote", price=None
            ),
            company=w["company"],
            park=w["park"],
            starts_at=at(3),
        )
    if portal == "operator":
        w["lease2"] = factories.LeaseFactory(
            unit=factories.UnitFactory(building=w["building"]), company=w["company"]
        )
        w["concern"] = concern_raise(
            commitment=w["commitment"], actor=w["tenant"], text="补贴何时到位？"
        )
    users = {
        "anonymous": None,
        "tenant": w["tenant"],
        "operator": w["park"].operator.staff.get().user,
        "bank": w["market"].maker_b,
        "provider": w["shop"].provider_user,
        "admin": w["admin"],
    }
    w["user"] = users[portal]
    return w


@pytest.mark.parametrize("portal", list(FORMS))
def test_every_form_invalid_then_valid(
    browser,
    live_server,
    world,  # noqa: F811 - the imported fixture
    portal,
) -> None:
    w = extend(world, portal)
    context = browse(browser, live_server, "en", 390)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    if w["user"] is not None:
        sign_in(page, w["user"])
    for case in FORMS[portal]:
        if portal == "anonymous":
            context.clear_cookies()
        try:
            check(page, live_server, w, case)
        except Exception as exc:
            exc.add_note(f"form: {case}")
            raise
    context.close()
    assert not errors, errors
