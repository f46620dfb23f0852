# ruff: noqa: F811  (pytest fixtures imported from billing_fixtures)
"""Review of flagged payments: accept pays the invoice, reject leaves it open for
a refund outside the platform; roles, scoping, double review; API and page."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from billing.actions.review import payment_review
from billing.models import Invoice, Payment
from core.audit import audit_trail
from core.errors import Conflict, Invalid, NotAllowed, NotFound
from tests import factories
from tests.billing.billing_fixtures import (  # noqa: F401
    finance_user,
    invoice,
    operator,
    park,
    plain_staff,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


def flagged(invoice, amount="1000.00", **kw):
    return factories.PaymentFactory(
        invoice=invoice,
        method="stripe",
        amount=D(amount),
        status="flagged",
        flag_reason=kw.pop("flag_reason", "paid 1000.00, owed 900.00"),
        **kw,
    )


def other_operator_finance():
    return factories.OperatorStaffFactory(role="finance").user


# --- the action ----------------------------------------------------------------


def test_accepting_a_covering_payment_pays_the_invoice(invoice, finance_user):
    payment = flagged(invoice)
    reviewed = payment_review(
        payment=payment, actor=finance_user, decision="accept", note="Checked."
    )
    invoice.refresh_from_db()
    assert reviewed.status == "accepted" and invoice.status == "paid"
    assert [e.to_state for e in audit_trail(payment)] == ["accepted"]
    assert {e.action for e in audit_trail(invoice)} >= {"payment_accepted"}
    assert audit_trail(invoice).get(action="transition").to_state == "paid"


def test_accepting_a_short_payment_leaves_the_invoice_open(invoice, operator_user):
    payment_review(
        payment=flagged(invoice, "400.00"),
        actor=operator_user,  # a manager may review too
        decision="accept",
        note="Tenant pays the rest by transfer.",
    )
    invoice.refresh_from_db()
    assert invoice.status == "open"


def test_an_over_payment_is_accepted_and_noted(invoice, finance_user):
    payment = flagged(invoice, "1200.00")
    payment_review(payment=payment, actor=finance_user, decision="accept", note="OK")
    invoice.refresh_from_db()
    event = audit_trail(invoice).get(action="payment_accepted")
    assert invoice.status == "paid"
    assert event.data["overpaid"] == "200.00" and "200.00" in event.note


def test_rejecting_leaves_the_invoice_open_and_notes_the_refund(invoice, finance_user):
    payment = flagged(invoice)
    reviewed = payment_review(
        payment=payment, actor=finance_user, decision="reject", note="Wrong tenant."
    )
    invoice.refresh_from_db()
    assert reviewed.status == "rejected" and invoice.status == "open"
    event = audit_trail(invoice).get(action="payment_rejected")
    assert event.data["refund_outside_platform"] == "1000.00"
    assert "Wrong tenant." in event.note and "refund" in event.note


def test_only_finance_staff_or_a_manager_may_review(invoice, plain_staff):
    payment = flagged(invoice)
    with pytest.raises(NotAllowed):
        payment_review(payment=payment, actor=plain_staff, decision="accept", note="x")
    payment.refresh_from_db()
    assert payment.status == "flagged"


def test_another_operator_or_the_tenant_gets_not_found(invoice, tenant):
    payment = flagged(invoice)
    for actor in (other_operator_finance(), tenant):
        with pytest.raises(NotFound):
            payment_review(payment=payment, actor=actor, decision="accept", note="x")


def test_a_reviewed_payment_cannot_be_reviewed_again(invoice, finance_user):
    payment = flagged(invoice)
    payment_review(payment=payment, actor=finance_user, decision="reject", note="No")
    with pytest.raises(Conflict) as caught:
        payment_review(
            payment=payment, actor=finance_user, decision="accept", note="Yes"
        )
    assert caught.value.code == "payment_not_flagged"
    accepted = factories.PaymentFactory(invoice=invoice, amount=D("10.00"))
    with pytest.raises(Conflict):
        payment_review(
            payment=accepted, actor=finance_user, decision="reject", note="x"
        )


def test_a_decision_and_a_note_are_required(invoice, finance_user):
    payment = flagged(invoice)
    with pytest.raises(Invalid) as caught:
        payment_review(payment=payment, actor=finance_user, decision="accept", note=" ")
    assert "note" in caught.value.fields
    with pytest.raises(Invalid) as caught:
        payment_review(payment=payment, actor=finance_user, decision="keep", note="x")
    assert "decision" in caught.value.fields


def test_money_in_another_currency_or_on_a_void_invoice_is_only_rejected(
    invoice, finance_user
):
    usd = flagged(invoice, currency="USD", flag_reason="currency USD differs")
    with pytest.raises(Conflict):
        payment_review(payment=usd, actor=finance_user, decision="accept", note="x")
    Invoice.objects.filter(pk=invoice.pk).update(status="void")
    on_void = flagged(invoice)
    with pytest.raises(Conflict):
        payment_review(payment=on_void, actor=finance_user, decision="accept", note="x")
    payment_review(payment=on_void, actor=finance_user, decision="reject", note="x")
    assert Payment.objects.get(pk=on_void.pk).status == "rejected"


# --- the API -------------------------------------------------------------------


def test_api_review(api_as, invoice, finance_user):
    payment = flagged(invoice)
    response = api_as(finance_user).post(
        f"/payments/{payment.pk}/review", json={"decision": "accept", "note": "OK"}
    )
    assert response.status_code == 200
    assert response.json() == {
        "id": payment.pk,
        "status": "accepted",
        "invoice_status": "paid",
    }
    again = api_as(finance_user).post(
        f"/payments/{payment.pk}/review", json={"decision": "reject", "note": "No"}
    )
    assert again.status_code == 409 and again.json()["code"] == "payment_not_flagged"


def test_api_review_scoping_and_validation(api_as, invoice, tenant, plain_staff):
    payment = flagged(invoice)
    body = {"decision": "reject", "note": "No"}
    url = f"/payments/{payment.pk}/review"
    assert api_as(tenant).post(url, json=body).status_code == 404
    assert api_as(other_operator_finance()).post(url, json=body).status_code == 404
    assert api_as(plain_staff).post(url, json=body).status_code == 403
    assert (
        api_as(plain_staff).post("/payments/999999/review", json=body).status_code
        == 404
    )
    bad = api_as(plain_staff).post(url, json={"decision": "maybe", "note": "x"})
    assert bad.status_code == 422


# --- the page ------------------------------------------------------------------


def test_reconciliation_lists_flagged_payments_with_review_forms(
    client, finance_user, invoice
):
    payment = flagged(invoice)
    client.force_login(finance_user)
    page = client.get("/billing/reconciliation/").content.decode()
    assert f'hx-post="/billing/payments/{payment.pk}/review"' in page


def test_htmx_review_re_renders_the_flagged_fragment(client, finance_user, invoice):
    payment, other = flagged(invoice), flagged(invoice, "5.00")
    client.force_login(finance_user)
    url = f"/billing/payments/{payment.pk}/review"
    response = client.post(
        url, {"decision": "accept", "note": "Checked"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert 'id="flagged"' in html and f"/billing/payments/{other.pk}/review" in html
    assert f"/billing/payments/{payment.pk}/review" not in html
    assert Payment.objects.get(pk=payment.pk).status == "accepted"
    # A second review answers 200 with the error in the fragment (htmx swaps it).
    again = client.post(
        f"/billing/payments/{other.pk}/review",
        {"decision": "reject", "note": ""},
        headers={"HX-Request": "true"},
    )
    assert again.status_code == 200 and 'aria-invalid="true"' in again.content.decode()


def test_review_without_htmx_redirects_and_others_get_404(
    client, invoice, finance_user
):
    payment = flagged(invoice)
    client.force_login(other_operator_finance())
    url = f"/billing/payments/{payment.pk}/review"
    assert client.post(url, {"decision": "reject", "note": "x"}).status_code == 404
    client.force_login(finance_user)
    response = client.post(url, {"decision": "reject", "note": "Refund"})
    assert response.status_code == 302 and "/billing/reconciliation/" in response.url
    assert Payment.objects.get(pk=payment.pk).status == "rejected"
