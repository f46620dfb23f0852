"""The login throttle: one for every door, shared by every worker, keyed on the
account and the client, backing off instead of locking the owner out."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.conf import settings as settings_module
from django.core.cache import caches
from django.test import Client
from freezegun import freeze_time

from core.throttle import TooManyAttempts, client_ip, login_check_allowed

PASSWORD = "secret-pass-123"


def admin_login(client: Client, email: str, password: str):
    return client.post(
        "/admin/login/", {"username": email, "password": password, "next": "/admin/"}
    )


def web_login(client: Client, email: str, password: str):
    return client.post("/accounts/login/", {"email": email, "password": password})


def api_login(client: Client, email: str, password: str):
    return client.post(
        "/api/v1/auth/token",
        {"email": email, "password": password},
        content_type="application/json",
    )


@pytest.fixture
def staff(db):
    from tests.factories import UserFactory

    user = UserFactory(is_staff=True, is_superuser=True)
    return user


def test_the_throttle_lives_in_a_shared_store_not_process_memory(settings):
    backend = settings.CACHES["throttle"]["BACKEND"]
    assert backend in (
        "django.core.cache.backends.db.DatabaseCache",
        "django.core.cache.backends.redis.RedisCache",
    )


def test_the_throttle_table_exists_after_migrate(db):
    caches["throttle"].set("probe", 1)
    assert caches["throttle"].get("probe") == 1


def test_admin_login_is_throttled_right_password_included(staff):
    client = Client()
    for _ in range(5):
        response = admin_login(client, staff.email, "wrong")
        assert response.status_code == 200
    response = admin_login(client, staff.email, PASSWORD)
    assert response.status_code == 200  # the form again, not the redirect
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "first,second",
    [(web_login, admin_login), (admin_login, api_login), (api_login, web_login)],
)
def test_every_door_shares_one_count(staff, first, second):
    client = Client()
    for _ in range(5):
        first(client, staff.email, "wrong")
    response = second(client, staff.email, PASSWORD)
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)
    if second is api_login:
        assert response.status_code == 429


def test_a_stranger_elsewhere_does_not_lock_the_owner_out(tenant):
    stranger = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(20):
        web_login(stranger, tenant.email, "wrong")
    owner = Client(REMOTE_ADDR="198.51.100.7")
    response = web_login(owner, tenant.email, PASSWORD)
    assert response.status_code == 302


def test_back_off_grows_and_then_lets_the_owner_in(tenant, settings):
    settings.LOGIN_THROTTLE_BASE_DELAY = 30
    client = Client(REMOTE_ADDR="203.0.113.9")
    with freeze_time("2026-01-01 00:00:00") as clock:
        for _ in range(5):
            web_login(client, tenant.email, "wrong")
        # 5 failures: wait 30 s
        with pytest.raises(TooManyAttempts) as first:
            login_check_allowed(email=tenant.email, ip="203.0.113.9")
        assert 25 <= first.value.retry_after <= 30
        clock.tick(31)
        web_login(client, tenant.email, "wrong")  # 6th failure: wait 60 s
        with pytest.raises(TooManyAttempts) as second:
            login_check_allowed(email=tenant.email, ip="203.0.113.9")
        assert 55 <= second.value.retry_after <= 60
        clock.tick(61)
        response = web_login(client, tenant.email, PASSWORD)
        assert response.status_code == 302


def test_back_off_is_capped(tenant, settings):
    settings.LOGIN_THROTTLE_MAX_DELAY = 900
    with freeze_time("2026-01-01 00:00:00") as clock:
        client = Client(REMOTE_ADDR="203.0.113.9")
        for _ in range(12):
            web_login(client, tenant.email, "wrong")
            clock.tick(2000)
        web_login(client, tenant.email, "wrong")
        with pytest.raises(TooManyAttempts) as excinfo:
            login_check_allowed(email=tenant.email, ip="203.0.113.9")
        assert excinfo.value.retry_after <= 900


def test_one_client_spraying_many_accounts_is_slowed(db, settings):
    settings.LOGIN_THROTTLE_CLIENT_ATTEMPTS = 10
    client = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(10):
        web_login(client, f"victim{n}@example.com", "guess")
    with pytest.raises(TooManyAttempts):
        login_check_allowed(email="someone-else@example.com", ip="203.0.113.9")


def test_client_address_comes_from_remote_addr_unless_a_proxy_is_trusted(settings, rf):
    request = rf.get(
        "/", HTTP_X_FORWARDED_FOR="1.1.1.1, 10.0.0.5", REMOTE_ADDR="10.0.0.1"
    )
    settings.TRUSTED_PROXY_HEADER = ""
    assert client_ip(request) == "10.0.0.1"
    settings.TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "10.0.0.5"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request) == "1.1.1.1"


def test_behind_a_trusted_proxy_clients_are_told_apart(tenant, settings):
    settings.TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    for _ in range(10):
        web_login(
            Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9"),
            tenant.email,
            "wrong",
        )
    owner = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert web_login(owner, tenant.email, PASSWORD).status_code == 302


def test_core_migrations_create_the_throttle_cache_s_own_table(db):
    """`migrate` (not only the test runner, which makes cache tables itself)
    creates the table the throttle cache reads."""
    from django.db import connection

    from core.migrations import _cache_tables

    table = settings_module.CACHES["throttle"]["LOCATION"]
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {connection.ops.quote_name(table)}")
    assert table not in connection.introspection.table_names()
    _cache_tables.create(None, SimpleNamespace(connection=connection))
    assert table in connection.introspection.table_names()
