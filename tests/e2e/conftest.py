"""Browser fixtures: one headless system Chromium per test process, a fresh
context and page per test against pytest-django's live server, and `shot(name)`
to save a screenshot of a page into screenshots/ for people to look at."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import CHROMIUM

# Playwright's sync API runs an event loop in the test thread; Django would then
# refuse ORM calls made by the test itself (SynchronousOnlyOperation).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
TIMEOUT_MS = 10_000
# Assertions wait as long as actions do: while the suite runs on two busy cores an
# htmx swap can take longer than Playwright's 5-second default for `expect`.
expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """One Chromium per test process: each xdist worker starts its own."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_context_args() -> dict:
    """Override in a module to change the context (e.g. without JavaScript)."""
    return {}


@pytest.fixture
def context(browser, live_server, browser_context_args) -> Iterator:
    context = browser.new_context(
        base_url=live_server.url,
        locale="en-GB",
        viewport={"width": 1280, "height": 900},
        **browser_context_args,
    )
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


# Every page reports Content-Security-Policy violations to the test: the browser
# fires `securitypolicyviolation` and logs "Refused to ..." on the console.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (e) => {
  console.error("CSP violation: " + e.violatedDirective + " " + e.blockedURI);
});
"""


def is_csp_violation(text: str) -> bool:
    return "CSP violation" in text or "Content Security Policy" in text


@pytest.fixture
def page(context) -> Iterator:
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    errors: list[str] = []
    violations: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on(
        "console",
        lambda msg: violations.append(msg.text) if is_csp_violation(msg.text) else None,
    )
    yield page
    assert not errors, f"JavaScript errors on the page: {errors}"
    assert not violations, f"Content-Security-Policy violations: {violations}"


@pytest.fixture
def shot(page, request) -> Callable[[str], Path]:
    """`shot("documents")` saves the page as screenshots/<test>/NN-documents.png."""
    folder = SCREENSHOTS / re.sub(r"[^\w.-]+", "_", request.node.name).strip("_")
    shutil.rmtree(folder, ignore_errors=True)  # no stale pictures from older runs
    counter = iter(range(1, 100))

    def take(name: str) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{next(counter):02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
