"""`manage.py run_rent --period 2026-12 [--operator ID]`: the monthly rent run."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from billing.actions.rent_run import parse_period, rent_run_execute
from billing.models import RentRun
from core.errors import DomainError
from parks.models import Operator


class Command(BaseCommand):
    help = "Issue one rent invoice per lease for a month; a second run adds nothing."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--period", required=True, help="the month, YYYY-MM")
        parser.add_argument("--operator", type=int, help="only this operator's parks")
        parser.add_argument("--batch-size", type=int, default=2000)

    def handle(self, *args, period: str, operator: int | None, batch_size: int, **kw):
        try:
            month = parse_period(period)
        except DomainError as exc:
            raise CommandError(exc.message) from None
        if operator is not None and not Operator.objects.filter(pk=operator).exists():
            raise CommandError(f"no operator {operator}")
        run = RentRun.objects.create(operator_id=operator, period=month)
        started = time.perf_counter()
        run = rent_run_execute(run, batch_size=batch_size)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"rent run {month:%Y-%m}: {run.total} leases, {run.created} invoices "
            f"issued in {elapsed:.1f} s"
        )
