"""Every write of the bank side of lending: open, decline, offer (maker), approve
or return (checker, never the maker), withdraw an offer."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import audit_created, audit_record
from core.errors import Conflict, IllegalTransition, Invalid, NotFound
from core.limits import clean_value, parse_decimal, validate
from core.models import NotificationKind, User
from core.money import format_yuan
from core.notifications import notify
from finance.access import acting_route, ensure_bank_role
from finance.actions.requests import move_routes
from finance.models import (
    BankRole,
    FinanceRequest,
    Offer,
    RequestRoute,
    bank_role_of,
)


def _lock_request(request: FinanceRequest) -> FinanceRequest:
    return FinanceRequest.objects.select_for_update().get(pk=request.pk)


@transaction.atomic
def route_open(*, request: FinanceRequest, actor: User) -> RequestRoute:
    """A bank's staff opens the request: it is seen, and under review."""
    route = acting_route(request, actor)
    if route.seen_at is not None:
        return route
    request = _lock_request(request)
    route = RequestRoute.objects.select_for_update().get(pk=route.pk)
    if route.seen_at is None:
        route.seen_at = timezone.now()
        route.save(update_fields=["seen_at"])
        if route.status == RequestRoute.Status.NEW:
            route.transition(to=RequestRoute.Status.SEEN, actor=actor)
        audit_record(actor=actor, obj=route, action="request_opened")
    if request.status == FinanceRequest.Status.SUBMITTED:
        request.transition(
            to=FinanceRequest.Status.UNDER_REVIEW,
            actor=actor,
            note=str(route.bank),
        )
    return route


@transaction.atomic
def route_decline(
    *, request: FinanceRequest, actor: User, reason: str = ""
) -> RequestRoute:
    """The bank will not lend: its live offers are withdrawn; when no bank is left,
    the request closes."""
    route = acting_route(request, actor)
    request = _lock_request(request)
    route = RequestRoute.objects.select_for_update().get(pk=route.pk)
    bank_roles = bank_role_of(actor, route.bank)
    if not bank_roles:
        raise NotFound(_("Finance request not found."))
    reason = clean_value(
        RequestRoute, "decline_reason", (reason or "").strip(), field="note"
    )
    route.request = request  # the locked row
    if not route.can_decline():
        raise IllegalTransition(_("This request can no longer be declined."))
    for offer in request.offers.filter(bank=route.bank, status__in=Offer.LIVE):
        offer.transition(to=Offer.Status.WITHDRAWN, actor=actor, note=reason)
    route.decided_at = timezone.now()
    route.decline_reason = reason
    route.transition(to=RequestRoute.Status.DECLINED, actor=actor, save=False)
    route.save(update_fields=["status", "decided_at", "decline_reason"])
    audit_record(actor=actor, obj=route, action="request_declined", note=reason)
    _settle_request(request, actor=actor)
    return route


def _settle_request(request: FinanceRequest, *, actor: User) -> None:
    """Keep the request's status in step with its offers and routes."""
    issued = request.offers.filter(status=Offer.Status.ISSUED).exists()
    S = FinanceRequest.Status
    if issued and request.status in (S.SUBMITTED, S.UNDER_REVIEW):
        request.transition(to=S.OFFERS_RECEIVED, actor=actor)
    elif not issued and request.status == S.OFFERS_RECEIVED:
        request.transition(to=S.UNDER_REVIEW, actor=actor)
    if (
        not issued
        and request.is_open
        and not request.routes.exclude(status=RequestRoute.Status.DECLINED).exists()
    ):
        request.transition(
            to=S.CLOSED, actor=actor, note=_("Every bank declined the request.")
        )


def _offer_terms(
    *,
    amount: Decimal | str,
    annual_rate_percent: Decimal | str,
    term_months: int,
    repayment_method: str,
    fees: Decimal | str = "0",
    conditions: str = "",
    first_due_date: date | None = None,
) -> dict:
    """Parse the terms and check them against the Offer model's own limits."""
    errors: dict[str, list[str]] = {}
    cleaned: dict = {
        "term_months": term_months,
        "repayment_method": repayment_method,
        "conditions": (conditions or "").strip(),
        "first_due_date": first_due_date,
    }
    for field, raw, places in (
        ("amount", amount, "0.01"),
        ("annual_rate_percent", annual_rate_percent, "0.001"),
        ("fees", fees or "0", "0.01"),
    ):
        try:
            cleaned[field] = parse_decimal(raw, field, places=places)
        except Invalid as exc:
            errors.update(exc.fields)
    candidate = Offer(**{k: v for k, v in cleaned.items() if k not in errors})
    try:
        validate(candidate, exclude=["request", "bank", "maker", *errors])
    except Invalid as exc:
        errors.update(exc.fields)
    if errors:
        raise Invalid(_("Please correct the errors below."), fields=errors)
    return cleaned


@transaction.atomic
def offer_create(*, request: FinanceRequest, actor: User, **terms) -> Offer:
    """A maker drafts an offer; a checker must approve it before the tenant sees it."""
    route = acting_route(request, actor)
    ensure_bank_role(actor, route.bank, BankRole.MAKER)
    request = _lock_request(request)
    if not request.is_open or route.status == RequestRoute.Status.DECLINED:
        raise IllegalTransition(
            _("This request is %(status)s; it takes no new offers.")
            % {"status": request.get_status_display()}
        )
    if not request.can_draft_offer(route.bank_id):
        raise Conflict(
            _(
                "Your bank already has an offer on this request waiting for its "
                "checker or returned to its maker: revise or withdraw that one."
            ),
            code="offer_pending",
        )
    cleaned = _offer_terms(**terms)
    offer = Offer.objects.create(
        request=request, bank=route.bank, maker=actor, **cleaned
    )
    audit_created(
        offer,
        actor=actor,
        action="offer_drafted",
        data=_terms_data(offer),
    )
    if route.seen_at is None:
        route_open(request=request, actor=actor)
    elif request.status == FinanceRequest.Status.SUBMITTED:
        request.transition(to=FinanceRequest.Status.UNDER_REVIEW, actor=actor)
    return offer


def _terms_data(offer: Offer) -> dict:
    return {
        "amount": str(offer.amount),
        "annual_rate_percent": str(offer.annual_rate_percent),
        "term_months": offer.term_months,
        "repayment_method": offer.repayment_method,
        "fees": str(offer.fees),
    }


def _offer_step(offer: Offer, step: str, actor: User) -> Offer:
    """The offer locked for `step`, which its own rule (`Offer.refusal`, the one
    its page asks) must allow the actor."""
    # One lock order everywhere (request, then its offers, then routes), so a
    # checker approving and a tenant accepting at once cannot deadlock.
    request = _lock_request(offer.request)
    offer = (
        Offer.objects.select_for_update(of=("self",))
        .select_related("bank")
        .get(pk=offer.pk)
    )
    if not bank_role_of(actor, offer.bank):
        raise NotFound(_("Finance offer not found."))
    offer.request = request  # the locked row: its rules read its status
    if (refusal := offer.refusal(step, actor)) is not None:
        raise refusal
    return offer


@transaction.atomic
def offer_revise(*, offer: Offer, actor: User, **terms) -> Offer:
    """The maker revises an offer the checker sent back, and resubmits it."""
    offer = _offer_step(offer, "revise", actor)
    for field, value in _offer_terms(**terms).items():
        setattr(offer, field, value)
    offer.maker = actor
    offer.checker = None
    offer.save()
    offer.transition(to=Offer.Status.PENDING_APPROVAL, actor=actor, note=_("Revised"))
    audit_record(
        actor=actor, obj=offer, action="offer_revised", data=_terms_data(offer)
    )
    return offer


@transaction.atomic
def offer_approve(*, offer: Offer, actor: User, note: str = "") -> Offer:
    offer = _offer_step(offer, "approve", actor)
    request = offer.request
    offer.transition(to=Offer.Status.ISSUED, actor=actor, note=note, save=False)
    offer.checker = actor
    offer.issued_at = timezone.now()
    offer.save(update_fields=["status", "checker", "issued_at", "updated_at"])
    move_routes(
        request.routes.filter(bank=offer.bank).exclude(
            status=RequestRoute.Status.OFFERED
        ),
        to=RequestRoute.Status.OFFERED,
        actor=actor,
    )
    _settle_request(request, actor=actor)
    _notify_tenant(request, offer)
    return offer


def _notify_tenant(request: FinanceRequest, offer: Offer) -> None:
    """Every member of the company hears of the offer (inbox, and email by task)."""
    notify(
        users=User.objects.filter(memberships__company=request.company),
        kind=NotificationKind.OFFER_ISSUED,
        message=gettext_lazy(
            "%(bank)s made an offer on your finance request #%(id)s: %(amount)s at "
            "%(rate)s%% over %(term)s months."
        ),
        params={
            "bank": offer.bank,
            "id": request.pk,
            "amount": format_yuan(offer.amount),
            "rate": offer.annual_rate_percent,
            "term": offer.term_months,
        },
        url=reverse("finance:request", args=[request.pk]),
    )


@transaction.atomic
def offer_return(*, offer: Offer, actor: User, note: str) -> Offer:
    """The checker sends the offer back to the maker with a note."""
    offer = _offer_step(offer, "return", actor)
    note = clean_value(Offer, "return_note", (note or "").strip(), field="note")
    if not note:
        raise Invalid.field("note", _("Tell the maker what to change."))
    offer.transition(to=Offer.Status.RETURNED, actor=actor, note=note, save=False)
    offer.checker = actor
    offer.return_note = note
    offer.save(update_fields=["status", "checker", "return_note", "updated_at"])
    return offer


@transaction.atomic
def offer_withdraw(*, offer: Offer, actor: User, note: str = "") -> Offer:
    """The bank withdraws its offer (before the tenant accepts it)."""
    offer = _offer_step(offer, "withdraw", actor)
    request = offer.request
    offer.transition(to=Offer.Status.WITHDRAWN, actor=actor, note=note)
    still_offered = request.offers.filter(
        bank=offer.bank, status=Offer.Status.ISSUED
    ).exists()
    if not still_offered:
        move_routes(
            request.routes.filter(bank=offer.bank, status=RequestRoute.Status.OFFERED),
            to=RequestRoute.Status.SEEN,
            actor=actor,
        )
    _settle_request(request, actor=actor)
    return offer
