"""factory_boy factories for every app's models."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

import factory
from django.utils import timezone
from stdnum.cn import uscc as stdnum_uscc

from core.models import User
from finance.models import Bank, BankStaff
from parks.models import Operator, OperatorStaff
from services.models import Provider, ProviderStaff
from tenants.models import Company, Document, Membership
from tests import samples


def valid_uscc(n: int) -> str:
    base = f"915206{n:011d}"[:17]
    return base + stdnum_uscc.calc_check_digit(base)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.test")
    full_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", "secret-pass-123")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Test Manufacturing {n} Co., Ltd.")
    uscc = factory.Sequence(lambda n: valid_uscc(n + 1000))
    legal_representative = "张三"
    registered_capital = Decimal("1000000.00")
    founded_on = date(2018, 1, 1)
    employees = 50
    annual_revenue = Decimal("10000000.00")
    industry_code = "38"
    size_class = "small"
    created_by = factory.SubFactory(UserFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    company = factory.SubFactory(CompanyFactory)
    user = factory.SubFactory(UserFactory)
    role = "owner"


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    company = factory.SubFactory(CompanyFactory)
    kind = "business_license"
    file = factory.django.FileField(filename="licence.pdf", data=samples.PDF)
    filename = "licence.pdf"
    content_type = "application/pdf"
    size = 15
    sha256 = "0" * 64
    uploaded_by = factory.SubFactory(UserFactory)


class OperatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Operator

    name = factory.Sequence(lambda n: f"Park Operator {n}")
    name_zh = factory.Sequence(lambda n: f"园区运营公司{n}")


class OperatorStaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OperatorStaff

    operator = factory.SubFactory(OperatorFactory)
    user = factory.SubFactory(UserFactory)
    role = "manager"


class BankFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bank

    name = factory.Sequence(lambda n: f"Partner Bank {n}")
    name_zh = factory.Sequence(lambda n: f"合作银行{n}")


class BankStaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BankStaff

    bank = factory.SubFactory(BankFactory)
    user = factory.SubFactory(UserFactory)
    role = "maker"


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider

    name = factory.Sequence(lambda n: f"Service Provider {n}")
    category = "hr"


class ProviderStaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProviderStaff

    provider = factory.SubFactory(ProviderFactory)
    user = factory.SubFactory(UserFactory)


# --- parks: inventory and admission ----------------------------------------------


class ParkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "parks.Park"

    operator = factory.SubFactory(OperatorFactory)
    name = factory.Sequence(lambda n: f"Test Industrial Park {n}")
    name_zh = factory.Sequence(lambda n: f"测试产业园{n}")
    kind = "enclave"
    host_region = "Qiandongnan"
    partner_region = "Foshan"
    leading_industry = "38"
    featured_industries = factory.LazyFunction(lambda: ["34", "35", "39"])
    area_mu = Decimal("1200.00")


class BuildingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "parks.Building"

    park = factory.SubFactory(ParkFactory)
    name = factory.Sequence(lambda n: f"Block {n}")
    kind = "standard_factory"
    floors = 3


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "parks.Unit"

    building = factory.SubFactory(BuildingFactory)
    park = factory.SelfAttribute("building.park")
    code = factory.Sequence(lambda n: f"U{n:04d}")
    floor = 1
    area_m2 = Decimal("1200.00")
    offer = "lease"
    monthly_rent_per_m2 = Decimal("12.00")
    sale_price_per_m2 = Decimal("3600.00")


class AdmissionApplicationFactory(factory.django.DjangoModelFactory):
    """An application as filed; pass status= to place it in any state."""

    class Meta:
        model = "parks.AdmissionApplication"

    company = factory.SubFactory(CompanyFactory)
    park = factory.SubFactory(ParkFactory)
    status = "draft"
    project_summary = "Precision moulds for household appliances."
    industry_code = "35"
    planned_investment = Decimal("60000000.00")
    expected_annual_output = Decimal("100000000.00")
    expected_annual_tax = Decimal("5000000.00")
    jobs = 80
    land_mu = Decimal("15.00")
    energy_tce_per_year = Decimal("2000.00")
    pollution_category = "low"
    created_by = factory.SelfAttribute("company.created_by")


# --- parks: leasing and sales -----------------------------------------------------


class LeaseApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "parks.LeaseApplication"

    company = factory.SubFactory(CompanyFactory)
    unit = factory.SubFactory(UnitFactory)
    start_date = factory.LazyFunction(lambda: date.today() + timedelta(days=30))
    term_months = 36
    status = "submitted"
    created_by = factory.SelfAttribute("company.created_by")


class LeaseFactory(factory.django.DjangoModelFactory):
    """A lease as the approval builds it; pass status= and dates as needed."""

    class Meta:
        model = "parks.Lease"

    company = factory.SubFactory(CompanyFactory)
    unit = factory.SubFactory(UnitFactory)
    start_date = factory.LazyFunction(lambda: date.today().replace(day=1))
    end_date = factory.LazyAttribute(
        lambda o: date(o.start_date.year + 3, o.start_date.month, 1) - timedelta(days=1)
    )
    rent_per_m2 = factory.LazyAttribute(lambda o: o.unit.monthly_rent_per_m2)
    monthly_rent = factory.LazyAttribute(
        lambda o: (o.unit.area_m2 * o.rent_per_m2).quantize(Decimal("0.01"))
    )
    deposit = factory.LazyAttribute(lambda o: o.monthly_rent * 2)
    status = "active"
    activated_on = factory.LazyAttribute(
        lambda o: o.start_date if o.status in ("active", "expired") else None
    )


class SaleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "parks.Sale"

    company = factory.SubFactory(CompanyFactory)
    unit = factory.SubFactory(UnitFactory, offer="sale")
    price = factory.LazyAttribute(
        lambda o: (o.unit.area_m2 * o.unit.sale_price_per_m2).quantize(Decimal("0.01"))
    )
    down_payment_ratio = Decimal("0.300")
    down_payment = factory.LazyAttribute(
        lambda o: (o.price * o.down_payment_ratio).quantize(Decimal("0.01"))
    )
    status = "submitted"
    created_by = factory.SelfAttribute("company.created_by")


# --- finance: lending -------------------------------------------------------------


class LprRateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "finance.LprRate"
        django_get_or_create = ("tenor", "effective_from")

    tenor = "1y"
    rate_percent = Decimal("3.00")
    effective_from = date(2025, 5, 20)


class ProductFactory(factory.django.DjangoModelFactory):
    """A working-capital loan open to every company; pass kind= for others."""

    class Meta:
        model = "finance.Product"

    bank = factory.SubFactory(BankFactory)
    kind = "working_capital_loan"
    name = factory.Sequence(lambda n: f"Product {n}")
    min_amount = Decimal("100000.00")
    max_amount = Decimal("50000000.00")
    max_term_months = 120
    lpr_tenor = "1y"
    spread_bp = 50


class FinanceRequestFactory(factory.django.DjangoModelFactory):
    """A draft request; build routed ones with finance.actions.requests instead."""

    class Meta:
        model = "finance.FinanceRequest"

    company = factory.SubFactory(CompanyFactory)
    kind = "working_capital_loan"
    amount = Decimal("2000000.00")
    term_months = 24
    purpose = "Raw materials for a new order"
    created_by = factory.SelfAttribute("company.created_by")


# --- finance: billing -------------------------------------------------------------


class BillingSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "billing.BillingSettings"
        django_get_or_create = ("operator",)

    operator = factory.SubFactory(OperatorFactory)
    invoice_prefix = factory.Sequence(lambda n: f"FQ{n}")  # one series, one prefix
    bank_account_name = "凯里飞地园区运营有限公司"
    bank_name = "Agricultural Bank of China, Kaili Branch"
    bank_account_number = "2315 0101 0400 12345"


class InvoiceFactory(factory.django.DjangoModelFactory):
    """An issued, open invoice with one line; numbers come from a sequence."""

    class Meta:
        model = "billing.Invoice"

    park = factory.SubFactory(ParkFactory)
    operator = factory.SelfAttribute("park.operator")
    company = factory.SubFactory(CompanyFactory)
    year = factory.LazyFunction(lambda: date.today().year)
    seq = factory.Sequence(lambda n: 900_000 + n)  # clear of real numbers
    number = factory.LazyAttribute(lambda o: f"TST{o.operator.pk}-{o.year}-{o.seq:06d}")
    kind = "other"
    total = Decimal("1000.00")
    lines = factory.LazyAttribute(
        lambda o: [
            {
                "description_en": "Service fee",
                "description_zh": "服务费",
                "quantity": "1",
                "unit_price": str(o.total),
                "amount": str(o.total),
            }
        ]
    )
    issue_date = factory.LazyFunction(date.today)
    due_date = factory.LazyFunction(lambda: date.today() + timedelta(days=10))
    status = "open"


def _now():
    from django.utils import timezone

    return timezone.now()


class PaymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "billing.Payment"

    invoice = factory.SubFactory(InvoiceFactory)
    method = "bank_transfer"
    amount = factory.LazyAttribute(lambda o: o.invoice.total)
    paid_at = factory.LazyFunction(_now)
    status = "accepted"


# --- services ------------------------------------------------------------------------


class ListingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "services.Listing"

    provider = factory.SubFactory(ProviderFactory)
    park = factory.SubFactory(ParkFactory)
    status = "approved"


class OfferingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "services.Offering"

    provider = factory.SubFactory(ProviderFactory)
    name_en = factory.Sequence(lambda n: f"Tax health check {n}")
    name_zh = factory.Sequence(lambda n: f"税务健康检查{n}")
    description_en = "A review of the company's tax filings."
    pricing = "fixed"
    price = Decimal("1200.00")
    duration_minutes = 60
    delivery = "on_site"
    free_cancel_hours = 24
    cancel_fee_percent = Decimal("50")


class AvailabilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "services.Availability"

    staff = factory.SubFactory(ProviderStaffFactory)
    weekday = 0
    start_time = time(9, 0)
    end_time = time(17, 0)


class BookingFactory(factory.django.DjangoModelFactory):
    """A booking placed directly (no slot check); pass status= for any state."""

    class Meta:
        model = "services.Booking"

    offering = factory.SubFactory(OfferingFactory)
    staff = factory.SubFactory(
        ProviderStaffFactory, provider=factory.SelfAttribute("..offering.provider")
    )
    company = factory.SubFactory(CompanyFactory)
    park = factory.SubFactory(ParkFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=3))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=1))
    status = "requested"
    price = factory.SelfAttribute("offering.price")
    created_by = factory.SelfAttribute("company.created_by")
