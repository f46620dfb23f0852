"""Finance pages: lending, bank portal — inbox, request review, offers under
maker–checker control, and the audit of the bank's own actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.access import get_scoped
from core.errors import NotFound
from core.forms import NoteForm
from core.pagination import NextPage
from core.views import posted_note, run_action, run_step, submit
from finance.access import acting_route
from finance.actions import bank as actions
from finance.actions.dossier import bank_audit, offer_view
from finance.forms import OfferForm
from finance.models import (
    Bank,
    BankRole,
    FinanceRequest,
    Offer,
    ProductKind,
    RequestRoute,
    bank_role_of,
)
from finance.queries import INBOX_FILTERS, bank_inbox, review_clock
from tenants.models import Document


def _banks(user) -> list[Bank]:
    banks = list(Bank.objects.filter(staff__user=user).distinct().order_by("name"))
    if not banks:
        raise NotFound(_("You are not on the staff of a partner bank."))
    return banks


# What a row of the inbox shows (finance/bank_inbox.html) and its review clock
# reads: no other column of the route, its bank, request or company.
INBOX_ROW = (
    "status", "bank__name", "bank__name_zh", "bank__review_sla_days",
    "request__kind", "request__amount", "request__term_months",
    "request__submitted_at", "request__status", "request__company__name",
)  # fmt: skip


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    banks = _banks(request.user)
    filters = {key: request.GET.get(key, "") for key in INBOX_FILTERS}
    routes, counts = bank_inbox(request.user, banks, filters)
    # A bank's inbox grows with every request routed to it: pages without a count.
    page = NextPage(routes.only(*INBOX_ROW), request.GET.get("page"), 25)
    now = timezone.now()
    for route in page:
        route.clock = review_clock(route, now)
    return render(
        request,
        "finance/bank_inbox.html",
        {
            "banks": banks,
            "page_obj": page,
            "filters": filters,
            "route_statuses": RequestRoute.Status.choices,
            "statuses": FinanceRequest.Status.choices,
            "kinds": ProductKind.choices,
            "queue_counts": counts,
            "roles": {r for b in banks for r in bank_role_of(request.user, b)},
        },
    )


def _bank_request(request: HttpRequest, request_id: int) -> FinanceRequest:
    return get_scoped(
        FinanceRequest.objects.of_bank(request.user).select_related("company"),
        pk=request_id,
    )


@login_required
def request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    fin = _bank_request(request, request_id)
    return _render_detail(request, fin, acting_route(fin, request.user))


@login_required
@require_POST
def request_open(request: HttpRequest, request_id: int) -> HttpResponse:
    """The page reports, once loaded, that the bank opened the request: reading it
    stays a safe GET, marking it seen and under review is this POST."""
    fin = _bank_request(request, request_id)
    actions.route_open(request=fin, actor=request.user)
    if request.htmx:
        return HttpResponse(status=204)
    return redirect("finance:bank_request", fin.pk)


def _render_detail(
    request: HttpRequest,
    fin: FinanceRequest,
    route: RequestRoute,
    offer_form: OfferForm | None = None,
    status: int = 200,
) -> HttpResponse:
    roles = bank_role_of(request.user, route.bank)
    # Each offer with the steps it allows this user: the buttons it shows.
    offers = []
    for o in (
        Offer.objects.filter(request=fin, bank=route.bank)
        .select_related("maker", "checker")
        .order_by("-created_at", "-id")
    ):
        o.request = fin  # its rules read the request's status
        offers.append((offer_view(o), o.allowed_actions(request.user, roles)))
    can_draft = BankRole.MAKER in roles and fin.can_draft_offer(route.bank_id)
    if offer_form is None and can_draft:
        offer_form = OfferForm(
            initial={
                "amount": fin.amount,
                "term_months": fin.term_months,
                "annual_rate_percent": route.product.base_annual_rate()
                if route.product
                else None,
                "fees": 0,
            }
        )
    documents = (
        fin.shared_documents.filter(pk__in=Document.objects.visible_to(request.user))
        .select_related("uploaded_by")
        .order_by("kind", "id")
    )
    return render(
        request,
        "finance/bank_request.html",
        {
            "fin": fin,
            "route": route,
            "company": fin.company,
            "documents": documents,
            "offers": offers,
            "offer_form": offer_form if can_draft else None,
            "note_form": NoteForm(),
            "audit": bank_audit(route.bank_id, fin)[:50],
            "can_decline": route.can_decline(),
        },
        status=status,
    )


@login_required
@require_POST
def offer_create(request: HttpRequest, request_id: int) -> HttpResponse:
    fin = _bank_request(request, request_id)
    route = acting_route(fin, request.user)
    form = OfferForm(request.POST)
    if done := submit(
        request,
        form,
        actions.offer_create,
        request=fin,
        success=_("Offer drafted. A checker of your bank must approve it."),
        then=reverse("finance:bank_request", args=[fin.pk]),
    ):
        return done
    return _render_detail(request, fin, route, offer_form=form)


def _bank_offer(request: HttpRequest, offer_id: int) -> Offer:
    return get_scoped(
        Offer.objects.of_bank(request.user).select_related("bank", "request"),
        pk=offer_id,
    )


# A checker's and a maker's buttons on an offer, each with the note typed
# beside it: the action and what the page says after it (the step comes from
# the URL table).
OFFER_STEPS = {
    "approve": (actions.offer_approve, gettext_lazy("Approved: the offer is issued.")),
    "return": (actions.offer_return, gettext_lazy("Sent back to the maker.")),
    "withdraw": (actions.offer_withdraw, gettext_lazy("The offer was withdrawn.")),
}


@login_required
@require_POST
def offer_step(request: HttpRequest, offer_id: int, step: str) -> HttpResponse:
    offer = _bank_offer(request, offer_id)
    return run_step(
        request,
        OFFER_STEPS[step],
        offer=offer,
        then=reverse("finance:bank_request", args=[offer.request_id]),
    )


@login_required
def offer_revise(request: HttpRequest, offer_id: int) -> HttpResponse:
    offer = _bank_offer(request, offer_id)
    then = reverse("finance:bank_request", args=[offer.request_id])
    if request.method != "POST" and (refusal := offer.refusal("revise", request.user)):
        messages.error(request, refusal.message)  # no form the action refuses
        return redirect(then)
    form = OfferForm(
        request.POST or None,
        initial={
            f: getattr(offer, f)
            for f in (
                "amount",
                "annual_rate_percent",
                "term_months",
                "repayment_method",
                "fees",
                "first_due_date",
                "conditions",
            )
        },
    )
    if done := submit(
        request,
        form,
        actions.offer_revise,
        offer=offer,
        success=_("Revised and sent to a checker again."),
        then=then,
    ):
        return done
    return render(request, "finance/offers_revise.html", {"offer": offer, "form": form})


@login_required
@require_POST
def request_decline(request: HttpRequest, request_id: int) -> HttpResponse:
    fin = _bank_request(request, request_id)
    return run_action(
        request,
        lambda: actions.route_decline(
            request=fin, actor=request.user, reason=posted_note(request)
        ),
        success=_("You declined this request."),
        then=reverse("finance:bank_request", args=[fin.pk]),
    )


@login_required
def audit(request: HttpRequest) -> HttpResponse:
    banks = _banks(request.user)
    bank = next((b for b in banks if str(b.pk) == request.GET.get("bank")), banks[0])
    page = Paginator(bank_audit(bank.pk), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "finance/bank_audit.html",
        {
            "bank": bank,
            "banks": banks,
            "page_obj": page,
        },
    )
