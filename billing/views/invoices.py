"""Billing pages: invoices (list, detail, PDF, pay), saving a card for rent, and
the Stripe webhook. The operator's pages live in views/operator.py."""

from __future__ import annotations

import logging

import stripe
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from billing.access import can_manage_invoice
from billing.actions.invoices import bank_transfer_record, invoice_void
from billing.actions.online import (
    autopay_disable,
    autopay_setup_finish,
    autopay_setup_start,
    invoice_checkout_start,
)
from billing.actions.payment_notice import can_notify_payment, payment_notify
from billing.actions.stripe_events import (
    parse_payload,
    stripe_event_apply,
    stripe_event_reject,
)
from billing.forms import PaymentNoticeForm, TransferForm, VoidForm
from billing.gateways import bank_transfer, online_gateway
from billing.gateways.stripe_gateway import verify_signature
from billing.models import AutoPay, Invoice, Payment, outstanding
from billing.queries import invoice_pdf_response, overdue
from core.access import get_scoped
from core.audit import audit_trail
from core.errors import DomainError
from core.pagination import NextPage
from core.views import submit, submit_page_form
from tenants.access import member_company
from tenants.models import Company, can_manage_company

log = logging.getLogger(__name__)


# What a row of the invoice list shows (billing/invoice_list.html), and no
# other column of the invoice, its company or its park.
INVOICE_ROW = (
    "number", "kind", "status", "due_date", "total", "company__name",
    "park__name", "park__name_zh",
)  # fmt: skip


@login_required
def invoice_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    invoices = (
        Invoice.objects.visible_to(request.user)
        .select_related("company", "park")
        .only(*INVOICE_ROW)
        .order_by("-issue_date", "-id")
    )
    if status in Invoice.Status.values:
        invoices = invoices.filter(status=status)
    due = request.GET.get("due", "")
    if due == "overdue":
        # The home's overdue tile counts these: the operator's receivables.
        invoices = overdue(invoices.of_operator(request.user))
        page = Paginator(invoices, 25).get_page(request.GET.get("page"))
    else:
        # No exact count: an operator's invoices are the whole portfolio's.
        page = NextPage(invoices, request.GET.get("page"), 25)
    return render(
        request,
        "billing/invoice_list.html",
        {
            "page_obj": page,
            "status": status,
            "due": due,
            "statuses": Invoice.Status.choices,
            "companies": Company.objects.of_member(request.user).order_by("name"),
        },
    )


def _detail_context(request: HttpRequest, invoice: Invoice) -> dict:
    owed = outstanding(invoice)
    manages = can_manage_invoice(request.user, invoice)
    allowed = invoice.allowed_actions(request.user)
    return {
        "invoice": invoice,
        "payments": invoice.payments.select_related("recorded_by"),
        "outstanding": owed,
        "allowed": allowed,
        "transfer": bank_transfer().instructions(invoice, f"{owed:.2f}")
        if invoice.status == Invoice.Status.OPEN
        else None,
        "can_manage": manages,
        "transfer_form": TransferForm(initial={"amount": owed}) if manages else None,
        "void_form": VoidForm() if manages else None,
        "notice_form": PaymentNoticeForm(
            initial={"amount": owed, "paid_on": timezone.localdate()}
        )
        if can_notify_payment(request.user, invoice)
        else None,
        "notified": [
            p for p in invoice.payments.all() if p.status == Payment.Status.FLAGGED
        ],
        "trail": audit_trail(invoice).order_by("created_at")[:50],
        "cancelled": request.GET.get("cancelled") == "1",
    }


@login_required
def invoice_detail(request: HttpRequest, invoice_id: int) -> HttpResponse:
    invoice = get_scoped(
        Invoice.objects.visible_to(request.user).select_related(
            "company", "park", "replaces", "lease"
        ),
        pk=invoice_id,
    )
    return render(
        request, "billing/invoice_detail.html", _detail_context(request, invoice)
    )


@login_required
def invoice_status(request: HttpRequest, invoice_id: int) -> HttpResponse:
    """The status badge, polled on the return page until the webhook lands."""
    invoice = get_scoped(Invoice.objects.visible_to(request.user), pk=invoice_id)
    return render(request, "billing/invoice_paid.html#status", {"invoice": invoice})


@login_required
def invoice_paid(request: HttpRequest, invoice_id: int) -> HttpResponse:
    """Checkout's success page. Only the webhook marks the invoice paid."""
    invoice = get_scoped(Invoice.objects.visible_to(request.user), pk=invoice_id)
    return render(request, "billing/invoice_paid.html", {"invoice": invoice})


@login_required
def invoice_download(request: HttpRequest, invoice_id: int) -> HttpResponse:
    invoice = get_scoped(Invoice.objects.visible_to(request.user), pk=invoice_id)
    return invoice_pdf_response(invoice)


@login_required
@require_POST
def invoice_pay(request: HttpRequest, invoice_id: int) -> HttpResponse:
    invoice = get_scoped(Invoice.objects.visible_to(request.user), pk=invoice_id)
    base = request.build_absolute_uri(reverse("billing:invoice", args=[invoice.pk]))
    try:
        attempt = invoice_checkout_start(
            invoice=invoice,
            actor=request.user,
            success_url=request.build_absolute_uri(
                reverse("billing:invoice_paid", args=[invoice.pk])
            )
            + "?session_id={CHECKOUT_SESSION_ID}",
            cancel_url=base + "?cancelled=1",
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("billing:invoice", invoice.pk)
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = attempt.checkout_url
        return response
    return redirect(attempt.checkout_url)


@login_required
def autopay(request: HttpRequest, company_id: int) -> HttpResponse:
    """Save a card for rent (a setup-mode Checkout) or stop paying automatically."""
    company = member_company(request.user, company_id)
    here = request.build_absolute_uri(reverse("billing:autopay", args=[company.pk]))
    try:
        if request.GET.get("session_id"):
            autopay_setup_finish(
                company=company,
                actor=request.user,
                session_id=request.GET["session_id"],
            )
            messages.success(
                request, _("Your card is saved; rent will be charged to it.")
            )
            return redirect("billing:autopay", company.pk)
        if request.method == "POST" and request.POST.get("action") == "disable":
            autopay_disable(company=company, actor=request.user)
            messages.success(
                request, _("Rent will no longer be charged automatically.")
            )
            return redirect("billing:autopay", company.pk)
        if request.method == "POST":
            start = autopay_setup_start(
                company=company,
                actor=request.user,
                return_url=here + "?session_id={CHECKOUT_SESSION_ID}",
            )
            return redirect(start.checkout_url)
    except DomainError as exc:
        messages.error(request, exc.message)
    return render(
        request,
        "billing/autopay.html",
        {
            "company": company,
            "autopay": AutoPay.objects.filter(company=company).first(),
            "online": online_gateway() is not None,
            "can_manage": can_manage_company(request.user, company),
        },
    )


@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    """Stripe's signed events. Bad signature → 400; a replay is applied once;
    unknown types are logged and acknowledged."""
    if not settings.STRIPE_WEBHOOK_SECRET:
        return JsonResponse({"detail": "webhooks are not configured"}, status=400)
    signature = request.headers.get("Stripe-Signature", "")
    try:
        verify_signature(request.body, signature)
    except stripe.SignatureVerificationError:
        log.warning("Stripe webhook with a bad signature refused")
        return JsonResponse({"detail": "bad signature"}, status=400)
    try:
        data = parse_payload(request.body)
    except ValueError:
        # Signed but not JSON: kept with the reason; a 400 as Stripe advises.
        raw = request.body[:2000].decode("utf-8", "replace")
        event = stripe_event_reject({"raw": raw}, "the body is not JSON")
        return JsonResponse(
            {"id": event.event_id, "outcome": event.outcome}, status=400
        )
    # Everything signed is acknowledged (200), applied or kept as rejected with
    # its reason: a 5xx would only make Stripe retry the same body forever.
    event = stripe_event_apply(data)
    return JsonResponse({"id": event.event_id, "outcome": event.outcome})


@login_required
def invoice_notify_payment(request: HttpRequest, invoice_id: int) -> HttpResponse:
    """'I have paid': POST the transfer with its slip; a GET shows the invoice."""
    invoice = get_scoped(Invoice.objects.visible_to(request.user), pk=invoice_id)
    if request.method != "POST":
        return redirect(invoice.get_absolute_url())
    form = PaymentNoticeForm(request.POST, request.FILES)
    done = submit(
        request,
        form,
        payment_notify,
        invoice=invoice,
        success=_(
            "Thank you. The park's finance staff will confirm your payment "
            "once it reaches their account."
        ),
        then=invoice.get_absolute_url(),
    )
    return done or _invoice_page(request, invoice, notice_form=form)


def _invoice_page(request: HttpRequest, invoice: Invoice, **forms) -> HttpResponse:
    """The invoice page again with a refused form: its errors next to the fields
    and what was typed still in them."""
    context = _detail_context(request, invoice)
    context.update(forms)
    return render(request, "billing/invoice_detail.html", context)


# The payee's forms on the invoice page: the form, the action and what the
# page says after it.
PAYEE_FORMS = {
    "transfer": (
        TransferForm,
        bank_transfer_record,
        gettext_lazy("The transfer was recorded."),
    ),
    "void": (VoidForm, invoice_void, gettext_lazy("The invoice was voided.")),
}


@login_required
@require_POST
def invoice_payee_form(
    request: HttpRequest, invoice_id: int, kind: str
) -> HttpResponse:
    """Record a bank transfer or void the invoice (`kind` comes from the URL
    table); a refusal shows the page again with the form and its errors."""
    invoice = get_scoped(Invoice.objects.of_payee(request.user), pk=invoice_id)
    return submit_page_form(
        request,
        PAYEE_FORMS[kind],
        kind,
        invoice=invoice,
        then=invoice.get_absolute_url(),
        page=lambda **forms: _invoice_page(request, invoice, **forms),
    )
