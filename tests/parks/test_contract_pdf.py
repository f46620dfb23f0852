"""The bilingual lease contract: text, USCC, rent table, embedded CJK font."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from parks.contract import lease_contract_pdf
from tests import factories
from tests.pdfs import SHIPPED_FONTS, pdf_fonts, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def lease(db):
    unit = factories.UnitFactory(
        area_m2=Decimal("1000.00"), monthly_rent_per_m2=Decimal("15.00")
    )
    return factories.LeaseFactory(
        unit=unit,
        company=factories.CompanyFactory(name="黔东南精密模具有限公司"),
        start_date=date(2027, 4, 1),
        end_date=date(2029, 3, 31),
        rent_free_months=2,
        escalation_percent=Decimal("5"),
    )


def test_contract_text_and_fonts(lease):
    pdf = lease_contract_pdf(lease)
    compact = pdf_text(pdf).replace(" ", "")

    assert lease.company.uscc in compact
    assert "厂房租赁合同" in compact
    assert "FactoryLeaseContract" in compact
    assert "黔东南精密模具有限公司" in compact
    assert lease.unit.park.name_zh in compact
    # The rent table: year 2 escalated by 5 %.
    assert "15,000.00" in compact and "15,750.00" in compact
    assert pdf_fonts(pdf) == SHIPPED_FONTS
