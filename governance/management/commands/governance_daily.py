"""Daily: commitments due, overdue concerns escalated, report reminders sent."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from governance.actions.daily import governance_daily


class Command(BaseCommand):
    help = "Move commitments to due, escalate overdue concerns, remind reporters."

    def handle(self, *args, **options) -> None:
        counts = governance_daily()
        self.stdout.write(
            "due={due} escalated={escalated} reminded={reminded}".format(**counts)
        )
