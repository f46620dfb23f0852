"""Pages composed from several apps: the portal homes, and the health check."""

from __future__ import annotations

from typing import Any

from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.access import may_use_portal, request_roles
from finance.queries import (
    bank_summary,
    operator_money_summary,
    tenant_money_summary,
)
from parks.queries.home import operator_parks_summary, tenant_parks_summary
from parks.queries.worklists import operator_tiles
from services.queries import operator_services, provider_home
from tenants.queries import tenant_home


def home(request: HttpRequest) -> HttpResponse:
    """Each role the user holds gets its panel: a tenant's companies and next steps,
    an operator's parks and queues, a bank's inbox, a provider's agenda, an
    observer's regions."""
    if not request.user.is_authenticated:
        return render(request, "home_public.html")
    user = request.user
    roles = request_roles(request)
    kinds = {r.kind for r in roles}
    context: dict = {"roles": roles}
    if user.is_staff and not kinds - {"platform"}:
        # Platform staff see the platform at a glance, not tenant onboarding.
        context["platform"] = platform_overview()
    # A new user with no role yet is a tenant-to-be: show the registration call.
    elif may_use_portal(user, "tenant", roles=roles):
        context["tenant"] = tenant_home(user)
        context["tenant_parks"] = tenant_parks_summary(user)
        context["tenant_money"] = tenant_money_summary(user)
        context["next_steps"] = tenant_next_steps(
            context["tenant"], context["tenant_parks"], context["tenant_money"]
        )
    if "operator" in kinds:
        context["operator_roles"] = [r for r in roles if r.kind == "operator"]
        parks, context["operator_parks_count"] = operator_parks_summary(user)
        context["operator_parks"] = parks
        context["operator_tiles"] = operator_tiles(user)
        context["operator_money"] = operator_money_summary(user)
        context["operator_services"] = operator_services(user)
    if "bank" in kinds:
        context["bank_roles"] = [r for r in roles if r.kind == "bank"]
        context["bank"] = bank_summary(user)
    context["provider_roles"] = [r for r in roles if r.kind == "provider"]
    if context["provider_roles"]:
        context["provider"] = provider_home(user)
    context["government_roles"] = [r for r in roles if r.kind == "government"]
    return render(request, "home.html", context)


def platform_overview() -> list[tuple[str, int, str]]:
    """(label, count, admin list showing those records) for the platform's main
    records: one query each."""
    from billing.models import Invoice
    from finance.models import FinanceRequest
    from parks.models import AdmissionApplication, Lease, Park, Unit
    from tenants.models import Company

    records = [
        (_("Companies"), Company.objects.all(), ""),
        (_("Parks"), Park.objects.all(), ""),
        (_("Units"), Unit.objects.all(), ""),
        (
            _("Admissions awaiting a decision"),
            AdmissionApplication.objects.filter(status="submitted"),
            "status__exact=submitted",
        ),
        (
            _("Active leases"),
            Lease.objects.filter(status="active"),
            "status__exact=active",
        ),
        (
            _("Finance requests"),
            FinanceRequest.objects.exclude(status="draft"),
            "status__in="
            + ",".join(s for s in FinanceRequest.Status.values if s != "draft"),
        ),
        (
            _("Open invoices"),
            Invoice.objects.filter(status="open"),
            "status__exact=open",
        ),
    ]
    return [
        (label, rows.count(), _changelist(rows.model, query))
        for label, rows, query in records
    ]


def _changelist(model: Any, query: str) -> str:
    url = reverse(admin_urlname(model._meta, "changelist"))
    return f"{url}?{query}" if query else url


def tenant_next_steps(cards, parks: dict, money: dict) -> list[tuple[str, str]]:
    """The journey in order — KYC, admission, a unit, paying, finance — as the few
    things worth doing next, each with where to do it."""
    steps: list[tuple[str, str]] = []
    if not cards:
        return [(_("Register your company"), reverse("tenants:company_new"))]
    incomplete = [c for c in cards if not c.kyc_complete]
    if incomplete:
        steps.append(
            (
                _("Upload the missing KYC documents of %(company)s")
                % {"company": incomplete[0].company.name},
                reverse("tenants:documents", args=[incomplete[0].company.pk]),
            )
        )
    if parks["info"]:
        steps.append(
            (
                _("A park asked for more information on your admission application"),
                reverse("parks:admission_list"),
            )
        )
    if not parks["approved"] and not parks["open"]:
        steps.append((_("Apply for admission to a park"), reverse("parks:park_list")))
    elif parks["approved"] and not (
        parks["leases_active"] or parks["leases_upcoming"] or parks["pending"]
    ):
        steps.append((_("Find a unit to lease or buy"), reverse("parks:park_list")))
    if money["invoices"]["overdue"]:
        steps.append((_("Pay your overdue invoices"), reverse("billing:invoices")))
    if money["offers_to_compare"]:
        steps.append(
            (_("Compare the offers banks made you"), reverse("finance:requests"))
        )
    return steps


def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"database": "unavailable"}, status=503)
    return JsonResponse({"database": "ok"})
