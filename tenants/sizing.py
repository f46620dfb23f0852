"""SME size class under the MIIT 2011 standard (工信部联企业〔2011〕300号).

Each row gives the (staff, revenue in CNY) floors for large, medium and small;
an enterprise is in a class when it meets both floors of that class, and micro
when it meets neither small floor. Sectors without a row of their own fall back
to the industrial row, which is the one our parks admit by far the most.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.industries import get_industry


class SizeClass(models.TextChoices):
    LARGE = "large", _("Large")
    MEDIUM = "medium", _("Medium")
    SMALL = "small", _("Small")
    MICRO = "micro", _("Micro")


M = Decimal(1_000_000)
# (large, medium, small) floors as (employees, annual revenue)
INDUSTRIAL = ((1000, 400 * M), (300, 20 * M), (20, 3 * M))
ROWS: dict[str, tuple[tuple[int, Decimal], ...]] = {
    "51": ((200, 400 * M), (20, 50 * M), (5, 10 * M)),  # wholesale
    "52": ((300, 200 * M), (50, 5 * M), (10, Decimal(1_000_000))),  # retail
    "54": ((1000, 300 * M), (300, 30 * M), (20, 2 * M)),  # road transport
    "59": ((200, 300 * M), (100, 10 * M), (20, Decimal(1_000_000))),  # warehousing
    "61": ((300, 100 * M), (100, 20 * M), (10, Decimal(1_000_000))),  # accommodation
    "62": ((300, 100 * M), (100, 20 * M), (10, Decimal(1_000_000))),  # catering
    "64": ((2000, 1000 * M), (100, 10 * M), (10, Decimal(1_000_000))),  # internet
    "65": ((300, 100 * M), (100, 10 * M), (10, Decimal(500_000))),  # software & IT
}
SECTION_ROWS = {"B": INDUSTRIAL, "C": INDUSTRIAL, "D": INDUSTRIAL}


def sme_size_class(
    *, industry_code: str, employees: int, annual_revenue: Decimal
) -> SizeClass:
    industry = get_industry(industry_code)
    row = ROWS.get(industry_code) or (
        SECTION_ROWS.get(industry.section) if industry else None
    )
    row = row or INDUSTRIAL
    for size, (staff_floor, revenue_floor) in zip(
        (SizeClass.LARGE, SizeClass.MEDIUM, SizeClass.SMALL), row, strict=True
    ):
        if employees >= staff_floor and annual_revenue >= revenue_floor:
            return size
    return SizeClass.MICRO
