"""Kept figures under concurrency, on PostgreSQL: a change committed by another
transaction while a refresh counts is never lost behind a "fresh" row."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction

from parks.models import ParkFigures
from tests import factories

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_a_change_held_open_during_a_refresh_leaves_the_row_stale(monkeypatch):
    unit = factories.UnitFactory()
    park = unit.park
    factories.UnitFactory(park=park, building=unit.building)  # stale: 2 units
    written, release = threading.Event(), threading.Event()

    def writer():
        try:
            with transaction.atomic():
                # Marks the figures stale and holds the row until released.
                factories.UnitFactory(park=park, building=unit.building)
                written.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=writer)
    thread.start()
    assert written.wait(10)
    compute = ParkFigures.compute

    def compute_then_let_the_writer_commit(keys):
        figures = compute(keys)  # counts 2 units: the third is not committed
        release.set()  # the refresh's write waits for the writer's commit
        return figures

    monkeypatch.setattr(ParkFigures, "compute", compute_then_let_the_writer_commit)
    ParkFigures.refresh()
    thread.join(10)
    row = ParkFigures.objects.get(park=park)
    # The refresh wrote nothing: its counts were older than the version.
    assert (row.units_total, row.computed < row.version) == (0, True)
    monkeypatch.undo()
    ParkFigures.refresh()
    assert ParkFigures.objects.get(park=park).units_total == 3
