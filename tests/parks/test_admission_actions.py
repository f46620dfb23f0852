"""Admission actions: every transition, every denial, officer and SLA clock."""

from datetime import date
from decimal import Decimal as D

import pytest
from freezegun import freeze_time

from core.audit import audit_trail
from core.errors import Conflict, IllegalTransition, Invalid, NotAllowed, NotFound
from parks.actions.admission import (
    admission_approve,
    admission_assign_officer,
    admission_create,
    admission_preview,
    admission_reject,
    admission_request_info,
    admission_submit,
    admission_update,
    admission_withdraw,
    pick_officer,
)
from parks.models import AdmissionApplication
from parks.workdays import add_working_days, is_working_day, working_days_between
from tests import factories

S = AdmissionApplication.Status

FIGURES = {
    "project_summary": "Injection moulds for appliance housings.",
    "planned_investment": D("60000000"),
    "expected_annual_output": D("100000000"),
    "expected_annual_tax": D("5000000"),
    "jobs": 80,
    "land_mu": D("15"),
    "energy_tce_per_year": D("2000"),
    "pollution_category": "low",
}


@pytest.fixture
def park(operator_user):
    return factories.ParkFactory(operator=operator_user.operator_staff.get().operator)


@pytest.fixture
def draft(tenant, company, park):
    return admission_create(actor=tenant, company=company, park=park, **FIGURES)


# --- create and update ---------------------------------------------------------


def test_create_makes_a_scored_draft(tenant, company, park):
    doc = factories.DocumentFactory(company=company)
    app = admission_create(
        actor=tenant, company=company, park=park, attachments=[doc.pk], **FIGURES
    )
    assert app.status == S.DRAFT
    assert app.industry_code == company.industry_code == "38"  # leading: 15 points
    assert app.score["total"] == 100
    assert app.score["passed"] is True
    assert list(app.attachments.all()) == [doc]
    assert audit_trail(app).filter(action="admission_created").exists()


def test_create_needs_land_or_floor_area_and_reports_every_bad_field(
    tenant, company, park
):
    with pytest.raises(Invalid) as exc:
        admission_create(
            actor=tenant,
            company=company,
            park=park,
            **{
                **FIGURES,
                "land_mu": D("0"),
                "project_summary": " ",
                "jobs": -1,
                "pollution_category": "toxic",
            },
        )
    assert set(exc.value.fields) == {
        "land_mu",
        "project_summary",
        "jobs",
        "pollution_category",
    }


def test_floor_area_alone_is_enough(tenant, company, park):
    app = admission_create(
        actor=tenant,
        company=company,
        park=park,
        **{**FIGURES, "land_mu": D("0"), "floor_area_m2": D("10000.05")},
    )
    assert app.land_mu_equivalent == D("15.00")
    assert app.score["land_mu"] == "15.00"


def test_attachments_must_be_the_companys_own(tenant, company, park, other_company):
    foreign = factories.DocumentFactory(company=other_company)
    with pytest.raises(Invalid) as exc:
        admission_create(
            actor=tenant,
            company=company,
            park=park,
            attachments=[foreign.pk],
            **FIGURES,
        )
    assert "attachments" in exc.value.fields


def test_only_owners_and_admins_of_the_company_may_file(company, park, other_tenant):
    member = factories.MembershipFactory(company=company, role="member").user
    with pytest.raises(NotAllowed):
        admission_create(actor=member, company=company, park=park, **FIGURES)
    with pytest.raises(NotFound):
        admission_create(actor=other_tenant, company=company, park=park, **FIGURES)


def test_one_live_application_per_company_and_park(tenant, company, park, draft):
    with pytest.raises(Conflict):
        admission_create(actor=tenant, company=company, park=park, **FIGURES)
    admission_withdraw(application=draft, actor=tenant)
    again = admission_create(actor=tenant, company=company, park=park, **FIGURES)
    assert again.status == S.DRAFT


def test_update_rescores_a_draft(tenant, draft):
    app = admission_update(application=draft, actor=tenant, jobs=0)
    assert app.jobs == 0
    assert app.score["total"] == 90
    assert app.project_summary == FIGURES["project_summary"]


def test_update_is_refused_once_submitted(tenant, draft):
    admission_submit(application=draft, actor=tenant)
    with pytest.raises(Conflict):
        admission_update(application=draft, actor=tenant, jobs=1)


def test_preview_scores_without_saving(company, park):
    data = {k: str(v) for k, v in FIGURES.items() if k != "jobs"} | {"jobs": 10}
    score = admission_preview(park=park, company=company, data=data)
    assert score.total == 95  # jobs 10/20 → 5 of 10
    assert not AdmissionApplication.objects.exists()


# --- submit: officer and SLA ---------------------------------------------------


@freeze_time("2025-09-26 10:00:00+08:00")  # Friday before National Day
def test_submit_names_an_officer_and_counts_working_days_across_holidays(
    tenant, draft, operator_user
):
    # 10 working days from Fri 26 Sep 2025: Sun 28 Sep is a make-up working day
    # (1), Mon 29 (2), Tue 30 (3); 1–8 Oct are off; Thu 9 (4), Fri 10 (5),
    # Sat 11 Oct is a make-up working day (6), Mon 13 (7) … Thu 16 (10).
    app = admission_submit(application=draft, actor=tenant)
    assert app.status == S.SUBMITTED
    assert app.officer == operator_user
    assert app.due_on == date(2025, 10, 16)
    assert app.submitted_at is not None
    trail = audit_trail(app).get(action="transition")
    assert (trail.from_state, trail.to_state) == ("draft", "submitted")


def test_working_day_calendar_knows_bridge_and_make_up_days():
    assert not is_working_day(date(2025, 2, 3))  # bridge day off after Spring Festival
    assert is_working_day(date(2025, 1, 26))  # Sunday worked instead
    assert not is_working_day(date(2025, 1, 25))  # ordinary Saturday
    assert add_working_days(date(2025, 3, 3), 5) == date(2025, 3, 10)
    assert working_days_between(date(2025, 9, 30), date(2025, 10, 9)) == 1
    assert working_days_between(date(2025, 10, 9), date(2025, 9, 30)) == -1
    assert working_days_between(date(2025, 3, 3), date(2025, 3, 3)) == 0


def test_officer_is_the_manager_with_fewest_open_cases(park, operator_user):
    second = factories.OperatorStaffFactory(operator=park.operator).user
    factories.OperatorStaffFactory(operator=park.operator, role="staff")
    # both managers idle: the first (lowest staff id) wins the tie
    assert pick_officer(park) == operator_user
    factories.AdmissionApplicationFactory(
        park=park, status="submitted", officer=operator_user
    )
    assert pick_officer(park) == second


def test_staff_stand_in_without_a_manager_and_nobody_means_no_officer(db):
    park = factories.ParkFactory()
    assert pick_officer(park) is None
    staff = factories.OperatorStaffFactory(operator=park.operator, role="staff")
    factories.OperatorStaffFactory(operator=park.operator, role="finance")
    assert pick_officer(park) == staff.user


def test_submit_freezes_the_score_with_the_thresholds_of_the_day(tenant, draft):
    park = draft.park
    park.min_jobs = 160
    park.save()
    app = admission_submit(application=draft, actor=tenant)
    assert app.score["total"] == 95  # 80 of 160 jobs: 5 of 10 points


def test_only_the_companys_managers_may_submit(draft, operator_user, other_tenant):
    with pytest.raises(NotFound):
        admission_submit(application=draft, actor=operator_user)
    with pytest.raises(NotFound):
        admission_submit(application=draft, actor=other_tenant)


# --- decide --------------------------------------------------------------------


@pytest.fixture
def submitted(tenant, draft):
    return admission_submit(application=draft, actor=tenant)


def test_approve(submitted, operator_user):
    app = admission_approve(application=submitted, actor=operator_user, note="Welcome")
    assert app.status == S.APPROVED
    assert app.decided_at is not None
    assert app.decision_note == "Welcome"


def test_reject_needs_a_reason(submitted, operator_user):
    with pytest.raises(Invalid) as exc:
        admission_reject(application=submitted, actor=operator_user)
    assert "note" in exc.value.fields
    app = admission_reject(
        application=submitted,
        actor=operator_user,
        note="Below the investment threshold.",
    )
    assert app.status == S.REJECTED


def test_info_request_round_trip_restarts_the_clock(tenant, submitted, operator_user):
    with pytest.raises(Invalid):
        admission_request_info(
            application=submitted,
            actor=operator_user,
        )
    app = admission_request_info(
        application=submitted,
        actor=operator_user,
        note="Please attach the EIA registration form.",
    )
    assert app.status == S.INFO_REQUESTED
    assert app.decided_at is None
    app = admission_update(application=app, actor=tenant, jobs=90)
    with freeze_time("2025-03-03 09:00:00+08:00"):
        app = admission_submit(application=app, actor=tenant, note="Attached.")
    assert app.status == S.SUBMITTED
    assert app.due_on == date(2025, 3, 17)  # 10 working days after Mon 3 Mar
    assert app.officer == operator_user


def test_illegal_moves_are_409(draft, submitted, operator_user, tenant):
    approved = admission_approve(
        application=submitted,
        actor=operator_user,
    )
    with pytest.raises(IllegalTransition):
        admission_reject(application=approved, actor=operator_user, note="x")
    with pytest.raises(IllegalTransition):
        admission_withdraw(application=approved, actor=tenant)
    with pytest.raises(IllegalTransition):
        admission_submit(application=approved, actor=tenant)


def test_a_draft_cannot_be_decided(tenant, company, operator_user):
    park = factories.ParkFactory(operator=operator_user.operator_staff.get().operator)
    app = factories.AdmissionApplicationFactory(company=company, park=park)
    with pytest.raises(IllegalTransition):
        admission_approve(application=app, actor=operator_user)


def test_who_may_decide(submitted, tenant, other_tenant, company):
    with pytest.raises(NotAllowed):  # the applicant sees it but may not decide
        admission_approve(application=submitted, actor=tenant)
    with pytest.raises(NotFound):
        admission_approve(application=submitted, actor=other_tenant)
    stranger = factories.OperatorStaffFactory().user  # another operator
    with pytest.raises(NotFound):
        admission_approve(application=submitted, actor=stranger)
    finance = factories.OperatorStaffFactory(
        operator=submitted.park.operator, role="finance"
    ).user
    with pytest.raises(NotAllowed):
        admission_approve(application=submitted, actor=finance)
    staff = factories.OperatorStaffFactory(
        operator=submitted.park.operator, role="staff"
    ).user
    app = admission_approve(application=submitted, actor=staff)
    assert app.status == S.APPROVED


# --- withdraw and assign -------------------------------------------------------


@pytest.mark.parametrize("status", ["draft", "submitted", "info_requested"])
def test_tenant_withdraws_before_a_decision(tenant, company, status):
    app = factories.AdmissionApplicationFactory(company=company, status=status)
    app = admission_withdraw(application=app, actor=tenant, note="Changed plans")
    assert app.status == S.WITHDRAWN
    assert audit_trail(app).get().note == "Changed plans"


def test_operator_cannot_withdraw(submitted, operator_user):
    with pytest.raises(NotFound):
        admission_withdraw(application=submitted, actor=operator_user)


def test_manager_assigns_an_officer_of_the_same_operator(submitted, operator_user):
    colleague = factories.OperatorStaffFactory(
        operator=submitted.park.operator, role="staff"
    ).user
    app = admission_assign_officer(
        application=submitted, actor=operator_user, officer=colleague
    )
    assert app.officer == colleague
    assert audit_trail(app).filter(action="officer_assigned").exists()
    outsider = factories.OperatorStaffFactory().user
    with pytest.raises(Invalid):
        admission_assign_officer(
            application=submitted, actor=operator_user, officer=outsider
        )
    with pytest.raises(NotAllowed):  # staff may decide but not assign
        admission_assign_officer(
            application=submitted, actor=colleague, officer=operator_user
        )


def test_no_assignment_after_a_decision(submitted, operator_user):
    admission_approve(application=submitted, actor=operator_user)
    with pytest.raises(Conflict):
        admission_assign_officer(
            application=submitted, actor=operator_user, officer=operator_user
        )
