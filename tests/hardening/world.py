"""Two of every party, each with its own objects, for the probes of this folder.

Side A: `tenant` (company A), `operator` (park A), `maker`/`checker` (bank A),
`provider`. Side B: `other_tenant`, `other_operator`, `other_bank`, with the same
kinds of objects. Every object a path can name exists on both sides.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from billing.models import RentRun
from core.actions import token_issue
from tests import factories
from tests.finance.lending_fixtures import issued_offer, submitted

PARTIES = (
    "tenant",
    "other_tenant",
    "operator",
    "other_operator",
    "maker",
    "checker",
    "other_bank",
    "provider",
)


@dataclass
class Side:
    """The objects of one side, by the name of the path parameter that finds them."""

    ids: dict[str, int] = field(default_factory=dict)


@dataclass
class World:
    users: dict[str, Any]
    tokens: dict[str, str]
    a: Side
    b: Side


def _side(tenant, operator_user, maker, checker) -> Side:
    company = tenant.memberships.get().company
    operator = operator_user.operator_staff.get().operator
    bank = maker.bank_staff.get().bank
    park = factories.ParkFactory(operator=operator)
    unit = factories.UnitFactory(building__park=park)
    sale_unit = factories.UnitFactory(building__park=park, offer="sale")
    admission = factories.AdmissionApplicationFactory(
        company=company, park=park, status="submitted", created_by=tenant
    )
    application = factories.LeaseApplicationFactory(
        company=company, unit=factories.UnitFactory(building__park=park)
    )
    lease = factories.LeaseFactory(company=company, unit=unit)
    sale = factories.SaleFactory(company=company, unit=sale_unit)
    factories.BillingSettingsFactory(operator=operator)
    invoice = factories.InvoiceFactory(park=park, company=company)
    payment = factories.PaymentFactory(invoice=invoice, status="flagged")
    run = RentRun.objects.create(operator=operator, period=date.today().replace(day=1))
    document = factories.DocumentFactory(company=company, uploaded_by=tenant)
    factories.ProductFactory(bank=bank)
    request = submitted(tenant, company, [bank], documents=[document])
    offer = issued_offer(request, maker, checker, amount=Decimal("1000000.00"))
    return Side(
        ids={
            "company_id": company.pk,
            "document_id": document.pk,
            "park_id": park.pk,
            "admission_id": admission.pk,
            "application_id": application.pk,
            "lease_id": lease.pk,
            "sale_id": sale.pk,
            "invoice_id": invoice.pk,
            "payment_id": payment.pk,
            "run_id": run.pk,
            "request_id": request.pk,
            "offer_id": offer.pk,
        }
    )


def build_world() -> World:
    factories.LprRateFactory(tenor="1y", rate_percent=Decimal("3.00"))
    factories.LprRateFactory(tenor="5y", rate_percent=Decimal("3.50"))
    users = {
        "tenant": factories.MembershipFactory(role="owner").user,
        "other_tenant": factories.MembershipFactory(role="owner").user,
        "operator": factories.OperatorStaffFactory().user,
        "other_operator": factories.OperatorStaffFactory().user,
        "maker": factories.BankStaffFactory(role="maker").user,
        "other_bank": factories.BankStaffFactory(role="maker").user,
        "provider": factories.ProviderStaffFactory().user,
    }
    bank_a = users["maker"].bank_staff.get().bank
    users["checker"] = factories.BankStaffFactory(role="checker", bank=bank_a).user
    bank_b = users["other_bank"].bank_staff.get().bank
    other_checker = factories.BankStaffFactory(role="checker", bank=bank_b).user
    a = _side(users["tenant"], users["operator"], users["maker"], users["checker"])
    b = _side(
        users["other_tenant"],
        users["other_operator"],
        users["other_bank"],
        other_checker,
    )
    tokens = {name: token_issue(user=users[name], name="probe")[1] for name in PARTIES}
    return World(users=users, tokens=tokens, a=a, b=b)
