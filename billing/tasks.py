"""Background work of billing: the monthly rent run and off-session rent charges.

In development the immediate backend runs these inline; in production the
database backend (django_tasks_db) hands them to workers on any host. The
actions announce the work through billing.hooks; BillingConfig.ready connects
the hooks to these tasks.
"""

from __future__ import annotations

from django.tasks import task

from billing.actions.online import autopay_charge
from billing.actions.rent_run import rent_run_execute
from billing.models import RentRun


@task
def rent_run_task(run_id: int) -> int:
    run = rent_run_execute(RentRun.objects.get(pk=run_id))
    return run.created


@task
def autopay_charge_task(invoice_id: int) -> str:
    attempt = autopay_charge(invoice_id=invoice_id)
    return attempt.session_id if attempt else ""


def enqueue_rent_run(*, run_id: int) -> None:
    rent_run_task.enqueue(run_id=run_id)


def enqueue_autopay(*, invoice_id: int) -> None:
    autopay_charge_task.enqueue(invoice_id=invoice_id)
