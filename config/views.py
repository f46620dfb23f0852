"""Pages composed from several apps: the portal homes, and the health check."""

from __future__ import annotations

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from core.access import roles_for
from tenants.queries import tenant_home


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "home_public.html")
    roles = roles_for(request.user)
    kinds = {r.kind for r in roles}
    context = {
        "roles": roles,
        "tenant": tenant_home(request.user)
        if ("tenant" in kinds or not kinds)
        else None,
        "operator_roles": [r for r in roles if r.kind == "operator"],
        "bank_roles": [r for r in roles if r.kind == "bank"],
        "provider_roles": [r for r in roles if r.kind == "provider"],
    }
    return render(request, "home.html", context)


def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"database": "unavailable"}, status=503)
    return JsonResponse({"database": "ok"})
