"""A portfolio at Wanyang scale for benchmarks: parks, units, companies, leases,
a year of invoices and finance requests, written with COPY into an empty database.

Deterministic for a given size and seed. The first operator runs most parks (the
portfolio an operator's pages must cope with); the first bank receives every
routed request; each company has one owner. Every user's password is
`SCALE_PASSWORD`. PostgreSQL only.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, models, transaction

from billing.models import BillingSettings, Invoice, InvoiceCounter
from config.scale.copy import reset_sequences
from config.scale.money import seed_finance_requests, seed_invoices, seed_leases
from config.scale.plan import SCALE_PASSWORD, Actors, Scale, actors
from config.scale.portfolio import (
    seed_companies,
    seed_inventory,
    seed_organisations,
    seed_regions,
)
from core.models import User
from finance.models import (
    Bank,
    BankStaff,
    Consent,
    FinanceRequest,
    Offer,
    Product,
    RequestRoute,
)
from parks.models import (
    AdmissionApplication,
    Building,
    Lease,
    LeaseApplication,
    Operator,
    OperatorStaff,
    Park,
    Unit,
)
from tenants.models import Company, Document, Membership

__all__ = ["SCALE_PASSWORD", "Actors", "Scale", "actors", "seed"]


def seed(scale: Scale, log: Any = print) -> dict[str, int]:
    """Fill an empty, migrated PostgreSQL database; returns row counts."""
    if connection.vendor != "postgresql":
        raise RuntimeError("seed_scale writes with COPY: PostgreSQL only")
    if Park.objects.exists() or Company.objects.exists():
        raise RuntimeError("seed_scale needs an empty database (parks exist)")
    rnd = random.Random(scale.seed)
    counts: dict[str, int] = {}
    with transaction.atomic():
        counts.update(seed_organisations(scale, rnd))
        log(f"  organisations and users: {counts}")
        counts.update(seed_inventory(scale, rnd))
        log(f"  parks, buildings, units: {counts['units']} units")
        counts.update(seed_companies(scale, rnd))
        log(f"  companies: {counts['companies']}")
        counts.update(seed_leases(scale, rnd))
        log(f"  leases: {counts['leases']}")
        counts.update(seed_invoices(scale))
        log(f"  invoices: {counts['invoices']}")
        counts.update(seed_finance_requests(scale, rnd))
        log(f"  finance requests: {counts['finance_requests']}")
        reset_sequences()
        counts.update(seed_regions(scale))
        log(f"  regions: {counts['regions']}, agreements: {counts['agreements']}")
    with connection.cursor() as cursor:
        # VACUUM as autovacuum would on a live database: bulk-loaded rows have no
        # visibility map yet, so every aggregate would read the heap (and set
        # hint bits) on its first runs. Not possible inside a transaction.
        cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
    return counts
