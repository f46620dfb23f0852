"""The operator's billing pages: receivables and ageing, the rent run with its
progress, bank transfers and voiding, reconciliation with the review of flagged
payments, the Excel export."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from billing.access import can_manage_billing
from billing.actions.rent_run import parse_period, rent_run_preview, rent_run_start
from billing.actions.review import payment_review
from billing.actions.statement import (
    statement_confirm,
    statement_entries,
    statement_token,
)
from billing.forms import (
    ReconciliationRange,
    RentRunForm,
    ReviewForm,
    StatementForm,
)
from billing.models import Invoice, InvoiceFigures, Payment, RentRun
from billing.queries import (
    BUCKETS,
    bucket_labels,
    flagged_payments,
    operator_dues,
    overdue_invoices,
    receivables_by_park,
    receivables_sum,
    receivables_workbook,
    reconciliation,
    reconciliation_period,
    statement_review,
)
from billing.statement import MAX_BYTES, parse_statement
from core.access import get_scoped
from core.downloads import file_response
from core.errors import DomainError, NotAllowed, NotFound
from core.views import apply_errors
from parks.models import Operator


def _operator(request: HttpRequest) -> Operator:
    """The operator whose billing the user works on (the first, or ?operator=)."""
    operators = Operator.objects.filter(staff__user=request.user).order_by("pk")
    wanted = request.GET.get("operator") or request.POST.get("operator")
    operator = get_scoped(operators, pk=wanted) if wanted else operators.first()
    if operator is None:
        raise Http404(_("You are not staff of a park operator."))
    return operator


# The event a finished rent run sends the page: its receivables refresh.
RECEIVABLES_CHANGED = "receivables-changed"


RECEIVABLES_PER_PAGE = 25


def _receivables(operator: Operator, page: Any = None) -> dict:
    """The receivables by park, a page of parks at a time under the total of
    them all, and the oldest overdue invoices."""
    invoices = Invoice.objects.filter(operator=operator)
    today = timezone.localdate()
    parks = InvoiceFigures.memo(  # the parks' names in the page's language
        f"receivables:{operator.pk}:{today}:{get_language()}",
        lambda: receivables_by_park(operator_dues({operator.pk}), today),
        park__operator=operator,
    )
    return {
        "operator": operator,
        "page_obj": Paginator(parks, RECEIVABLES_PER_PAGE).get_page(page),
        "total": receivables_sum(parks),
        "buckets": BUCKETS,
        "labels": bucket_labels(),
        "overdue": overdue_invoices(invoices),
    }


def _billing_page(request: HttpRequest, operator: Operator, **extra) -> HttpResponse:
    next_month = (timezone.localdate().replace(day=1) + timedelta(days=32)).replace(
        day=1
    )
    context = {
        **_receivables(operator, request.GET.get("page")),
        "form": RentRunForm(initial={"period": f"{next_month:%Y-%m}"}),
        "runs": RentRun.objects.filter(operator=operator)[:5],
        "can_manage": can_manage_billing(request.user, operator.pk),
        **extra,
    }
    return render(request, "billing/billing.html", context)


@login_required
def billing(request: HttpRequest) -> HttpResponse:
    operator = _operator(request)
    if request.htmx and request.GET.get("part") == "receivables":
        return render(
            request,
            "billing/billing.html#receivables",
            _receivables(operator, request.GET.get("page")),
        )
    return _billing_page(request, operator)


def _rent_run_answer(
    request: HttpRequest, operator: Operator, form: RentRunForm, **extra
) -> HttpResponse:
    """The rent-run box after a preview or a confirm: the fragment for htmx
    (200 either way: htmx 2 does not swap 4xx responses), else the page."""
    if request.htmx:
        context = {"form": form, "operator": operator, "can_manage": True, **extra}
        response = render(request, "billing/billing.html#rent-run", context)
        run = extra.get("run")
        if run is not None and run.finished:
            response["HX-Trigger"] = RECEIVABLES_CHANGED
        return response
    return _billing_page(request, operator, form=form, **extra)


def _rent_run_step(request: HttpRequest, step) -> tuple[Operator, RentRunForm, Any]:
    """The month from the form, then `step(operator=, period=, actor=)`; its
    domain errors land on the form (the result is None then)."""
    operator = _operator(request)
    form = RentRunForm(request.POST)
    result = None
    if form.is_valid():
        try:
            result = step(
                operator=operator,
                period=parse_period(form.cleaned_data["period"]),
                actor=request.user,
            )
        except DomainError as exc:
            apply_errors(form, exc)
    return operator, form, result


@login_required
@require_POST
def rent_run_preview_view(request: HttpRequest) -> HttpResponse:
    """Step one: what a run for the month would issue, with its exceptions."""
    operator, form, plan = _rent_run_step(request, rent_run_preview)
    return _rent_run_answer(request, operator, form, plan=plan)


@login_required
@require_POST
def rent_run_create(request: HttpRequest) -> HttpResponse:
    """Step two (confirm): the run plans again itself, so a stale preview is
    harmless."""
    operator, form, run = _rent_run_step(request, rent_run_start)
    if run is not None:
        run.refresh_from_db()
    if request.htmx:
        return _rent_run_answer(request, operator, form, run=run)
    if run is None:
        for error in form.errors.get("period", []) + form.non_field_errors():
            messages.error(request, error)
    return redirect(f"{reverse('billing:billing')}?operator={operator.pk}")


@login_required
def rent_run_progress(request: HttpRequest, run_id: int) -> HttpResponse:
    run = get_scoped(
        RentRun.objects.filter(operator__staff__user=request.user), pk=run_id
    )
    response = render(request, "billing/billing.html#progress", {"run": run})
    if run.finished and request.htmx:
        response["HX-Trigger"] = RECEIVABLES_CHANGED
    return response


@login_required
def receivables_export(request: HttpRequest) -> HttpResponse:
    operator = _operator(request)
    data = receivables_workbook(Invoice.objects.filter(operator=operator))
    stamp = timezone.localdate().isoformat()
    return file_response(data, f"receivables-{stamp}.xlsx")


def _reconciliation_page(
    request: HttpRequest, operator: Operator, **extra
) -> HttpResponse:
    since, until = reconciliation_period(None, None)
    bound = "since" in request.GET or "until" in request.GET
    form = ReconciliationRange(
        request.GET if bound else None, initial={"since": since, "until": until}
    )
    since, until = form.period()
    invoices = Invoice.objects.filter(operator=operator)
    context = {
        "operator": operator,
        "range_form": form,
        "since": since,
        "until": until,
        "statement_form": StatementForm(),
        "can_manage": can_manage_billing(request.user, operator.pk),
        **reconciliation(invoices, since=since, until=until),
        **extra,
    }
    status = 422 if extra.get("statement_form", StatementForm()).errors else 200
    return render(request, "billing/reconciliation.html", context, status=status)


@login_required
def reconciliation_view(request: HttpRequest) -> HttpResponse:
    return _reconciliation_page(request, _operator(request))


def _billing_staff(request: HttpRequest, operator: Operator) -> None:
    if not can_manage_billing(request.user, operator.pk):
        raise PermissionDenied(
            _("Only the operator's finance staff or a manager may do this.")
        )


@login_required
@require_POST
def statement_upload(request: HttpRequest) -> HttpResponse:
    """Step one: read the statement and propose an invoice for each line."""
    operator = _operator(request)
    _billing_staff(request, operator)
    form = StatementForm(request.POST, request.FILES)
    statement = None
    if form.is_valid():
        try:
            statement = parse_statement(form.cleaned_data["file"].read(MAX_BYTES + 1))
        except DomainError as exc:
            apply_errors(form, exc)
    if statement is None:
        return _reconciliation_page(request, operator, statement_form=form)
    proposals = statement_review(operator.pk, statement.entries)
    counts = Counter(p.status for p in proposals)
    context = {
        "operator": operator,
        "proposals": proposals,
        "problems": statement.problems,
        "counts": counts,
        "token": statement_token(operator, statement.entries),
        "filename": form.cleaned_data["file"].name,
    }
    return render(request, "billing/statement_review.html", context)


@login_required
@require_POST
def statement_confirm_view(request: HttpRequest) -> HttpResponse:
    """Step two: record a bank transfer for each line the operator ticked."""
    operator = _operator(request)
    back = redirect(f"{reverse('billing:reconciliation')}?operator={operator.pk}")
    matches = [
        (int(line), int(request.POST[f"invoice_{line}"]))
        for line in request.POST.getlist("line")
        if line.isdigit() and request.POST.get(f"invoice_{line}", "").isdigit()
    ]
    try:
        entries = statement_entries(operator, request.POST.get("token", ""))
        outcomes = statement_confirm(
            operator=operator, entries=entries, matches=matches, actor=request.user
        )
    except NotFound as exc:
        raise Http404(exc.message) from None
    except NotAllowed as exc:
        raise PermissionDenied(exc.message) from None
    except DomainError as exc:
        messages.error(request, exc.message)
        return back
    counts = Counter(o.status for o in outcomes)
    if not outcomes:
        messages.warning(request, _("No line was selected: nothing was recorded."))
    if counts["recorded"]:
        messages.success(
            request,
            ngettext(
                "%(n)s payment was recorded.",
                "%(n)s payments were recorded.",
                counts["recorded"],
            )
            % {"n": counts["recorded"]},
        )
    if counts["already"]:
        messages.info(
            request,
            ngettext(
                "%(n)s line was recorded before and was skipped.",
                "%(n)s lines were recorded before and were skipped.",
                counts["already"],
            )
            % {"n": counts["already"]},
        )
    for outcome in outcomes:
        if outcome.status == "refused":
            messages.error(
                request,
                _("Line %(n)s (%(number)s): %(why)s")
                % {
                    "n": outcome.entry.line,
                    "number": outcome.invoice.number,
                    "why": outcome.message,
                },
            )
    return back


@login_required
@require_POST
def payment_review_view(request: HttpRequest, payment_id: int) -> HttpResponse:
    payment = get_scoped(
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
