"""Background work of the parks app (Django tasks)."""

from __future__ import annotations

from django.tasks import task

from parks.actions.leases import leases_expire


@task()
def leases_expire_task() -> dict:
    """The daily lease run, for a database-backed worker's schedule."""
    return leases_expire()
