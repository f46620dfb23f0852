"""Leasing actions: apply, decide, activate, renew, terminate, expire; unit status."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from freezegun import freeze_time

from core.audit import audit_trail
from core.errors import Conflict, IllegalTransition, Invalid, NotAllowed, NotFound
from core.limits import NOTE_LENGTH
from parks import hooks
from parks.actions import leases, leasing
from parks.actions.unit_status import unit_derive_status, unit_refresh_status
from parks.models import Lease, LeaseApplication, Unit
from tests import factories
from tests.parks.leasing_fixtures import admit, manager_of, staff_of

pytestmark = pytest.mark.django_db

TODAY = date(2027, 3, 10)


@pytest.fixture(autouse=True)
def _frozen():
    with freeze_time("2027-03-10 09:00:00"):
        yield


@pytest.fixture
def unit(db):
    return factories.UnitFactory(
        area_m2=Decimal("1000.00"), monthly_rent_per_m2=Decimal("15.50")
    )


@pytest.fixture
def admitted(company, unit):
    admit(company, unit.park)
    return company


@pytest.fixture
def manager(unit):
    return manager_of(unit.park)


def apply(tenant, company, unit, start=date(2027, 4, 1), term=24):
    return leasing.lease_apply(
        actor=tenant, company=company, unit=unit, start_date=start, term_months=term
    )


# --- apply -------------------------------------------------------------------------


def test_apply_creates_a_submitted_application_and_audits(tenant, admitted, unit):
    application = apply(tenant, admitted, unit)

    assert application.status == LeaseApplication.Status.SUBMITTED
    assert [e.action for e in audit_trail(application)] == ["lease_applied"]


def test_apply_without_approved_admission_is_a_conflict(tenant, company, unit):
    factories.AdmissionApplicationFactory(
        company=company, park=unit.park, status="submitted"
    )
    with pytest.raises(Conflict) as exc:
        apply(tenant, company, unit)
    assert exc.value.code == "admission_required"


def test_admission_to_another_park_does_not_count(tenant, company, unit):
    admit(company, factories.ParkFactory())
    with pytest.raises(Conflict):
        apply(tenant, company, unit)


@pytest.mark.parametrize("term", [0, 121, -1])
def test_term_must_be_1_to_120_months(tenant, admitted, unit, term):
    with pytest.raises(Invalid) as exc:
        apply(tenant, admitted, unit, term=term)
    assert "term_months" in exc.value.fields


def test_start_date_not_in_the_past(tenant, admitted, unit):
    with pytest.raises(Invalid) as exc:
        apply(tenant, admitted, unit, start=TODAY - timedelta(days=1))
    assert "start_date" in exc.value.fields
    assert apply(tenant, admitted, unit, start=TODAY).start_date == TODAY


def test_unit_not_offered_for_lease(tenant, company):
    unit = factories.UnitFactory(offer="sale")
    admit(company, unit.park)
    with pytest.raises(Conflict) as exc:
        apply(tenant, company, unit)
    assert exc.value.code == "unit_not_for_lease"


def test_unit_held_for_the_period_is_refused(tenant, admitted, unit):
    factories.LeaseFactory(
        unit=unit, start_date=date(2027, 1, 1), end_date=date(2027, 12, 31)
    )
    with pytest.raises(Conflict) as exc:
        apply(tenant, admitted, unit, start=date(2027, 6, 1))
    assert exc.value.code == "unit_taken"
    # After the current lease ends the unit may be applied for.
    assert apply(tenant, admitted, unit, start=date(2028, 1, 1)).pk


def test_sold_unit_is_refused(tenant, admitted, unit):
    factories.SaleFactory(unit=unit, status="completed")
    with pytest.raises(Conflict) as exc:
        apply(tenant, admitted, unit)
    assert exc.value.code == "unit_sold"


def test_a_plain_member_cannot_apply(unit):
    membership = factories.MembershipFactory(role="member")
    admit(membership.company, unit.park)
    with pytest.raises(NotAllowed):
        apply(membership.user, membership.company, unit)


def test_another_company_answers_not_found(tenant, other_company, unit):
    admit(other_company, unit.park)
    with pytest.raises(NotFound):
        apply(tenant, other_company, unit)


def test_duplicate_open_application_is_refused(tenant, admitted, unit):
    apply(tenant, admitted, unit)
    with pytest.raises(Conflict) as exc:
        apply(tenant, admitted, unit)
    assert exc.value.code == "duplicate_application"


def test_withdraw(tenant, admitted, unit, other_tenant):
    application = apply(tenant, admitted, unit)
    with pytest.raises(NotFound):
        leasing.lease_application_withdraw(application=application, actor=other_tenant)
    leasing.lease_application_withdraw(application=application, actor=tenant)
    application.refresh_from_db()
    assert application.status == "withdrawn"
    with pytest.raises(IllegalTransition):
        leasing.lease_application_withdraw(application=application, actor=tenant)


# --- decide ------------------------------------------------------------------------


def test_approve_builds_the_lease(tenant, admitted, unit, manager):
    unit.park.deposit_months = 3
    unit.park.save()
    application = apply(tenant, admitted, unit, start=date(2027, 4, 1), term=24)
    fired = []
    handler = hooks.lease_approved.register(lambda **kw: fired.append(kw))
    try:
        lease = leasing.lease_approve(
            application=application,
            actor=manager,
            note="ok",
            rent_free_months=2,
            escalation_percent=Decimal("3"),
        )
    finally:
        hooks.lease_approved._handlers.remove(handler)

    assert lease.monthly_rent == Decimal("15500.00")
    assert lease.deposit == Decimal("46500.00")
    assert lease.end_date == date(2029, 3, 31)
    assert (lease.rent_free_months, lease.escalation_percent) == (2, Decimal("3.00"))
    assert lease.status == Lease.Status.APPROVED
    application.refresh_from_db()
    assert application.status == "approved"
    assert application.decision_note == "ok"
    assert fired == [{"lease": lease, "actor": manager}]
    unit.refresh_from_db()
    assert unit.status == "reserved"
    assert "lease_created" in [e.action for e in audit_trail(lease)]


def test_approve_uses_defaults_without_terms(tenant, admitted, unit, manager):
    application = apply(tenant, admitted, unit)
    lease = leasing.lease_approve(
        application=application,
        actor=manager,
    )
    assert (lease.rent_free_months, lease.escalation_percent) == (0, Decimal("0"))
    assert lease.deposit == lease.monthly_rent * 2


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2027, 3, 31), date(2027, 4, 30)),  # no 31 April: the month's end
        (date(2028, 1, 31), date(2028, 2, 29)),  # leap February
        (date(2027, 1, 31), date(2027, 2, 28)),
        (date(2027, 4, 1), date(2027, 4, 30)),
        (date(2027, 3, 15), date(2027, 4, 14)),
    ],
)
def test_end_dates_are_month_end_safe(start, end):
    from core.dates import term_end

    assert term_end(start, 1) == end


def test_month_end_start_through_the_action(tenant, admitted, unit, manager):
    application = apply(tenant, admitted, unit, start=date(2027, 3, 31), term=11)
    lease = leasing.lease_approve(
        application=application,
        actor=manager,
    )
    assert lease.end_date == date(2028, 2, 29)


def test_reject(tenant, admitted, unit, manager):
    application = apply(tenant, admitted, unit)
    rejected = leasing.lease_reject(application=application, actor=manager, note="no")
    assert rejected.status == "rejected"
    application.refresh_from_db()
    assert (application.status, application.decision_note) == ("rejected", "no")
    with pytest.raises(IllegalTransition):
        leasing.lease_approve(application=application, actor=manager)


def test_the_decision_note_s_limit_is_the_model_s(tenant, admitted, unit, manager):
    application = apply(tenant, admitted, unit)
    too_long = "x" * (NOTE_LENGTH + 1)
    for decide in (leasing.lease_reject, leasing.lease_approve):
        with pytest.raises(Invalid) as caught:
            decide(application=application, actor=manager, note=too_long)
        assert list(caught.value.fields) == ["note"]
    application.refresh_from_db()
    assert application.status == "submitted" and not Lease.objects.exists()


def test_tenant_cannot_decide(tenant, admitted, unit):
    application = apply(tenant, admitted, unit)
    with pytest.raises(NotFound):
        leasing.lease_approve(application=application, actor=tenant)


def test_staff_of_another_operator_gets_not_found(tenant, admitted, unit):
    application = apply(tenant, admitted, unit)
    stranger = factories.OperatorStaffFactory(role="manager").user
    with pytest.raises(NotFound):
        leasing.lease_approve(
            application=application,
            actor=stranger,
        )


def test_plain_staff_may_not_decide(tenant, admitted, unit):
    application = apply(tenant, admitted, unit)
    with pytest.raises(NotAllowed):
        leasing.lease_approve(
            application=application,
            actor=staff_of(unit.park),
        )


def test_overlapping_approval_is_a_conflict_on_any_database(
    tenant, admitted, unit, manager, other_tenant, other_company
):
    admit(other_company, unit.park)
    first = apply(tenant, admitted, unit, start=date(2027, 4, 1), term=12)
    second = apply(other_tenant, other_company, unit, start=date(2027, 10, 1), term=12)
    leasing.lease_approve(application=first, actor=manager)

    with pytest.raises(Conflict) as exc:
        leasing.lease_approve(application=second, actor=manager)

    assert exc.value.code == "unit_taken"
    assert Lease.objects.filter(unit=unit).count() == 1
    second.refresh_from_db()
    assert second.status == "submitted"


def test_invalid_terms(tenant, admitted, unit, manager):
    application = apply(tenant, admitted, unit, term=12)
    with pytest.raises(Invalid) as exc:
        leasing.lease_approve(
            application=application,
            actor=manager,
            rent_free_months=13,
        )
    assert "rent_free_months" in exc.value.fields
    with pytest.raises(Invalid):
        leasing.lease_approve(
            application=application,
            actor=manager,
            escalation_percent=Decimal("-1"),
        )


# --- the lease's life -----------------------------------------------------------


def approved_lease(tenant, company, unit, manager, start=TODAY, term=12):
    application = apply(tenant, company, unit, start=start, term=term)
    return leasing.lease_approve(
        application=application,
        actor=manager,
    )


def test_activate(tenant, admitted, unit, manager):
    lease = approved_lease(tenant, admitted, unit, manager)
    leases.lease_activate(lease=lease, actor=manager)
    lease.refresh_from_db()
    unit.refresh_from_db()
    assert (lease.status, unit.status) == ("active", "leased")
    with pytest.raises(IllegalTransition):
        leases.lease_activate(lease=lease, actor=manager)


def test_activate_before_start_is_refused(tenant, admitted, unit, manager):
    lease = approved_lease(tenant, admitted, unit, manager, start=date(2027, 5, 1))
    with pytest.raises(Conflict) as exc:
        leases.lease_activate(lease=lease, actor=manager)
    assert exc.value.code == "lease_not_started"


def test_tenant_cannot_activate(tenant, admitted, unit, manager):
    lease = approved_lease(tenant, admitted, unit, manager)
    with pytest.raises(NotFound):
        leases.lease_activate(lease=lease, actor=tenant)


def test_renew_links_a_new_lease_after_the_old_one(tenant, admitted, unit, manager):
    lease = approved_lease(tenant, admitted, unit, manager)
    leases.lease_activate(lease=lease, actor=manager)

    renewal = leases.lease_renew(
        lease=lease, actor=manager, term_months=24, rent_per_m2=Decimal("16.00")
    )

    assert renewal.previous == lease
    assert renewal.start_date == lease.end_date + timedelta(days=1)
    assert renewal.end_date == date(2030, 3, 9)
    assert renewal.monthly_rent == Decimal("16000.00")
    assert renewal.status == "approved"
    with pytest.raises(Conflict):
        leases.lease_renew(lease=lease, actor=manager, term_months=12)


def test_renew_from_an_earlier_date_ends_the_old_lease_the_day_before(
    tenant, admitted, unit, manager
):
    lease = approved_lease(tenant, admitted, unit, manager)
    leases.lease_activate(lease=lease, actor=manager)
    renewal = leases.lease_renew(
        lease=lease, actor=manager, term_months=12, start_date=date(2027, 9, 1)
    )
    lease.refresh_from_db()
    assert lease.end_date == date(2027, 8, 31)
    assert renewal.start_date == date(2027, 9, 1)
    assert renewal.rent_per_m2 == lease.rent_per_m2


def test_terminate_in_the_future_runs_until_then(tenant, admitted, unit, manager):
    lease = approved_lease(tenant, admitted, unit, manager)
    leases.lease_activate(lease=lease, actor=manager)
    leases.lease_terminate(
        lease=lease, actor=manager, on=date(2027, 6, 30), reason="relocating"
    )
    lease.refresh_from_db()
    assert (lease.status, lease.end_date) == ("active", date(2027, 6, 30))
    assert lease.terminated_on == date(2027, 6, 30)

    counts = leases.leases_expire(today=date(2027, 7, 1))

    lease.refresh_from_db()
    unit.refresh_from_db()
    assert counts["terminated"] == 1
    assert (lease.status, unit.status) == ("terminated", "vacant")


def test_terminate_in_the_past_ends_now(tenant, admitted, unit, manager):
    lease = factories.LeaseFactory(
        unit=unit, company=admitted, start_date=date(2026, 1, 1)
    )
    unit_refresh_status(unit)
    assert unit.status == "leased"
    leases.lease_terminate(
        lease=lease, actor=manager, on=date(2027, 3, 1), reason="default"
    )
    lease.refresh_from_db()
    unit.refresh_from_db()
    assert (lease.status, unit.status) == ("terminated", "vacant")


def test_terminate_needs_a_reason_and_a_date_in_the_term(
    tenant, admitted, unit, manager
):
    lease = approved_lease(tenant, admitted, unit, manager)
    leases.lease_activate(lease=lease, actor=manager)
    with pytest.raises(Invalid):
        leases.lease_terminate(lease=lease, actor=manager, on=TODAY, reason=" ")
    with pytest.raises(Invalid):
        leases.lease_terminate(
            lease=lease, actor=manager, on=date(2030, 1, 1), reason="x"
        )


def test_cancel_an_approved_lease(tenant, admitted, unit, manager):
    lease = approved_lease(tenant, admitted, unit, manager, start=date(2027, 5, 1))
    leases.lease_terminate(lease=lease, actor=manager, on=TODAY, reason="cancelled")
    lease.refresh_from_db()
    unit.refresh_from_db()
    assert (lease.status, unit.status) == ("terminated", "vacant")
    with pytest.raises(Conflict):
        leases.lease_terminate(lease=lease, actor=manager, on=TODAY, reason="again")


def test_expire_closes_ended_leases_and_starts_renewals(
    tenant, admitted, unit, manager
):
    lease = approved_lease(tenant, admitted, unit, manager)
    leases.lease_activate(lease=lease, actor=manager)
    renewal = leases.lease_renew(lease=lease, actor=manager, term_months=12)

    counts = leases.leases_expire(today=lease.end_date + timedelta(days=1))

    lease.refresh_from_db()
    renewal.refresh_from_db()
    assert counts == {"expired": 1, "terminated": 0, "renewals_started": 1}
    assert (lease.status, renewal.status) == ("expired", "active")


def test_expire_command(tenant, admitted, unit, manager):
    from django.core.management import call_command

    lease = factories.LeaseFactory(
        unit=unit, start_date=date(2025, 1, 1), end_date=date(2026, 12, 31)
    )
    call_command("leases_expire")
    lease.refresh_from_db()
    assert lease.status == "expired"


# --- unit status ------------------------------------------------------------------


def test_unit_status_derivation(unit):
    assert unit_derive_status(unit) == "vacant"
    future = factories.LeaseFactory(
        unit=unit,
        status="approved",
        start_date=date(2027, 6, 1),
        end_date=date(2028, 5, 31),
    )
    assert unit_derive_status(unit) == "reserved"
    future.status = "active"
    future.save()
    # Active but not yet covering today: not leased today.
    assert unit_derive_status(unit) == "vacant"
    future.start_date = date(2027, 3, 1)
    future.save()
    assert unit_derive_status(unit) == "leased"
    future.status = "expired"
    future.save()
    assert unit_derive_status(unit) == "vacant"
    sale = factories.SaleFactory(unit=unit, status="submitted")
    assert unit_derive_status(unit) == "reserved"
    sale.status = "completed"
    sale.save()
    assert unit_derive_status(unit) == "sold"


def test_refresh_writes_only_the_status(unit):
    factories.LeaseFactory(unit=unit, start_date=date(2027, 1, 1))
    assert unit_refresh_status(unit) == "leased"
    assert Unit.objects.get(pk=unit.pk).status == "leased"


# --- guards: the page offers exactly what the action allows --------------------


def test_a_lease_not_yet_started_offers_only_cancellation(
    tenant, admitted, unit, manager
):
    lease = leasing.lease_approve(
        application=apply(tenant, admitted, unit, start=date(2027, 4, 1)),
        actor=manager,
    )
    assert lease.allowed_actions(manager, today=date(2027, 3, 1)) == {"terminate"}
    assert lease.allowed_actions(tenant) == set()  # not the park's manager
    with pytest.raises(Conflict):  # the action refuses what the page hides
        leases.lease_activate(lease=lease, actor=manager)
    with pytest.raises(IllegalTransition):
        leases.lease_renew(lease=lease, actor=manager, term_months=12)


def test_an_active_lease_offers_renewal_and_termination_until_renewed(
    tenant, admitted, unit, manager
):
    lease = leasing.lease_approve(
        application=apply(tenant, admitted, unit, start=date(2027, 4, 1)),
        actor=manager,
    )
    assert "activate" in lease.allowed_actions(manager, today=date(2027, 4, 1))
    with freeze_time("2027-04-01"):
        leases.lease_activate(lease=lease, actor=manager)
        lease.refresh_from_db()
        assert lease.allowed_actions(manager) == {"renew", "terminate"}
        leases.lease_renew(lease=lease, actor=manager, term_months=12)
        lease.refresh_from_db()
        assert lease.allowed_actions(manager) == set()
        with pytest.raises(Conflict):
            leases.lease_terminate(
                lease=lease, actor=manager, on=date(2027, 6, 30), reason="x"
            )


def test_an_application_offers_decisions_to_the_manager_and_withdrawal_to_the_tenant(
    tenant, admitted, unit, manager
):
    application = apply(tenant, admitted, unit)
    assert application.allowed_actions(manager) == {"approve", "reject"}
    assert application.allowed_actions(tenant) == {"withdraw"}
    leasing.lease_reject(application=application, actor=manager, note="no")
    application.refresh_from_db()
    assert application.allowed_actions(manager) == set()
    assert application.allowed_actions(tenant) == set()
