"""Daily: close leases past their end and start renewals (cron or a scheduler)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from parks.actions.leases import leases_expire


class Command(BaseCommand):
    help = "Expire or terminate leases past their end date; start due renewals."

    def handle(self, *args, **options) -> None:
        counts = leases_expire()
        self.stdout.write(
            "expired={expired} terminated={terminated} "
            "renewals_started={renewals_started}".format(**counts)
        )
