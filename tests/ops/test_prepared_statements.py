"""On PostgreSQL a connection prepares the statements it runs again and again
(`PG_PREPARED_STATEMENTS`, on by default): parsed and planned once, then only
executed. Every other test of the suite runs with them too."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection

from parks.models import Park
from tests import factories

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        settings.DATABASES["default"].get("OPTIONS", {}).get("prepare_threshold")
        is None,
        reason="PG_PREPARED_STATEMENTS=0",
    ),
]


def _prepared() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return {row[0] for row in cursor.fetchall()}


def test_a_statement_run_five_times_is_prepared_once(db):
    park = factories.ParkFactory()
    before = _prepared()
    for length in range(6):
        # Each run with another value: one statement, its parameters apart.
        prefix = park.name[:length]
        assert Park.objects.filter(pk=park.pk, name__startswith=prefix).get() == park
    added = _prepared() - before
    assert len(added) == 1
    (statement,) = added
    assert '"parks_park"' in statement and "$1" in statement


def test_the_parameters_bind_on_the_server(db):
    assert connection.settings_dict["OPTIONS"]["server_side_binding"] is True
