"""Benchmark (not a test): the monthly rent run over a generated portfolio.

    .venv/bin/python bench/rent_run.py [--leases 80000] [--batch-size 2000]

Without DATABASE_URL it starts a throwaway PostgreSQL cluster (the helpers of
scripts/test.py), migrates it, generates the portfolio in one process, then runs
the rent run in a fresh process and prints elapsed time, invoices/s and that
process's peak memory (RSS, and Python's own allocations with --tracemalloc).
Memory should not grow with the number of leases: compare --leases 20000.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PERIOD = date(2026, 12, 1)


def django_setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    # DEBUG keeps the last 9,000 SQL statements in memory: measure without it.
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    import django

    django.setup()


def generate(leases: int) -> None:
    django_setup()
    from django.core.management import call_command
    from django.db import transaction

    from billing.models import BillingSettings
    from core.models import User
    from parks.models import Building, Lease, Operator, Park, Unit
    from tenants.models import Company

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    user = User.objects.create_user("bench@example.test", "bench-pass-123")
    operator = Operator.objects.create(name="Bench Operator", name_zh="基准运营")
    BillingSettings.objects.create(operator=operator, invoice_prefix="BN")
    park = Park.objects.create(
        operator=operator, name="Bench Park", kind="enclave", host_region="A",
        partner_region="B", leading_industry="38",
    )  # fmt: skip
    building = Building.objects.create(park=park, name="B1", kind="standard_factory")
    n_companies = max(leases // 10, 1)
    Company.objects.bulk_create(
        Company(
            name=f"Bench Co {i}", uscc=f"B{i:017d}", legal_representative="张三",
            registered_capital=Decimal("1000000"), founded_on=date(2015, 1, 1),
            employees=50, annual_revenue=Decimal("10000000"), industry_code="38",
            size_class="small", created_by=user,
        )
        for i in range(n_companies)
    )  # fmt: skip
    company_ids = list(Company.objects.values_list("pk", flat=True))
    chunk = 5000
    for offset in range(0, leases, chunk):
        count = min(chunk, leases - offset)
        with transaction.atomic():
            units = Unit.objects.bulk_create(
                Unit(
                    park=park, building=building, code=f"U{offset + i:06d}",
                    area_m2=Decimal("1000.00"), monthly_rent_per_m2=Decimal("12.00"),
                    status="leased",
                )
                for i in range(count)
            )  # fmt: skip
            Lease.objects.bulk_create(
                Lease(
                    unit=unit,
                    company_id=company_ids[(offset + i) % len(company_ids)],
                    # Varied terms: some start or end mid-month, some rent-free.
                    start_date=date(2025 + (i % 2), 1 + (i % 12), 1 + (i % 28)),
                    end_date=date(2028, 1 + (i % 12), 1 + (i % 28)),
                    rent_per_m2=Decimal("12.00"),
                    monthly_rent=Decimal("12000.00") + i % 100,
                    deposit=Decimal("24000.00"),
                    rent_free_months=i % 3,
                    escalation_percent=Decimal("3.00") if i % 2 else Decimal("0"),
                    status="active",
                )
                for i, unit in enumerate(units)
            )
    print(f"generated {leases} leases in {time.perf_counter() - started:.1f} s")


def peak_rss_mib() -> float:
    """This process's peak resident memory. Linux's VmHWM belongs to the process
    image, so a child of a large parent (bench/run.py after measuring every page)
    does not inherit the parent's peak, as `ru_maxrss` does across fork and exec."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(batch_size: int, trace: bool) -> None:
    django_setup()
    import tracemalloc

    from django.db.models import Count, Max

    from billing.actions.rent_run import rent_run_execute
    from billing.models import Invoice, RentRun

    if trace:
        tracemalloc.start()
    rss_before = peak_rss_mib()
    started = time.perf_counter()
    result = rent_run_execute(
        RentRun.objects.create(period=PERIOD), batch_size=batch_size
    )
    elapsed = time.perf_counter() - started
    rss_peak = peak_rss_mib()
    print(f"leases billed:      {result.total}")
    print(f"invoices issued:    {result.created}")
    print(f"elapsed:            {elapsed:.1f} s")
    print(f"invoices/s:         {result.created / elapsed:,.0f}")
    print(f"peak RSS:           {rss_peak:.0f} MiB (before: {rss_before:.0f} MiB)")
    if trace:
        _current, peak = tracemalloc.get_traced_memory()
        print(f"peak Python alloc:  {peak / 2**20:.1f} MiB (tracemalloc)")
    again = time.perf_counter()
    second = rent_run_execute(
        RentRun.objects.create(period=PERIOD), batch_size=batch_size
    )
    took = time.perf_counter() - again
    print(f"second run:         {second.created} new invoices in {took:.1f} s")
    # Each payee numbers its invoices per year from 1: a series is gapless when
    # its last number is its count.
    series = list(
        Invoice.objects.values("operator_id", "issuer_id", "year")
        .order_by()
        .annotate(n=Count("id"), last=Max("seq"))
    )
    gaps = sum(s["last"] != s["n"] for s in series)
    print(
        f"numbers:            {len(series)} series (payee, year), "
        f"{gaps} with gaps or duplicates"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leases", type=int, default=80_000)
    parser.add_argument("--batch-size", type=int, default=2000)
    parser.add_argument("--tracemalloc", action="store_true")
    parser.add_argument("--phase", choices=["all", "generate", "run"], default="all")
    args = parser.parse_args()
    if args.phase == "generate":
        generate(args.leases)
        return 0
    if args.phase == "run":
        run(args.batch_size, args.tracemalloc)
        return 0
    if not os.environ.get("DATABASE_URL"):
        sys.path.insert(0, str(ROOT / "scripts"))
        import test as harness  # scripts/test.py: the throwaway cluster helpers

        bindir = harness.find_pg_bindir()
        if bindir is None:
            sys.exit("PostgreSQL server binaries not found; set DATABASE_URL")
        with harness.throwaway_cluster(bindir) as cluster:
            os.environ["DATABASE_URL"] = cluster.url
            return _both(args)
    return _both(args)


def _both(args) -> int:
    me = [sys.executable, __file__]
    opts = ["--batch-size", str(args.batch_size)] + (
        ["--tracemalloc"] if args.tracemalloc else []
    )
    subprocess.run(
        [*me, "--phase", "generate", "--leases", str(args.leases)], check=True
    )
    return subprocess.call([*me, "--phase", "run", *opts])


if __name__ == "__main__":
    sys.exit(main())
