"""The world the portal walks and form tests share: a small park with a tenant that
leased, was invoiced, asked two banks, booked a provider and holds a park
commitment; an operator with a prospect; a platform admin. `world["pages"]` lists
each portal's main pages; `world["names"]` what people typed (kept as typed in any
language)."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from playwright.sync_api import Page, expect

from attraction.models import Chain, ChainLink, Prospect
from core.models import NotificationKind
from core.notifications import notify
from governance.models import Commitment, ParkGovernance, Side
from services.actions.bookings import booking_request
from tests import factories
from tests.finance.lending_fixtures import issued_offer, market, submitted
from tests.services.conftest import at, provider_market

PASSWORD = "secret-pass-123"  # UserFactory's


def sign_in(page: Page, user) -> None:
    page.goto(reverse("core:login"))
    page.locator("main input[name=email]").fill(user.email)
    page.locator("main input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile("/accounts/login/"))


# The page has loaded, its fonts are in and htmx has no request in flight. Cheaper
# than Playwright's "networkidle", which always waits out 500 ms of silence.
SETTLED_JS = """() => document.readyState === 'complete'
  && document.fonts.status === 'loaded'
  && !document.querySelector('.htmx-request')"""


def settle(page: Page) -> None:
    """Wait until what the page fetches by itself (htmx `load` triggers) is in."""
    page.wait_for_function(SETTLED_JS)


def browse(browser, live_server, language: str, width: int = 1280):
    """A fresh context in `language` at `width` px; the caller closes it."""
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}
    )
    set_language(context, live_server.url, language)
    context.set_default_timeout(10_000)
    return context


def set_language(context, url: str, language: str) -> None:
    context.add_cookies([{"name": "django_language", "value": language, "url": url}])


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
    submitted_admission = factories.AdmissionApplicationFactory(
        park=park, status="submitted"
    )
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
    ParkGovernance.objects.create(
        park=park, service_officer=operator_staff.user, concern_sla_days=3
    )
    commitment = Commitment.objects.create(
        park=park,
        company=company,
        side=Side.PARK,
        kind="subsidy",
        description="Equipment subsidy",
        amount=Decimal("500000.00"),
        due_date=timezone.localdate() + timedelta(30),
        created_by=operator_staff.user,
    )
    chain = Chain.objects.create(
        park=park, name="Machinery", name_zh="机械制造", industry_code="34"
    )
    ChainLink.objects.create(
        chain=chain,
        key="castings",
        order=0,
        position="upstream",
        name="Castings",
        name_zh="铸件",
        industry_codes=["33"],
    )
    prospect = Prospect.objects.create(
        park=park,
        company_name="Shunde Oak Furniture",
        industry_code="21",
        source="fair",
        officer=operator_staff.user,
        created_by=operator_staff.user,
    )
    shop = provider_market(
        park, name_en="Tax health check", description_zh="检查企业的纳税申报。"
    )
    booking = booking_request(
        actor=tenant,
        company=company,
        park=park,
        offering=shop.offering,
        starts_at=at(2),
    )
    admin = factories.UserFactory(is_staff=True, is_superuser=True)
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
                reverse("services:catalogue"),
                reverse("services:offering", args=[shop.offering.pk]),
                reverse("services:bookings"),
                reverse("services:booking", args=[booking.pk]),
                reverse("governance:commitments"),
                reverse("governance:commitment", args=[commitment.pk]),
                reverse("governance:reports"),
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
                reverse("attraction:chain", args=[park.pk]),
                reverse("attraction:board", args=[park.pk]),
                reverse("attraction:prospect", args=[prospect.pk]),
                reverse("attraction:prospect_new", args=[park.pk]),
                reverse("attraction:costs", args=[park.pk]),
                reverse("attraction:calculator", args=[park.pk]),
                reverse("governance:settings", args=[park.pk]),
                reverse("governance:commitments"),
                reverse("governance:commitment", args=[commitment.pk]),
                reverse("governance:commitment_new", args=[park.pk]),
                reverse("governance:concerns", args=[park.pk]),
                reverse("governance:performance", args=[park.pk]),
                reverse("governance:enclave_report", args=[park.pk]),
                reverse("services:listings"),
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
        "provider": (
            shop.provider_user,
            [
                "/",
                reverse("services:portal"),
                reverse("services:portal_profile"),
                reverse("services:bookings"),
                reverse("services:booking", args=[booking.pk]),
            ],
        ),
        "admin": (
            admin,
            [
                "/",
                reverse("admin:index"),
                reverse("admin:parks_park_changelist"),
                reverse("admin:parks_park_change", args=[park.pk]),
                reverse("admin:parks_lease_changelist"),
                reverse("admin:finance_financerequest_changelist"),
                reverse("admin:services_provider_changelist"),
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
    names |= {commitment.description, prospect.company_name, str(shop.provider)}
    names |= {str(shop.offering), str(shop.staff.user.full_name), admin.full_name}
    return {
        "pages": pages,
        "names": names,
        "invoice": invoice,
        "company": company,
        "park": park,
        "building": building,
        "units": units,
        "lease": lease,
        "admission": submitted_admission,
        "fin": fin,
        "offer": offer,
        "market": m,
        "booking": booking,
        "shop": shop,
        "prospect": prospect,
        "commitment": commitment,
        "tenant": tenant,
        "admin": admin,
    }
