"""Sign-in, sign-up, sign-out, two-factor and personal API tokens in the browser."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import actions
from core.access import get_scoped
from core.accounts import email_verification_send, email_verify
from core.audit import audit_record
from core.errors import DomainError, Invalid
from core.forms import CodeForm, LoginForm, NoteForm, SignupForm, TokenForm
from core.models import ApiToken
from core.throttle import (
    client_ip,
    login_check_allowed,
    login_failed,
    login_succeeded,
    signup_check_allowed,
)


def apply_errors(form, exc: DomainError, rename: dict[str, str] | None = None) -> None:
    """Show a domain error on the form: on its fields where it names them
    (`rename` maps an action's argument to the form field that holds it)."""
    placed = False
    for field, errors in exc.fields.items():
        field = (rename or {}).get(field, field)
        for error in errors:
            if field in form.fields:
                form.add_error(field, error)
                placed = True
    if not placed:
        form.add_error(None, exc.message)


def its_page(result: Any) -> str:
    """Where a page goes after its action by default: the page of what the
    action made or changed (as a CreateView goes to its object)."""
    return result.get_absolute_url()


def run_action(
    request: HttpRequest,
    call: Callable[[], Any],
    *,
    success: str | Callable[[Any], str],
    then: str | Callable[[Any], str] = its_page,
    form: Any = None,
    rename: dict[str, str] | None = None,
) -> HttpResponse | None:
    """The one POST → action → redirect step of a page. Runs `call` (the
    action, with the form already valid); on success flashes `success` (or
    `success(result)`) and redirects to `then` (a URL, or a function of the
    action's result: by default the result's own page). A domain error goes
    onto the form and None is returned, so the caller re-renders the page with
    it; without a form it is flashed and the redirect follows."""
    try:
        result = call()
    except DomainError as exc:
        if form is not None:
            apply_errors(form, exc, rename)
            return None
        messages.error(request, exc.message)
        return redirect(then if isinstance(then, str) else request.path)
    messages.success(request, success(result) if callable(success) else success)
    return redirect(then(result) if callable(then) else then)


def two_factor_settings_routes(
    model: Any,
    update: Callable[..., Any],
    *,
    portal: str,
    who_decides: Any,
) -> list[URLPattern]:
    """The security page of an operator's or a bank's portal and its POST, as
    routes in the URL namespace of `model`'s app: `<portal>/security/` (named
    `<portal>_security`), one card per organisation of `model` the user staffs
    with its two-factor rule and, for those who may change it, the button that
    posts to `<portal>/<id>/security/` (`<portal>_security_update`); `update`
    is the organisation's action."""
    from core.access import portal_required
    from core.twofactor import (
        staff_organisations,
        staff_rule_update,
        two_factor_setting,
    )

    name = f"{portal}_security"
    page_url = f"{model._meta.app_label}:{name}"
    update_url = f"{page_url}_update"

    @portal_required(portal)
    def page(request: HttpRequest) -> HttpResponse:
        settings_ = [
            {
                **two_factor_setting(organisation, request.user),
                "action": reverse(update_url, args=[organisation.pk]),
            }
            for organisation in staff_organisations(model, request.user)
        ]
        return render(
            request,
            "two_factor_settings.html",
            {"settings": settings_, "who_decides": who_decides},
        )

    @portal_required(portal)
    @require_POST
    def change(request: HttpRequest, organisation_id: int) -> HttpResponse:
        organisation = get_scoped(
            staff_organisations(model, request.user), pk=organisation_id
        )
        required = request.POST.get("require_staff_2fa") == "1"
        return run_action(
            request,
            lambda: staff_rule_update(update, organisation, request.user, required),
            success=_("Two-factor sign-in is now required of your staff.")
            if required
            else _("Two-factor sign-in is no longer required of your staff."),
            then=reverse(page_url),
        )

    return [
        path(f"{portal}/security/", page, name=name),
        path(
            f"{portal}/<int:organisation_id>/security/", change, name=f"{name}_update"
        ),
    ]


def render_page(
    request: HttpRequest, template: str, partial: str, context: dict[str, Any]
) -> HttpResponse:
    """A page that htmx refreshes in part (filters, a board, a calculator):
    `template` whole, or only its `{% partialdef partial %}` when htmx asked."""
    if getattr(request, "htmx", False):
        return render(request, f"{template}#{partial}", context)
    return render(request, template, context)


def refuse_form(
    request: HttpRequest, may: bool, reason: str, then: str
) -> HttpResponse | None:
    """A step's form page opened by someone its guard turns away (`may` false):
    the action's own `reason` and back to `then`, instead of a form the action
    would refuse. A POST goes on to the action, which refuses it itself. None:
    show the form."""
    if may or request.method == "POST":
        return None
    messages.error(request, reason)
    return redirect(then)


def decided(table: dict[str, Callable[..., Any]]) -> Callable[..., Any]:
    """The action a decision form names: its `decision` picks one from `table`
    (`{"approve": lease_approve, "reject": lease_reject}`); the rest of its
    data are that action's arguments."""

    def act(*, decision: str, **data: Any) -> Any:
        return table[decision](**data)

    return act


def submit(
    request: HttpRequest,
    form: Any,
    action: Callable[..., Any],
    /,
    *,
    success: str | Callable[[Any], str],
    then: str | Callable[[Any], str] = its_page,
    rename: dict[str, str] | None = None,
    **targets: Any,
) -> HttpResponse | None:
    """A form page's POST. When the form is valid, the action runs as
    `action(actor=request.user, **targets, **data)` through `run_action`; the
    data is the form's `action_data()` where it shapes it, else its cleaned
    data (a form's fields are its action's arguments). None means "render the
    page": a GET, an invalid form, or a refused action whose errors are now on
    the form."""
    if request.method != "POST" or not form.is_valid():
        return None
    shape = getattr(form, "action_data", None)
    data = shape() if shape else form.cleaned_data
    return run_action(
        request,
        lambda: action(actor=request.user, **targets, **data),
        success=success,
        then=then,
        form=form,
        rename=rename,
    )


def run_step(
    request: HttpRequest,
    step: tuple[Callable[..., Any], Any],
    /,
    *,
    then: str,
    **targets: Any,
) -> HttpResponse:
    """A button on an object's page that runs one action with the note typed
    beside it. `step` is (action, message) from the page's table of steps; the
    action runs as `action(actor=request.user, note=…, **targets)` through
    `run_action`, which flashes the message (or the refusal) and goes to
    `then`."""
    action, done = step
    return run_action(
        request,
        lambda: action(actor=request.user, note=posted_note(request), **targets),
        success=str(done),
        then=then,
    )


def posted_note(request: HttpRequest) -> str:
    """The note posted beside a button, read through `NoteForm`, so its length
    is the one note length; a longer one is refused with the field's message
    (inside `run_action`, that is a flashed error and nothing runs)."""
    form = NoteForm(request.POST)
    if not form.is_valid():
        raise Invalid.field("note", form.errors["note"][0])
    return form.cleaned_data["note"]


def submit_page_form(
    request: HttpRequest,
    row: tuple[type, Callable[..., Any], Any],
    kind: str,
    /,
    *,
    page: Callable[..., HttpResponse],
    then: str | Callable[[Any], str] = its_page,
    **targets: Any,
) -> HttpResponse:
    """One of the forms on an object's page that each run one action on it.
    `row` is (form class, action, message) from the page's table of forms and
    `kind` its key there; the posted form runs through `submit`. When it
    cannot (invalid input, or a refusal), `page(<kind>_form=form)` shows the
    page again with this form and its errors (200, so htmx swaps it)."""
    form_class, action, done = row
    form = form_class(request.POST)
    response = submit(request, form, action, success=str(done), then=then, **targets)
    return response or page(**{f"{kind}_form": form})


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
            login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
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
            signup_check_allowed(ip=client_ip(request))
            user = actions.user_signup(**form.cleaned_data)
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            if user is not None:  # a new account: confirm its email
                email_verification_send(
                    user=user, base_url=request.build_absolute_uri("/")
                )
            # The same answer whether the email was new or not (no enumeration).
            messages.info(request, actions.SIGNUP_ANSWER)
            target = (
                _next_url(request)
                if request.POST.get("next")
                else reverse("tenants:company_new")
            )
            return redirect(f"{reverse('core:login')}?{urlencode({'next': target})}")
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


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator: a QR code (SVG drawn here), then a first code."""
    from django_otp import login as otp_login

    from core import twofactor

    enrolled = twofactor.has_authenticator(request.user)
    form = CodeForm(request.POST or None)
    device = None if enrolled else twofactor.pending_device(request.user)
    if device is not None and request.method == "POST" and form.is_valid():
        if twofactor.match_code(
            request.user, form.cleaned_data["code"], confirmed=False
        ):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            audit_record(actor=request.user, obj=request.user, action="two_factor_on")
            messages.success(request, _("Two-factor sign-in is on."))
            return redirect(_next_url(request))
        form.add_error("code", _("That code is not right. Try the current one."))
    context = {
        "form": form,
        "enrolled": enrolled,
        "required": twofactor.required_by_organisation(request.user),
        "next": _next_url(request),
    }
    if device is not None:
        context["qr"] = twofactor.qr_svg_data_uri(device.config_url)
        context["secret"] = base64.b32encode(device.bin_key).decode()
    return render(request, "core/2fa_setup.html", context)


@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """The second step of sign-in for a user with an authenticator."""
    from django_otp import login as otp_login

    from core import twofactor

    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ip = client_ip(request)
        try:
            login_check_allowed(email=request.user.email, ip=ip)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            device = twofactor.match_code(request.user, form.cleaned_data["code"])
            if device is not None:
                login_succeeded(email=request.user.email, ip=ip)
                otp_login(request, device)
                return redirect(_next_url(request))
            # Wrong codes count like wrong passwords: the same back-off.
            login_failed(email=request.user.email, ip=ip)
            form.add_error("code", _("That code is not right. Try the current one."))
    return render(
        request, "core/2fa_verify.html", {"form": form, "next": _next_url(request)}
    )


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
