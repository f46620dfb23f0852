"""Inputs that used to answer 500: huge offsets, multipart without a boundary,
an anonymous unsafe call, a withdraw that did not return what it promised."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from config.api import api
from core.schemas import MAX_OFFSET
from tests import factories

HUGE = "9223372036854775808"


def paginated_list_paths() -> list[str]:
    spec = api.get_openapi_schema()
    return [
        path
        for path, operations in spec["paths"].items()
        if "get" in operations
        and {"limit", "offset"}
        <= {p["name"] for p in operations["get"].get("parameters", [])}
    ]


def test_every_paginated_list_documents_the_offset_bound():
    spec = api.get_openapi_schema()
    paths = paginated_list_paths()
    assert len(paths) >= 5
    for path in paths:
        params = {p["name"]: p for p in spec["paths"][path]["get"]["parameters"]}
        assert params["offset"]["schema"]["maximum"] == MAX_OFFSET, path


@pytest.mark.parametrize("value", [HUGE, str(MAX_OFFSET + 1), "-1", "1e400"])
def test_huge_offset_on_every_paginated_list_is_422_not_500(
    tenant, operator_user, value
):
    client = Client()
    client.force_login(operator_user)
    for path in paginated_list_paths():
        # Any id will do: the offset is refused before the id is looked up.
        url = re.sub(r"\{[a-z_]+\}", "1", path)
        for param in ("offset", "limit"):
            response = client.get(url, {param: value})
            assert response.status_code == 422, (url, param, response.content)


def test_offset_at_the_bound_is_answered(api_as, tenant, company):
    response = api_as(tenant).get(f"/companies?offset={MAX_OFFSET}")
    assert response.status_code == 200
    assert response.json()["items"] == []


@pytest.mark.parametrize(
    "path",
    ["/api/v1/companies/{company}/documents", "/api/v1/parks/{park}/units/import"],
)
@pytest.mark.parametrize(
    "content_type",
    [
        "multipart/form-data",
        "multipart/form-data; boundary=",
        "multipart/form-data; boundary=\x00",
    ],
)
def test_multipart_without_a_boundary_is_400(tenant, company, path, content_type):
    park = factories.ParkFactory()
    url = path.format(company=company.pk, park=park.pk)
    token = api_as_token(tenant)
    response = Client().generic(
        "POST",
        url,
        b"--x\r\nbroken",
        content_type=content_type,
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 400, response.content
    assert response.json()["code"] == "bad_request"


def api_as_token(user) -> str:
    from core.actions import token_issue

    _token, raw = token_issue(user=user, name="probe")
    return raw


def test_anonymous_unsafe_call_is_401_not_csrf_403(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/api/v1/companies", data="{}", content_type="application/json"
    )
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


def test_signed_in_browser_without_csrf_token_is_still_refused(tenant):
    client = Client(enforce_csrf_checks=True)
    client.force_login(tenant)
    response = client.post(
        "/api/v1/companies", data="{}", content_type="application/json"
    )
    assert response.status_code == 403
    assert response.json()["code"] == "csrf_failed"
