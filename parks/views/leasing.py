"""Parks pages: apply to lease a unit, lease applications and their decision,
leases with their contract, rent table and lifecycle actions. Sales pages are in
`parks.views.sales`, occupancy pages in `parks.views.occupancy`; their URLs are
listed here so that `parks.urls` needs no change."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.access import get_scoped, portal_required
from core.audit import audit_trail
from core.pagination import NextPage
from core.views import decided, run_action, submit, submit_page_form
from parks.actions import leases, leasing
from parks.contract import contract_response
from parks.forms.leasing import (
    LeaseApplyForm,
    LeaseDecisionForm,
    RenewForm,
    TerminateForm,
)
from parks.models import Lease, LeaseApplication, Unit
from parks.queries.worklists import expiring_leases, lease_applications
from tenants.models import Company

PER_PAGE = 25


def paginate(
    request: HttpRequest, queryset, per_page: int = PER_PAGE, *, count: bool = True
) -> dict:
    """The page; links keep the other filters with {% querystring %}. `count=False`
    for lists that grow with the portfolio: a next link instead of "page n of N"."""
    number = request.GET.get("page")
    page: Page | NextPage = (
        Paginator(queryset, per_page).get_page(number)
        if count
        else NextPage(queryset, number, per_page)
    )
    return {"page_obj": page}


# --- tenant: apply --------------------------------------------------------------


def apply_page(
    request: HttpRequest,
    unit_id: int,
    form_class: type,
    action: Callable[..., Any],
    success: str,
    template: str,
    facts: Callable[[Unit], dict] = lambda unit: {},
    **options: Any,
) -> HttpResponse:
    """A tenant's page applying to lease or buy a unit for one of the companies
    they manage: the form, then the application's page. `success` names the
    unit's %(code)s; `facts(unit)` adds what the page shows beside the form."""
    unit = get_scoped(Unit.objects.select_related("park", "building"), pk=unit_id)
    companies = list(Company.objects.managed_by(request.user))
    form = form_class(request.POST or None, companies=companies)
    message = success % {"code": unit.code}
    if done := submit(request, form, action, unit=unit, success=message, **options):
        return done
    context = {"unit": unit, "form": form, "companies": companies, **facts(unit)}
    return render(request, template, context)


@portal_required("tenant")
def lease_apply(request: HttpRequest, unit_id: int) -> HttpResponse:
    return apply_page(
        request,
        unit_id,
        LeaseApplyForm,
        leasing.lease_apply,
        _("Your application for unit %(code)s was sent to the park."),
        "parks/lease_apply.html",
    )


# --- applications ---------------------------------------------------------------


@login_required
def lease_application_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    qs = lease_applications(request.user, status=status).select_related(
        "unit__building", "unit__park", "company"
    )
    context = {
        "status": status,
        "statuses": LeaseApplication.Status.choices,
        **paginate(request, qs),
    }
    return render(request, "parks/lease_application_list.html", context)


def _application_page(
    request: HttpRequest, application: LeaseApplication, form=None
) -> HttpResponse:
    allowed = application.allowed_actions(request.user)
    if "reject" in allowed:
        # The decisions the manager may take now: approving only when nothing
        # stands in the way, and the page says what does.
        form = form or LeaseDecisionForm()
        decision = form.fields["decision"]
        decision.choices = [c for c in decision.choices if c[0] in allowed]
    context = {
        "application": application,
        "form": form if "reject" in allowed else None,
        "blocker": (
            application.approval_blocker()
            if "reject" in allowed and "approve" not in allowed
            else None
        ),
        "allowed": allowed,
        "lease": Lease.objects.filter(application=application).first(),
        "trail": audit_trail(application),
    }
    return render(request, "parks/lease_application_detail.html", context)


# What a lease application's page shows beside it, joined in one query.
APPLICATION_JOINS = ("unit__park", "unit__building", "company")


def _applications(request: HttpRequest):
    return LeaseApplication.objects.visible_to(request.user).select_related(
        *APPLICATION_JOINS
    )


@login_required
def lease_application_detail(request: HttpRequest, application_id: int) -> HttpResponse:
    application = get_scoped(_applications(request), pk=application_id)
    if request.method == "POST":
        application = get_scoped(
            LeaseApplication.objects.of_operator(request.user).select_related(
                *APPLICATION_JOINS
            ),
            pk=application_id,
        )
        form = LeaseDecisionForm(request.POST)
        if done := submit(
            request,
            form,
            decided(leasing.LEASE_DECISIONS),
            application=application,
            success=lambda result: (
                _("Approved: the lease was created.")
                if isinstance(result, Lease)
                else _("The application was rejected.")
            ),
        ):
            return done
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
    return run_action(
        request,
        lambda: leasing.lease_application_withdraw(
            application=application, actor=request.user
        ),
        success=_("The application was withdrawn."),
        then=application.get_absolute_url(),
    )


# --- leases ---------------------------------------------------------------------


LEASE_ROW_JOINS = ("unit__park__operator", "unit__building", "company", "previous")
# What a row of the lease list shows (parks/lease_list.html): its other columns
# and joined rows' were a third of the page's time, fetched and never read.
LEASE_ROW = (
    "status", "start_date", "end_date", "monthly_rent", "company__name",
    "unit__code", "unit__park__name", "unit__park__name_zh",
    "unit__building__name", "unit__building__name_zh",
)  # fmt: skip
MAX_EXPIRY_DAYS = 3660


def _lease_rows(leases):
    return leases.select_related("company", "unit__park", "unit__building").only(
        *LEASE_ROW
    )


def _leases(request: HttpRequest):
    return Lease.objects.visible_to(request.user).select_related(*LEASE_ROW_JOINS)


@login_required
def lease_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    expiring = request.GET.get("expiring", "")
    if expiring.isdigit() and 0 < int(expiring) <= MAX_EXPIRY_DAYS:
        # The operator home's and the park dashboard's "expiring" figures.
        park = request.GET.get("park", "")
        qs = _lease_rows(
            expiring_leases(
                request.user,
                within_days=int(expiring),
                park_id=int(park) if park.isdigit() else None,
            )
        )
        context = {"expiring": int(expiring), **paginate(request, qs)}
        return render(request, "parks/lease_list.html", context)
    qs = _lease_rows(Lease.objects.visible_to(request.user))
    if status in Lease.Status.values:
        qs = qs.filter(status=status)
    context = {
        "status": status,
        "statuses": Lease.Status.choices,
        **paginate(request, qs.order_by("-start_date", "-id"), count=False),
    }
    return render(request, "parks/lease_list.html", context)


def _lease_page(request: HttpRequest, lease: Lease, **forms) -> HttpResponse:
    renewal = Lease.objects.filter(previous=lease).first()
    context = {
        "lease": lease,
        "rent_table": lease.rent_table(),
        "rent_total": lease.rent_total(),
        "allowed": lease.allowed_actions(request.user),
        "renewal": renewal,
        "trail": audit_trail(lease),
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
        Lease.objects.of_operator(request.user).select_related(*LEASE_ROW_JOINS),
        pk=lease_id,
    )


@login_required
@require_POST
def lease_activate(request: HttpRequest, lease_id: int) -> HttpResponse:
    lease = _operator_lease(request, lease_id)
    return run_action(
        request,
        lambda: leases.lease_activate(lease=lease, actor=request.user),
        success=_("The lease is active: the unit is handed over."),
        then=lease.get_absolute_url(),
    )


# The lease page's forms that run one action on the lease: the form, the
# action and what the page says after it. Both actions return a lease, whose
# page comes next: the renewal, or the terminated lease itself.
LEASE_FORMS = {
    "renew": (RenewForm, leases.lease_renew, gettext_lazy("The lease was renewed.")),
    "terminate": (
        TerminateForm,
        leases.lease_terminate,
        gettext_lazy("The termination was recorded."),
    ),
}


@login_required
@require_POST
def lease_form(request: HttpRequest, lease_id: int, kind: str) -> HttpResponse:
    """Renew or terminate a lease (`kind` comes from the URL table)."""
    lease = _operator_lease(request, lease_id)
    return submit_page_form(
        request,
        LEASE_FORMS[kind],
        kind,
        lease=lease,
        page=lambda **forms: _lease_page(request, lease, **forms),
    )
