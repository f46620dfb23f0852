"""Recompute every kept figure (a park's, a bank's) from its rows: after data
was loaded or corrected with SQL, which sends no signal that marks them stale.
With --stale, only those a change or the date made stale (the daily run)."""

from __future__ import annotations

from django.apps import apps
from django.core.management.base import BaseCommand

from core.figures import Figures


class Command(BaseCommand):
    help = "Recompute the kept figures (parks, invoices, banks) from their rows."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--stale",
            action="store_true",
            help="only the figures a change or the date made stale",
        )

    def handle(self, *args, **options) -> None:
        for model in apps.get_models():
            if issubclass(model, Figures):
                if not options["stale"]:
                    model.mark_stale()
                model.refresh()
                self.stdout.write(f"{model._meta.label}: {model.objects.count()}")
