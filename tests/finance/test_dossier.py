"""The credit dossier: what it holds, and what a bank sees of other banks."""

from __future__ import annotations

from finance.actions.dossier import dossier_context, dossier_pdf
from tests import factories
from tests.finance.lending_fixtures import market, submitted
from tests.pdfs import pdf_text


def test_dossier_lists_profile_documents_with_sha256_and_consent(
    tenant, company, maker, checker
):
    m = market(maker, checker)
    doc = factories.DocumentFactory(company=company, sha256="ab" * 32)
    factories.DocumentFactory(company=company, filename="secret.pdf")  # not shared
    request = submitted(tenant, company, [m.bank_a, m.bank_b], documents=[doc])
    text = pdf_text(dossier_pdf(request, maker))
    assert company.uscc in text
    assert "ab" * 32 in text.replace("\n", "")
    assert "secret.pdf" not in text
    assert "2,000,000.00" in text
    assert "企业授信材料" in text and "Credit Dossier" in text


def test_a_bank_sees_only_its_own_routing_in_the_dossier(
    tenant, company, maker, checker
):
    m = market(maker, checker)
    request = submitted(tenant, company, [m.bank_a, m.bank_b])
    assert [r.bank for r in dossier_context(request, maker)["routes"]] == [m.bank_a]
    assert len(dossier_context(request, tenant)["routes"]) == 2


def test_the_dossier_gives_the_payment_record_and_admissions_in_both_languages(
    tenant, company, maker, checker
):
    """What the bank reads of the tenant's record on the platform: its invoices
    paid on time, late or still open (billing's), and its admission decisions
    labelled in Chinese and English."""
    from datetime import timedelta

    from django.utils import timezone

    m = market(maker, checker)
    today = timezone.localdate()
    on_time = factories.InvoiceFactory(company=company, status="paid")
    factories.PaymentFactory(invoice=on_time)
    late = factories.InvoiceFactory(
        company=company, status="paid", due_date=today - timedelta(days=30)
    )
    factories.PaymentFactory(invoice=late)
    factories.InvoiceFactory(company=company, due_date=today - timedelta(days=3))
    factories.InvoiceFactory(company=company, status="void")
    factories.InvoiceFactory()  # another company's
    factories.AdmissionApplicationFactory(
        company=company, status="approved", score={"total": 88, "passed": True}
    )
    request = submitted(tenant, company, [m.bank_a])

    context = dossier_context(request, maker)
    assert context["payments"] == {
        "issued": 3, "paid": 2, "on_time": 1, "late": 1, "open": 1, "overdue": 1,
    }  # fmt: skip
    text = pdf_text(dossier_pdf(request, maker))
    assert "已批准" in text and "Approved" in text
    assert "88 / 100" in text
    assert "No invoices on the platform yet." not in text
