"""Two of every party, each with its own objects, for the probes of this folder.

Side A: `tenant` (company A), `operator` (park A), `maker`/`checker` (bank A),
`provider` (listed in park A, booked by company A). Side B: `other_tenant`,
`other_operator`, `other_bank`, `other_provider`, with the same kinds of objects.
Every object a path can name exists on both sides.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from attraction.actions import policy_draft, policy_item_add
from attraction.models import Chain, ChainLink, ItemKind, Prospect
from billing.models import RentRun
from core.actions import token_issue
from core.models import Notification, NotificationKind
from governance.actions.concerns import concern_raise
from governance.models import Commitment, Evidence, Region, RegionObserver
from governance.models import Side as CommitmentSide
from services.actions.cases import case_open
from services.models import PermitType, Quote, Review
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
    "other_provider",
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


def _services(tenant, company, park, provider_user) -> dict[str, int]:
    """A provider listed in the park with a weekly window and an offering; the
    company's bookings: one requested (with a quote), one permit-agency case, one
    completed and reviewed."""
    staff = provider_user.provider_staff.get()
    provider = staff.provider
    listing = factories.ListingFactory(provider=provider, park=park, status="pending")
    window = factories.AvailabilityFactory(staff=staff)
    offering = factories.OfferingFactory(provider=provider)

    def booking(days: int, **fields):
        return factories.BookingFactory(
            offering=offering,
            staff=staff,
            company=company,
            park=park,
            created_by=tenant,
            starts_at=timezone.now() + timedelta(days=days),
            **fields,
        )

    requested = booking(3)
    quote = Quote.objects.create(
        booking=requested,
        amount=Decimal("800.00"),
        scope="Tax review",
        valid_until=date.today() + timedelta(days=14),
        created_by=provider_user,
    )
    case = case_open(
        booking=booking(4, status="confirmed"),
        permit_type=PermitType.values[0],
        actor=tenant,
    )
    review = Review.objects.create(booking=booking(-2, status="completed"), rating=5)
    return {
        "provider_id": provider.pk,
        "listing_id": listing.pk,
        "window_id": window.pk,
        "offering_id": offering.pk,
        "booking_id": requested.pk,
        "quote_id": quote.pk,
        "case_id": case.pk,
        "step_id": case.steps.first().pk,
        "review_id": review.pk,
    }


def _governance(tenant, operator_user, company, park, document) -> dict[str, int]:
    """A park commitment to the company with a concern and a piece of evidence,
    and the region the operator observes."""
    admission = factories.AdmissionApplicationFactory(
        company=company, park=park, status="approved", created_by=tenant
    )
    commitment = Commitment.objects.create(
        park=park,
        company=admission.company,
        side=CommitmentSide.PARK,
        kind="subsidy",
        description="Equipment subsidy",
        amount=Decimal("500000.00"),
        due_date=date.today() + timedelta(days=30),
        created_by=operator_user,
    )
    concern = concern_raise(commitment=commitment, actor=tenant, text="When?")
    evidence = Evidence.objects.create(
        commitment=commitment, document=document, added_by=operator_user
    )
    region = Region.objects.create(name=f"Region of {park.name}")
    RegionObserver.objects.create(region=region, user=operator_user)
    notification = Notification.objects.create(
        user=tenant, kind=NotificationKind.values[0], text_en="Hello", text_zh="你好"
    )
    return {
        "commitment_id": commitment.pk,
        "concern_id": concern.pk,
        "evidence_id": evidence.pk,
        "region_id": region.pk,
        "notification_id": notification.pk,
    }


def _attraction(operator_user, park) -> dict[str, int]:
    """The park's chain with one link, a prospect in it and its draft policy."""
    chain = Chain.objects.create(park=park, name="Furniture", industry_code="21")
    link = ChainLink.objects.create(
        chain=chain,
        key="wood",
        position="midstream",
        name="Wood",
        industry_codes=["20"],
    )
    prospect = Prospect.objects.create(
        park=park,
        company_name="Shunde Oak Furniture Co.",
        industry_code="21",
        chain_link=link,
        source="direct",
        officer=operator_user,
        created_by=operator_user,
    )
    policy = policy_draft(prospect=prospect, actor=operator_user)
    item = policy_item_add(
        policy=policy,
        actor=operator_user,
        kind=ItemKind.FIT_OUT_SUBSIDY,
        amount=Decimal("100000.00"),
    )
    return {"link_id": link.pk, "prospect_id": prospect.pk, "item_id": item.pk}


def _side(tenant, operator_user, maker, checker, provider_user) -> Side:
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
            "operator_id": operator.pk,
            "bank_id": bank.pk,
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
            **_services(tenant, company, park, provider_user),
            **_governance(tenant, operator_user, company, park, document),
            **_attraction(operator_user, park),
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
        "other_provider": factories.ProviderStaffFactory().user,
    }
    bank_a = users["maker"].bank_staff.get().bank
    users["checker"] = factories.BankStaffFactory(role="checker", bank=bank_a).user
    bank_b = users["other_bank"].bank_staff.get().bank
    other_checker = factories.BankStaffFactory(role="checker", bank=bank_b).user
    a = _side(
        users["tenant"],
        users["operator"],
        users["maker"],
        users["checker"],
        users["provider"],
    )
    b = _side(
        users["other_tenant"],
        users["other_operator"],
        users["other_bank"],
        other_checker,
        users["other_provider"],
    )
    tokens = {name: token_issue(user=users[name], name="probe")[1] for name in PARTIES}
    return World(users=users, tokens=tokens, a=a, b=b)
