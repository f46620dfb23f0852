# ruff: noqa: F811  (pytest fixtures imported from billing_fixtures)
"""Bank statement reconciliation: reading the CSV (both encodings, both header
sets, bad rows), proposing matches, confirming them into payments once."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal as D
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from billing.actions.statement import statement_confirm
from billing.models import Invoice, Payment, StatementLine
from billing.statement import (
    MAX_BYTES,
    Entry,
    line_key,
    parse_statement,
    propose,
)
from core.errors import Invalid, NotAllowed, NotFound
from tests import factories
from tests.billing.billing_fixtures import (  # noqa: F401
    finance_user,
    operator,
    park,
    plain_staff,
)

DAY = (timezone.localdate() - timedelta(days=2)).isoformat()
EN = (
    "date,amount,reference,payer\n"
    f'{DAY},"1,000.00",Invoice FQ-2026-000001,Acme Ltd\n'
    f"{DAY},250.00,rent,Beta Co\n"
)
ZH = (
    "交易日期,金额,摘要,附言,付款人\n"
    f"{DAY.replace('-', '/')},￥1000.00,转账,支付FQ-2026-000001房租,贵州某某有限公司\n"
    f"{DAY},250,转账,,某某公司\n"
)


# --- reading --------------------------------------------------------------------


def test_reads_english_headers_in_utf8():
    statement = parse_statement(EN.encode())
    assert statement.problems == []
    first, second = statement.entries
    assert (first.line, first.amount, first.payer) == (2, D("1000.00"), "Acme Ltd")
    assert first.reference == "Invoice FQ-2026-000001"
    assert second.date.isoformat() == DAY and first.key != second.key


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig"])
def test_reads_chinese_headers_in_gbk_and_utf8(encoding):
    statement = parse_statement(ZH.encode(encoding))
    assert statement.problems == []
    first, second = statement.entries
    assert first.reference == "支付FQ-2026-000001房租"  # 附言 before 摘要
    assert (first.amount, first.payer) == (D("1000.00"), "贵州某某有限公司")
    assert second.amount == D("250.00")


def test_bad_rows_are_reported_by_line_and_the_rest_read():
    text = (
        EN + "yesterday,10.00,x,y\n2026-01-05,ten,x,y\n2026-01-05,-30.00,fee,Bank\n\n"
    )
    statement = parse_statement(text.encode())
    assert len(statement.entries) == 2
    assert [p.split(":")[0] for p in statement.problems] == [
        "Line 4",
        "Line 5",
        "Line 6",
    ]
    assert "yesterday" in statement.problems[0]


def test_a_file_that_cannot_be_read_is_refused():
    with pytest.raises(Invalid, match="Line 1 must name the columns"):
        parse_statement(b"when,how much\n2026-01-01,5\n")
    with pytest.raises(Invalid, match="empty"):
        parse_statement(b"")
    with pytest.raises(Invalid, match="512 KB"):
        parse_statement(b"x" * (MAX_BYTES + 1))
    with pytest.raises(Invalid, match="neither UTF-8 nor GBK"):
        parse_statement(b"\xff\xfe\x00\xd8\x00\x00\x81")


def test_identical_lines_get_their_own_keys():
    text = "date,amount,reference,payer\n" + f"{DAY},100,a,b\n" * 2
    one, two = parse_statement(text.encode()).entries
    assert one.key != two.key
    again = parse_statement(text.encode()).entries
    assert [e.key for e in again] == [one.key, two.key]  # stable across imports


# --- matching -------------------------------------------------------------------


def entry(amount, reference="", payer="", line=2):
    made = Entry(line, date(2026, 3, 1), D(amount), reference, payer)
    return Entry(**{**made.__dict__, "key": line_key(made, 1)})


def inv(number, outstanding):
    return SimpleNamespace(number=number, outstanding=D(outstanding))


def test_matching_rules():
    a, b, c = (
        inv("FQ-2026-000001", "500"),
        inv("FQ-2026-000002", "500"),
        inv("FQ-2026-000003", "800"),
    )
    exact, twins, named, none, recorded = propose(
        [
            entry("800", line=2),
            entry("500", line=3),
            entry("500", "货款 fq2026000002", line=4),
            entry("123", line=5),
            entry("800", "x", line=6),
        ],
        [a, b, c],
        recorded={entry("800", "x", line=6).key},
    )
    assert (exact.status, exact.invoice) == ("matched", c)
    assert twins.status == "ambiguous" and twins.candidates == [a, b]
    assert (named.status, named.invoice, named.by_reference) == ("matched", b, True)
    assert none.status == "unmatched" and none.invoice is None
    assert recorded.status == "recorded"


def test_the_reference_wins_over_an_amount_match():
    named, other = inv("FQ-2026-000007", "900"), inv("FQ-2026-000008", "300")
    (proposal,) = propose([entry("300", "FQ-2026-000007")], [named, other], set())
    assert proposal.invoice is named  # a part payment of the named invoice
    (too_much,) = propose([entry("950", "FQ-2026-000007")], [named, other], set())
    assert too_much.status == "unmatched"  # more than it owes: not that invoice


# --- confirming -----------------------------------------------------------------


@pytest.fixture
def invoices(park, company):
    first = factories.InvoiceFactory(
        park=park, company=company, number="FQ-2026-000001", total=D("1000.00")
    )
    second = factories.InvoiceFactory(park=park, company=company, total=D("250.00"))
    return first, second


@pytest.mark.django_db
def test_confirm_records_transfers_once(operator, finance_user, invoices):
    first, second = invoices
    entries = parse_statement(EN.encode()).entries
    outcomes = statement_confirm(
        operator=operator,
        entries=entries,
        matches=[(2, first.pk), (3, second.pk)],
        actor=finance_user,
    )
    assert [o.status for o in outcomes] == ["recorded", "recorded"]
    payment = Payment.objects.get(invoice=first)
    assert (payment.method, payment.amount) == ("bank_transfer", D("1000.00"))
    assert payment.paid_at.date().isoformat() == DAY
    assert set(Invoice.objects.values_list("status", flat=True)) == {"paid"}
    assert StatementLine.objects.count() == 2
    # The same statement again: recognised, nothing paid twice.
    again = statement_confirm(
        operator=operator,
        entries=parse_statement(EN.encode()).entries,
        matches=[(2, first.pk), (3, second.pk)],
        actor=finance_user,
    )
    assert [o.status for o in again] == ["already", "already"]
    assert Payment.objects.count() == 2


@pytest.mark.django_db
def test_confirm_refuses_another_operators_invoice_and_plain_staff(
    operator, finance_user, plain_staff, invoices
):
    entries = parse_statement(EN.encode()).entries
    foreign = factories.InvoiceFactory(total=D("1000.00"))
    with pytest.raises(NotFound):
        statement_confirm(
            operator=operator,
            entries=entries,
            matches=[(3, invoices[1].pk), (2, foreign.pk)],
            actor=finance_user,
        )
    assert not Payment.objects.exists()  # nothing written, not even line 3
    with pytest.raises(NotAllowed):
        statement_confirm(
            operator=operator,
            entries=entries,
            matches=[(2, invoices[0].pk)],
            actor=plain_staff,
        )


@pytest.mark.django_db
def test_a_payment_the_invoice_refuses_is_reported(operator, finance_user, invoices):
    entries = parse_statement(EN.encode()).entries
    (outcome,) = statement_confirm(
        operator=operator,
        entries=entries,
        matches=[(2, invoices[1].pk)],  # 1,000 on an invoice owing 250
        actor=finance_user,
    )
    assert outcome.status == "refused" and "250" in outcome.message
    assert not StatementLine.objects.exists()


# --- pages ------------------------------------------------------------------------


def upload(content: bytes, name="statement.csv"):
    return SimpleUploadedFile(name, content, content_type="text/csv")


@pytest.mark.django_db
def test_pages_upload_review_confirm(client, operator, finance_user, invoices):
    client.force_login(finance_user)
    page = client.get("/billing/reconciliation/").text
    assert 'type="date"' in page and "Import a bank statement" in page
    review = client.post(
        "/billing/reconciliation/statement",
        {"operator": operator.pk, "file": upload(ZH.encode("gbk"))},
    )
    text = review.text
    assert review.status_code == 200
    assert 'data-status="matched"' in text and "FQ-2026-000001" in text
    assert "¥1,000.00" in text
    token = text.split('name="token" value="', 1)[1].split('"', 1)[0]
    confirm = client.post(
        "/billing/reconciliation/statement/confirm",
        {
            "operator": operator.pk,
            "token": token,
            "line": ["2", "3"],
            "invoice_2": invoices[0].pk,
            "invoice_3": invoices[1].pk,
        },
        follow=True,
    )
    assert "2 payments were recorded." in confirm.text
    assert set(Invoice.objects.values_list("status", flat=True)) == {"paid"}
    # The same file again: both lines show as recorded before.
    second = client.post(
        "/billing/reconciliation/statement",
        {"operator": operator.pk, "file": upload(ZH.encode("utf-8"))},
    ).text
    assert second.count('data-status="recorded"') == 2
    again = client.post(
        "/billing/reconciliation/statement/confirm",
        {"token": token, "line": ["2"], "invoice_2": invoices[0].pk},
        follow=True,
    )
    assert "1 line was recorded before and was skipped." in again.text
    assert Payment.objects.count() == 2


@pytest.mark.django_db
def test_pages_errors_and_scoping(
    client, operator, finance_user, plain_staff, invoices
):
    client.force_login(finance_user)
    bad = client.post(
        "/billing/reconciliation/statement", {"file": upload(b"a,b\n1,2\n")}
    )
    assert bad.status_code == 422 and "Line 1 must name the columns" in bad.text
    review = client.post(
        "/billing/reconciliation/statement", {"file": upload(EN.encode())}
    ).text
    token = review.split('name="token" value="', 1)[1].split('"', 1)[0]
    foreign = factories.InvoiceFactory(total=D("1000.00"))
    stolen = client.post(
        "/billing/reconciliation/statement/confirm",
        {"token": token, "line": ["2"], "invoice_2": foreign.pk},
    )
    assert stolen.status_code == 404 and not Payment.objects.exists()
    reversed_range = client.get(
        "/billing/reconciliation/?since=2026-03-10&until=2026-03-01"
    ).text
    assert "The end of the period is before its start." in reversed_range
    client.force_login(plain_staff)
    refused = client.post(
        "/billing/reconciliation/statement", {"file": upload(EN.encode())}
    )
    assert refused.status_code == 403


@pytest.mark.django_db
def test_the_date_range_filters_payments(client, finance_user, invoices):
    old = timezone.now() - timedelta(days=60)
    factories.PaymentFactory(invoice=invoices[0], amount=D("100.00"), paid_at=old)
    factories.PaymentFactory(invoice=invoices[1], amount=D("40.00"))
    client.force_login(finance_user)
    recent = client.get("/billing/reconciliation/").text
    assert "¥40.00" in recent and "¥100.00" not in recent
    since = (old - timedelta(days=1)).date().isoformat()
    until = (old + timedelta(days=1)).date().isoformat()
    then = client.get(f"/billing/reconciliation/?since={since}&until={until}").text
    assert "¥100.00" in then and "¥40.00" not in then


# --- API --------------------------------------------------------------------------


@pytest.mark.django_db
def test_api_statement_flow(api_as, operator, finance_user, plain_staff, invoices):
    client = api_as(finance_user)
    response = client.post(
        "/reconciliation/statements", FILES={"file": upload(EN.encode())}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    first, second = body["lines"]
    assert (first["status"], first["candidates"][0]["id"]) == (
        "matched",
        invoices[0].pk,
    )
    assert first["by_reference"] is True and second["status"] == "matched"
    foreign = factories.InvoiceFactory(total=D("250.00"))
    stolen = client.post(
        "/reconciliation/statements/confirm",
        json={
            "token": body["token"],
            "matches": [{"line": 3, "invoice_id": foreign.pk}],
        },
    )
    assert stolen.status_code == 404
    matches = [{"line": 2, "invoice_id": invoices[0].pk}]
    done = client.post(
        "/reconciliation/statements/confirm",
        json={"token": body["token"], "matches": matches},
    )
    assert done.status_code == 200 and done.json()[0]["status"] == "recorded"
    twice = client.post(
        "/reconciliation/statements/confirm",
        json={"token": body["token"], "matches": matches},
    )
    assert twice.json()[0]["status"] == "already"
    assert Payment.objects.count() == 1
    forged = client.post(
        "/reconciliation/statements/confirm",
        json={"token": body["token"] + "x", "matches": matches},
    )
    assert forged.status_code == 422
    bad = client.post("/reconciliation/statements", FILES={"file": upload(b"a\n1\n")})
    assert bad.status_code == 422 and "Line 1" in bad.json()["detail"]
    refused = api_as(plain_staff).post(
        "/reconciliation/statements", FILES={"file": upload(EN.encode())}
    )
    assert refused.status_code == 403


@pytest.mark.django_db
def test_api_reconciliation_range(api_as, finance_user, invoices):
    factories.PaymentFactory(invoice=invoices[1], amount=D("40.00"))
    client = api_as(finance_user)
    body = client.get("/reconciliation").json()
    assert body["payments"][0]["amount"] == "40.00"
    assert (
        client.get("/reconciliation?since=2026-03-10&until=2026-03-01").status_code
        == 422
    )
    assert (
        client.get("/reconciliation?since=2020-01-01&until=2026-01-01").status_code
        == 422
    )
    other = factories.OperatorFactory()
    assert client.get(f"/reconciliation?operator_id={other.pk}").status_code == 404
