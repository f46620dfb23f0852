"""Booking and case pages, the same for every party: each sees its own rows
(tenant, provider) or its parks' rows read-only (operator); forms appear only
where the booking's guards say the viewer may act."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.access import get_scoped
from core.audit import audit_trail
from core.errors import DomainError
from core.pdf import render_pdf
from core.views import apply_errors, posted_note, run_action, submit, submit_page_form
from services.actions import bookings as act
from services.actions.cases import case_step_update
from services.forms import MessageForm, QuoteForm, ReplyForm, ReviewForm, StepForm
from services.models import Booking, Case, CaseStep, Quote, Review
from tenants.models import Document

TRANSITIONS = ("confirm", "decline", "start", "complete", "cancel")


def _bookings(request: HttpRequest):
    return Booking.objects.visible_to(request.user).select_related(
        "offering__provider", "company", "park", "staff__user", "invoice", "fee_invoice"
    )


@login_required
def booking_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    qs = _bookings(request)
    if status in Booking.Status.values:
        qs = qs.filter(status=status)
    return render(
        request,
        "services/booking_list.html",
        {
            "bookings": qs.order_by("-starts_at")[:200],
            "status": status,
            "statuses": Booking.Status.choices,
        },
    )


def _vault(booking: Booking, user) -> list[Document]:
    if not booking.can_share_document(user):
        return []
    return list(Document.objects.filter(company=booking.company))


def _detail_context(request: HttpRequest, booking: Booking, **forms) -> dict:
    user = request.user
    review = getattr(booking, "review", None)
    quotes = list(booking.quotes.all())
    for quote in quotes:
        quote.booking = booking
    context = {
        "booking": booking,
        "actions": booking.allowed_actions(user),
        "quotes": quotes,
        "acceptable": {q.pk for q in quotes if q.can_accept(user)},
        "review": review,
        "can_reply": review is not None and review.can_reply(user),
        "messages_list": booking.messages.select_related("author", "document"),
        "shared": booking.shares.select_related("document"),
        "can_message": booking.can_message(user),
        "case": getattr(booking, "case", None),
        "trail": audit_trail(booking),
        "quote_form": forms.get("quote_form") or QuoteForm(),
        "review_form": forms.get("review_form") or ReviewForm(),
        "reply_form": forms.get("reply_form") or ReplyForm(),
        "message_form": forms.get("message_form")
        or MessageForm(documents=_vault(booking, user)),
    }
    return context


@login_required
def booking_detail(request: HttpRequest, booking_id: int) -> HttpResponse:
    booking = get_scoped(_bookings(request), pk=booking_id)
    return render(
        request, "services/booking_detail.html", _detail_context(request, booking)
    )


def _booking_page(request: HttpRequest, booking: Booking, **forms) -> HttpResponse:
    """The page again with a form's errors (200 so htmx swaps it)."""
    return render(
        request,
        "services/booking_detail.html",
        _detail_context(request, booking, **forms),
    )


@login_required
@require_POST
def booking_transition(
    request: HttpRequest, booking_id: int, verb: str
) -> HttpResponse:
    booking = get_scoped(_bookings(request), pk=booking_id)
    if verb not in TRANSITIONS:
        return redirect(booking)
    try:
        getattr(act, f"booking_{verb}")(
            booking=booking, actor=request.user, note=posted_note(request)
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(booking)


# The booking page's forms that run one action on the booking: the form, the
# action and what the page says after it.
BOOKING_FORMS = {
    "quote": (
        QuoteForm,
        act.quote_send,
        gettext_lazy("The quote was sent to the tenant."),
    ),
    "review": (
        ReviewForm,
        act.booking_review,
        gettext_lazy("Thank you for your review."),
    ),
}


@login_required
@require_POST
def booking_form(request: HttpRequest, booking_id: int, kind: str) -> HttpResponse:
    """Send a quote or review a booking (`kind` comes from the URL table)."""
    booking = get_scoped(_bookings(request), pk=booking_id)
    return submit_page_form(
        request,
        BOOKING_FORMS[kind],
        kind,
        booking=booking,
        then=booking.get_absolute_url(),
        page=lambda **forms: _booking_page(request, booking, **forms),
    )


@login_required
@require_POST
def quote_accept(request: HttpRequest, quote_id: int) -> HttpResponse:
    quote = get_scoped(Quote.objects.visible_to(request.user), pk=quote_id)
    return run_action(
        request,
        lambda: act.quote_accept(quote=quote, actor=request.user),
        success=_("You accepted the quote."),
        then=quote.booking.get_absolute_url(),
    )


@login_required
@require_POST
def review_reply(request: HttpRequest, review_id: int) -> HttpResponse:
    review = get_scoped(Review.objects.visible_to(request.user), pk=review_id)
    form = ReplyForm(request.POST)
    done = submit(
        request,
        form,
        act.review_reply,
        review=review,
        success=_("Your reply was published."),
        then=review.booking.get_absolute_url(),
    )
    return done or _booking_page(request, review.booking, reply_form=form)


@login_required
@require_POST
def booking_message(request: HttpRequest, booking_id: int) -> HttpResponse:
    booking = get_scoped(_bookings(request), pk=booking_id)
    vault = _vault(booking, request.user)
    form = MessageForm(request.POST, documents=vault)
    if form.is_valid():
        document_id = form.cleaned_data.get("document")
        try:
            act.message_post(
                booking=booking,
                actor=request.user,
                body=form.cleaned_data["body"],
                document=get_scoped(
                    Document.objects.filter(company=booking.company), pk=document_id
                )
                if document_id
                else None,
            )
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            if request.htmx:
                return render(
                    request,
                    "services/booking_detail.html#messages",
                    _detail_context(request, booking),
                )
            return redirect(booking)
    return _booking_page(request, booking, message_form=form)


# --- permit cases ---------------------------------------------------------------


def _cases(request: HttpRequest):
    return Case.objects.visible_to(request.user).select_related(
        "booking__offering__provider", "booking__company", "booking__park"
    )


def _case_context(request: HttpRequest, case: Case, failed: dict | None = None) -> dict:
    user = request.user
    steps = list(case.steps.prefetch_related("documents"))
    vault = _vault(case.booking, user)
    for step in steps:
        step.case = case
        if step.can_update(user):
            step.form = (failed or {}).get(step.pk) or StepForm(
                initial={"status": step.status},
                documents=vault if step.can_attach(user) else (),
                prefix=f"s{step.pk}",
            )
    return {"case": case, "steps": steps, "trail": audit_trail(case)}


@login_required
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_scoped(_cases(request), pk=case_id)
    return render(request, "services/case_detail.html", _case_context(request, case))


@login_required
@require_POST
def case_step(request: HttpRequest, case_id: int, step_id: int) -> HttpResponse:
    case = get_scoped(_cases(request), pk=case_id)
    step = get_scoped(CaseStep.objects.filter(case=case), pk=step_id)
    step.case = case
    vault = _vault(case.booking, request.user) if step.can_attach(request.user) else ()
    form = StepForm(request.POST, documents=vault, prefix=f"s{step.pk}")
    if form.is_valid():
        ids = form.cleaned_data.get("documents") or []
        response = run_action(
            request,
            lambda: case_step_update(
                step=step,
                actor=request.user,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
                documents=[
                    get_scoped(
                        Document.objects.filter(company=case.booking.company), pk=i
                    )
                    for i in ids
                ],
            ),
            success=_("The step was updated."),
            then=case.get_absolute_url(),
            form=form,
        )
        if response:
            return response
    return render(
        request,
        "services/case_detail.html",
        _case_context(request, case, failed={step.pk: form}),
    )


@login_required
def case_pdf(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_scoped(_cases(request), pk=case_id)
    pdf = render_pdf(
        "services/case_pdf.html",
        {"case": case, "steps": case.steps.all()},
        request=request,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="case-{case.pk}.pdf"'
    return response
