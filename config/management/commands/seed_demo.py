"""Load the demo data: the same on every machine, safe to run again."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from billing.demo import seed_billing
from core.demo import DEMO_PASSWORD, DEMO_USERS, seed_users
from finance.demo import seed_banks, seed_lending
from parks.demo import seed_admissions, seed_operators, seed_parks
from parks.demo_leasing import seed_leasing
from services.demo import seed_providers
from tenants.demo import seed_companies


class Command(BaseCommand):
    help = "Create or refresh the demo accounts and their organisations."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--force", action="store_true", help="Run even when DEBUG is off."
        )

    def handle(self, *args, force: bool = False, **options) -> None:
        if not settings.DEBUG and not force:
            raise CommandError("seed_demo refuses to run with DEBUG off; pass --force.")
        with transaction.atomic():
            users = seed_users()
            seed_companies(users)
            seed_operators(users)
            seed_parks(users)
            seed_admissions(users)
            seed_leasing(users)
            seed_banks(users)
            seed_lending(users)
            seed_billing(users)
            seed_providers(users)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data loaded. Accounts (password {DEMO_PASSWORD}):"
            )
        )
        for email, (_name, purpose) in DEMO_USERS.items():
            self.stdout.write(f"  {email:<24} {purpose}")
