"""Shared fixtures: the parties of the platform, API clients, and the rules that
turn a skipped PostgreSQL or browser test into a failure when CI requires them."""

from __future__ import annotations

import os
import shutil

import freezegun
import pytest
from django.db import connection
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from ninja.testing import TestClient

from tests import factories

# Property tests run on busy two-core machines too: judge them by their
# properties, not by how fast examples are generated.
hypothesis_settings.register_profile(
    "enclave", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("enclave")

# pytest times each test with _pytest.timing; frozen clocks must not reach it,
# or `--durations` reports a frozen test as lasting decades.
freezegun.configure(extend_ignore_list=["_pytest.timing"])

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def _required(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def browser_available() -> bool:
    return bool(shutil.which(CHROMIUM) or os.path.exists(CHROMIUM))


def on_postgres() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith(
        ("postgres://", "postgresql://")
    )


def pytest_collection_modifyitems(config, items) -> None:
    skip_pg = pytest.mark.skip(
        reason="needs PostgreSQL (set DATABASE_URL or install it)"
    )
    skip_browser = pytest.mark.skip(reason=f"needs Chromium at {CHROMIUM}")
    for item in items:
        if "postgres" in item.keywords and not on_postgres():
            if _required("REQUIRE_POSTGRES"):
                raise pytest.UsageError(
                    "REQUIRE_POSTGRES=1 but the suite is not on PostgreSQL"
                )
            item.add_marker(skip_pg)
        if "browser" in item.keywords and not browser_available():
            if _required("REQUIRE_BROWSER"):
                raise pytest.UsageError(f"REQUIRE_BROWSER=1 but {CHROMIUM} is missing")
            item.add_marker(skip_browser)
    if any("browser" in i.keywords for i in items) and not browser_available():
        print(
            f"\n!!! Chromium not found at {CHROMIUM}: BROWSER TESTS ARE SKIPPED !!!\n"
        )


_ran: dict[str, int] = {"postgres": 0, "browser": 0}
_skipped: dict[str, int] = {"postgres": 0, "browser": 0}


def pytest_runtest_logreport(report) -> None:
    for mark in ("postgres", "browser"):
        if mark in report.keywords:
            if report.skipped:
                _skipped[mark] += 1
            elif report.when == "call":
                _ran[mark] += 1


def pytest_sessionfinish(session, exitstatus) -> None:
    if hasattr(session.config, "workerinput"):
        return  # only the controller judges the whole run
    for mark, env in (("postgres", "REQUIRE_POSTGRES"), ("browser", "REQUIRE_BROWSER")):
        if _required(env) and (_skipped[mark] or not _ran[mark]):
            print(
                f"\n{env}=1 but {mark} tests ran {_ran[mark]} and were skipped "
                f"{_skipped[mark]} times: failing the run."
            )
            session.exitstatus = 1


@pytest.fixture(autouse=True)
def _fast_and_private(settings, tmp_path):
    """Quick password hashing, private files in a temp folder, a fresh cache."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    storages = dict(settings.STORAGES)
    storages["private"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
    }
    settings.STORAGES = storages
    # A FileField resolves a callable storage once, at import: point the fields
    # on private storage at the temp folder too, or uploads land in the repo.
    from django.apps import apps
    from django.core.files.storage import storages as storage_handler

    from core.files import private_storage

    private_fields = [
        field
        for model in apps.get_models()
        for field in model._meta.fields
        if getattr(field, "_storage_callable", None) is private_storage
    ]
    bound = [field.storage for field in private_fields]
    for field in private_fields:
        field.storage = storage_handler["private"]
    from django.core.cache import cache

    cache.clear()
    yield
    for field, storage in zip(private_fields, bound, strict=True):
        field.storage = storage


@pytest.fixture
def is_postgres() -> bool:
    return connection.vendor == "postgresql"


# --- the parties ---------------------------------------------------------------


@pytest.fixture
def tenant(db):
    """A user who owns a company."""
    return factories.MembershipFactory(role="owner").user


@pytest.fixture
def company(tenant):
    return tenant.memberships.get().company


@pytest.fixture
def other_tenant(db):
    return factories.MembershipFactory(role="owner").user


@pytest.fixture
def other_company(other_tenant):
    return other_tenant.memberships.get().company


@pytest.fixture
def operator_user(db):
    return factories.OperatorStaffFactory().user


@pytest.fixture
def maker(db):
    return factories.BankStaffFactory(role="maker").user


@pytest.fixture
def checker(maker):
    bank = maker.bank_staff.get().bank
    return factories.BankStaffFactory(role="checker", bank=bank).user


@pytest.fixture
def provider_user(db):
    return factories.ProviderStaffFactory().user


@pytest.fixture(autouse=True, scope="session")
def _api_built_outside_frozen_time(django_db_blocker) -> None:
    """Build the API's schemas once, before any test freezes time: a `date`
    annotation read while freezegun is active is its FakeDate, which pydantic
    cannot turn into a schema (the first test to import the API under
    freeze_time failed)."""
    with django_db_blocker.unblock():
        import config.api  # noqa: F401


# --- API clients ---------------------------------------------------------------


class ApiClient:
    """Calls the API as one user through a real bearer token."""

    def __init__(self, user=None) -> None:
        from config.api import api
        from core.actions import token_issue

        self.client = TestClient(api)
        self.headers = {}
        if user is not None:
            _token, raw = token_issue(user=user, name="test")
            self.headers = {"Authorization": f"Bearer {raw}"}

    def _call(self, method: str, path: str, **kwargs):
        headers = {**self.headers, **kwargs.pop("headers", {})}
        return getattr(self.client, method)(path, headers=headers, **kwargs)

    def get(self, path: str, **kw):
        return self._call("get", path, **kw)

    def post(self, path: str, **kw):
        return self._call("post", path, **kw)

    def put(self, path: str, **kw):
        return self._call("put", path, **kw)

    def patch(self, path: str, **kw):
        return self._call("patch", path, **kw)

    def delete(self, path: str, **kw):
        return self._call("delete", path, **kw)


@pytest.fixture
def api_as(db):
    """`api_as(user)` calls the API as that user; `api_as()` anonymously."""
    return ApiClient
