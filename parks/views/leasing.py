"""Parks pages: apply to lease a unit, lease applications and their decision,
leases with their contract, rent table and lifecycle actions. Sales pages are in
`parks.views.sales`, occupancy pages in `parks.views.occupancy`; their URLs are
listed here so that `parks.urls` needs no change."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import get_scoped
from core.audit import audit_trail
from core.errors import DomainError
from core.views import apply_errors
from parks.actions import leases, leasing
from parks.actions.unit_status import is_park_manager
from parks.contract import contract_response
from parks.leasing_forms import (
    LeaseApplyForm,
    LeaseDecisionForm,
    RenewForm,
    TerminateForm,
)
from parks.models import Lease, LeaseApplication, Unit
from parks.views import occupancy, sales
from tenants.models import Company

PER_PAGE = 25


def paginate(request: HttpRequest, queryset, per_page: int = PER_PAGE) -> dict:
    page: Page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    return {"page_obj": page}


# --- tenant: apply --------------------------------------------------------------


@login_required
def lease_apply(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_scoped(Unit.objects.select_related("park", "building"), pk=unit_id)
    companies = list(Company.objects.managed_by(request.user))
    form = LeaseApplyForm(request.POST or None, companies=companies)
    if request.method == "POST" and form.is_valid():
        company = get_scoped(
            Company.objects.of_member(request.user), pk=form.cleaned_data["company"]
        )
        try:
            application = leasing.lease_apply(
                actor=request.user,
                company=company,
                unit=unit,
                start_date=form.cleaned_data["start_date"],
                term_months=form.cleaned_data["term_months"],
                note=form.cleaned_data["note"],
            )
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("Your application for unit %(code)s was sent to the park.")
                % {"code": unit.code},
            )
            return redirect("parks:lease_application", application.pk)
    return render(
        request,
        "parks/lease_apply.html",
        {"unit": unit, "form": form, "companies": companies},
    )


# --- applications ---------------------------------------------------------------


@login_required
def lease_application_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    qs = LeaseApplication.objects.visible_to(request.user).select_related(
        "unit__building", "unit__park", "company"
    )
    if status in LeaseApplication.Status.values:
        qs = qs.filter(status=status)
    context = {
        "status": status,
        "statuses": LeaseApplication.Status.choices,
        **paginate(request, qs.order_by("-created_at", "-id")),
    }
    return render(request, "parks/lease_application_list.html", context)


def _application_page(
    request: HttpRequest, application: LeaseApplication, form=None
) -> HttpResponse:
    can_decide = application.status == LeaseApplication.Status.SUBMITTED and (
        is_park_manager(request.user, application.unit.park)
    )
    can_withdraw = (
        application.status == LeaseApplication.Status.SUBMITTED
        and Company.objects.managed_by(request.user)
        .filter(pk=application.company_id)
        .exists()
    )
    context = {
        "application": application,
        "form": form or (LeaseDecisionForm() if can_decide else None),
        "can_decide": can_decide,
        "can_withdraw": can_withdraw,
        "lease": Lease.objects.filter(application=application).first(),
        "trail": audit_trail(application),
    }
    return render(request, "parks/lease_application_detail.html", context)


def _applications(request: HttpRequest):
    return LeaseApplication.objects.visible_to(request.user).select_related(
        "unit__park", "unit__building", "company"
    )


@login_required
def lease_application_detail(request: HttpRequest, application_id: int) -> HttpResponse:
    application = get_scoped(_applications(request), pk=application_id)
    if request.method == "POST":
        application = get_scoped(
            LeaseApplication.objects.of_operator(request.user).select_related(
                "unit__park", "unit__building", "company"
            ),
            pk=application_id,
        )
        form = LeaseDecisionForm(request.POST)
        if form.is_valid():
            try:
                lease = leasing.lease_decide(
                    application=application, actor=request.user, **form.cleaned_data
                )
            except DomainError as exc:
                apply_errors(form, exc)
            else:
                if lease is not None:
                    messages.success(request, _("Approved: the lease was created."))
                    return redirect("parks:lease", lease.pk)
                messages.success(request, _("The application was rejected."))
                return redirect("parks:lease_application", application.pk)
        return _application_page(request, application, form)
    return _application_page(request, application)


@login_required
@require_POST
def lease_application_withdraw(
    request: HttpRequest, application_id: int
) -> HttpResponse:
    application = get_scoped(
        LeaseApplication.objects.of_member(request.user), pk=application_id
    )
    try:
        leasing.lease_application_withdraw(application=application, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The application was withdrawn."))
    return redirect("parks:lease_application", application.pk)


# --- leases ---------------------------------------------------------------------


def _leases(request: HttpRequest):
    return Lease.objects.visible_to(request.user).select_related(
        "unit__park__operator", "unit__building", "company", "previous"
    )


@login_required
def lease_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    qs = _leases(request)
    if status in Lease.Status.values:
        qs = qs.filter(status=status)
    context = {
        "status": status,
        "statuses": Lease.Status.choices,
        **paginate(request, qs.order_by("-start_date", "-id")),
    }
    return render(request, "parks/lease_list.html", context)


def _lease_page(request: HttpRequest, lease: Lease, **forms) -> HttpResponse:
    can_manage = is_park_manager(request.user, lease.unit.park)
    renewal = Lease.objects.filter(previous=lease).first()
    context = {
        "lease": lease,
        "rent_table": lease.rent_table(),
        "rent_total": lease.rent_total(),
        "can_manage": can_manage,
        "renewal": renewal,
        "trail": audit_trail(lease),
        "can_activate": can_manage and lease.status == Lease.Status.APPROVED,
        "can_renew": can_manage
        and lease.is_holding
        and renewal is None
        and not lease.terminated_on,
        "can_terminate": can_manage and lease.is_holding and not lease.terminated_on,
        "renew_form": forms.get("renew_form") or RenewForm(),
        "terminate_form": forms.get("terminate_form") or TerminateForm(),
    }
    return render(request, "parks/lease_detail.html", context)


@login_required
def lease_detail(request: HttpRequest, lease_id: int) -> HttpResponse:
    return _lease_page(request, get_scoped(_leases(request), pk=lease_id))


@login_required
def lease_contract(request: HttpRequest, lease_id: int) -> HttpResponse:
    lease = get_scoped(_leases(request), pk=lease_id)
    return contract_response(lease, inline=request.GET.get("inline") == "1")


def _operator_lease(request: HttpRequest, lease_id: int) -> Lease:
    return get_scoped(
        Lease.objects.of_operator(request.user).select_related(
            "unit__park__operator", "unit__building", "company", "previous"
        ),
        pk=lease_id,
    )


@login_required
@require_POST
def lease_activate(request: HttpRequest, lease_id: int) -> HttpResponse:
    lease = _operator_lease(request, lease_id)
    try:
        leases.lease_activate(lease=lease, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The lease is active: the unit is handed over."))
    return redirect("parks:lease", lease.pk)


@login_required
@require_POST
def lease_renew(request: HttpRequest, lease_id: int) -> HttpResponse:
    lease = _operator_lease(request, lease_id)
    form = RenewForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            renewal = leases.lease_renew(
                lease=lease,
                actor=request.user,
                term_months=data["term_months"],
                rent_per_m2=data["rent_per_m2"],
                start_date=data["start_date"],
                rent_free_months=data["rent_free_months"] or 0,
                escalation_percent=data["escalation_percent"],
            )
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The lease was renewed."))
            return redirect("parks:lease", renewal.pk)
    return _lease_page(request, lease, renew_form=form)


@login_required
@require_POST
def lease_terminate(request: HttpRequest, lease_id: int) -> HttpResponse:
    lease = _operator_lease(request, lease_id)
    form = TerminateForm(request.POST)
    if form.is_valid():
        try:
            leases.lease_terminate(
                lease=lease,
                actor=request.user,
                on=form.cleaned_data["on"],
                reason=form.cleaned_data["reason"],
            )
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The termination was recorded."))
            return redirect("parks:lease", lease.pk)
    return _lease_page(request, lease, terminate_form=form)


urlpatterns = [
    path("units/<int:unit_id>/lease/", lease_apply, name="lease_apply"),
    path("lease-applications/", lease_application_list, name="lease_application_list"),
    path(
        "lease-applications/<int:application_id>/",
        lease_application_detail,
        name="lease_application",
    ),
    path(
        "lease-applications/<int:application_id>/withdraw/",
        lease_application_withdraw,
        name="lease_application_withdraw",
    ),
    path("leases/", lease_list, name="lease_list"),
    path("leases/<int:lease_id>/", lease_detail, name="lease"),
    path("leases/<int:lease_id>/contract.pdf", lease_contract, name="lease_contract"),
    path("leases/<int:lease_id>/activate/", lease_activate, name="lease_activate"),
    path("leases/<int:lease_id>/renew/", lease_renew, name="lease_renew"),
    path("leases/<int:lease_id>/terminate/", lease_terminate, name="lease_terminate"),
    *sales.urlpatterns,
    *occupancy.urlpatterns,
]
