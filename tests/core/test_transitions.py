"""The Transitions mixin: legal moves are saved and audited, illegal ones not."""

from __future__ import annotations

import pytest

from core.audit import audit_trail
from core.errors import IllegalTransition
from core.models import AuditEvent
from core.transitions import Transitions
from tenants.models import Company


class Gate(Transitions):
    """A model-free stand-in: borrows Company's _meta so the audit trail has a type."""

    TRANSITIONS = {
        "draft": {"submitted"},
        "submitted": {"approved", "rejected"},
    }
    _meta = Company._meta

    def __init__(self, pk: int, status: str = "draft") -> None:
        self.pk = pk
        self.status = status
        self.saves: list[list[str] | None] = []

    def save(self, update_fields=None) -> None:
        self.saves.append(update_fields)


def test_can_transition_follows_the_table():
    gate = Gate(pk=1)
    assert gate.can_transition("submitted")
    assert not gate.can_transition("approved")
    assert not Gate(pk=1, status="approved").can_transition("draft")
    assert not Gate(pk=1, status="unknown").can_transition("submitted")


def test_legal_move_saves_and_records_actor_from_to_note(tenant):
    # given
    gate = Gate(pk=7)
    # when
    gate.transition(to="submitted", actor=tenant, note="ready for review")
    # then
    assert gate.status == "submitted"
    assert gate.saves == [["status", "updated_at"]]
    event = audit_trail(gate).get()
    assert event.actor == tenant
    assert (event.action, event.from_state, event.to_state) == (
        "transition",
        "draft",
        "submitted",
    )
    assert event.note == "ready for review"
    assert event.object_id == "7"


def test_transition_without_save_still_audits(tenant):
    gate = Gate(pk=8, status="submitted")
    gate.transition(to="approved", actor=tenant, save=False)
    assert gate.status == "approved"
    assert gate.saves == []
    assert audit_trail(gate).get().to_state == "approved"


def test_illegal_move_raises_and_changes_nothing(tenant):
    # given
    gate = Gate(pk=9)
    # when
    with pytest.raises(IllegalTransition) as excinfo:
        gate.transition(to="approved", actor=tenant, note="skip the queue")
    # then
    assert excinfo.value.status == 409
    assert excinfo.value.code == "illegal_transition"
    assert "draft" in excinfo.value.message and "approved" in excinfo.value.message
    assert gate.status == "draft"
    assert gate.saves == []
    assert not AuditEvent.objects.exists()


def test_legal_moves_chain_into_a_trail(tenant):
    gate = Gate(pk=10)
    gate.transition(to="submitted", actor=tenant)
    gate.transition(to="rejected", actor=None, note="incomplete")
    trail = list(audit_trail(gate))
    assert [(e.from_state, e.to_state) for e in trail] == [
        ("submitted", "rejected"),
        ("draft", "submitted"),
    ]
    assert trail[0].actor is None
