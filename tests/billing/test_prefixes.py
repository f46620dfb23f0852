"""Invoice numbers are unique across every series (each operator's, each
provider's), so no two series may number with the same prefix: two operators
that both chose "FQ" used to make the second one's first invoice a 500."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from billing.actions.invoices import Line, invoice_issue
from billing.models import BillingSettings, Issuer
from billing.models.issuers import prefix_in_use
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_prefix_is_in_use_when_another_series_has_it():
    settings = factories.BillingSettingsFactory(invoice_prefix="FQ")
    issuer = Issuer.objects.create(name="Qianfo HR", invoice_prefix="QFHR")
    assert prefix_in_use("FQ") and prefix_in_use("QFHR")
    assert not prefix_in_use("FQ", operator_id=settings.operator_id)  # its own
    assert not prefix_in_use("QFHR", issuer_id=issuer.pk)
    assert prefix_in_use("QFHR", operator_id=settings.operator_id)
    assert not prefix_in_use("GB")
    # The prefixes of series that chose none: OP<operator id>, SP<provider id>.
    assert prefix_in_use("OP7") and prefix_in_use("SP12")
    assert not prefix_in_use("OPEN")


def test_each_kind_of_series_refuses_another_s_prefix():
    factories.BillingSettingsFactory(invoice_prefix="FQ")
    Issuer.objects.create(name="Qianfo HR", invoice_prefix="QFHR")
    other = factories.OperatorFactory()
    for series in (
        BillingSettings(operator=other, invoice_prefix="QFHR"),
        Issuer(name="Lingnan", invoice_prefix="FQ"),
        factories.ProviderFactory.build(invoice_prefix="FQ"),
    ):
        with pytest.raises(ValidationError) as caught:
            series.full_clean()
        assert caught.value.message_dict["invoice_prefix"] == [
            "Another invoice series uses this prefix."
        ]
    BillingSettings(operator=other, invoice_prefix="GB").full_clean()


def test_the_database_refuses_two_operators_one_prefix():
    factories.BillingSettingsFactory(invoice_prefix="FQ")
    with pytest.raises(IntegrityError), transaction.atomic():
        BillingSettings.objects.create(
            operator=factories.OperatorFactory(), invoice_prefix="FQ"
        )


def test_two_operators_number_their_first_invoices_apart():
    line = Line("Rent", "租金", D("1"), D("100.00"))
    numbers = []
    for prefix in ("FQ", "GB"):
        settings = factories.BillingSettingsFactory(invoice_prefix=prefix)
        park = factories.ParkFactory(operator=settings.operator)
        company = factories.CompanyFactory()
        invoice = invoice_issue(company=company, park=park, kind="rent", lines=[line])
        numbers.append(invoice.number.split("-")[0::2])
    assert numbers == [["FQ", "000001"], ["GB", "000001"]]


def test_the_admin_says_which_prefix_is_taken(admin_client):
    factories.BillingSettingsFactory(invoice_prefix="FQ")
    other = factories.OperatorFactory()
    response = admin_client.post(
        "/admin/billing/billingsettings/add/",
        {"operator": other.pk, "invoice_prefix": "FQ", "payment_terms_days": 10},
    )
    assert response.status_code == 200
    assert "Another invoice series uses this prefix." in response.content.decode()
    assert not BillingSettings.objects.filter(operator=other).exists()
