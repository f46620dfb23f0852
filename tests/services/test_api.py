"""Services API: the contract paths, the roles, another party's object → 404."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from services.actions import bookings as act
from services.permits import PermitType
from tests import factories, samples
from tests.services.conftest import at, provider_market

pytestmark = pytest.mark.django_db


def test_the_catalogue_is_public_and_filtered(api_as, market):
    factories.OfferingFactory()  # a provider listed nowhere is not shown
    response = api_as().get("/services/offerings")
    assert response.status_code == 200
    assert [o["id"] for o in response.json()["items"]] == [market.offering.pk]
    assert api_as().get("/services/offerings?category=hr").json()["count"] == 0
    assert (
        api_as().get(f"/services/offerings?park_id={market.park.pk}").json()["count"]
        == 1
    )
    providers = api_as().get("/services/providers?category=legal_tax").json()
    assert providers["items"][0]["park_ids"] == [market.park.pk]


def test_free_slots(api_as, market):
    day = at(2).date()
    response = api_as().get(
        f"/services/offerings/{market.offering.pk}/slots?from={day}&to={day}"
    )
    assert response.status_code == 200
    slots = response.json()
    assert len(slots) == 8 and slots[0]["staff_id"] == market.staff.pk
    assert api_as().get("/services/offerings/999999/slots").status_code == 404


def test_book_then_the_slot_is_taken(api_as, market):
    body = {
        "offering_id": market.offering.pk,
        "company_id": market.company.pk,
        "park_id": market.park.pk,
        "starts_at": at(2).isoformat(),
        "notes": "VAT question",
    }
    response = api_as(market.tenant).post("/services/bookings", json=body)
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["status"] == "requested" and data["price"] == "1200.00"
    assert data["case_id"] is None and "invoice_id" in data
    again = api_as(market.tenant).post("/services/bookings", json=body)
    assert again.status_code == 409 and again.json()["code"] == "slot_taken"


def test_another_company_cannot_be_booked_for(api_as, market, other_tenant):
    body = {
        "offering_id": market.offering.pk,
        "company_id": market.company.pk,
        "park_id": market.park.pk,
        "starts_at": at(2).isoformat(),
    }
    assert api_as(other_tenant).post("/services/bookings", json=body).status_code == 404


def test_transitions_through_the_api(api_as, market, book):
    booking = book()
    p = api_as(market.provider_user)
    t = api_as(market.tenant)
    assert t.post(f"/services/bookings/{booking.pk}/confirm").status_code == 409
    assert p.post(f"/services/bookings/{booking.pk}/confirm").json() == {
        "status": "confirmed"
    }
    assert p.post(f"/services/bookings/{booking.pk}/start").status_code == 200
    assert p.post(f"/services/bookings/{booking.pk}/complete").status_code == 200
    r = t.post(
        f"/services/bookings/{booking.pk}/review", json={"rating": 6, "comment": ""}
    )
    assert r.status_code == 422
    r = t.post(
        f"/services/bookings/{booking.pk}/review", json={"rating": 5, "comment": "Good"}
    )
    assert r.status_code == 201
    reply = p.post(
        f"/services/reviews/{r.json()['id']}/reply", json={"reply": "Thanks"}
    )
    assert reply.status_code == 200
    again = p.post(f"/services/reviews/{r.json()['id']}/reply", json={"reply": "x"})
    assert again.status_code == 409
    detail = t.get(f"/services/bookings/{booking.pk}").json()
    assert detail["status"] == "reviewed" and detail["review"]["reply"] == "Thanks"
    offering = api_as().get(f"/services/offerings/{market.offering.pk}").json()
    assert offering["rating"] == 5.0 and offering["reviews"] == 1


def test_the_operator_reads_its_parks_bookings_and_cannot_act(api_as, market, book):
    booking = book()
    o = api_as(market.operator)
    assert o.get(f"/services/bookings/{booking.pk}").status_code == 200
    assert [b["id"] for b in o.get("/services/bookings").json()["items"]] == [
        booking.pk
    ]
    assert o.post(f"/services/bookings/{booking.pk}/confirm").status_code == 403


def test_every_booking_endpoint_answers_404_to_a_stranger(api_as, market, book):
    booking = book()
    review_booking = book(days=3)
    for verb in ("confirm", "start", "complete"):
        getattr(act, f"booking_{verb}")(
            booking=review_booking, actor=market.provider_user
        )
    review = act.booking_review(booking=review_booking, actor=market.tenant, rating=3)
    quote_offering = factories.OfferingFactory(
        provider=market.provider, pricing="quote", price=None
    )
    quoted = book(offering=quote_offering, days=4)
    quote = act.quote_send(
        booking=quoted,
        actor=market.provider_user,
        amount="100",
        scope="x",
        valid_until=timezone.localdate() + timedelta(days=3),
    )
    strangers = [
        factories.MembershipFactory().user,
        factories.ProviderStaffFactory().user,
        factories.OperatorStaffFactory().user,
    ]
    b = booking.pk
    calls = [
        ("get", f"/services/bookings/{b}", None),
        *[
            ("post", f"/services/bookings/{b}/{v}", None)
            for v in ("confirm", "decline", "start", "complete", "cancel")
        ],
        ("post", f"/services/bookings/{b}/review", {"rating": 4}),
        (
            "post",
            f"/services/bookings/{quoted.pk}/quote",
            {"amount": "1", "scope": "x", "valid_until": str(timezone.localdate())},
        ),
        ("post", f"/services/quotes/{quote.pk}/accept", None),
        ("post", f"/services/reviews/{review.pk}/reply", {"reply": "x"}),
        ("post", f"/services/bookings/{b}/messages", {"body": "hi"}),
        ("post", f"/services/bookings/{b}/documents", {"document_id": 1}),
    ]
    for user in strangers:
        client = api_as(user)
        assert client.get("/services/bookings").json()["count"] == 0
        for method, path, body in calls:
            kwargs = {"json": body} if body is not None else {}
            response = getattr(client, method)(path, **kwargs)
            assert response.status_code == 404, (user, path, response.json())


def test_quote_and_accept(api_as, market, book):
    offering = factories.OfferingFactory(
        provider=market.provider, pricing="quote", price=None
    )
    booking = book(offering=offering)
    body = {
        "amount": "2500.00",
        "scope": "Labour contract templates",
        "valid_until": str(timezone.localdate() + timedelta(days=5)),
    }
    assert (
        api_as(market.tenant)
        .post(f"/services/bookings/{booking.pk}/quote", json=body)
        .status_code
        == 409
    )
    quote = api_as(market.provider_user).post(
        f"/services/bookings/{booking.pk}/quote", json=body
    )
    assert quote.status_code == 201
    accepted = api_as(market.tenant).post(
        f"/services/quotes/{quote.json()['id']}/accept"
    )
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    detail = api_as(market.tenant).get(f"/services/bookings/{booking.pk}").json()
    assert detail["price"] == "2500.00"
    assert [q["status"] for q in detail["quotes"]] == ["accepted"]


def test_messages_and_shared_documents(api_as, market, book):
    booking = book()
    doc = factories.DocumentFactory(company=market.company)
    other_doc = factories.DocumentFactory()
    t = api_as(market.tenant)
    assert (
        t.post(
            f"/services/bookings/{booking.pk}/documents",
            json={"document_id": other_doc.pk},
        ).status_code
        == 404
    )
    r = t.post(
        f"/services/bookings/{booking.pk}/messages",
        json={"body": "Licence attached", "document_id": doc.pk},
    )
    assert r.status_code == 201 and r.json()["document_id"] == doc.pk
    detail = api_as(market.provider_user).get(f"/services/bookings/{booking.pk}").json()
    assert detail["shared_document_ids"] == [doc.pk]
    assert [m["body"] for m in detail["messages"]] == ["Licence attached"]


def test_cases_and_steps(api_as, market, book):
    agency = provider_market(market.park, category="permit_agency")
    booking = book(offering=agency.offering, permit_type=PermitType.CONSTRUCTION_PERMIT)
    case_id = (
        api_as(market.tenant).get(f"/services/bookings/{booking.pk}").json()["case_id"]
    )
    for user in (market.tenant, agency.provider_user, market.operator):
        case = api_as(user).get(f"/services/cases/{case_id}")
        assert case.status_code == 200
    steps = case.json()["steps"]
    assert [s["owner"] for s in steps] == ["tenant", "provider", "authority"]
    doc = factories.DocumentFactory(company=market.company)
    url = f"/services/cases/{case_id}/steps/{steps[0]['id']}"
    assert api_as(market.operator).post(url, json={"status": "done"}).status_code == 403
    r = api_as(market.tenant).post(
        url, json={"status": "done", "note": "Drawings", "document_ids": [doc.pk]}
    )
    assert r.status_code == 200 and r.json()["documents"] == [doc.pk]
    assert (
        api_as(market.tenant).post(url, json={"status": "pending"}).status_code == 409
    )
    stranger = api_as(factories.ProviderStaffFactory().user)
    assert stranger.get(f"/services/cases/{case_id}").status_code == 404
    assert stranger.post(url, json={"status": "done"}).status_code == 404


def test_listing_request_and_decision(api_as, market):
    staff = factories.ProviderStaffFactory()
    client = api_as(staff.user)
    body = {"provider_id": staff.provider.pk, "park_id": market.park.pk}
    r = client.post("/services/listings", json=body)
    assert r.status_code == 409 and r.json()["code"] == "licence_required"
    staff.provider.documents.create(
        kind="business_licence",
        file="x.pdf",
        filename="x.pdf",
        content_type="application/pdf",
        size=1,
        sha256="0" * 64,
        uploaded_by=staff.user,
    )
    listing = client.post("/services/listings", json=body).json()
    assert listing["status"] == "pending"
    url = f"/services/listings/{listing['id']}/decision"
    assert client.post(url, json={"decision": "approve"}).status_code == 404
    other_operator = api_as(factories.OperatorStaffFactory().user)
    assert other_operator.post(url, json={"decision": "approve"}).status_code == 404
    staff_only = factories.OperatorStaffFactory(
        operator=market.park.operator, role="staff"
    ).user
    assert api_as(staff_only).post(url, json={"decision": "approve"}).status_code == 403
    o = api_as(market.operator)
    assert o.post(url, json={"decision": "maybe"}).status_code == 422
    assert o.post(url, json={"decision": "approve"}).json()["status"] == "approved"
    assert (
        api_as().get(f"/services/providers?park_id={market.park.pk}").json()["count"]
        == 2
    )
    assert (
        o.post(url, json={"decision": "suspend", "note": "Licence expired"}).json()[
            "status"
        ]
        == "suspended"
    )
    assert (
        api_as().get(f"/services/providers?park_id={market.park.pk}").json()["count"]
        == 1
    )


def test_the_provider_keeps_its_profile_through_the_api(api_as, market):
    p = api_as(market.provider_user)
    base = f"/services/providers/{market.provider.pk}"
    offering = {
        "name_en": "Payroll outsourcing",
        "name_zh": "薪酬外包",
        "duration_minutes": 60,
        "pricing": "quote",
    }
    created = p.post(f"{base}/offerings", json=offering)
    assert created.status_code == 201 and created.json()["price"] is None
    bad = p.post(f"{base}/offerings", json={**offering, "pricing": "fixed"})
    assert bad.status_code == 422 and "price" in bad.json()["fields"]
    oid = created.json()["id"]
    updated = p.put(
        f"{base}/offerings/{oid}", json={**offering, "pricing": "fixed", "price": "99"}
    )
    assert updated.json()["price"] == "99.00"
    window = p.post(
        f"{base}/availability",
        json={
            "staff_id": market.staff.pk,
            "weekday": 5,
            "start_time": "10:00",
            "end_time": "09:00",
        },
    )
    assert window.status_code == 422
    zoned = p.post(  # opening hours are the wall clock's: no time zone
        f"{base}/availability",
        json={
            "staff_id": market.staff.pk,
            "weekday": 5,
            "start_time": "09:00:00Z",
            "end_time": "10:00:00+08:00",
        },
    )
    assert zoned.status_code == 422
    assert zoned.json()["fields"] == {
        "start_time": ["Enter a time of day without a time zone."],
        "end_time": ["Enter a time of day without a time zone."],
    }
    window = p.post(
        f"{base}/availability",
        json={
            "staff_id": market.staff.pk,
            "weekday": 5,
            "start_time": "09:00",
            "end_time": "10:00",
        },
    )
    assert window.status_code == 201
    day = at(2).date()
    assert p.post(f"{base}/blackouts", json={"day": str(day)}).status_code == 201
    slots = api_as().get(
        f"/services/offerings/{market.offering.pk}/slots?from={day}&to={day}"
    )
    assert slots.json() == []
    assert p.delete(f"{base}/availability/{window.json()['id']}").status_code == 204
    from django.core.files.uploadedfile import SimpleUploadedFile

    licence = p.post(
        f"{base}/documents",
        data={"kind": "practice_licence"},
        FILES={"file": SimpleUploadedFile("l.pdf", samples.PDF)},
    )
    assert licence.status_code == 201, licence.json()


def test_another_providers_profile_is_404(api_as, market, tenant):
    base = f"/services/providers/{market.provider.pk}"
    for user in (factories.ProviderStaffFactory().user, tenant, market.operator):
        client = api_as(user)
        assert (
            client.post(
                f"{base}/offerings",
                json={
                    "name_en": "x",
                    "name_zh": "x",
                    "duration_minutes": 60,
                    "price": "1",
                },
            ).status_code
            == 404
        )
        assert (
            client.post(f"{base}/blackouts", json={"day": "2030-01-01"}).status_code
            == 404
        )
        assert (
            client.put(
                f"{base}/offerings/{market.offering.pk}",
                json={
                    "name_en": "x",
                    "name_zh": "x",
                    "duration_minutes": 60,
                    "price": "1",
                },
            ).status_code
            == 404
        )
