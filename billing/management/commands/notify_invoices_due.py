"""Daily: remind companies of invoices due in three days and of overdue ones."""

from django.core.management.base import BaseCommand

from billing.notices import invoices_notify_due


class Command(BaseCommand):
    help = "Notify companies of invoices due in 3 days and of overdue invoices."

    def handle(self, *args, **options) -> None:
        sent = invoices_notify_due()
        self.stdout.write(f"{sent} invoice reminders sent.")
