"""Fill an empty PostgreSQL database with a portfolio at scale, for benchmarks."""

import time

from django.core.management.base import BaseCommand, CommandError

from config.scale import SCALE_PASSWORD, Scale, actors, seed


class Command(BaseCommand):
    help = (
        "Generate parks, units, companies, leases, a year of invoices and finance "
        "requests with COPY (deterministic per --seed; empty database only)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--parks", type=int, default=200)
        parser.add_argument("--units", type=int, default=100_000)
        parser.add_argument("--companies", type=int, default=50_000)
        parser.add_argument("--leases", type=int, default=80_000)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, **options) -> None:
        scale = Scale(
            parks=options["parks"],
            units=options["units"],
            companies=options["companies"],
            leases=options["leases"],
            seed=options["seed"],
        )
        if scale.leases > scale.units:
            raise CommandError("--leases cannot exceed --units (one lease per unit)")
        started = time.perf_counter()
        try:
            counts = seed(scale, log=self.stdout.write)
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        who = actors()
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded in {time.perf_counter() - started:.0f} s: {counts}. "
                f"Sign in as {who.operator}, {who.bank} or {who.tenant} "
                f"(password {SCALE_PASSWORD})."
            )
        )
