"""Tenant pages: register a company, its profile, members and KYC documents."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import get_scoped, portal_required
from core.errors import DomainError, Invalid
from core.views import apply_errors, render_page, run_action, submit
from tenants import actions
from tenants.access import member_company
from tenants.forms import CompanyEditForm, CompanyForm, DocumentForm, InviteForm
from tenants.models import (
    Company,
    Document,
    Membership,
    can_manage_company,
    member_role,
)
from tenants.queries import document_file_response, kyc_checklist


@portal_required("tenant")
def company_new(request: HttpRequest) -> HttpResponse:
    form = CompanyForm(request.POST or None)
    if done := submit(
        request,
        form,
        actions.company_register,
        success=lambda company: (
            _("%(name)s is registered. Upload its licences next.")
            % {"name": company.name}
        ),
        then=lambda company: reverse("tenants:documents", args=[company.pk]),
    ):
        return done
    return render(request, "tenants/company_new.html", {"form": form})


@portal_required("tenant")
def uscc_check(request: HttpRequest) -> HttpResponse:
    """Live USCC feedback for the registration form (htmx); signed-in users only,
    so the register of USCCs cannot be probed anonymously."""
    value = request.GET.get("uscc", "")
    context: dict = {"value": value}
    if value.strip():
        try:
            context["normalised"] = actions.uscc_normalise(value)
        except Invalid as exc:
            context["error"] = exc.fields["uscc"][0]
        else:
            context["taken"] = Company.objects.filter(
                uscc=context["normalised"]
            ).exists()
    return render(request, "tenants/company_new.html#uscc-feedback", context)


@login_required
def company_detail(request: HttpRequest, company_id: int) -> HttpResponse:
    company = get_scoped(Company.objects.visible_to(request.user), pk=company_id)
    can_manage = can_manage_company(request.user, company)
    form = None
    if can_manage:
        form = CompanyEditForm(
            request.POST or None,
            initial={f: getattr(company, f) for f in Company.PROFILE_FIELDS},
        )
        if done := submit(
            request,
            form,
            actions.company_update,
            company=company,
            success=_("The company profile was saved."),
        ):
            return done
    return render(
        request,
        "tenants/company_detail.html",
        {"company": company, "form": form, "can_manage": can_manage, "tab": "profile"},
    )


@login_required
def members(request: HttpRequest, company_id: int) -> HttpResponse:
    company = member_company(request.user, company_id)
    can_manage = can_manage_company(request.user, company)
    form = InviteForm(request.POST or None) if can_manage else None
    if form is not None and (
        done := submit(
            request,
            form,
            actions.member_invite,
            company=company,
            accept_url=request.build_absolute_uri("/invitations/{token}/"),
            success=lambda sent: (
                _("An invitation was sent to %(email)s.") % {"email": sent[0].email}
            ),
            then=reverse("tenants:members", args=[company.pk]),
        )
    ):
        return done
    return render(
        request,
        "tenants/members.html",
        {
            "company": company,
            "form": form,
            "can_manage": can_manage,
            "tab": "members",
            "memberships": company.memberships.select_related("user").order_by(
                "created_at"
            ),
            "invitations": company.invitations.pending() if can_manage else [],
        },
    )


@login_required
@require_POST
def member_remove(
    request: HttpRequest, company_id: int, membership_id: int
) -> HttpResponse:
    company = member_company(request.user, company_id)
    membership = get_scoped(
        Membership.objects.filter(company=company), pk=membership_id
    )
    return run_action(
        request,
        lambda: actions.member_remove(membership=membership, actor=request.user),
        success=_("The member was removed."),
        then=reverse("tenants:members", args=[company.pk]),
    )


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = actions.invitation_by_token(token)
    except DomainError as exc:
        return render(
            request, "tenants/invitation.html", {"error": exc.message}, status=404
        )
    error = None
    if request.method == "POST" and request.user.is_authenticated:
        try:
            membership = actions.invitation_accept(raw_token=token, actor=request.user)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(
                request,
                _("You joined %(company)s.") % {"company": membership.company.name},
            )
            return redirect("tenants:company", membership.company_id)
    return render(
        request,
        "tenants/invitation.html",
        {"invitation": invitation, "error": error, "path": request.get_full_path()},
    )


@login_required
def documents(request: HttpRequest, company_id: int) -> HttpResponse:
    company = get_scoped(Company.objects.visible_to(request.user), pk=company_id)
    can_manage = can_manage_company(request.user, company)
    form = (
        DocumentForm(initial={"kind": request.GET.get("kind")}) if can_manage else None
    )
    if can_manage and request.method == "POST":
        form = DocumentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                document = actions.document_upload(
                    company=company,
                    actor=request.user,
                    kind=form.cleaned_data["kind"],
                    file=form.cleaned_data["file"],
                )
            except DomainError as exc:
                apply_errors(form, exc)
            else:
                messages.success(
                    request, _("%(name)s was uploaded.") % {"name": document.filename}
                )
                if not request.htmx:
                    return redirect("tenants:documents", company.pk)
                form = DocumentForm()
    docs = list(
        Document.objects.visible_to(request.user)
        .in_vault()
        .filter(company=company)
        .select_related("uploaded_by")
    )
    context = {
        "company": company,
        "form": form,
        "can_manage": can_manage,
        "documents": docs,
        "kyc": kyc_checklist(docs),
        "tab": "documents",
        "role": member_role(request.user, company),
    }
    return render_page(request, "tenants/documents.html", "panel", context)


@login_required
def document_download(request: HttpRequest, document_id: int) -> HttpResponse:
    document = get_scoped(Document.objects.visible_to(request.user), pk=document_id)
    return document_file_response(document)


@login_required
@require_POST
def document_delete(request: HttpRequest, document_id: int) -> HttpResponse:
    document = get_scoped(Document.objects.visible_to(request.user), pk=document_id)
    company_id = document.company_id
    try:
        withdrawn = actions.document_delete(document=document, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            (
                _(
                    "%(name)s was removed from your documents; it is kept as "
                    "evidence for the parties that relied on it."
                )
                if withdrawn
                else _("%(name)s was deleted.")
            )
            % {"name": document.filename},
        )
    if request.htmx:
        return documents_after_change(request, company_id)
    return redirect(reverse("tenants:documents", args=[company_id]))


def documents_after_change(request: HttpRequest, company_id: int) -> HttpResponse:
    request.method = "GET"
    return documents(request, company_id)
