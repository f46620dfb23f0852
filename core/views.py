"""Sign-in, sign-up, sign-out and personal API tokens in the browser."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import actions
from core.access import get_scoped
from core.accounts import email_verification_send, email_verify
from core.errors import DomainError
from core.forms import LoginForm, SignupForm, TokenForm
from core.models import ApiToken
from core.throttle import client_ip


def apply_errors(form, exc: DomainError) -> None:
    """Show a domain error on the form: on its fields where it names them."""
    placed = False
    for field, errors in exc.fields.items():
        for error in errors:
            if field in form.fields:
                form.add_error(field, error)
                placed = True
    if not placed:
        form.add_error(None, exc.message)


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/"


def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = actions.user_authenticate(
                request=request,
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
                ip=client_ip(request),
            )
        except actions.BadCredentials:
            form.add_error(None, _("Email or password is incorrect."))
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect(_next_url(request))
    return render(
        request, "core/login.html", {"form": form, "next": _next_url(request)}
    )


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("home")


def signup_view(request: HttpRequest) -> HttpResponse:
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = actions.user_signup(**form.cleaned_data)
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            email_verification_send(user=user, base_url=request.build_absolute_uri("/"))
            messages.success(
                request,
                _(
                    "Welcome to Enclave. We sent you a link to confirm your email. "
                    "Register your company to begin."
                ),
            )
            return redirect(
                _next_url(request)
                if request.POST.get("next")
                else "tenants:company_new"
            )
    return render(
        request, "core/signup.html", {"form": form, "next": _next_url(request)}
    )


@login_required
def tokens_view(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _token, new_token = actions.token_issue(
            user=request.user, name=form.cleaned_data["name"] or "api"
        )
        form = TokenForm()
    tokens = ApiToken.objects.active().filter(user=request.user).order_by("-created_at")
    return render(
        request,
        "core/tokens.html",
        {"form": form, "tokens": tokens, "new_token": new_token},
    )


@login_required
@require_POST
def token_revoke_view(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_scoped(ApiToken.objects.active().filter(user=request.user), pk=token_id)
    actions.token_revoke(token=token, actor=request.user)
    messages.success(request, _("The token was revoked."))
    return redirect("core:tokens")


def verify_email_view(request: HttpRequest, token: str) -> HttpResponse:
    try:
        email_verify(token=token)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Thank you: your email address is confirmed."))
    return redirect("home")


@login_required
@require_POST
def verify_email_resend_view(request: HttpRequest) -> HttpResponse:
    email_verification_send(user=request.user, base_url=request.build_absolute_uri("/"))
    messages.success(request, _("We sent you a new confirmation link."))
    return redirect("home")
