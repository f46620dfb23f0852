"""Background work of governance: notification emails and the daily run."""

from __future__ import annotations

from django.core.mail import send_mail
from django.tasks import task


@task()
def send_notice_task(subject: str, body: str, recipients: list[str]) -> int:
    return send_mail(subject, body, None, recipients)


@task()
def governance_daily_task() -> dict:
    """The daily run (commitments due, concerns escalated, report reminders)."""
    from governance.actions.daily import governance_daily

    return governance_daily()
