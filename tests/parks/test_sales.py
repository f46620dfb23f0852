"""Sale actions: apply to buy, decide, complete, withdraw; the unit follows."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from core.audit import audit_trail
from core.errors import Conflict, IllegalTransition, Invalid, NotAllowed, NotFound
from parks import hooks
from parks.actions import sales
from tests import factories
from tests.parks.leasing_fixtures import admit, manager_of, staff_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit(db):
    return factories.UnitFactory(
        offer="both", area_m2=Decimal("800.00"), sale_price_per_m2=Decimal("3500.00")
    )


@pytest.fixture
def admitted(company, unit):
    admit(company, unit.park)
    return company


@pytest.fixture
def manager(unit):
    return manager_of(unit.park)


def buy(tenant, company, unit, ratio="0.3"):
    return sales.sale_apply(
        actor=tenant, company=company, unit=unit, down_payment_ratio=Decimal(ratio)
    )


def test_apply_prices_the_unit(tenant, admitted, unit):
    sale = buy(tenant, admitted, unit, "0.35")

    assert sale.price == Decimal("2800000.00")
    assert sale.down_payment == Decimal("980000.00")
    assert sale.financed_amount == Decimal("1820000.00")
    assert sale.status == "submitted"
    unit.refresh_from_db()
    assert unit.status == "reserved"
    assert [e.action for e in audit_trail(sale)] == ["sale_applied"]


@pytest.mark.parametrize("ratio", ["0.29", "1.01", "0", "-0.5", "abc"])
def test_down_payment_ratio_bounds(tenant, admitted, unit, ratio):
    with pytest.raises(Invalid) as exc:
        sales.sale_apply(
            actor=tenant, company=admitted, unit=unit, down_payment_ratio=ratio
        )
    assert "down_payment_ratio" in exc.value.fields


@pytest.mark.parametrize("ratio", ["0.30", "1"])
def test_down_payment_ratio_limits_are_inclusive(tenant, admitted, unit, ratio):
    assert buy(tenant, admitted, unit, ratio).pk


def test_needs_an_approved_admission(tenant, company, unit):
    with pytest.raises(Conflict) as exc:
        buy(tenant, company, unit)
    assert exc.value.code == "admission_required"


def test_unit_must_be_offered_for_sale(tenant, company):
    unit = factories.UnitFactory(offer="lease")
    admit(company, unit.park)
    with pytest.raises(Conflict) as exc:
        buy(tenant, company, unit)
    assert exc.value.code == "unit_not_for_sale"


def test_unit_must_be_vacant(tenant, admitted, unit):
    factories.LeaseFactory(
        unit=unit,
        status="approved",
        start_date=date(2099, 1, 1),
        end_date=date(2099, 12, 31),
    )
    with pytest.raises(Conflict) as exc:
        buy(tenant, admitted, unit)
    assert exc.value.code == "unit_not_vacant"


def test_second_buyer_is_refused(tenant, admitted, unit, other_tenant, other_company):
    admit(other_company, unit.park)
    buy(tenant, admitted, unit)
    with pytest.raises(Conflict):
        buy(other_tenant, other_company, unit)


def test_member_role_and_other_company(tenant, other_company, unit):
    admit(other_company, unit.park)
    with pytest.raises(NotFound):
        buy(tenant, other_company, unit)
    member = factories.MembershipFactory(role="member", company=other_company).user
    with pytest.raises(NotAllowed):
        buy(member, other_company, unit)


def test_approve_fires_the_hook_then_complete(tenant, admitted, unit, manager):
    sale = buy(tenant, admitted, unit)
    fired = []
    handler = hooks.sale_approved.register(lambda **kw: fired.append(kw))
    try:
        sales.sale_approve(sale=sale, actor=manager, note="fine")
    finally:
        hooks.sale_approved._handlers.remove(handler)
    sale.refresh_from_db()
    assert (sale.status, sale.decision_note) == ("approved", "fine")
    assert fired[0]["sale"].pk == sale.pk

    sales.sale_complete(sale=sale, actor=manager)

    sale.refresh_from_db()
    unit.refresh_from_db()
    assert (sale.status, unit.status) == ("completed", "sold")
    assert sale.completed_on is not None
    with pytest.raises(IllegalTransition):
        sales.sale_withdraw(sale=sale, actor=tenant)


def test_reject_frees_the_unit(tenant, admitted, unit, manager):
    sale = buy(tenant, admitted, unit)
    sales.sale_reject(sale=sale, actor=manager)
    unit.refresh_from_db()
    assert unit.status == "vacant"
    with pytest.raises(IllegalTransition):
        sales.sale_complete(sale=sale, actor=manager)


def test_complete_needs_approval(tenant, admitted, unit, manager):
    sale = buy(tenant, admitted, unit)
    with pytest.raises(IllegalTransition):
        sales.sale_complete(sale=sale, actor=manager)


def test_withdraw(tenant, admitted, unit, other_tenant):
    sale = buy(tenant, admitted, unit)
    with pytest.raises(NotFound):
        sales.sale_withdraw(sale=sale, actor=other_tenant)
    sales.sale_withdraw(sale=sale, actor=tenant)
    unit.refresh_from_db()
    assert unit.status == "vacant"


def test_role_checks(tenant, admitted, unit):
    sale = buy(tenant, admitted, unit)
    with pytest.raises(NotFound):
        sales.sale_approve(sale=sale, actor=tenant)
    with pytest.raises(NotFound):
        sales.sale_approve(
            sale=sale,
            actor=factories.OperatorStaffFactory().user,
        )
    with pytest.raises(NotAllowed):
        sales.sale_approve(sale=sale, actor=staff_of(unit.park))
