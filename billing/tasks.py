"""Background work of finance: the monthly rent run and off-session rent charges.

In development the immediate backend runs these inline; in production the
database backend (django_tasks_db) hands them to workers on any host.
"""

from __future__ import annotations

from django.tasks import task


@task
def rent_run_task(run_id: int) -> int:
    from billing.actions.rent_run import rent_run_execute
    from billing.models import RentRun

    run = rent_run_execute(RentRun.objects.get(pk=run_id))
    return run.created


@task
def autopay_charge_task(invoice_id: int) -> str:
    from billing.actions.online import autopay_charge

    attempt = autopay_charge(invoice_id=invoice_id)
    return attempt.session_id if attempt else ""
