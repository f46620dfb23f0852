"""The operator's billing pages: receivables and ageing, the rent run with its
progress, bank transfers and voiding, reconciliation with the review of flagged
payments, the Excel export."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from billing.actions.invoices import (
    bank_transfer_record,
    can_manage_billing,
    invoice_void,
)
from billing.actions.rent_run import parse_period, rent_run_start
from billing.actions.review import payment_review
from billing.models import Invoice, Payment, RentRun
from billing.queries import (
    BUCKETS,
    bucket_labels,
    flagged_payments,
    overdue_invoices,
    receivables_by_park,
    receivables_workbook,
    reconciliation,
)
from core.access import get_scoped
from core.downloads import file_response
from core.errors import DomainError, NotFound
from core.views import apply_errors
from core.widgets import DateInput, MonthInput
from parks.models import Operator


def scoped(queryset, **lookup):
    """One row of a user-scoped queryset, or a plain 404 page (absent or not yours)."""
    try:
        return get_scoped(queryset, **lookup)
    except NotFound as exc:
        raise Http404(exc.message) from None


class TransferForm(forms.Form):
    amount = forms.DecimalField(
        label=gettext_lazy("Amount received (CNY)"), max_digits=14, decimal_places=2
    )
    paid_on = forms.DateField(
        label=gettext_lazy("Received on"),
        widget=DateInput(),
        initial=timezone.localdate,
    )
    reference = forms.CharField(
        label=gettext_lazy("Bank reference"), max_length=100, required=False
    )


class VoidForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for voiding"), max_length=1000, widget=forms.Textarea
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[
            ("accept", gettext_lazy("Accept")),
            ("reject", gettext_lazy("Reject")),
        ],
    )
    note = forms.CharField(label=gettext_lazy("Note"), max_length=1000)


class RentRunForm(forms.Form):
    period = forms.CharField(
        label=gettext_lazy("Month"),
        widget=MonthInput(),
        help_text=gettext_lazy("YYYY-MM"),
    )


def _operator(request: HttpRequest) -> Operator:
    """The operator whose billing the user works on (the first, or ?operator=)."""
    operators = Operator.objects.filter(staff__user=request.user).order_by("pk")
    wanted = request.GET.get("operator") or request.POST.get("operator")
    operator = scoped(operators, pk=wanted) if wanted else operators.first()
    if operator is None:
        raise Http404(_("You are not staff of a park operator."))
    return operator


@login_required
def billing(request: HttpRequest) -> HttpResponse:
    operator = _operator(request)
    invoices = Invoice.objects.filter(operator=operator)
    next_month = (timezone.localdate().replace(day=1) + timedelta(days=32)).replace(
        day=1
    )
    return render(
        request,
        "billing/billing.html",
        {
            "operator": operator,
            "parks": receivables_by_park(invoices),
            "buckets": BUCKETS,
            "labels": bucket_labels(),
            "overdue": overdue_invoices(invoices),
            "form": RentRunForm(initial={"period": f"{next_month:%Y-%m}"}),
            "runs": RentRun.objects.filter(operator=operator)[:5],
            "can_manage": can_manage_billing(request.user, operator.pk),
        },
    )


@login_required
@require_POST
def rent_run_create(request: HttpRequest) -> HttpResponse:
    operator = _operator(request)
    form = RentRunForm(request.POST)
    run = None
    if form.is_valid():
        try:
            run = rent_run_start(
                operator=operator,
                period=parse_period(form.cleaned_data["period"]),
                actor=request.user,
            )
        except DomainError as exc:
            apply_errors(form, exc)
    if run is not None:
        run.refresh_from_db()
    if request.htmx:
        # 200 either way: htmx 2 does not swap 4xx responses.
        return render(
            request,
            "billing/billing.html#rent-run",
            {"form": form, "run": run, "operator": operator, "can_manage": True},
        )
    if run is None:
        for error in form.errors.get("period", []) + form.non_field_errors():
            messages.error(request, error)
    return redirect("billing:billing")


@login_required
def rent_run_progress(request: HttpRequest, run_id: int) -> HttpResponse:
    run = scoped(RentRun.objects.filter(operator__staff__user=request.user), pk=run_id)
    return render(request, "billing/billing.html#progress", {"run": run})


@login_required
def receivables_export(request: HttpRequest) -> HttpResponse:
    operator = _operator(request)
    data = receivables_workbook(Invoice.objects.filter(operator=operator))
    stamp = timezone.localdate().isoformat()
    return file_response(data, f"receivables-{stamp}.xlsx")


@login_required
def reconciliation_view(request: HttpRequest) -> HttpResponse:
    operator = _operator(request)
    days = 30
    since = timezone.localdate() - timedelta(days=days)
    context = reconciliation(Invoice.objects.filter(operator=operator), since=since)
    return render(
        request,
        "billing/reconciliation.html",
        {"operator": operator, "since": since, "days": days, **context},
    )


@login_required
@require_POST
def invoice_record_transfer(request: HttpRequest, invoice_id: int) -> HttpResponse:
    invoice = scoped(Invoice.objects.of_payee(request.user), pk=invoice_id)
    form = TransferForm(request.POST)
    if form.is_valid():
        try:
            bank_transfer_record(
                invoice=invoice, actor=request.user, **form.cleaned_data
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The transfer was recorded."))
    else:
        for field, errors in form.errors.items():
            messages.error(request, f"{form.fields[field].label}: {' '.join(errors)}")
    return redirect("billing:invoice", invoice.pk)


@login_required
@require_POST
def invoice_void_view(request: HttpRequest, invoice_id: int) -> HttpResponse:
    invoice = scoped(Invoice.objects.of_payee(request.user), pk=invoice_id)
    form = VoidForm(request.POST)
    if form.is_valid():
        try:
            invoice_void(
                invoice=invoice, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The invoice was voided."))
    else:
        messages.error(request, _("Say why the invoice is voided."))
    return redirect("billing:invoice", invoice.pk)


@login_required
@require_POST
def payment_review_view(request: HttpRequest, payment_id: int) -> HttpResponse:
    payment = scoped(
        Payment.objects.filter(
            invoice__in=Invoice.objects.of_operator(request.user).values("pk")
        ).select_related("invoice"),
        pk=payment_id,
    )
    form = ReviewForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            payment = payment_review(
                payment=payment, actor=request.user, **form.cleaned_data
            )
        except DomainError as exc:
            error = exc.message
    else:
        error = _("Choose accept or reject and write a note.")
    operator_id = payment.invoice.operator_id
    if not request.htmx:
        if error:
            messages.error(request, error)
        else:
            messages.success(request, _("The payment was reviewed."))
        return redirect(f"{reverse('billing:reconciliation')}?operator={operator_id}")
    # 200 either way: htmx 2 does not swap 4xx responses.
    context = {
        "flagged": flagged_payments(Invoice.objects.filter(operator_id=operator_id)),
        "reviewed": payment,
        "review_error": error,
        "review_note": request.POST.get("note", ""),
    }
    return render(request, "billing/reconciliation.html#flagged", context)
