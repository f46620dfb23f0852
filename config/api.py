"""The one NinjaAPI: routers of every app, errors mapped to HTTP once."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from billing.api import router as billing_router
from core.api import router as core_router
from core.auth import api_auth
from core.errors import DomainError
from finance.api import router as finance_router
from parks.api import router as parks_router
from services.api import router as services_router
from tenants.api import router as tenants_router

api = NinjaAPI(
    title="Enclave API",
    version="1.0",
    description="Public API of Enclave, the co-built park operations platform.",
    urls_namespace="api",
    auth=api_auth,
)


def error_response(
    request: HttpRequest,
    status: int,
    detail: str,
    code: str,
    fields: dict[str, list[str]] | None = None,
) -> HttpResponse:
    body: dict = {"detail": detail, "code": code}
    if fields:
        body["fields"] = fields
    return api.create_response(request, body, status=status)


@api.exception_handler(DomainError)
def on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return error_response(request, exc.status, exc.message, exc.code, exc.fields)


@api.exception_handler(NinjaValidationError)
def on_schema_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    fields: dict[str, list[str]] = {}
    for error in exc.errors:
        # ninja's loc is (where, [schema param,] field...): keep the field, so a
        # multipart field called "file" is reported as "file", not "__all__".
        loc = [str(p) for p in error.get("loc", ())]
        if loc and loc[0] in ("body", "query", "path", "form", "file", "header"):
            loc = loc[1:]
        if len(loc) > 1 and loc[0] == "payload":
            loc = loc[1:]
        fields.setdefault(".".join(loc) or "__all__", []).append(error.get("msg", ""))
    return error_response(request, 422, _("Invalid input."), "invalid", fields)


@api.exception_handler(DjangoValidationError)
def on_django_validation(
    request: HttpRequest, exc: DjangoValidationError
) -> HttpResponse:
    fields = (
        {k: [str(m) for m in v] for k, v in exc.message_dict.items()}
        if hasattr(exc, "error_dict")
        else {"__all__": [str(m) for m in exc.messages]}
    )
    return error_response(request, 422, _("Invalid input."), "invalid", fields)


@api.exception_handler(PermissionDenied)
def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return error_response(
        request, 403, str(exc) or _("You may not do this."), "forbidden"
    )


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error_response(
        request,
        401,
        _("Authentication credentials were missing or invalid."),
        "unauthenticated",
    )


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(request, 404, _("Not found."), "not_found")


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 403 and "CSRF" in str(exc):
        # ninja's session auth refused a browser's unsafe call without the token.
        return error_response(
            request, 403, _("CSRF token missing or incorrect."), "csrf_failed"
        )
    return error_response(request, exc.status_code, str(exc), "http_error")


api.add_router("/", core_router)
api.add_router("/", tenants_router)
api.add_router("/", parks_router)
api.add_router("/", billing_router)
api.add_router("/", finance_router)
api.add_router("/", services_router)
