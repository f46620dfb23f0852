"""Sign-in, sign-up, sign-out, API tokens, home and health check in the browser."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from core.models import ApiToken, User
from tests.factories import DocumentFactory

LOGIN = "/accounts/login/"
STRONG = "correct horse battery 42"


def logged_in_user_id(client) -> str | None:
    return client.session.get("_auth_user_id")


# --- login / logout ------------------------------------------------------------


def test_login_page_renders(client, db):
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert b'name="email"' in response.content


def test_login_success_redirects(client, tenant):
    response = client.post(
        LOGIN, {"email": tenant.email, "password": "secret-pass-123"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert logged_in_user_id(client) == str(tenant.pk)


def test_login_follows_a_local_next_but_not_a_foreign_one(client, tenant):
    ok = client.post(
        LOGIN,
        {
            "email": tenant.email,
            "password": "secret-pass-123",
            "next": "/accounts/tokens/",
        },
    )
    assert ok["Location"] == "/accounts/tokens/"
    client.logout()
    evil = client.post(
        LOGIN,
        {
            "email": tenant.email,
            "password": "secret-pass-123",
            "next": "https://evil.example.com/",
        },
    )
    assert evil["Location"] == "/"


def test_login_wrong_password_shows_an_error(client, tenant):
    response = client.post(LOGIN, {"email": tenant.email, "password": "wrong"})
    assert response.status_code == 200
    assert "Email or password is incorrect." in response.text
    assert logged_in_user_id(client) is None


def test_login_throttled_after_five_failures(client, tenant):
    for _ in range(5):
        client.post(LOGIN, {"email": tenant.email, "password": "wrong"})
    response = client.post(
        LOGIN, {"email": tenant.email, "password": "secret-pass-123"}
    )
    assert response.status_code == 200
    assert "Too many failed sign-in attempts" in response.text
    assert logged_in_user_id(client) is None


def test_logout_is_post_only(client, tenant):
    client.force_login(tenant)
    assert client.get("/accounts/logout/").status_code == 302  # back, not a 405
    assert logged_in_user_id(client) == str(tenant.pk)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert logged_in_user_id(client) is None


# --- sign-up -------------------------------------------------------------------


def test_signup_creates_logs_in_and_redirects_to_company_registration(client, db):
    response = client.post(
        "/accounts/signup/",
        {"full_name": "Ma Li 马力", "email": "ma.li@example.com", "password": STRONG},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("tenants:company_new")
    user = User.objects.get(email="ma.li@example.com")
    assert logged_in_user_id(client) == str(user.pk)


def test_signup_weak_password_shows_the_error_on_the_field(client, db):
    response = client.post(
        "/accounts/signup/",
        {"full_name": "Ma Li", "email": "ma.li@example.com", "password": "123"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["password"]
    assert not User.objects.exists()


def test_signup_taken_email_shows_an_error(client, tenant):
    users = User.objects.count()
    response = client.post(
        "/accounts/signup/",
        {"full_name": "Again", "email": tenant.email, "password": STRONG},
    )
    assert response.status_code == 200
    assert "already exists" in response.text
    assert User.objects.count() == users


# --- tokens --------------------------------------------------------------------


def test_tokens_page_needs_login(client, db):
    response = client.get("/accounts/tokens/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_token_create_shows_it_once_and_revoke(client, tenant):
    client.force_login(tenant)
    # when a token is created
    response = client.post("/accounts/tokens/", {"name": "ERP"})
    # then its raw value is shown once and only the hash is stored
    assert response.status_code == 200
    raw = response.context["new_token"]
    assert raw.startswith("enc_") and raw in response.text
    token = ApiToken.objects.get(user=tenant)
    assert token.name == "ERP"
    assert raw not in client.get("/accounts/tokens/").text
    # when it is revoked
    revoked = client.post(f"/accounts/tokens/{token.pk}/revoke/")
    assert revoked.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_revoking_another_users_token_404(client, tenant, other_tenant):
    from core.actions import token_issue

    token, _raw = token_issue(user=other_tenant)
    client.force_login(tenant)
    assert client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


# --- home and health -----------------------------------------------------------


def test_public_home(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert reverse("core:signup") in response.text


def test_tenant_home_shows_the_kyc_checklist(client, tenant, company):
    # given one of three required documents
    DocumentFactory(company=company, kind="business_license")
    client.force_login(tenant)
    # when
    response = client.get("/")
    # then
    assert response.status_code == 200
    [card] = response.context["tenant"]
    assert card.company == company
    assert [(i.kind, i.done) for i in card.kyc] == [
        ("business_license", True),
        ("financial_statement", False),
        ("id_card", False),
    ]
    assert not card.kyc_complete
    assert "KYC checklist" in response.text
    assert "?kind=financial_statement" in response.text


def test_home_of_a_user_without_company_offers_registration(client, db):
    user = User.objects.create_user("fresh@example.com", STRONG)
    client.force_login(user)
    response = client.get("/")
    assert reverse("tenants:company_new") in response.text


def test_healthz(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok"}


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/signup/"])
def test_pages_render_in_chinese(client, db, path):
    # override() restores the language after: LocaleMiddleware leaves it active
    with translation.override("en"):
        response = client.get(path, headers={"Accept-Language": "zh-hans"})
    assert response.status_code == 200
    assert '<html lang="zh-hans"' in response.text


def test_a_get_on_a_post_only_page_goes_to_the_object(client, tenant):
    client.force_login(tenant)
    response = client.get("/accounts/tokens/1/revoke/")
    assert response.status_code == 302 and response.url == "/accounts/tokens/"
    from core.middleware import parent_path

    assert parent_path("/leases/5/activate/") == "/leases/5/"
    assert parent_path("/billing/rent-runs") == "/billing/"
    assert parent_path("/nowhere/at/all/") == "/"


def test_the_api_keeps_its_405(api_as, tenant):
    assert api_as(tenant).get("/auth/token").status_code == 405
