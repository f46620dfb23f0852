"""A note's length has one home, its model field: the API schemas and the forms
take it from there, the model checks it, and every note typed beside a decision
or an action has the same length."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from attraction.api import costs as costs_api
from attraction.api import prospects as prospects_api
from attraction.forms import ActivityForm, StageForm
from attraction.models import Activity, CostSheet, Policy, Prospect
from billing import api as billing_api
from billing.forms import ReviewForm, VoidForm
from billing.models import Invoice
from config.api import api
from core.errors import Invalid
from core.fields import NoteField
from core.forms import NoteForm
from core.limits import NOTE_LENGTH, clean_value, form_field, schema_field
from core.models import AuditEvent
from core.schemas import NoteIn
from finance.models import Offer, RequestRoute
from governance.api import commitments as governance_api
from governance.forms import AnswerForm, CommitmentForm, ConcernForm
from governance.forms import NoteForm as CloseNoteForm
from governance.models import Commitment, Concern
from parks.api import admission as admission_api
from parks.api import leasing as leasing_api
from parks.api import sales as sales_api
from parks.forms.admission import AdmissionForm
from parks.forms.admission import DecisionForm as AdmissionDecisionForm
from parks.forms.leasing import DecisionForm, LeaseApplyForm, TerminateForm
from parks.models import AdmissionApplication, Lease, LeaseApplication, Sale
from services.api import bookings as bookings_api
from services.api import cases as cases_api
from services.forms import BookingForm, MessageForm, ReplyForm, StepForm
from services.forms import DecisionForm as ListingDecisionForm
from services.models import Booking, BookingMessage, CaseStep, Listing, Review

# (schema, its field) -> (model, the field that holds the limit)
SCHEMAS = [
    (NoteIn, "note", AuditEvent, "note"),
    (sales_api.SaleDecisionIn, "note", Sale, "decision_note"),
    (leasing_api.LeaseApplicationIn, "note", LeaseApplication, "note"),
    (leasing_api.LeaseDecisionIn, "note", LeaseApplication, "decision_note"),
    (leasing_api.RenewIn, "note", AuditEvent, "note"),
    (leasing_api.TerminateIn, "reason", Lease, "termination_reason"),
    (admission_api.AdmissionDecisionIn, "note", AdmissionApplication, "decision_note"),
    (
        admission_api.AdmissionIn,
        "project_summary",
        AdmissionApplication,
        "project_summary",
    ),
    (bookings_api.BookingIn, "notes", Booking, "notes"),
    (bookings_api.ReplyIn, "reply", Review, "reply"),
    (cases_api.StepIn, "note", CaseStep, "note"),
    (cases_api.ListingDecisionIn, "note", Listing, "decision_note"),
    (prospects_api.StageIn, "note", Prospect, "lost_reason"),
    (prospects_api.ActivityIn, "note", Activity, "note"),
    (governance_api.HonourIn, "note", Commitment, "close_note"),
    (governance_api.CommitmentNoteIn, "note", Commitment, "close_note"),
    (governance_api.CommitmentIn, "description", Commitment, "description"),
    (governance_api.AnswerIn, "answer", Concern, "answer"),
    (billing_api.VoidIn, "reason", Invoice, "void_reason"),
    (costs_api.CostSheetIn, "sources", CostSheet, "sources"),
    (billing_api.ReviewIn, "note", AuditEvent, "note"),
]

# (form, its field) -> (model, the field that holds the limit)
FORMS = [
    (NoteForm, "note", AuditEvent, "note"),
    (DecisionForm, "note", Sale, "decision_note"),
    (LeaseApplyForm, "note", LeaseApplication, "note"),
    (TerminateForm, "reason", Lease, "termination_reason"),
    (AdmissionForm, "project_summary", AdmissionApplication, "project_summary"),
    (AdmissionDecisionForm, "note", AdmissionApplication, "decision_note"),
    (BookingForm, "notes", Booking, "notes"),
    (ReplyForm, "reply", Review, "reply"),
    (MessageForm, "body", BookingMessage, "body"),
    (StepForm, "note", CaseStep, "note"),
    (ListingDecisionForm, "note", Listing, "decision_note"),
    (StageForm, "note", Prospect, "lost_reason"),
    (ActivityForm, "note", Activity, "note"),
    (CloseNoteForm, "note", Commitment, "close_note"),
    (CommitmentForm, "description", Commitment, "description"),
    (ConcernForm, "text", Concern, "text"),
    (AnswerForm, "answer", Concern, "answer"),
    (VoidForm, "reason", Invoice, "void_reason"),
    (ReviewForm, "note", AuditEvent, "note"),
]


def max_length(schema, name: str) -> int:
    prop = schema.model_json_schema()["properties"][name]
    branches = prop.get("anyOf", [prop])
    return next(b["maxLength"] for b in branches if b.get("type") == "string")


def limit(model, name: str) -> int:
    return model._meta.get_field(name).max_length


@pytest.mark.parametrize(("schema", "name", "model", "field"), SCHEMAS)
def test_a_schema_takes_its_text_limit_from_the_model(schema, name, model, field):
    assert max_length(schema, name) == limit(model, field)


@pytest.mark.parametrize(("form", "name", "model", "field"), FORMS)
def test_a_form_takes_its_text_limit_from_the_model(form, name, model, field):
    assert form.base_fields[name].max_length == limit(model, field)


def test_every_note_beside_a_decision_or_an_action_has_one_length():
    notes = [
        AuditEvent._meta.get_field("note"),
        Sale._meta.get_field("decision_note"),
        LeaseApplication._meta.get_field("decision_note"),
        AdmissionApplication._meta.get_field("decision_note"),
        Lease._meta.get_field("termination_reason"),
        Listing._meta.get_field("decision_note"),
        CaseStep._meta.get_field("note"),
        RequestRoute._meta.get_field("decline_reason"),
        Offer._meta.get_field("return_note"),
        Policy._meta.get_field("note"),
        Prospect._meta.get_field("lost_reason"),
        Commitment._meta.get_field("close_note"),
        Invoice._meta.get_field("void_reason"),
    ]
    assert all(isinstance(f, NoteField) for f in notes)
    assert {f.max_length for f in notes} == {NOTE_LENGTH}
    # The note the API's step buttons take is the shared one: every step is
    # built by core.api.step_endpoint on NoteIn.
    paths = api.get_openapi_schema()["paths"]
    for step in (
        "/prospects/{prospect_id}/policy/submit",
        "/admissions/{admission_id}/withdraw",
        "/lease-applications/{application_id}/withdraw",
        "/leases/{lease_id}/activate",
        "/sales/{sale_id}/complete",
        "/finance/requests/{request_id}/withdraw",
        "/finance/offers/{offer_id}/approve",
        "/services/bookings/{booking_id}/cancel",
    ):
        body = paths[f"/api/v1{step}"]["post"]["requestBody"]["content"]
        schema = body["application/json"]["schema"]
        assert {"$ref": "#/components/schemas/NoteIn"} in schema["anyOf"], step
    assert max_length(NoteIn, "note") == NOTE_LENGTH


def test_the_model_checks_a_text_s_length():
    # A TextField's max_length alone is not checked by full_clean.
    application = AdmissionApplication(
        project_summary="x" * 5001, decision_note="y" * (NOTE_LENGTH + 1)
    )
    with pytest.raises(ValidationError) as caught:
        application.clean_fields(
            exclude=[
                f.name
                for f in AdmissionApplication._meta.fields
                if f.name not in {"project_summary", "decision_note"}
            ]
        )
    assert set(caught.value.message_dict) == {"project_summary", "decision_note"}


def test_clean_value_is_a_422_naming_the_input():
    assert clean_value(Sale, "decision_note", "fine", field="note") == "fine"
    with pytest.raises(Invalid) as caught:
        clean_value(Sale, "decision_note", "x" * (NOTE_LENGTH + 1), field="note")
    assert list(caught.value.fields) == ["note"]


def test_the_doors_follow_a_change_made_on_the_model(monkeypatch):
    # Change the limit in one place: the schema and the form built from it follow.
    monkeypatch.setattr(Lease._meta.get_field("termination_reason"), "max_length", 10)
    assert schema_field(Lease, "termination_reason").metadata[0].max_length == 10
    assert form_field(Lease, "termination_reason").max_length == 10
