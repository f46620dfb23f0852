"""API: auth and identity, reference data, the error shape, session + CSRF."""

from __future__ import annotations

import pytest
from django.test import Client

from core.models import ApiToken, User
from tests.factories import (
    BankStaffFactory,
    MembershipFactory,
    OperatorStaffFactory,
    ProviderStaffFactory,
    UserFactory,
)

STRONG = "correct horse battery 42"


def assert_error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert body["detail"] and isinstance(body["detail"], str)
    assert body["code"] and isinstance(body["code"], str)
    if code:
        assert body["code"] == code
    return body


# --- sign-up -------------------------------------------------------------------


def test_signup_202_creates_the_user(api_as):
    response = api_as().post(
        "/auth/signup",
        json={"email": "New@Example.com", "password": STRONG, "full_name": "Ma Li"},
    )
    assert response.status_code == 202
    assert User.objects.get().email == "new@example.com"
    assert response.json()["email"] == "new@example.com"


def test_signup_answers_a_taken_email_exactly_like_a_new_one(
    api_as, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="dup@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        taken = api_as().post(
            "/auth/signup",
            json={"email": "dup@example.com", "password": STRONG, "full_name": "Dup"},
        )
    new = api_as().post(
        "/auth/signup",
        json={"email": "fresh@example.com", "password": STRONG, "full_name": "Dup"},
    )
    assert taken.status_code == new.status_code == 202
    assert taken.json()["detail"] == new.json()["detail"]
    assert "exist" not in taken.content.decode()
    assert [m.to for m in mailoutbox] == [["dup@example.com"]]


def test_signup_is_throttled_per_client(api_as, settings):
    settings.SIGNUP_THROTTLE_ATTEMPTS = 3
    answers = [
        api_as()
        .post(
            "/auth/signup",
            json={"email": f"n{i}@example.com", "password": STRONG, "full_name": "N"},
        )
        .status_code
        for i in range(5)
    ]
    assert answers[:3] == [202, 202, 202]
    assert answers[3:] == [429, 429]


def test_signup_weak_password_422_names_the_field(api_as):
    response = api_as().post(
        "/auth/signup",
        json={"email": "weak@example.com", "password": "12345", "full_name": "W"},
    )
    body = assert_error(response, 422, "invalid")
    assert list(body["fields"]) == ["password"]
    assert not User.objects.exists()


def test_signup_missing_fields_422(api_as):
    body = assert_error(api_as().post("/auth/signup", json={"email": "x"}), 422)
    assert {"password", "full_name"} <= set(body["fields"])


# --- tokens --------------------------------------------------------------------


def test_token_200_then_it_authenticates(api_as, tenant):
    response = api_as().post(
        "/auth/token", json={"email": tenant.email, "password": "secret-pass-123"}
    )
    assert response.status_code == 200
    raw = response.json()["token"]
    me = api_as().get("/me", headers={"Authorization": f"Bearer {raw}"})
    assert me.status_code == 200
    assert me.json()["id"] == tenant.pk


def test_token_bad_credentials_401(api_as, tenant):
    response = api_as().post(
        "/auth/token", json={"email": tenant.email, "password": "wrong"}
    )
    assert_error(response, 401, "bad_credentials")
    assert not ApiToken.objects.exists()


def test_token_throttled_429_after_five_failures(api_as, tenant):
    client = api_as()
    for _ in range(5):
        bad = client.post(
            "/auth/token", json={"email": tenant.email, "password": "wrong"}
        )
        assert bad.status_code == 401
    response = client.post(
        "/auth/token", json={"email": tenant.email, "password": "secret-pass-123"}
    )
    assert_error(response, 429, "too_many_attempts")


def test_delete_token_204_then_the_token_answers_401(api_as, tenant):
    client = api_as(tenant)
    assert client.get("/me").status_code == 200
    response = client.delete("/auth/token")
    assert response.status_code == 204
    assert_error(client.get("/me"), 401, "unauthenticated")


def test_delete_token_without_a_token_401(api_as):
    assert_error(api_as().delete("/auth/token"), 401)


@pytest.mark.parametrize("header", [None, "Bearer nope", "Token something", "Bearer "])
def test_me_without_valid_credentials_401(api_as, db, header):
    headers = {"Authorization": header} if header else {}
    assert_error(api_as().get("/me", headers=headers), 401, "unauthenticated")


# --- identity ------------------------------------------------------------------


def test_me_lists_roles_of_every_kind(api_as):
    # given one person with a role of each kind
    user = UserFactory(full_name="Everyone 全员", is_staff=True)
    membership = MembershipFactory(user=user, role="admin")
    operator = OperatorStaffFactory(user=user, role="manager").operator
    maker = BankStaffFactory(user=user, role="maker")
    BankStaffFactory(user=user, role="checker", bank=maker.bank)
    provider = ProviderStaffFactory(user=user).provider
    # when
    response = api_as(user).get("/me")
    # then
    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["email"], body["full_name"]) == (
        user.pk,
        user.email,
        "Everyone 全员",
    )
    roles = {(r["kind"], r["org_id"], r["role"]) for r in body["roles"]}
    assert roles == {
        ("platform", None, "admin"),
        ("tenant", membership.company_id, "admin"),
        ("operator", operator.pk, "manager"),
        ("bank", maker.bank_id, "maker"),
        ("bank", maker.bank_id, "checker"),
        ("provider", provider.pk, "staff"),
    }
    names = {r["kind"]: r["org_name"] for r in body["roles"]}
    assert names["tenant"] == membership.company.name
    assert names["bank"] == maker.bank.name


def test_me_of_a_fresh_user_has_no_roles(api_as, db):
    assert api_as(UserFactory()).get("/me").json()["roles"] == []


# --- reference -----------------------------------------------------------------


def test_industries_anonymous_and_searchable(api_as, db):
    everything = api_as().get("/industries")
    assert everything.status_code == 200
    assert len(everything.json()) == 117
    response = api_as().get("/industries?q=电气")
    assert response.status_code == 200
    rows = response.json()
    assert {"code": "38", "section": "C"}.items() <= rows[0].items()
    assert set(rows[0]) == {"code", "name", "name_zh", "section"}
    assert rows[0]["name_zh"] == "电气机械和器材制造业"
    assert api_as().get("/industries?q=nothing-like-this").json() == []


# --- browser session -----------------------------------------------------------


def company_payload() -> dict:
    return {
        "name": "Session Co.",
        "uscc": "91522601MA6DN2L0KJ",
        "legal_representative": "王五",
        "registered_capital": "1000000.00",
        "founded_on": "2020-01-01",
        "employees": 30,
        "annual_revenue": "5000000.00",
        "industry_code": "35",
    }


def test_session_post_without_csrf_token_403(tenant):
    client = Client(enforce_csrf_checks=True)
    client.force_login(tenant)
    response = client.post(
        "/api/v1/companies", company_payload(), content_type="application/json"
    )
    assert_error(response, 403, "csrf_failed")
    assert tenant.memberships.count() == 1


def test_session_post_with_csrf_token_201(tenant):
    client = Client(enforce_csrf_checks=True)
    client.force_login(tenant)
    client.get("/accounts/tokens/")  # the page sets the CSRF cookie
    csrf = client.cookies["csrftoken"].value
    response = client.post(
        "/api/v1/companies",
        company_payload(),
        content_type="application/json",
        headers={"X-CSRFToken": csrf},
    )
    assert response.status_code == 201, response.content


def test_session_get_needs_no_csrf_token(tenant, company):
    client = Client(enforce_csrf_checks=True)
    client.force_login(tenant)
    response = client.get("/api/v1/me")
    assert response.status_code == 200
    assert response.json()["email"] == tenant.email


def test_anonymous_browser_401(db):
    assert_error(Client().get("/api/v1/companies"), 401, "unauthenticated")
