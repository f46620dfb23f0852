"""The Content-Security-Policy holds in a real browser: htmx pages and the API
docs (Swagger UI from our own static files) run with no violation, and an inline
script is refused (so the listener in conftest would see one)."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pages_and_swagger_ui_run_under_the_policy(page, live_server, tenant):
    response = page.goto("/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert (
        "unsafe-inline"
        not in response.headers["content-security-policy"]
        .split("script-src")[1]
        .split(";")[0]
    )
    page.goto("/accounts/login/")
    page.fill("input[name=email]", tenant.email)
    page.fill("input[name=password]", "secret-pass-123")
    page.click("form button[type=submit] >> nth=-1")
    page.wait_for_load_state("networkidle")
    page.goto("/api/v1/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15_000)
    assert page.locator(".opblock").count() > 50
    sources = page.eval_on_selector_all("script[src]", "els => els.map(e => e.src)")
    assert sources and all(s.startswith(live_server.url) for s in sources)


def test_an_inline_script_is_refused(context, live_server):
    messages: list[str] = []
    bare = context.new_page()
    bare.on("console", lambda msg: messages.append(msg.text))
    bare.goto("/")
    bare.evaluate(
        """() => { const s = document.createElement('script');
        s.textContent = 'window.__ran = true'; document.body.append(s); }"""
    )
    assert bare.evaluate("() => window.__ran === undefined")
    assert any("Content Security Policy" in m for m in messages)
