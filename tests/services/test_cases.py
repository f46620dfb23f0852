"""Permit-agency cases: opened with the booking, steps on the working-day clock,
owners and documents, overdue steps, the PDF summary."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from core.audit import audit_describe, audit_trail
from core.errors import Conflict, Invalid, NotAllowed, NotFound
from parks.workdays import add_working_days
from services.actions.bookings import booking_cancel, booking_decline
from services.actions.cases import case_step_update
from services.models import Case, CaseStep
from services.permits import STEP_TEMPLATES, PermitType
from services.queries import operator_services, park_overdue_steps, provider_home
from tenants.models import Document
from tests import factories
from tests.services.conftest import provider_market

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency(market):
    return provider_market(
        market.park, category="permit_agency", price=None, pricing="quote"
    )


@pytest.fixture
def case(market, agency, book):
    booking = book(offering=agency.offering, permit_type=PermitType.EIA_APPROVAL)
    return booking.case


def test_every_permit_type_has_steps_with_an_owner_and_an_sla():
    assert set(STEP_TEMPLATES) == set(PermitType.values)
    for steps in STEP_TEMPLATES.values():
        assert len({s.key for s in steps}) == len(steps)
        assert all(
            s.sla_days > 0 and s.owner in ("tenant", "provider", "authority")
            for s in steps
        )


def test_booking_a_permit_agency_offering_opens_a_case(case, market):
    steps = list(case.steps.all())
    assert [s.key for s in steps] == [t.key for t in STEP_TEMPLATES["eia_approval"]]
    due = case.opened_on
    for step in steps:
        due = add_working_days(due, step.sla_days)
        assert step.due_on == due
    assert steps[0].owner == "tenant"


def test_a_permit_type_is_required(market, agency, book):
    with pytest.raises(Invalid):
        book(offering=agency.offering)
    with pytest.raises(Invalid):
        book(offering=agency.offering, permit_type="moon_landing")
    assert not Case.objects.exists()


def test_the_tenant_shares_documents_on_its_step(case, market, agency):
    step = case.steps.get(key="documents")
    doc = factories.DocumentFactory(company=market.company)
    case_step_update(
        step=step, actor=market.tenant, status="done", note="Sent", documents=[doc]
    )
    step.refresh_from_db()
    assert step.status == "done" and step.completed_on == timezone.localdate()
    assert list(step.documents.all()) == [doc]
    assert Document.objects.visible_to(agency.provider_user).filter(pk=doc.pk).exists()


def test_owners_act_on_their_steps_only(case, market, agency, other_tenant):
    tenant_step = case.steps.get(key="documents")
    provider_step = case.steps.get(key="report")
    authority_step = case.steps.get(key="decision")
    with pytest.raises(NotAllowed):
        case_step_update(step=tenant_step, actor=agency.provider_user, status="done")
    with pytest.raises(NotAllowed):
        case_step_update(step=provider_step, actor=market.tenant, status="done")
    with pytest.raises(NotAllowed):  # operators read
        case_step_update(step=provider_step, actor=market.operator, status="done")
    with pytest.raises(NotFound):
        case_step_update(step=provider_step, actor=other_tenant, status="done")
    # The provider records the authority's progress, but cannot attach the
    # tenant's vault documents.
    case_step_update(
        step=authority_step, actor=agency.provider_user, status="in_progress"
    )
    with pytest.raises(NotAllowed):
        case_step_update(
            step=provider_step,
            actor=agency.provider_user,
            status="in_progress",
            documents=[factories.DocumentFactory(company=market.company)],
        )


def test_a_done_step_is_closed_and_the_last_one_closes_the_case(case, market, agency):
    steps = list(case.steps.all())
    for step in steps:
        actor = market.tenant if step.owner == "tenant" else agency.provider_user
        case_step_update(step=step, actor=actor, status="done")
    case.refresh_from_db()
    assert case.status == "closed"
    closing = audit_trail(case).get(to_state="closed")
    assert closing.from_state == "open" and audit_describe(closing) == "Open → Closed"
    with pytest.raises(Conflict):
        case_step_update(step=steps[0], actor=market.tenant, status="in_progress")


def test_an_overdue_step_is_flagged_for_everyone(case, market, agency):
    step = case.steps.get(key="documents")
    step.due_on = timezone.localdate() - timedelta(days=2)
    step.save()
    assert step.is_overdue
    assert list(CaseStep.objects.overdue()) == [step]
    assert operator_services(market.operator)["overdue_steps"] == [step]
    assert provider_home(agency.provider_user)["overdue_steps"] == [step]
    assert park_overdue_steps(market.park.pk) == [step]
    assert (
        operator_services(factories.OperatorStaffFactory().user)["overdue_steps"] == []
    )
    case_step_update(step=step, actor=market.tenant, status="done")
    assert list(CaseStep.objects.overdue()) == []


@pytest.mark.parametrize("end", ["decline", "cancel"])
def test_a_booking_that_ends_unserved_closes_its_case(case, market, agency, end):
    """Its steps are nobody's work any more: not overdue, not open to updates."""
    step = case.steps.get(key="documents")
    step.due_on = timezone.localdate() - timedelta(days=2)
    step.save()
    booking = case.booking
    if end == "decline":
        booking_decline(booking=booking, actor=agency.provider_user, note="Full")
    else:
        booking_cancel(booking=booking, actor=market.tenant)
    case.refresh_from_db()
    assert case.status == "closed"
    assert audit_trail(case).get(to_state="closed").from_state == "open"
    assert list(CaseStep.objects.overdue()) == []
    assert operator_services(market.operator)["overdue_steps"] == []
    assert not step.can_update(market.tenant)
    with pytest.raises(Conflict):
        case_step_update(step=step, actor=market.tenant, status="done")


def test_the_case_pdf_is_bilingual(case):
    from core.pdf import render_pdf

    pdf = render_pdf(
        "services/case_pdf.html", {"case": case, "steps": case.steps.all()}
    )
    assert pdf.startswith(b"%PDF")
