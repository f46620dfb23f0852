"""Demo partner banks with maker and checker staff, their products, the LPR, and a
finance request with an issued offer so the tenant and bank portals are not empty."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from core.models import User
from finance.actions import bank as lending_bank
from finance.actions import requests as lending
from finance.models import Bank, BankRole, BankStaff, LprRate, Product
from parks.actions import sales
from parks.models import Sale, Unit, UnitOffer, UnitStatus
from tenants.models import Company

DEMO_BANKS = [
    (
        "Guizhou Rural Commercial Bank, Kaili Branch",
        "贵州农村商业银行凯里分行",
        [
            ("maker@example.com", BankRole.MAKER),
            ("checker@example.com", BankRole.CHECKER),
        ],
    ),
    (
        "Foshan Shunde Rural Commercial Bank",
        "佛山顺德农村商业银行",
        [
            ("bank2@example.com", BankRole.MAKER),
            ("bank2checker@example.com", BankRole.CHECKER),
        ],
    ),
    # A third partner without a demo login: its products still compete.
    ("China Construction Bank, Qiandongnan Branch", "中国建设银行黔东南分行", []),
]


def seed_banks(users: dict[str, User]) -> list[Bank]:
    banks = []
    for name, name_zh, staff in DEMO_BANKS:
        bank, _ = Bank.objects.update_or_create(
            name=name, defaults={"name_zh": name_zh}
        )
        for email, role in staff:
            BankStaff.objects.get_or_create(bank=bank, user=users[email], role=role)
        banks.append(bank)
    return banks


# --- lending ---------------------------------------------------------------------

# The LPR as fixed on 20 May 2025 (1-year 3.00%, 5-year and above 3.50%).
DEMO_LPR = [
    ("1y", Decimal("3.00"), date(2025, 5, 20)),
    ("5y", Decimal("3.50"), date(2025, 5, 20)),
]

M = Decimal(1_000_000)
# bank index, kind, name, name_zh, min, max, max term, tenor, spread bp, LTV, sizes
DEMO_PRODUCTS = [
    (
        0,
        "factory_mortgage",
        "Standard Factory Mortgage",
        "标准厂房按揭贷",
        M / 2,
        20 * M,
        120,
        "5y",
        30,
        70,
        [],
    ),
    (
        0,
        "working_capital_loan",
        "SME Working Capital Loan",
        "小微企业流动资金贷款",
        M / 5,
        10 * M,
        36,
        "1y",
        65,
        70,
        ["small", "micro", "medium"],
    ),
    (
        0,
        "warehouse_receipt_pledge",
        "Warehouse Receipt Pledge Loan",
        "仓单质押贷款",
        M * Decimal("0.3"),
        5 * M,
        12,
        "1y",
        90,
        70,
        [],
    ),
    (
        1,
        "factory_mortgage",
        "Enclave Factory Mortgage",
        "飞地园区厂房按揭",
        M,
        30 * M,
        120,
        "5y",
        20,
        65,
        [],
    ),
    (
        1,
        "finance_lease",
        "Equipment Finance Lease",
        "设备融资租赁",
        M / 2,
        15 * M,
        60,
        "5y",
        120,
        70,
        [],
    ),
    (
        1,
        "working_capital_loan",
        "Supply-chain Working Capital",
        "供应链流动资金贷款",
        M / 2,
        20 * M,
        24,
        "1y",
        40,
        70,
        ["small", "medium"],
    ),
    (
        2,
        "factory_mortgage",
        "Factory Mortgage Express",
        "厂房抵押快贷",
        M,
        50 * M,
        120,
        "5y",
        0,
        70,
        [],
    ),
    (
        2,
        "working_capital_loan",
        "Tax-record Credit Loan",
        "云税贷",
        M / 10,
        3 * M,
        12,
        "1y",
        45,
        70,
        ["small", "micro"],
    ),
    (
        2,
        "equity_investment",
        "Growth Equity Co-investment",
        "成长期股权投资",
        5 * M,
        50 * M,
        84,
        "5y",
        0,
        70,
        ["small", "medium"],
    ),
]
DEMO_REQUEST_PURPOSE = (
    "采购模具钢材，履行广汽零部件新订单 — Die steel for a new order from an automotive "
    "parts maker"
)


def seed_lending(users: dict[str, User]) -> None:
    """Products, LPR and one submitted request with an issued offer (idempotent)."""
    for tenor, rate, effective in DEMO_LPR:
        LprRate.objects.update_or_create(
            tenor=tenor, effective_from=effective, defaults={"rate_percent": rate}
        )
    banks = [Bank.objects.get(name=name) for name, _zh, _staff in DEMO_BANKS]
    for (
        i,
        kind,
        name,
        name_zh,
        low,
        high,
        term,
        tenor,
        spread,
        ltv,
        sizes,
    ) in DEMO_PRODUCTS:
        Product.objects.update_or_create(
            bank=banks[i],
            kind=kind,
            name=name,
            defaults={
                "name_zh": name_zh,
                "min_amount": low,
                "max_amount": high,
                "max_term_months": term,
                "lpr_tenor": tenor,
                "spread_bp": spread,
                "max_ltv_percent": Decimal(ltv),
                "eligible_size_classes": sizes,
            },
        )
    tenant = users["tenant@example.com"]
    company = Company.objects.of_member(tenant).order_by("pk").first()
    if (
        company is None
        or company.finance_requests.filter(purpose=DEMO_REQUEST_PURPOSE).exists()
    ):
        return
    seed_mortgage(users, company)
    request = lending.request_create(
        actor=tenant,
        company=company,
        kind="working_capital_loan",
        amount=Decimal("3000000.00"),
        term_months=24,
        purpose=DEMO_REQUEST_PURPOSE,
        bank_ids=[banks[0].pk, banks[1].pk],
        document_ids=list(company.documents.values_list("pk", flat=True)),
    )
    lending.request_submit(request=request, actor=tenant, consent=True)
    offer = lending_bank.offer_create(
        request=request,
        actor=users["maker@example.com"],
        amount=Decimal("3000000.00"),
        annual_rate_percent=Decimal("3.65"),
        term_months=24,
        repayment_method="equal_installment",
        fees=Decimal("3000.00"),
        conditions="以企业自有设备抵押，法定代表人提供连带责任保证。 Secured on the "
        "company's equipment; joint guarantee of the legal representative.",
    )
    lending_bank.offer_approve(offer=offer, actor=users["checker@example.com"])
    # Bank 2's maker drafts an offer; it waits for a second person to check it.
    lending_bank.offer_create(
        request=request,
        actor=users["bank2@example.com"],
        amount=Decimal("2500000.00"),
        annual_rate_percent=Decimal("3.40"),
        term_months=24,
        repayment_method="equal_principal",
        fees=Decimal("0.00"),
        conditions="Receivables from the automotive order pledged.",
    )


DEMO_MORTGAGE_PURPOSE = (
    "购置标准厂房自用 Purchase of a standard factory for own production"
)


def seed_mortgage(users: dict[str, User], company: Company) -> None:
    """A unit purchase approved by the operator, and a draft factory mortgage for
    it, so the tenant sees the purchase price, down payment and loan-to-value."""
    if company.finance_requests.filter(purpose=DEMO_MORTGAGE_PURPOSE).exists():
        return
    tenant = users["tenant@example.com"]
    sale = Sale.objects.filter(company=company, status=Sale.Status.APPROVED).first()
    if sale is None:
        unit = (
            Unit.objects.filter(
                park__admission_applications__company=company,
                park__admission_applications__status="approved",
                status=UnitStatus.VACANT,
                offer__in=(UnitOffer.SALE, UnitOffer.BOTH),
                sale_price_per_m2__isnull=False,
            )
            .order_by("code")
            .first()
        )
        if unit is None:
            return
        sale = sales.sale_apply(
            actor=tenant, company=company, unit=unit, down_payment_ratio=Decimal("0.35")
        )
        sale = sales.sale_decide(
            sale=sale, actor=users["operator@example.com"], decision="approve"
        )
    banks = (
        Product.objects.filter(kind="factory_mortgage", active=True)
        .values_list("bank_id", flat=True)
        .distinct()
    )
    lending.request_create(
        actor=tenant,
        company=company,
        kind="factory_mortgage",
        amount=sale.financed_amount,
        term_months=120,
        purpose=DEMO_MORTGAGE_PURPOSE,
        bank_ids=sorted(banks)[:2],
        sale_id=sale.pk,
    )
