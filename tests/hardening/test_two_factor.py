"""TOTP two-factor sign-in: staff and the admin can turn it on, an operator or a
bank can require it of its staff, and every door asks for the code."""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import factories

PASSWORD = "secret-pass-123"


def code_for(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def signed_in(user) -> Client:
    client = Client()
    response = client.post(
        "/accounts/login/", {"email": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    return client


def enrolled(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


@pytest.fixture
def operator_staff(operator_user):
    return operator_user


def test_a_user_with_an_authenticator_must_enter_the_code(operator_user):
    device = enrolled(operator_user)
    client = signed_in(operator_user)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/verify/")
    # The session is not yet good for the API either.
    assert client.get("/api/v1/me").status_code == 401
    right = client.post(
        "/accounts/2fa/verify/", {"code": code_for(device), "next": "/"}
    )
    assert right.status_code == 302
    assert client.get("/").status_code == 200
    assert client.get("/api/v1/me").status_code == 200


@pytest.mark.parametrize("kind", ["operator", "bank"])
def test_an_organisation_can_require_it_of_its_staff(kind, operator_user, maker):
    user = operator_user if kind == "operator" else maker
    org = (
        user.operator_staff.get().operator
        if kind == "operator"
        else user.bank_staff.get().bank
    )
    client = signed_in(user)
    assert client.get("/").status_code == 200  # not required yet
    org.require_staff_2fa = True
    org.save()
    # Enforced at sign-in: the next sign-in must enrol first.
    client = signed_in(user)
    response = client.get("/")
    assert response["Location"].startswith("/accounts/2fa/")
    page = client.get("/accounts/2fa/")
    assert "Your organisation requires two-factor sign-in" in page.text
    assert 'src="data:image/svg+xml;base64,' in page.text
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    done = client.post("/accounts/2fa/", {"code": code_for(device), "next": "/"})
    assert done.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/").status_code == 200


def test_staff_of_an_organisation_that_does_not_require_it_can_still_turn_it_on(
    maker,
):
    client = signed_in(maker)
    page = client.get("/accounts/2fa/")
    assert page.status_code == 200
    # No SVG inlined in the page but the header's icons (the QR is an <img>).
    assert page.text.count("<svg") == page.text.count('<svg class="icon"')
    device = TOTPDevice.objects.get(user=maker)
    client.post("/accounts/2fa/", {"code": code_for(device), "next": "/"})
    assert TOTPDevice.objects.get(user=maker).confirmed


def test_the_admin_asks_for_the_code_too(db):
    admin = factories.UserFactory(is_staff=True, is_superuser=True)
    device = enrolled(admin)
    client = Client()
    client.post("/admin/login/", {"username": admin.email, "password": PASSWORD})
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/verify/")
    client.post("/accounts/2fa/verify/", {"code": code_for(device), "next": "/admin/"})
    assert client.get("/admin/").status_code == 200


def test_the_token_endpoint_wants_the_code(api_as, operator_user):
    device = enrolled(operator_user)
    body = {"email": operator_user.email, "password": PASSWORD}
    response = api_as().post("/auth/token", json=body)
    assert response.status_code == 401
    assert response.json()["code"] == "otp_required"
    response = api_as().post("/auth/token", json={**body, "otp": code_for(device)})
    assert response.status_code == 200


def test_wrong_codes_are_refused_and_throttled_like_passwords(operator_user, settings):
    enrolled(operator_user)
    client = signed_in(operator_user)
    wrong = client.post("/accounts/2fa/verify/", {"code": "000000", "next": "/"})
    assert "not right" in wrong.text
    for _ in range(settings.LOGIN_THROTTLE_ATTEMPTS):
        client.post("/accounts/2fa/verify/", {"code": "000000"})
    response = client.post("/accounts/2fa/verify/", {"code": "000000"})
    assert "Too many failed sign-in attempts" in response.text
