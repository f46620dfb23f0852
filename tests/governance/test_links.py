"""Evidence from what the platform knows: the zero-rent invoice line of a
rent-free month, the credit note and payment of a subsidy; only the
commitment's own park and company are offered."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from core.errors import Invalid, NotAllowed
from governance.actions.commitments import evidence_link
from governance.links import candidates, link_url
from governance.models import Commitment, Side
from tests import factories


def _rent_invoice(park, company, amount):
    return factories.InvoiceFactory(
        park=park,
        company=company,
        kind="rent",
        total=Decimal(amount),
        status="paid" if Decimal(amount) == 0 else "open",
    )


@pytest.fixture
def rent_free(admission, manager):
    return Commitment.objects.create(
        park=admission.park,
        company=admission.company,
        side=Side.PARK,
        kind="rent_free",
        description="First month free",
        amount=Decimal("0"),
        due_date=date.today(),
    )


def test_zero_rent_line_is_offered_and_linked_once(
    rent_free, admission, manager, other_company, api_as, tenant
):
    free = _rent_invoice(admission.park, admission.company, "0.00")
    _rent_invoice(admission.park, admission.company, "12000.00")  # a paying month
    _rent_invoice(admission.park, other_company, "0.00")  # another tenant
    records = candidates(rent_free)
    assert [(r.kind, r.ref) for r in records] == [("invoice_line", f"{free.pk}:0")]
    evidence = evidence_link(
        commitment=rent_free, actor=manager, kind="invoice_line", ref=f"{free.pk}:0"
    )
    assert free.number in evidence.label
    assert link_url(evidence) == free.get_absolute_url()
    assert candidates(rent_free) == []
    seen = api_as(tenant).get(f"/commitments/{rent_free.pk}").json()["evidence"]
    assert seen[0]["kind"] == "link" and seen[0]["link_kind"] == "invoice_line"


def test_subsidy_links_the_credit_note_and_its_payment(commitment, admission, manager):
    credit = factories.InvoiceFactory(
        park=admission.park,
        company=admission.company,
        kind="credit",
        total=Decimal("-500000.00"),
    )
    payment = factories.PaymentFactory(invoice=credit, amount=Decimal("500000.00"))
    kinds = {(r.kind, r.ref) for r in candidates(commitment)}
    assert kinds == {("credit_note", str(credit.pk)), ("payment", str(payment.pk))}


def test_only_the_operator_links_and_only_offered_records(
    rent_free, admission, manager, tenant, other_company
):
    foreign = _rent_invoice(admission.park, other_company, "0.00")
    with pytest.raises(Invalid):
        evidence_link(
            commitment=rent_free,
            actor=manager,
            kind="invoice_line",
            ref=f"{foreign.pk}:0",
        )
    with pytest.raises(NotAllowed):
        evidence_link(
            commitment=rent_free, actor=tenant, kind="invoice_line", ref="1:0"
        )


def test_api_lists_and_links_records(api_as, rent_free, admission, manager, tenant):
    free = _rent_invoice(admission.park, admission.company, "0.00")
    assert (
        api_as(tenant).get(f"/commitments/{rent_free.pk}/platform-records").json() == []
    )
    records = (
        api_as(manager).get(f"/commitments/{rent_free.pk}/platform-records").json()
    )
    assert records[0]["ref"] == f"{free.pk}:0"
    linked = api_as(manager).post(
        f"/commitments/{rent_free.pk}/links",
        json={"kind": "invoice_line", "ref": f"{free.pk}:0"},
    )
    assert linked.status_code == 201
