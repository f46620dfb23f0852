"""Every write of the tenant side of lending: draft, submit, withdraw, accept."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import audit_created
from core.errors import Conflict, IllegalTransition, Invalid, NotAllowed, NotFound
from core.limits import parse_decimal, validate
from core.models import NotificationKind, User
from core.money import format_yuan
from core.notifications import notify
from finance.models import (
    Bank,
    BankFigures,
    Consent,
    FinanceRequest,
    Offer,
    ProductKind,
    RequestRoute,
    loan_to_value,
)
from finance.queries import matching_products
from parks.models import Sale
from tenants.access import ensure_manager
from tenants.models import Company, Document, MemberRole, member_role

# Bilingual by design, stored verbatim with each consent (text_version).
CONSENT_TEXT = (
    "本人确认已获企业授权，同意园区平台将本融资申请、信用档案中的企业概况与平台记录"
    "以及所列资料，提供给企业所选的合作银行，仅用于审查本申请。\n"
    "I confirm that I am authorised to act for the company, and I consent to "
    "Enclave sharing this finance request, the company profile and platform "
    "record in the credit dossier, and the documents listed, with the partner "
    "banks chosen, for the sole purpose of assessing this request."
)


def _eligible_sale(company: Company, sale_id: int | None) -> Sale:
    if not sale_id:
        raise Invalid.field(
            "sale_id", _("Choose the unit purchase this mortgage finances.")
        )
    sale = Sale.objects.filter(
        pk=sale_id,
        company=company,
        status__in=(Sale.Status.APPROVED, Sale.Status.COMPLETED),
    ).first()
    if sale is None:
        raise Invalid.field(
            "sale_id",
            _("Choose an approved or completed purchase of a unit by this company."),
        )
    return sale


@transaction.atomic
def request_create(
    *,
    actor: User,
    company: Company,
    kind: str,
    amount: Decimal | str,
    term_months: int,
    purpose: str,
    bank_ids: list[int],
    sale_id: int | None = None,
    document_ids: list[int] | None = None,
) -> FinanceRequest:
    """Draft a finance request routed to the chosen banks (nothing is sent yet)."""
    ensure_manager(actor, company)
    errors: dict[str, list[str]] = {}
    if kind not in ProductKind.values:
        raise Invalid.field("kind", _("Choose a kind of finance."))
    amount = parse_decimal(amount, "amount")
    purpose = (purpose or "").strip()
    validate(
        FinanceRequest(
            company=company,
            kind=kind,
            amount=amount,
            term_months=term_months,
            purpose=purpose or "-",
        ),
        exclude=["created_by", "sale"],
    )
    if not purpose:
        errors["purpose"] = [_("Say what the money is for.")]

    sale = None
    if kind == ProductKind.FACTORY_MORTGAGE:
        sale = _eligible_sale(company, sale_id)
    elif sale_id:
        errors["sale_id"] = [_("Only a factory mortgage finances a unit purchase.")]

    bank_ids = list(dict.fromkeys(int(b) for b in bank_ids or []))
    products = {
        p.bank_id: p
        for p in reversed(
            matching_products(
                company=company, kind=kind, amount=amount, term_months=term_months
            )
        )
    }
    if not bank_ids:
        errors["bank_ids"] = [_("Choose at least one bank.")]
    unmatched = [b for b in bank_ids if b not in products]
    if unmatched:
        errors["bank_ids"] = [
            _(
                "These banks have no %(kind)s product for this company, amount and "
                "term: %(banks)s."
            )
            % {
                "kind": ProductKind(kind).label,
                "banks": ", ".join(
                    str(b) for b in Bank.objects.filter(pk__in=unmatched) or unmatched
                ),
            }
        ]
    if sale is not None and "bank_ids" not in errors:
        ltv = loan_to_value(amount, sale.price, exact=True)
        for bank_id in bank_ids:
            product = products[bank_id]
            if ltv > product.max_ltv_percent:
                errors["amount"] = [
                    _(
                        "Loan-to-value %(ltv)s%% is above the %(cap)s%% that "
                        "%(bank)s lends against a factory; borrow at most ¥%(max)s "
                        "or choose another bank."
                    )
                    % {
                        "ltv": f"{ltv:.2f}",
                        "cap": f"{product.max_ltv_percent:.0f}",
                        "bank": product.bank,
                        "max": f"{sale.price * product.max_ltv_percent / 100:,.2f}",
                    }
                ]
                break
        if "amount" not in errors and amount > sale.price - sale.down_payment:
            errors["amount"] = [
                _(
                    "A mortgage cannot exceed the price less the down payment "
                    "(¥%(max)s)."
                )
                % {"max": f"{sale.price - sale.down_payment:,.2f}"}
            ]
    documents = _company_documents(company, document_ids)
    if errors:
        raise Invalid(_("Please correct the errors below."), fields=errors)

    request = FinanceRequest.objects.create(
        company=company,
        kind=kind,
        amount=amount,
        term_months=term_months,
        purpose=purpose,
        sale=sale,
        purchase_price=sale.price if sale else None,
        down_payment=sale.down_payment if sale else None,
        created_by=actor,
    )
    RequestRoute.objects.bulk_create(
        RequestRoute(request=request, bank_id=b, product=products[b]) for b in bank_ids
    )
    BankFigures.mark_stale(bank_ids)  # bulk writes send no signal
    request.shared_documents.set(documents)
    audit_created(
        request,
        actor=actor,
        action="request_drafted",
        data={"bank_ids": bank_ids, "document_ids": [d.pk for d in documents]},
    )
    return request


def _company_documents(company: Company, ids: list[int] | None) -> list[Document]:
    ids = list(dict.fromkeys(int(i) for i in ids or []))
    documents = list(Document.objects.in_vault().filter(company=company, pk__in=ids))
    if len(documents) != len(ids):
        raise Invalid.field("document_ids", _("Choose documents of this company only."))
    return documents


def _lock(request: FinanceRequest) -> FinanceRequest:
    return FinanceRequest.objects.select_for_update().get(pk=request.pk)


@transaction.atomic
def request_submit(
    *,
    request: FinanceRequest,
    actor: User,
    consent: bool,
    document_ids: list[int] | None = None,
) -> FinanceRequest:
    """Send the request to its banks, recording the tenant's consent to share.

    `document_ids` (optional) replaces the documents chosen in the draft. Sharing
    documents needs explicit `consent`, recorded with its text version and the
    exact files (SHA-256). Without documents the act of submitting is the consent
    to show the banks the request and the company's profile; the web form still
    asks for the tick box every time.
    """
    request = _lock(request)
    ensure_manager(actor, request.company)
    if request.status != FinanceRequest.Status.DRAFT:
        raise IllegalTransition(
            _("This request was already sent; only a draft can be submitted.")
        )
    if document_ids is not None:
        request.shared_documents.set(_company_documents(request.company, document_ids))
    documents = list(request.shared_documents.order_by("kind", "id"))
    if documents and not consent:
        raise Invalid.field(
            "consent",
            _("Tick the consent box: the banks may only see what you agree to share."),
            code="consent_required",
        )
    routes = list(request.routes.select_related("bank"))
    if consent:
        Consent.objects.create(
            request=request,
            given_by=actor,
            text_version=Consent.TEXT_VERSION,
            text=CONSENT_TEXT,
            bank_ids=[r.bank_id for r in routes],
            documents=[
                {"id": d.pk, "kind": d.kind, "filename": d.filename, "sha256": d.sha256}
                for d in documents
            ],
        )
    request.submitted_at = timezone.now()
    request.save(update_fields=["submitted_at", "updated_at"])
    request.transition(to=FinanceRequest.Status.SUBMITTED, actor=actor)
    _notify_banks(
        [r.bank for r in routes],
        NotificationKind.REQUEST_RECEIVED,
        gettext_lazy(
            "New finance request #%(id)s: %(company)s asks for %(kind)s of "
            "%(amount)s over %(term)s months."
        ),
        request,
    )
    return request


def move_routes(routes, *, to: str, actor: User, decided: bool = False) -> None:
    """Move each bank's routing of a request through its transition table
    (audited per bank), stamping the decision time where the bank's part ends."""
    for route in routes.select_for_update():
        if decided:
            route.decided_at = timezone.now()
            route.save(update_fields=["decided_at"])
        route.transition(to=to, actor=actor)


@transaction.atomic
def request_withdraw(
    *, request: FinanceRequest, actor: User, note: str = ""
) -> FinanceRequest:
    request = _lock(request)
    ensure_manager(actor, request.company)
    was_sent = request.status != FinanceRequest.Status.DRAFT
    request.transition(to=FinanceRequest.Status.WITHDRAWN, actor=actor, note=note)
    _close_live_offers(request, actor=actor, keep=None)
    move_routes(
        request.routes.exclude(status__in=RequestRoute.ENDED),
        to=RequestRoute.Status.CLOSED,
        actor=actor,
        decided=True,
    )
    if was_sent:
        _notify_banks(
            list(request.banks.all()),
            NotificationKind.REQUEST_RECEIVED,
            gettext_lazy(
                "Finance request #%(id)s was withdrawn: %(company)s no longer asks "
                "for %(kind)s of %(amount)s."
            ),
            request,
        )
    return request


@transaction.atomic
def offer_accept(*, offer: Offer, actor: User) -> Offer:
    """The company's owner accepts one issued offer; every other offer closes."""
    request = _lock(offer.request)  # the request first, as every lending action
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    role = member_role(actor, request.company)
    if role is None or offer.issued_at is None:
        raise NotFound(_("Finance offer not found."))
    if role != MemberRole.OWNER:
        raise NotAllowed(_("Only an owner of the company may accept an offer."))
    offer.request = request  # the locked row
    if not offer.is_acceptable():
        raise Conflict(
            _("This request is %(status)s; no offer can be accepted now.")
            % {"status": request.get_status_display()}
            if request.status != FinanceRequest.Status.OFFERS_RECEIVED
            else _("This offer is %(status)s; it can no longer be accepted.")
            % {"status": offer.get_status_display()},
            code="illegal_transition",
        )
    offer.transition(to=Offer.Status.ACCEPTED, actor=actor, save=False)
    offer.accepted_at = timezone.now()
    offer.save(update_fields=["status", "accepted_at", "updated_at"])
    request.transition(to=FinanceRequest.Status.ACCEPTED, actor=actor)
    closed_banks = _close_live_offers(request, actor=actor, keep=offer)
    move_routes(
        request.routes.filter(bank=offer.bank),
        to=RequestRoute.Status.WON,
        actor=actor,
        decided=True,
    )
    losing = request.routes.exclude(bank=offer.bank).exclude(
        status__in=RequestRoute.ENDED
    )
    losing_banks = {r.bank for r in losing.select_related("bank")} | closed_banks
    move_routes(losing, to=RequestRoute.Status.CLOSED, actor=actor, decided=True)
    _notify_banks(
        [offer.bank],
        NotificationKind.OFFER_ACCEPTED,
        gettext_lazy(
            "%(company)s accepted your offer on finance request #%(id)s "
            "(%(kind)s of %(amount)s)."
        ),
        request,
    )
    _notify_banks(
        sorted(losing_banks - {offer.bank}, key=lambda b: b.pk),
        NotificationKind.OFFER_ACCEPTED,
        gettext_lazy(
            "%(company)s accepted another bank's offer on finance request #%(id)s; "
            "your offers on it are closed."
        ),
        request,
    )
    return offer


def _close_live_offers(
    request: FinanceRequest, *, actor: User, keep: Offer | None
) -> set[Bank]:
    banks = set()
    live = request.offers.select_for_update(of=("self",)).filter(status__in=Offer.LIVE)
    if keep is not None:
        live = live.exclude(pk=keep.pk)
    for other in live.select_related("bank"):
        other.transition(
            to=Offer.Status.CLOSED,
            actor=actor,
            note=_("Closed: the request was accepted elsewhere or withdrawn."),
        )
        banks.add(other.bank)
    return banks


def _notify_banks(banks, kind: str, message: str, request: FinanceRequest) -> None:
    """Tell every staff member of each bank, in the inbox and (by task) by email."""
    notify(
        users=User.objects.filter(bank_staff__bank__in=list(banks)).distinct(),
        kind=kind,
        message=message,
        params={
            "id": request.pk,
            "company": request.company.name,
            "kind": ProductKind(request.kind).label,
            "amount": format_yuan(request.amount),
            "term": request.term_months,
        },
        url=reverse("finance:bank_request", args=[request.pk]),
    )
