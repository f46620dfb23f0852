"""Commitments: the state machine, who may move it, evidence, the admission
handler, the daily due run, and concerns with their working-day SLA."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.audit import audit_trail
from core.errors import Conflict, IllegalTransition, Invalid, NotAllowed, NotFound
from governance.actions import commitments as actions
from governance.actions import concerns
from governance.models import Commitment, Concern, Side
from parks.actions.admission import admission_approve, admission_reject
from tests import factories
from tests.governance.conftest import pdf_upload

Status = Commitment.Status


# --- the transition table ---------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "to", "legal"),
    [
        (Status.PENDING, Status.DUE, True),
        (Status.PENDING, Status.HONOURED, True),
        (Status.PENDING, Status.WAIVED, True),
        (Status.PENDING, Status.BREACHED, False),
        (Status.DUE, Status.HONOURED, True),
        (Status.DUE, Status.BREACHED, True),
        (Status.DUE, Status.WAIVED, True),
        (Status.DUE, Status.PENDING, False),
        (Status.HONOURED, Status.BREACHED, False),
        (Status.BREACHED, Status.HONOURED, False),
        (Status.WAIVED, Status.DUE, False),
    ],
)
def test_transition_table(start, to, legal):
    assert Commitment(status=start).can_transition(to) is legal


def test_honour_records_outcome_evidence_audit_and_tells_both_sides(
    commitment, manager, company, tenant, django_capture_on_commit_callbacks
):
    document = factories.DocumentFactory(company=company)
    with django_capture_on_commit_callbacks(execute=True):
        result = actions.commitment_honour(
            commitment=commitment,
            actor=manager,
            note="Paid on 3 March",
            evidence_document_ids=[document.pk],
        )
    assert result.status == Status.HONOURED
    assert result.closed_by == manager and result.close_note == "Paid on 3 March"
    assert [e.document_id for e in result.evidence.all()] == [document.pk]
    moves = [(e.from_state, e.to_state) for e in audit_trail(result)]
    assert ("pending", "honoured") in moves
    assert len(mail.outbox) == 1
    assert set(mail.outbox[0].to) == {tenant.email, manager.email}


def test_honour_twice_is_an_illegal_transition(commitment, manager):
    actions.commitment_honour(commitment=commitment, actor=manager)
    with pytest.raises(IllegalTransition):
        actions.commitment_honour(commitment=commitment, actor=manager)


def test_honour_with_another_companys_document_is_refused(
    commitment, manager, other_company
):
    foreign = factories.DocumentFactory(company=other_company)
    with pytest.raises(Invalid) as exc:
        actions.commitment_honour(
            commitment=commitment, actor=manager, evidence_document_ids=[foreign.pk]
        )
    assert "evidence_document_ids" in exc.value.fields
    commitment.refresh_from_db()
    assert commitment.status == Status.PENDING


def test_breach_needs_due_and_a_note(commitment, staff):
    with pytest.raises(Invalid):
        Commitment.objects.filter(pk=commitment.pk).update(status=Status.DUE)
        actions.commitment_breach(commitment=commitment, actor=staff, note=" ")
    result = actions.commitment_breach(
        commitment=commitment, actor=staff, note="Not paid"
    )
    assert result.status == Status.BREACHED


def test_breach_of_a_pending_commitment_is_a_conflict(commitment, staff):
    with pytest.raises(Conflict):
        actions.commitment_breach(commitment=commitment, actor=staff, note="x")


def test_waiver_needs_a_manager_and_a_reason(commitment, manager, staff):
    with pytest.raises(NotAllowed):
        actions.commitment_waive(commitment=commitment, actor=staff, note="why")
    with pytest.raises(Invalid) as exc:
        actions.commitment_waive(commitment=commitment, actor=manager, note="")
    assert "note" in exc.value.fields
    result = actions.commitment_waive(
        commitment=commitment, actor=manager, note="Tenant chose flats"
    )
    assert result.status == Status.WAIVED
    assert commitment.can_waive(staff) is False


def test_tenant_may_not_honour_and_another_operator_gets_404(
    commitment, tenant, other_operator
):
    with pytest.raises(NotFound):
        actions.commitment_honour(commitment=commitment, actor=tenant)
    with pytest.raises(NotFound):
        actions.commitment_honour(commitment=commitment, actor=other_operator)
    assert commitment.can_honour(tenant) is False


def test_operator_creates_park_side_commitment_only_for_an_admitted_company(
    park, manager, admission, other_company
):
    created = actions.commitment_create(
        actor=manager,
        park=park,
        company=admission.company,
        side=Side.PARK,
        kind="rent_free",
        description="Three months rent-free",
        due_date=date.today(),
    )
    assert created.source_kind == "operator" and created.status == Status.PENDING
    with pytest.raises(Invalid) as exc:
        actions.commitment_create(
            actor=manager,
            park=park,
            company=other_company,
            side=Side.PARK,
            kind="rent_free",
            description="x",
            due_date=date.today(),
        )
    assert "company_id" in exc.value.fields
    with pytest.raises(Invalid):
        actions.commitment_create(
            actor=manager,
            park=park,
            company=admission.company,
            side=Side.PARK,
            kind="output",  # a tenant-side kind
            description="x",
            due_date=date.today(),
        )


# --- evidence ---------------------------------------------------------------------


def test_both_sides_add_evidence_and_see_the_same_list(
    commitment, tenant, manager, company
):
    vault = factories.DocumentFactory(company=company)
    actions.evidence_add(commitment=commitment, actor=tenant, document_id=vault.pk)
    uploaded = actions.evidence_add(
        commitment=commitment, actor=manager, upload=pdf_upload()
    )
    link = actions.evidence_add(
        commitment=commitment,
        actor=manager,
        link=("payment", "42", "Payment of CNY 500,000"),
    )
    assert uploaded.sha256 and uploaded.filename == "proof.pdf"
    assert link.link_kind == "payment"
    seen_by_tenant = list(
        Commitment.objects.visible_to(tenant).get(pk=commitment.pk).evidence.all()
    )
    seen_by_operator = list(
        Commitment.objects.visible_to(manager).get(pk=commitment.pk).evidence.all()
    )
    assert seen_by_tenant == seen_by_operator and len(seen_by_tenant) == 3


def test_evidence_upload_is_checked_by_content(commitment, manager):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("x.pdf", b"MZ not a pdf", "application/pdf")
    with pytest.raises(Invalid) as exc:
        actions.evidence_add(commitment=commitment, actor=manager, upload=fake)
    assert exc.value.code == "invalid" or "file" in exc.value.fields


def test_an_evidence_file_whose_row_fails_is_not_kept(commitment, manager, monkeypatch):
    # Stored through core.files.store_upload: no file without its row.
    from core import records

    uploaded = actions.evidence_add(
        commitment=commitment, actor=manager, upload=pdf_upload()
    )
    assert uploaded.label == "proof.pdf"
    storage = uploaded.file.storage
    assert storage.exists(uploaded.file.name)

    def stored() -> set[str]:
        folders = storage.listdir("evidence")[0]
        return {
            f"{folder}/{name}"
            for folder in folders
            for name in storage.listdir(f"evidence/{folder}")[1]
        }

    kept = stored()

    def refuse(**kwargs):
        raise RuntimeError("audit down")

    monkeypatch.setattr(records, "audit_record", refuse)
    with pytest.raises(RuntimeError):
        actions.evidence_add(commitment=commitment, actor=manager, upload=pdf_upload())
    assert stored() == kept


def test_tenant_may_not_link_platform_records_and_strangers_get_404(
    commitment, tenant, other_tenant
):
    with pytest.raises(NotAllowed):
        actions.evidence_add(
            commitment=commitment, actor=tenant, link=("payment", "1", "x")
        )
    with pytest.raises(NotFound):
        actions.evidence_add(
            commitment=commitment, actor=other_tenant, upload=pdf_upload()
        )


# --- tenant-side commitments from the admission -------------------------------------


def test_approving_an_admission_creates_the_tenants_commitments_once(
    park, company, manager
):
    application = factories.AdmissionApplicationFactory(
        park=park, company=company, status="submitted", land_mu=Decimal("10"), jobs=80
    )
    admission_approve(application=application, actor=manager)
    rows = Commitment.objects.filter(
        source_kind="admission", source_ref=str(application.pk)
    )
    assert {c.kind for c in rows} == {"investment", "output", "tax", "jobs"}
    assert all(c.side == Side.TENANT for c in rows)
    output = rows.get(kind="output")
    assert output.amount == Decimal("100000000.00")
    assert output.due_date == date(timezone.localdate().year + 2, 12, 31)
    assert "10,000,000 per mu" in output.description
    actions.commitments_from_admission(application=application, actor=manager)
    assert rows.count() == 4


def test_rejecting_an_admission_creates_no_commitment(park, company, manager):
    application = factories.AdmissionApplicationFactory(
        park=park, company=company, status="submitted"
    )
    admission_reject(application=application, actor=manager, note="No")
    assert not Commitment.objects.exists()


# --- the daily due run --------------------------------------------------------------


def test_due_run_moves_pending_commitments_and_notifies_once(
    commitment, tenant, manager, django_capture_on_commit_callbacks
):
    later = Commitment.objects.create(
        park=commitment.park,
        company=commitment.company,
        side=Side.PARK,
        kind="service",
        description="Later",
        due_date=commitment.due_date + timedelta(days=1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        moved = actions.commitments_mark_due(today=commitment.due_date)
    assert moved == 1
    commitment.refresh_from_db()
    later.refresh_from_db()
    assert commitment.status == Status.DUE and commitment.due_notified_at
    assert later.status == Status.PENDING
    assert len(mail.outbox) == 1 and tenant.email in mail.outbox[0].to
    assert manager.email in mail.outbox[0].to
    assert actions.commitments_mark_due(today=commitment.due_date) == 0


def test_management_command_runs_the_daily_job(commitment):
    from io import StringIO

    from django.core.management import call_command
    from freezegun import freeze_time

    out = StringIO()
    with freeze_time(commitment.due_date + timedelta(days=1)):
        call_command("governance_daily", stdout=out)
    assert "due=1" in out.getvalue()


# --- concerns -----------------------------------------------------------------------


def test_concern_due_in_working_days_over_a_holiday(
    commitment, tenant, staff, settings_row, django_capture_on_commit_callbacks
):
    from freezegun import freeze_time

    # Tuesday 30 September 2025: 1–8 October are the National Day holidays;
    # Thursday 9, Friday 10 and the make-up Saturday 11 October are the three
    # working days.
    with (
        freeze_time("2025-09-30 10:00:00+08:00"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        concern = concerns.concern_raise(
            commitment=commitment, actor=tenant, text="When is it paid?"
        )
    assert concern.due_on == date(2025, 10, 11)
    assert concern.officer == staff
    assert mail.outbox[0].to == [staff.email]


def test_only_the_tenant_raises_concerns_on_park_commitments(
    commitment, manager, tenant, other_tenant, company
):
    with pytest.raises(NotAllowed):
        concerns.concern_raise(commitment=commitment, actor=manager, text="x")
    with pytest.raises(NotFound):
        concerns.concern_raise(commitment=commitment, actor=other_tenant, text="x")
    member = factories.MembershipFactory(company=company, role="member").user
    with pytest.raises(NotAllowed):
        concerns.concern_raise(commitment=commitment, actor=member, text="x")
    Commitment.objects.filter(pk=commitment.pk).update(side=Side.TENANT)
    commitment.refresh_from_db()
    with pytest.raises(Conflict):
        concerns.concern_raise(commitment=commitment, actor=tenant, text="x")


def test_answer_closes_the_concern_and_tells_the_tenant(
    commitment, tenant, staff, django_capture_on_commit_callbacks
):
    concern = concerns.concern_raise(commitment=commitment, actor=tenant, text="When?")
    with pytest.raises(NotAllowed):
        concerns.concern_answer(concern=concern, actor=tenant, answer="self")
    with django_capture_on_commit_callbacks(execute=True):
        answered = concerns.concern_answer(
            concern=concern, actor=staff, answer="Paid next week."
        )
    assert answered.status == Concern.Status.ANSWERED
    assert answered.answered_by == staff
    assert mail.outbox[-1].to == [tenant.email]
    with pytest.raises(IllegalTransition):
        concerns.concern_answer(concern=concern, actor=staff, answer="again")


def test_overdue_concern_is_flagged_and_escalated_to_managers_once(
    commitment, tenant, manager, staff, django_capture_on_commit_callbacks
):
    concern = concerns.concern_raise(commitment=commitment, actor=tenant, text="When?")
    after = concern.due_on + timedelta(days=1)
    assert concern.overdue(after) and not concern.overdue(concern.due_on)
    with django_capture_on_commit_callbacks(execute=True):
        assert concerns.concerns_escalate(today=after) == 1
    concern.refresh_from_db()
    assert concern.escalated_at is not None
    assert mail.outbox[-1].to == [manager.email]  # managers only, not staff
    assert concerns.concerns_escalate(today=after) == 0


def test_settings_need_a_manager_and_an_officer_of_the_operator(park, manager, staff):
    from governance.actions.settings import governance_settings_update

    with pytest.raises(NotAllowed):
        governance_settings_update(park=park, actor=staff, concern_sla_days=5)
    with pytest.raises(Invalid):
        governance_settings_update(
            park=park, actor=manager, service_officer=factories.UserFactory()
        )
    with pytest.raises(ValidationError):  # the model's limit, 422 in the API
        governance_settings_update(
            park=park, actor=manager, shortfall_percent=Decimal("120")
        )
    row = governance_settings_update(
        park=park, actor=manager, service_officer=staff, concern_sla_days=5
    )
    assert row.concern_sla_days == 5 and row.service_officer == staff


def test_a_policy_package_records_park_side_commitments_once(admission, manager):
    from governance.actions.commitments import PromiseItem, commitments_from_source

    items = [
        PromiseItem(
            Side.PARK,
            "rent_free",
            "Six months rent-free",
            Decimal("0"),
            date(2027, 6, 30),
        ),
        PromiseItem(
            Side.PARK,
            "subsidy",
            "Relocation subsidy",
            Decimal("300000"),
            date(2027, 3, 31),
        ),
    ]
    created = actions.commitments_from_source(
        park=admission.park,
        company=admission.company,
        source_kind="policy",
        source_ref="17",
        promises=items,
        actor=manager,
    )
    assert [(c.kind, c.source_kind, c.source_ref) for c in created] == [
        ("rent_free", "policy", "17"),
        ("subsidy", "policy", "17"),
    ]
    assert (
        commitments_from_source(
            park=admission.park,
            company=admission.company,
            source_kind="policy",
            source_ref="17",
            promises=items,
            actor=manager,
        )
        == []
    )
