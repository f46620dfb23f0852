"""No 5xx from any input and responses that match the OpenAPI document, for every
operation as each party of the platform (anonymous included)."""

from __future__ import annotations

import pytest
from django.core import signals
from django.db import close_old_connections

from tests.hardening.schemathesis_run import CHECKS, fuzz_settings, load_schema

schema = load_schema()
# Each operation must send at least this many cases, so the run as a whole sends
# at least MIN_CASES (checked below against the number of operations).
MIN_CASES = 2_000
OPERATIONS = sum(1 for _ in schema.get_all_operations())
PER_OPERATION = -(-MIN_CASES // OPERATIONS)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Django's test client keeps the connection (and the test's transaction) open
    across requests; the bare WSGI handler would close it after each one."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def party_headers(parties) -> list[dict[str, str]]:
    return [{}] + [
        {"Authorization": f"Bearer {token}"} for token in parties.tokens.values()
    ]


@pytest.fixture
def sent():
    counter = {"cases": 0}
    yield counter
    assert counter["cases"] >= PER_OPERATION, counter


@schema.parametrize()
@fuzz_settings
def test_every_operation_for_every_party(case, party_headers, sent):
    for headers in party_headers:
        case.call_and_validate(headers=headers, checks=CHECKS)
        sent["cases"] += 1


def test_the_run_covers_every_operation_and_enough_cases():
    assert OPERATIONS >= 70
    assert OPERATIONS * PER_OPERATION >= MIN_CASES
