"""A commitment's and a concern's steps: the guard the page asks (`can_<verb>`)
is the rule the action enforces, for every state and every kind of actor, and
the commitment page shows a step exactly when its guard allows it."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.actions import commitments as actions
from governance.actions import concerns
from governance.links import candidates
from governance.models import Commitment, Concern, Side
from tests import factories
from tests.governance.agreement import observers_of
from tests.guards import GuardedSteps, assert_each_guard_agrees

TODAY = timezone.localdate()


def _link(commitment: Commitment, actor) -> object:
    """Link the first record offered (none offered: a ref no record has)."""
    record = next(iter(candidates(commitment)), None)
    kind, ref = (record.kind, record.ref) if record else ("payment", "0")
    return actions.evidence_link(commitment=commitment, actor=actor, kind=kind, ref=ref)


def _steps(document) -> GuardedSteps:
    """Each step of a commitment; the link form shows only with a record."""
    return {
        "honour": (
            Commitment.can_honour,
            lambda c, actor: actions.commitment_honour(commitment=c, actor=actor),
        ),
        "breach": (
            Commitment.can_breach,
            lambda c, actor: actions.commitment_breach(
                commitment=c, actor=actor, note="Not paid"
            ),
        ),
        "waive": (
            Commitment.can_waive,
            lambda c, actor: actions.commitment_waive(
                commitment=c, actor=actor, note="Budget moved"
            ),
        ),
        "evidence": (
            Commitment.can_add_evidence,
            lambda c, actor: actions.evidence_add(
                commitment=c, actor=actor, document_id=document.pk
            ),
        ),
        "link": (
            lambda c, actor: c.can_link_evidence(actor) and bool(candidates(c)),
            _link,
        ),
        "raise_concern": (
            Commitment.can_raise_concern,
            lambda c, actor: concerns.concern_raise(
                commitment=c, actor=actor, text="When is it paid?"
            ),
        ),
    }


@pytest.fixture
def actors(admission, company, tenant, manager, staff, other_operator, other_tenant):
    """Every kind of user who might open a commitment: the operator's staff by
    role, another operator, the government observers of both regions, the
    tenant's owner, admin and plain member, another tenant, a stranger."""
    park = admission.park
    member = {
        role: factories.MembershipFactory(company=company, role=role).user
        for role in ("admin", "member")
    }
    return {
        "manager": manager,
        "staff": staff,
        "finance": factories.OperatorStaffFactory(
            operator=park.operator, role="finance"
        ).user,
        "other_operator": other_operator,
        **observers_of(park),
        "owner": tenant,
        "admin": member["admin"],
        "member": member["member"],
        "other_tenant": other_tenant,
        "stranger": factories.UserFactory(),
    }


def _commitments(admission, manager) -> dict[str, Commitment]:
    """One commitment in each state (each park-side subsidy), and a pending
    tenant-side one; a credit note the operator may link to the subsidies."""
    park, company = admission.park, admission.company

    def new(days: int, side: str = Side.PARK, kind: str = "subsidy") -> Commitment:
        return Commitment.objects.create(
            park=park,
            company=company,
            side=side,
            kind=kind,
            description=f"{kind} in {days} days",
            amount=Decimal("500000.00"),
            due_date=TODAY + timedelta(days=days),
            created_by=manager,
        )

    factories.InvoiceFactory(
        park=park, company=company, kind="credit", total=Decimal("-500000.00")
    )
    pending, tenant_side = new(30), new(60, Side.TENANT, "investment")
    due, breached, honoured, waived = new(0), new(0), new(10), new(20)
    actions.commitments_mark_due(today=TODAY)
    actions.commitment_breach(commitment=breached, actor=manager, note="Not paid")
    actions.commitment_honour(commitment=honoured, actor=manager)
    actions.commitment_waive(commitment=waived, actor=manager, note="Moved")
    found = {
        "pending": pending,
        "due": due,
        "honoured": honoured,
        "breached": breached,
        "waived": waived,
        "tenant_side": tenant_side,
    }
    return {state: Commitment.objects.get(pk=c.pk) for state, c in found.items()}


def _concerns(commitment: Commitment, tenant, staff) -> dict[str, Concern]:
    open_ = concerns.concern_raise(commitment=commitment, actor=tenant, text="When?")
    answered = concerns.concern_raise(commitment=commitment, actor=tenant, text="Why?")
    concerns.concern_answer(concern=answered, actor=staff, answer="In May.")
    return {"open": open_, "answered": Concern.objects.get(pk=answered.pk)}


def test_each_commitment_step_is_taken_exactly_when_its_guard_allows(
    admission, manager, actors
):
    commitments = _commitments(admission, manager)
    assert {c.status for c in commitments.values()} == set(Commitment.Status.values)
    document = factories.DocumentFactory(company=admission.company)
    assert_each_guard_agrees(commitments, actors, _steps(document))


def test_a_concern_is_answered_exactly_when_can_answer_allows(
    commitment, tenant, staff, actors
):
    answer = (
        Concern.can_answer,
        lambda c, actor: concerns.concern_answer(
            concern=c, actor=actor, answer="Next week."
        ),
    )
    assert_each_guard_agrees(
        _concerns(commitment, tenant, staff), actors, {"answer": answer}
    )


def _offered(page: str, url: str) -> bool:
    return f'action="{url}"' in page or f'formaction="{url}"' in page


def test_the_commitment_page_offers_exactly_the_allowed_steps(
    client, admission, manager, tenant, staff, actors
):
    commitments = _commitments(admission, manager)
    asked = _concerns(commitments["pending"], tenant, staff)
    # Each page's own concerns: those of the pending commitment, else none.
    urls = {
        "honour": "governance:commitment_honour",
        "breach": "governance:commitment_breach",
        "waive": "governance:commitment_waive",
        "evidence": "governance:evidence_add",
        "link": "governance:evidence_link",
        "raise_concern": "governance:concern_raise",
    }
    seen = set()
    steps = _steps(None)
    for state, commitment in commitments.items():
        for who, actor in actors.items():
            client.force_login(actor)
            response = client.get(
                reverse("governance:commitment", args=[commitment.pk])
            )
            fresh = Commitment.objects.get(pk=commitment.pk)
            if not Commitment.objects.visible_to(actor).filter(pk=fresh.pk).exists():
                assert response.status_code == 404, (state, who)
                assert not any(guard(fresh, actor) for guard, _ in steps.values())
                continue
            page = response.content.decode()
            for step, (guard, _run) in steps.items():
                url = reverse(urls[step], args=[commitment.pk])
                allowed = guard(fresh, actor)
                assert _offered(page, url) == allowed, (state, who, step)
                seen.add((step, allowed))
            for concern in asked.values() if state == "pending" else ():
                url = reverse("governance:concern_answer", args=[concern.pk])
                allowed = Concern.objects.get(pk=concern.pk).can_answer(actor)
                assert _offered(page, url) == allowed, (state, who, concern.status)
                seen.add(("answer", allowed))
    assert seen == {(s, t) for s in [*steps, "answer"] for t in (True, False)}
