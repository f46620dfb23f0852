"""Finance pages: lending, tenant side — draft, submit with consent, compare offers,
accept. The bank portal lives in views/bank.py."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import get_scoped, portal_required
from core.pdf import pdf_response
from core.views import posted_note, run_action, submit
from finance import queries
from finance.actions import requests as actions
from finance.actions.dossier import compare_offers, dossier_pdf, offer_view
from finance.forms import RequestForm, SubmitForm
from finance.models import FinanceRequest, Offer, ProductKind
from tenants.models import MANAGING_ROLES, Company, MemberRole, member_role


@portal_required("tenant")
def request_list(request: HttpRequest) -> HttpResponse:
    rows = (
        FinanceRequest.objects.of_member(request.user)
        .select_related("company")
        .prefetch_related("routes__bank")
        .order_by("-created_at", "-id")
    )
    status = request.GET.get("status", "")
    if status:
        rows = rows.filter(status=status)
    return render(
        request,
        "finance/requests_list.html",
        {
            "page_obj": Paginator(rows, 25).get_page(request.GET.get("page")),
            "status": status,
            "statuses": FinanceRequest.Status.choices,
            "can_create": Company.objects.managed_by(request.user).exists(),
        },
    )


def _pick_company(request: HttpRequest, companies) -> Company | None:
    raw = request.POST.get("company") or request.GET.get("company")
    if raw:
        return companies.filter(pk=int(raw)).first() if raw.isdigit() else None
    return companies.first()


@portal_required("tenant")
def request_new(request: HttpRequest) -> HttpResponse:
    companies = Company.objects.managed_by(request.user)
    company = _pick_company(request, companies)
    form = RequestForm(
        request.POST or None,
        companies=companies,
        company=company,
        initial={
            "company": company,
            "kind": request.GET.get("kind", ProductKind.WORKING_CAPITAL_LOAN),
        },
    )
    if done := submit(
        request,
        form,
        actions.request_create,
        success=_("Draft saved. Check it, give your consent and submit it."),
        rename=RequestForm.FIELD_OF,
    ):
        return done
    context = {"form": form, "company": company, **_hints(request, company)}
    return render(request, "finance/requests_new.html", context)


def _hints(request: HttpRequest, company: Company | None) -> dict:
    return queries.request_hints(company, request.POST or request.GET)


@login_required
def request_hints(request: HttpRequest) -> HttpResponse:
    companies = Company.objects.managed_by(request.user)
    company = _pick_company(request, companies)
    return render(request, "finance/requests_new.html#hints", _hints(request, company))


def _tenant_request(request: HttpRequest, request_id: int) -> FinanceRequest:
    return get_scoped(
        FinanceRequest.objects.of_member(request.user).select_related("company"),
        pk=request_id,
    )


@login_required
def request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    fin = _tenant_request(request, request_id)
    return _render_detail(request, fin)


def _render_detail(
    request: HttpRequest, fin: FinanceRequest, submit_form: SubmitForm | None = None
) -> HttpResponse:
    role = member_role(request.user, fin.company)
    if submit_form is None and fin.status == FinanceRequest.Status.DRAFT:
        submit_form = SubmitForm(
            company=fin.company,
            initial={"documents": list(fin.shared_documents.all())},
        )
    offers = list(
        Offer.objects.of_member(request.user).filter(request=fin).select_related("bank")
    )
    for offer in offers:
        offer.request = fin  # is_acceptable reads the request's status
    return render(
        request,
        "finance/requests_detail.html",
        {
            "fin": fin,
            "routes": fin.routes.select_related("bank", "product"),
            "documents": fin.shared_documents.order_by("kind", "id"),
            "consent": getattr(fin, "consent", None) if fin.submitted_at else None,
            "submit_form": submit_form,
            "comparison": compare_offers(offers),
            "can_manage": role in MANAGING_ROLES,
            "is_owner": role == MemberRole.OWNER,
            # The offers the user may accept (Offer.can_accept, the owner's
            # role already known).
            "acceptable": {
                o.pk for o in offers if role == MemberRole.OWNER and o.is_acceptable()
            },
        },
    )


@login_required
@require_POST
def request_submit(request: HttpRequest, request_id: int) -> HttpResponse:
    fin = _tenant_request(request, request_id)
    form = SubmitForm(request.POST, company=fin.company)
    if done := submit(
        request,
        form,
        actions.request_submit,
        request=fin,
        success=_("Submitted: the banks you chose can see it."),
    ):
        return done
    return _render_detail(request, fin, submit_form=form)


@login_required
@require_POST
def request_withdraw(request: HttpRequest, request_id: int) -> HttpResponse:
    fin = _tenant_request(request, request_id)
    return run_action(
        request,
        lambda: actions.request_withdraw(
            request=fin, actor=request.user, note=posted_note(request)
        ),
        success=_("The request was withdrawn."),
        then=fin.get_absolute_url(),
    )


@login_required
def offer_accept(request: HttpRequest, offer_id: int) -> HttpResponse:
    """GET: the confirmation with the offer's summary and what happens next;
    POST: accept it."""
    offer = get_scoped(
        Offer.objects.of_member(request.user).select_related("request", "bank"),
        pk=offer_id,
    )
    if request.method != "POST":
        fin = offer.request
        return render(
            request,
            "finance/offer_accept.html",
            {
                "fin": fin,
                "v": offer_view(offer),
                "shortfall": fin.amount - offer.amount
                if offer.amount < fin.amount
                else None,
                "can_accept": offer.can_accept(request.user),
            },
        )
    return run_action(
        request,
        lambda: actions.offer_accept(offer=offer, actor=request.user),
        success=_("You accepted the offer of %(bank)s; the other banks were told.")
        % {"bank": offer.bank},
        then=reverse("finance:request", args=[offer.request_id]),
    )


@login_required
def request_dossier(request: HttpRequest, request_id: int) -> HttpResponse:
    fin = get_scoped(
        FinanceRequest.objects.visible_to(request.user).select_related("company"),
        pk=request_id,
    )
    return pdf_response(dossier_pdf(fin, request.user), f"dossier-{fin.pk}.pdf")
