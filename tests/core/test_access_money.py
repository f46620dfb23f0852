"""Access helpers (scoped fetch, roles) and money rounding."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser

from core.access import Role, get_scoped, role_kinds, roles_for
from core.errors import NotFound
from core.money import money, to_minor_units
from core.schemas import CappedPagination
from tenants.models import Company
from tests.factories import UserFactory


def test_get_scoped_returns_the_row(tenant, company):
    assert get_scoped(Company.objects.visible_to(tenant), pk=company.pk) == company


@pytest.mark.parametrize("pk", [10**9, "abc", None])
def test_get_scoped_absent_or_malformed_is_not_found(tenant, company, pk):
    with pytest.raises(NotFound) as excinfo:
        get_scoped(Company.objects.visible_to(tenant), pk=pk)
    assert excinfo.value.status == 404
    assert excinfo.value.message == "Company not found."


def test_get_scoped_not_yours_answers_like_absent(tenant, other_company):
    with pytest.raises(NotFound) as excinfo:
        get_scoped(Company.objects.visible_to(tenant), pk=other_company.pk)
    assert excinfo.value.message == "Company not found."


def test_roles_of_anonymous_and_plain_users(db):
    assert roles_for(AnonymousUser()) == []
    assert roles_for(None) == []
    assert roles_for(UserFactory()) == []


def test_platform_staff_has_the_platform_role(tenant, company):
    tenant.is_staff = True
    tenant.save()
    roles = roles_for(tenant)
    assert Role("platform", None, "Enclave", "admin") in roles
    assert Role("tenant", company.pk, company.name, "owner") in roles
    assert role_kinds(tenant) == {"platform", "tenant"}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1.005", "1.01"),
        ("1.004", "1.00"),
        ("-1.005", "-1.01"),
        (3, "3.00"),
        (Decimal("2.675"), "2.68"),
    ],
)
def test_money_rounds_half_up(value, expected):
    assert money(value) == Decimal(expected)
    assert str(money(value)) == expected


def test_minor_units():
    assert to_minor_units(Decimal("1250000.00")) == 125000000
    assert to_minor_units(Decimal("0.015")) == 2


def test_pagination_input_rejects_zero_and_negative():
    with pytest.raises(ValueError):
        CappedPagination.Input(limit=0)
    with pytest.raises(ValueError):
        CappedPagination.Input(offset=-1)


def _request_of(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = user
    return request


def test_scoped_lists_take_the_organisations_from_the_requests_roles(
    db, django_assert_num_queries
):
    from billing.models import Invoice
    from core.access import request_roles
    from tests.factories import InvoiceFactory, OperatorStaffFactory

    staff = OperatorStaffFactory()
    mine = InvoiceFactory(park__operator=staff.operator)
    InvoiceFactory()  # another operator's
    request_roles(_request_of(staff.user))
    with django_assert_num_queries(1):  # the list alone: no staff lookup
        assert list(Invoice.objects.visible_to(staff.user)) == [mine]


def test_joining_an_organisation_drops_what_the_request_read(db):
    from billing.models import Invoice
    from core.access import request_roles
    from tests.factories import InvoiceFactory, MembershipFactory, UserFactory

    user = UserFactory()
    request_roles(_request_of(user))
    assert list(Invoice.objects.visible_to(user)) == []
    invoice = InvoiceFactory()
    MembershipFactory(user=user, company=invoice.company)
    assert list(Invoice.objects.visible_to(user)) == [invoice]
