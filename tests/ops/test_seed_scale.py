"""`seed_scale` at a tiny size: the COPY writers fill every table the benchmark
reads, in the proportions asked for, deterministically."""

from __future__ import annotations

from datetime import date

import pytest

from billing.models import Invoice
from config.scale import Scale, actors, seed
from core.models import User
from finance.models import FinanceRequest
from governance.models import EnclaveAgreement, Region
from parks.models import Lease, Park, Unit
from tenants.models import Company

pytestmark = pytest.mark.postgres


def test_a_tiny_portfolio_is_seeded_in_proportion(db):
    scale = Scale(parks=3, units=90, companies=20, leases=40, today=date(2026, 11, 28))
    counts = seed(scale, log=lambda *_: None)
    assert Park.objects.count() == 3
    assert Unit.objects.count() == counts["units"] == 90
    assert Company.objects.count() == 20
    assert Lease.objects.count() == counts["leases"] == 40
    assert Invoice.objects.count() == counts["invoices"] > 0
    assert FinanceRequest.objects.count() == counts["finance_requests"] > 0
    who = actors()
    emails = [who.operator, who.bank, who.tenant, who.observer]
    assert User.objects.filter(email__in=emails).count() == 4
    # Every park is under an agreement; the observer watches the first host.
    assert EnclaveAgreement.objects.count() == counts["agreements"] == 3
    assert (
        Region.objects.observed_by(User.objects.get(email=who.observer)).get().pk == 1
    )
    # Ids continue after the copied rows (the sequences were reset).
    assert (
        Park.objects.create(operator=Park.objects.first().operator, name="One more").pk
        == 4
    )


def test_every_benchmarked_page_answers_and_its_floor_runs(db):
    """bench/endpoints.py on a tiny portfolio: each page answers its actor with
    200 and each floor's statements run, so `make bench` measures pages, not
    error pages."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    try:
        from endpoints import ENDPOINTS, run_floor, signed_in_clients
    finally:
        sys.path.pop(0)
    seed(Scale(parks=3, units=90, companies=20, leases=40), log=lambda *_: None)
    clients, params = signed_in_clients()
    assert params["offer"]  # the finance schedule's
    for endpoint in ENDPOINTS:
        path = endpoint.path.format(**params)
        assert clients[endpoint.actor].get(path).status_code == 200, endpoint.name
        run_floor(endpoint.floor_sql.format(**params))
