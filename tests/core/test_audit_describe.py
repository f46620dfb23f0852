"""Audit events read as sentences: state labels for transitions, registered labels
for actions, a tidy fallback for anything unregistered."""

from django.utils import translation

from core.audit import audit_describe, audit_record


def test_transition_uses_the_models_status_labels(db, tenant, company):
    from tests.factories import AdmissionApplicationFactory

    application = AdmissionApplicationFactory(company=company, status="submitted")
    event = audit_record(
        actor=tenant,
        obj=application,
        action="transition",
        from_state="submitted",
        to_state="info_requested",
    )
    assert audit_describe(event) == "Submitted → Information requested"


def test_registered_action_is_translated(db, tenant, company):
    event = audit_record(actor=tenant, obj=company, action="company_registered")
    assert audit_describe(event) == "Company registered"
    with translation.override("zh-hans"):
        assert audit_describe(event) != "Company registered"


def test_unregistered_action_is_humanised(db, tenant, company):
    event = audit_record(actor=tenant, obj=company, action="something_new")
    assert audit_describe(event) == "Something new"
