"""PostgreSQL races: invoice numbers stay gapless and unique under concurrent
issuing, and two rent runs of one month at once still invoice each lease once."""

from __future__ import annotations

import threading
from datetime import date
from decimal import Decimal as D

import pytest
from django.db import connection
from freezegun import freeze_time

from billing.actions.invoices import Line, invoice_issue
from billing.actions.rent_run import rent_run_execute
from billing.models import Invoice, RentRun
from tests import factories

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def in_threads(n: int, work) -> list[BaseException]:
    errors: list[BaseException] = []
    barrier = threading.Barrier(n)

    def run(i: int) -> None:
        try:
            barrier.wait()
            work(i)
        except BaseException as exc:  # collected and asserted on below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_concurrent_issuing_gives_gapless_unique_numbers():
    park = factories.ParkFactory()
    company = factories.CompanyFactory()
    line = [Line("Fee", "费用", D("1"), D("10"))]

    def issue(_i: int) -> None:
        for _ in range(5):
            invoice_issue(company=company, park=park, kind="other", lines=line)

    assert in_threads(8, issue) == []
    seqs = sorted(Invoice.objects.values_list("seq", flat=True))
    assert seqs == list(range(1, 41))
    assert Invoice.objects.values("number").distinct().count() == 40


@freeze_time("2026-03-02")
def test_two_rent_runs_at_once_invoice_each_lease_once():
    park = factories.ParkFactory()
    for _ in range(30):
        factories.LeaseFactory(
            unit=factories.UnitFactory(park=park, building__park=park),
            start_date=date(2026, 1, 1),
            end_date=date(2027, 12, 31),
        )
    runs = [
        RentRun.objects.create(operator=park.operator, period=date(2026, 3, 1))
        for _ in range(3)
    ]

    def execute(i: int) -> None:
        rent_run_execute(RentRun.objects.get(pk=runs[i].pk), batch_size=7)

    assert in_threads(3, execute) == []
    assert Invoice.objects.filter(kind="rent").count() == 30
    seqs = sorted(Invoice.objects.values_list("seq", flat=True))
    assert seqs == list(range(1, 31))
    assert sum(RentRun.objects.values_list("created", flat=True)) == 30
