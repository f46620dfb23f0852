"""company_register and company_update: every rule, every denial."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from core.audit import audit_trail
from core.errors import Conflict, Invalid, NotAllowed, NotFound
from tenants.actions import company_register, company_update
from tenants.models import Company, Membership
from tests.factories import MembershipFactory, UserFactory, valid_uscc


def company_data(**overrides) -> dict:
    data = {
        "name": "黔东南精工模具有限公司",
        "uscc": "91522601MA6DN2L0KJ",
        "legal_representative": "李伟",
        "registered_capital": Decimal("5000000.00"),
        "founded_on": date(2019, 4, 18),
        "employees": 86,
        "annual_revenue": Decimal("32800000.00"),
        "industry_code": "35",
    }
    data.update(overrides)
    return data


# --- register ------------------------------------------------------------------


def test_register_makes_the_actor_owner_and_derives_the_size_class(db):
    # given
    user = UserFactory()
    # when
    company = company_register(actor=user, **company_data())
    # then
    assert company.uscc == "91522601MA6DN2L0KJ"
    assert company.size_class == "small"  # 86 staff < 300: not medium
    assert company.created_by == user
    membership = Membership.objects.get(company=company)
    assert (membership.user, membership.role) == (user, "owner")
    assert [e.action for e in audit_trail(company)] == ["company_registered"]


def test_register_normalises_uscc_names_and_money(db):
    company = company_register(
        actor=UserFactory(),
        **company_data(
            uscc=" 91522601ma6dn2l0kj ",
            name="  Spaced Co.  ",
            registered_capital="1000",
            annual_revenue="20000000.005",
            employees=300,
        ),
    )
    assert company.uscc == "91522601MA6DN2L0KJ"
    assert company.name == "Spaced Co."
    assert company.registered_capital == Decimal("1000.00")
    assert company.annual_revenue == Decimal("20000000.01")
    assert company.size_class == "medium"


def test_register_reports_all_field_errors_at_once(db):
    # when everything is wrong
    with pytest.raises(Invalid) as excinfo:
        company_register(
            actor=UserFactory(),
            name=" ",
            uscc="123",
            legal_representative="",
            registered_capital="-1",
            founded_on=timezone.localdate() + timedelta(days=1),
            employees=-5,
            annual_revenue="lots",
            industry_code="C",
        )
    # then every field is named and nothing is saved
    assert set(excinfo.value.fields) == {
        "name",
        "uscc",
        "legal_representative",
        "registered_capital",
        "founded_on",
        "employees",
        "annual_revenue",
        "industry_code",
    }
    assert excinfo.value.status == 422
    assert not Company.objects.exists()


def test_register_with_only_a_bad_uscc_names_only_uscc(db):
    with pytest.raises(Invalid) as excinfo:
        company_register(actor=UserFactory(), **company_data(uscc=valid_uscc(5)[:-1]))
    assert list(excinfo.value.fields) == ["uscc"]
    assert not Membership.objects.exists()


@pytest.mark.parametrize(
    "bad",
    [
        {"registered_capital": Decimal("NaN")},
        {"annual_revenue": Decimal("Infinity")},
        {"annual_revenue": "100000000000000"},
        {"founded_on": "2020-13-45"},
        {"employees": "twelve"},
        {"employees": 2**40},
        {"industry_code": "99"},
    ],
)
def test_register_rejects_odd_values(db, bad):
    with pytest.raises(Invalid) as excinfo:
        company_register(actor=UserFactory(), **company_data(**bad))
    assert list(excinfo.value.fields) == list(bad)


def test_register_duplicate_uscc_conflicts_on_field_uscc(company):
    # given a company already holds this USCC (typed differently)
    typed = company.uscc.lower()
    # when
    with pytest.raises(Conflict) as excinfo:
        company_register(actor=UserFactory(), **company_data(uscc=typed))
    # then
    assert excinfo.value.code == "uscc_taken"
    assert excinfo.value.status == 409
    assert list(excinfo.value.fields) == ["uscc"]
    assert Company.objects.count() == 1


# --- update --------------------------------------------------------------------


def test_owner_updates_profile_and_the_size_class_follows(tenant, company):
    # given a small company
    assert company.size_class == "small"
    # when it grows
    updated = company_update(
        company=company,
        actor=tenant,
        name="Grown Co.",
        employees=350,
        annual_revenue=Decimal("25000000"),
    )
    # then
    updated.refresh_from_db()
    assert updated.name == "Grown Co."
    assert updated.size_class == "medium"
    assert [e.action for e in audit_trail(company)] == ["company_updated"]


def test_admin_may_update(company):
    admin = MembershipFactory(company=company, role="admin").user
    assert company_update(company=company, actor=admin, name="By Admin").name == (
        "By Admin"
    )


def test_uscc_is_fixed_once_registered(tenant, company):
    before = company.uscc
    company_update(company=company, actor=tenant, uscc=valid_uscc(77), name="New")
    company.refresh_from_db()
    assert company.uscc == before
    assert company.name == "New"


def test_plain_member_may_not_update(company):
    member = MembershipFactory(company=company, role="member").user
    with pytest.raises(NotAllowed):
        company_update(company=company, actor=member, name="Hijacked")
    company.refresh_from_db()
    assert company.name != "Hijacked"


def test_outsider_gets_not_found(other_tenant, company):
    with pytest.raises(NotFound):
        company_update(company=company, actor=other_tenant, name="Hijacked")


def test_update_validates_like_register(tenant, company):
    with pytest.raises(Invalid) as excinfo:
        company_update(company=company, actor=tenant, name="", employees=-1)
    assert set(excinfo.value.fields) == {"name", "employees"}
    company.refresh_from_db()
    assert company.name
