"""An operator's managers and a bank's checkers require two-factor sign-in of
their staff from their portal or the API (not only in /admin/); staff already
signed in without an authenticator are sent to enrol at their next request."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from core.audit import audit_trail
from core.errors import Conflict, NotAllowed, NotFound
from finance.actions.security import bank_security_update
from parks.actions.security import operator_security_update
from tests import factories
from tests.hardening.test_two_factor import code_for, enrolled, signed_in


def verified(user) -> Client:
    """A browser session of `user` past the two-factor code."""
    device = user.totpdevice_set.filter(confirmed=True).first() or enrolled(user)
    client = signed_in(user)
    client.post("/accounts/2fa/verify/", {"code": code_for(device), "next": "/"})
    assert client.get("/").status_code == 200
    return client


@pytest.fixture
def operator(operator_user):
    """The operator; its manager (operator_user) uses an authenticator."""
    enrolled(operator_user)
    return operator_user.operator_staff.get().operator


@pytest.fixture
def operator_staff(operator):
    """A member of the operator's staff who is not a manager."""
    return factories.OperatorStaffFactory(operator=operator, role="staff").user


@pytest.fixture
def bank(maker, checker):
    """The bank; its checker uses an authenticator."""
    enrolled(checker)
    return maker.bank_staff.get().bank


# --- the actions ------------------------------------------------------------------


def test_a_manager_requires_it_and_the_change_is_audited(operator, operator_user):
    operator_security_update(
        operator=operator, actor=operator_user, require_staff_2fa=True
    )
    operator.refresh_from_db()
    assert operator.require_staff_2fa
    event = audit_trail(operator).get()
    assert (event.actor, event.action) == (operator_user, "two_factor_required")
    operator_user.refresh_from_db()
    assert operator_user.two_factor_rule_changed_at is not None


def test_whoever_requires_it_uses_it_first(operator_user):
    operator = operator_user.operator_staff.get().operator
    other_manager = factories.OperatorStaffFactory(operator=operator).user
    with pytest.raises(Conflict):
        operator_security_update(
            operator=operator, actor=other_manager, require_staff_2fa=True
        )
    operator.refresh_from_db()
    assert not operator.require_staff_2fa


def test_setting_the_same_value_again_changes_nothing(operator, operator_user):
    operator_security_update(
        operator=operator, actor=operator_user, require_staff_2fa=False
    )
    assert not audit_trail(operator).exists()


def test_only_a_manager_of_that_operator_may_change_it(
    operator, operator_staff, tenant
):
    with pytest.raises(NotAllowed):
        operator_security_update(
            operator=operator, actor=operator_staff, require_staff_2fa=True
        )
    for outsider in (tenant, factories.OperatorStaffFactory().user):
        with pytest.raises(NotFound):
            operator_security_update(
                operator=operator, actor=outsider, require_staff_2fa=True
            )
    operator.refresh_from_db()
    assert not operator.require_staff_2fa


def test_a_banks_checker_requires_it_its_maker_may_not(bank, maker, checker):
    with pytest.raises(NotAllowed):
        bank_security_update(bank=bank, actor=maker, require_staff_2fa=True)
    with pytest.raises(NotFound):
        bank_security_update(
            bank=bank,
            actor=factories.BankStaffFactory(role="checker").user,
            require_staff_2fa=True,
        )
    bank_security_update(bank=bank, actor=checker, require_staff_2fa=True)
    bank.refresh_from_db()
    assert bank.require_staff_2fa


# --- staff already signed in ------------------------------------------------------


@pytest.mark.parametrize("kind", ["operator", "bank"])
def test_signed_in_staff_without_an_authenticator_are_sent_to_enrol_at_once(
    kind, operator, operator_user, operator_staff, bank, maker, checker
):
    staff, admin = (
        (operator_staff, operator_user) if kind == "operator" else (maker, checker)
    )
    client = signed_in(staff)
    assert client.get("/").status_code == 200
    if kind == "operator":
        operator_security_update(operator=operator, actor=admin, require_staff_2fa=True)
    else:
        bank_security_update(bank=bank, actor=admin, require_staff_2fa=True)
    # The same session, no new sign-in: its next request goes to enrolment.
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/?next=")
    # Turned off again, the same session works without an authenticator.
    if kind == "operator":
        operator_security_update(
            operator=operator, actor=admin, require_staff_2fa=False
        )
    else:
        bank_security_update(bank=bank, actor=admin, require_staff_2fa=False)
    assert client.get("/").status_code == 200


def test_staff_with_a_verified_authenticator_notice_nothing(
    operator, operator_user, operator_staff
):
    client = verified(operator_staff)
    operator_security_update(
        operator=operator, actor=operator_user, require_staff_2fa=True
    )
    assert client.get("/").status_code == 200


# --- the API ----------------------------------------------------------------------


def test_the_api_reads_and_changes_the_operators_setting(
    api_as, operator, operator_user
):
    url = f"/operators/{operator.pk}/security"
    read = api_as(operator_user).get(url)
    assert read.status_code == 200
    assert read.json() == {
        "id": operator.pk,
        "name": operator.name,
        "require_staff_2fa": False,
        "can_change": True,
        "has_authenticator": True,
    }
    changed = api_as(operator_user).patch(url, json={"require_staff_2fa": True})
    assert changed.status_code == 200
    assert changed.json()["require_staff_2fa"] is True


def test_the_api_refuses_other_parties_and_non_managers(
    api_as, operator, operator_staff, tenant, maker
):
    url = f"/operators/{operator.pk}/security"
    body = {"json": {"require_staff_2fa": True}}
    assert api_as(operator_staff).get(url).json()["can_change"] is False
    assert api_as(operator_staff).patch(url, **body).status_code == 403
    other = factories.OperatorStaffFactory().user
    for outsider in (other, tenant, maker):
        assert api_as(outsider).get(url).status_code == 404
        assert api_as(outsider).patch(url, **body).status_code == 404
    assert api_as().patch(url, **body).status_code == 401


def test_the_api_answers_409_to_a_manager_without_an_authenticator(
    api_as, operator_user
):
    operator = operator_user.operator_staff.get().operator
    url = f"/operators/{operator.pk}/security"
    response = api_as(operator_user).patch(url, json={"require_staff_2fa": True})
    assert response.status_code == 409
    assert response.json()["code"] == "two_factor_first"


def test_the_api_changes_a_banks_setting_for_its_checker_only(
    api_as, bank, maker, checker, operator_user
):
    url = f"/banks/{bank.pk}/security"
    body = {"json": {"require_staff_2fa": True}}
    assert api_as(maker).patch(url, **body).status_code == 403
    assert api_as(operator_user).patch(url, **body).status_code == 404
    other = factories.BankStaffFactory(role="checker").user
    assert api_as(other).patch(url, **body).status_code == 404
    response = api_as(checker).patch(url, **body)
    assert response.status_code == 200 and response.json()["require_staff_2fa"]


def test_the_operations_document_their_refusals():
    from config.api import api

    paths = api.get_openapi_schema()["paths"]
    for path in (
        "/api/v1/operators/{operator_id}/security",
        "/api/v1/banks/{bank_id}/security",
    ):
        responses = paths[path]["patch"]["responses"]
        assert {"401", "403", "404", "422"} <= {str(code) for code in responses}


# --- the page ---------------------------------------------------------------------


def test_the_managers_page_explains_and_turns_it_on(operator, operator_user):
    client = verified(operator_user)
    page = client.get("/operator/security/")
    assert page.status_code == 200
    assert "authenticator app" in page.text
    assert "Require two-factor sign-in" in page.text
    response = client.post(
        f"/operator/{operator.pk}/security/", {"require_staff_2fa": "1"}
    )
    assert response.status_code == 302
    operator.refresh_from_db()
    assert operator.require_staff_2fa


def test_a_manager_without_an_authenticator_is_asked_to_set_one_up_first(
    operator_user,
):
    client = Client()
    client.force_login(operator_user)
    page = client.get("/operator/security/")
    assert "first set up two-factor sign-in for yourself" in page.text
    assert "Require two-factor sign-in" not in page.text


def test_staff_see_the_rule_without_a_button(operator, operator_staff):
    client = Client()
    client.force_login(operator_staff)
    page = client.get("/operator/security/")
    assert "Only the operator&#x27;s park managers can change this." in page.text
    assert "Require two-factor sign-in" not in page.text
    client.post(f"/operator/{operator.pk}/security/", {"require_staff_2fa": "1"})
    operator.refresh_from_db()
    assert not operator.require_staff_2fa


def test_the_page_is_not_found_for_other_parties(operator, tenant, checker):
    client = Client()
    client.force_login(tenant)
    assert client.get("/operator/security/").status_code == 404
    other = factories.OperatorStaffFactory().user
    client.force_login(other)
    assert (
        client.post(
            f"/operator/{operator.pk}/security/", {"require_staff_2fa": "1"}
        ).status_code
        == 404
    )
    client = verified(checker)
    assert client.get("/bank/security/").status_code == 200
    assert client.get("/operator/security/").status_code == 404


def test_the_banks_page_in_chinese(bank, checker):
    client = verified(checker)
    # The request activates Chinese in this thread: restore the language after.
    with translation.override("en"):
        page = client.get("/bank/security/", headers={"Accept-Language": "zh-hans"})
    assert page.status_code == 200
    assert "员工的双重验证登录" in page.text and "要求双重验证登录" in page.text
    client.post(f"/bank/{bank.pk}/security/", {"require_staff_2fa": "1"})
    bank.refresh_from_db()
    assert bank.require_staff_2fa
