"""The audit trail: events per object, newest first, actor optional."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from core.audit import audit_record, audit_trail
from core.models import AuditEvent


def test_record_keeps_every_field(tenant, company):
    # when
    event = audit_record(
        actor=tenant,
        obj=company,
        action="checked",
        from_state="a",
        to_state="b",
        note="by hand",
        data={"score": 3},
    )
    # then
    event.refresh_from_db()
    assert event.actor == tenant
    assert event.target == company
    assert (event.action, event.from_state, event.to_state, event.note) == (
        "checked",
        "a",
        "b",
        "by hand",
    )
    assert event.data == {"score": 3}
    assert event.created_at is not None


def test_anonymous_or_missing_actor_is_stored_as_none(company):
    first = audit_record(actor=AnonymousUser(), obj=company, action="viewed")
    second = audit_record(actor=None, obj=company, action="viewed")
    assert first.actor is None and second.actor is None
    assert first.data == {}


def test_trail_is_per_object_and_newest_first(tenant, company, other_company):
    # given
    audit_record(actor=tenant, obj=company, action="one")
    audit_record(actor=tenant, obj=other_company, action="elsewhere")
    audit_record(actor=tenant, obj=company, action="two")
    # then
    assert [e.action for e in audit_trail(company)] == ["two", "one"]
    assert [e.action for e in audit_trail(other_company)] == ["elsewhere"]


def test_trail_of_a_user_is_separate_from_a_company_with_the_same_pk(tenant, company):
    audit_record(actor=tenant, obj=tenant, action="signup")
    audit_record(actor=tenant, obj=company, action="company_registered")
    assert [e.action for e in audit_trail(tenant)] == ["signup"]
    assert AuditEvent.objects.count() == 2
