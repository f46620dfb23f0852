"""Parks pages: admission — the tenant applies, the operator's officer decides."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.access import get_scoped, portal_required
from core.audit import audit_trail
from core.errors import DomainError, Invalid
from core.forms import NoteForm
from core.models import User
from core.views import apply_errors, render_page, run_action, run_step, submit
from parks.actions import admission as actions
from parks.forms.admission import AdmissionForm, DecisionForm, OfficerForm
from parks.models import (
    OFFICER_ROLES,
    AdmissionApplication,
    OperatorRole,
    OperatorStaff,
    Park,
)
from parks.queries.admission import (
    QUEUE_FILTERS,
    operator_queue,
    sla_clock,
    with_clocks,
)
from parks.scoring import Score
from tenants.models import Company, Document, member_role

PER_PAGE = 25


def _documents(companies) -> list[Document]:
    return list(
        Document.objects.in_vault()
        .filter(company__in=companies)
        .order_by("company_id", "kind")
    )


def _form_context(park: Park, form: AdmissionForm, score: Score | None) -> dict:
    return {"park": park, "form": form, "score": score}


# --- tenant ------------------------------------------------------------------------


@portal_required("tenant")
def admission_list(request: HttpRequest) -> HttpResponse:
    rows = (
        AdmissionApplication.objects.of_member(request.user)
        .select_related("park", "company", "officer")
        .order_by("-created_at", "-id")
    )
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "parks/admission_list.html",
        {"page_obj": page, "rows": with_clocks(page)},
    )


@portal_required("tenant")
def admission_new(request: HttpRequest, park_id: int) -> HttpResponse:
    park = get_scoped(Park.objects.all(), pk=park_id)
    companies = list(Company.objects.managed_by(request.user))
    form = AdmissionForm(
        request.POST or None,
        companies=companies,
        documents=_documents(companies),
        initial={"pollution_category": "none"},
    )
    if done := submit(
        request,
        form,
        actions.admission_create,
        park=park,
        success=_("Your draft is saved. Check the score, then submit it to the park."),
    ):
        return done
    context = _form_context(park, form, None)
    context["companies"] = companies
    return render(request, "parks/admission_form.html", context)


@login_required
@require_POST
def admission_preview(request: HttpRequest, park_id: int) -> HttpResponse:
    """The live score panel for the figures typed so far (htmx)."""
    park = get_scoped(Park.objects.all(), pk=park_id)
    companies = list(Company.objects.managed_by(request.user))
    company = next(
        (c for c in companies if str(c.pk) == request.POST.get("company")),
        companies[0] if companies else None,
    )
    data = request.POST.dict()
    data["jobs"] = data.get("jobs") or 0  # an empty field counts as none while typing
    data["project_summary"] = data.get("project_summary") or "-"
    context: dict = {"score": None, "missing": []}
    if company is not None:
        try:
            context["score"] = actions.admission_preview(
                park=park, company=company, data=data
            )
        except Invalid as exc:
            context["missing"] = [m for ms in exc.fields.values() for m in ms]
    return render(request, "parks/_score_panel.html", context)


def _tenant_application(request: HttpRequest, admission_id: int):
    return get_scoped(
        AdmissionApplication.objects.of_member(request.user).select_related(
            "park", "company"
        ),
        pk=admission_id,
    )


@login_required
def admission_edit(request: HttpRequest, admission_id: int) -> HttpResponse:
    application = _tenant_application(request, admission_id)
    try:  # no form the action would refuse: its own reason why
        actions.ensure_editable(application, request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("parks:admission", application.pk)
    company = application.company
    initial = {
        name: getattr(application, name)
        for name in AdmissionForm.base_fields
        if name not in ("company", "attachments")
    }
    initial["attachments"] = [str(d.pk) for d in application.attachments.all()]
    form = AdmissionForm(
        request.POST or None,
        documents=_documents([company]),
        initial=initial,
    )
    if done := submit(
        request,
        form,
        actions.admission_update,
        application=application,
        success=_("The application was saved."),
    ):
        return done
    context = _form_context(application.park, form, Score.from_dict(application.score))
    context["application"] = application
    return render(request, "parks/admission_form.html", context)


# --- both sides --------------------------------------------------------------------


def _detail_context(request: HttpRequest, application: AdmissionApplication) -> dict:
    role = application.park.staff_role(request.user)
    allowed = application.allowed_actions(request.user)
    context = {
        "application": application,
        "score": Score.from_dict(application.score),
        "clock": sla_clock(application),
        "attachments": application.attachments.all(),
        "history": audit_trail(application).order_by("created_at", "id"),
        "is_applicant": member_role(request.user, application.company) is not None,
        "is_operator": role is not None,
        "allowed": allowed,
        "note_form": NoteForm(),
    }
    if "approve" in allowed:
        context["decision_form"] = DecisionForm(request.POST or None)
    if "assign" in allowed:
        staff = OperatorStaff.objects.filter(
            operator_id=application.park.operator_id,
            role__in=OFFICER_ROLES,
        ).select_related("user")
        context["officer_form"] = OfficerForm(
            staff=staff, initial={"officer": str(application.officer_id or "")}
        )
    return context


def _visible(request: HttpRequest, admission_id: int) -> AdmissionApplication:
    return get_scoped(
        AdmissionApplication.objects.visible_to(request.user).select_related(
            "park", "company", "officer"
        ),
        pk=admission_id,
    )


@login_required
def admission_detail(request: HttpRequest, admission_id: int) -> HttpResponse:
    application = _visible(request, admission_id)
    return render(
        request, "parks/admission_detail.html", _detail_context(request, application)
    )


def _act(request: HttpRequest, admission_id: int, do, done: str) -> HttpResponse:
    application = _visible(request, admission_id)
    return run_action(
        request,
        lambda: do(application),
        success=done,
        then=reverse("parks:admission", args=[application.pk]),
    )


# The applicant's buttons on the admission page, each with the note typed
# beside it: the action and what the page says after it (the step comes from
# the URL table).
ADMISSION_STEPS = {
    "submit": (
        actions.admission_submit,
        gettext_lazy(
            "Submitted. The park's officer will decide within the time shown."
        ),
    ),
    "withdraw": (
        actions.admission_withdraw,
        gettext_lazy("The application was withdrawn."),
    ),
}


@login_required
@require_POST
def admission_step(request: HttpRequest, admission_id: int, step: str) -> HttpResponse:
    application = _visible(request, admission_id)
    return run_step(
        request,
        ADMISSION_STEPS[step],
        application=application,
        then=reverse("parks:admission", args=[application.pk]),
    )


@login_required
@require_POST
def admission_decide(request: HttpRequest, admission_id: int) -> HttpResponse:
    application = _visible(request, admission_id)
    context = _detail_context(request, application)
    form = context.get("decision_form") or DecisionForm(request.POST)
    if form.is_valid():
        try:
            data = dict(form.cleaned_data)
            decide = actions.ADMISSION_DECISIONS[data.pop("decision")]
            decide(application=application, actor=request.user, **data)
        except DomainError as exc:
            if not exc.fields:
                messages.error(request, exc.message)
                return redirect("parks:admission", application.pk)
            apply_errors(form, exc)
        else:
            messages.success(request, _("The decision was recorded."))
            return redirect("parks:admission", application.pk)
    context["decision_form"] = form
    return render(request, "parks/admission_detail.html", context)


@login_required
@require_POST
def admission_officer(request: HttpRequest, admission_id: int) -> HttpResponse:
    raw = request.POST.get("officer", "")
    # An unknown id becomes an unsaved user, which the action refuses as not staff.
    officer = User.objects.filter(pk=int(raw) if raw.isdigit() else 0).first() or User()
    return _act(
        request,
        admission_id,
        lambda a: actions.admission_assign_officer(
            application=a, actor=request.user, officer=officer
        ),
        _("The officer was assigned."),
    )


# --- operator ----------------------------------------------------------------------


@login_required
def admission_queue(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "open")
    status = status if status in (*QUEUE_FILTERS, "all") else "open"
    officer = request.GET.get("officer") or ""
    park = request.GET.get("park") or ""
    rows = operator_queue(
        request.user,
        status="" if status == "all" else status,
        officer_id=int(officer) if officer.isdigit() else None,
        park_id=int(park) if park.isdigit() else None,
    )
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    parks = Park.objects.operated_by(request.user).order_by("name")
    staff = (
        OperatorStaff.objects.filter(operator__parks__in=parks)
        .exclude(role=OperatorRole.FINANCE)
        .select_related("user")
        .distinct()
    )
    context = {
        "page_obj": page,
        "rows": with_clocks(page),
        "status": status,
        "officer": officer,
        "park": park,
        # The filters' options as (value, text), the value as the URL gives it.
        "park_options": [(str(p.pk), p.display_name) for p in parks],
        "officers": [(str(s.user_id), s.user) for s in staff],
        "statuses": AdmissionApplication.Status.choices,
    }
    return render_page(request, "parks/admission_queue.html", "queue", context)
