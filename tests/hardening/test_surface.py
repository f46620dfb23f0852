"""Headers and surface: a CSP on every page, Swagger UI from our own static
files, and a setting deciding whether the API docs are public."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests import factories


@pytest.mark.parametrize(
    "path", ["/", "/accounts/login/", "/accounts/signup/", "/api/v1/docs"]
)
def test_every_page_has_a_csp_without_inline_scripts(db, path):
    response = Client().get(path)
    policy = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", policy)[1]
    assert script_src.strip() == "'self'"
    assert "frame-ancestors 'none'" in policy


def test_swagger_ui_comes_from_our_static_files_not_a_cdn(db):
    html = Client().get("/api/v1/docs").content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any("swagger-ui-bundle.js" in s for s in sources)
    assert all(s.startswith("/static/") for s in sources), sources
    assert "<script>" not in html.replace('<script type="application/json"', "")


def test_docs_are_staff_only_when_not_public(db, settings, tenant):
    settings.API_DOCS_PUBLIC = False
    assert Client().get("/api/v1/docs").status_code == 404
    assert Client().get("/api/v1/openapi.json").status_code == 404
    client = Client()
    client.force_login(tenant)
    assert client.get("/api/v1/docs").status_code == 404
    staff = factories.UserFactory(is_staff=True)
    client.force_login(staff)
    assert client.get("/api/v1/docs").status_code == 200
    assert client.get("/api/v1/openapi.json").status_code == 200


def test_docs_are_public_when_the_setting_says_so(db, settings):
    settings.API_DOCS_PUBLIC = True
    assert Client().get("/api/v1/docs").status_code == 200
