"""The monthly rent run with its progress, and bank-statement lines imported
for reconciliation."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from billing.models.payments import Payment
from core.choices import tones
from core.fields import MoneyField, actor_field
from core.transitions import Transitions
from parks.models import Operator


class RentRun(Transitions, models.Model):
    """One monthly rent run of an operator (or of all, from the command line).
    Its progress counters move by row updates while it runs; its status moves
    through the table, once each way, so one run is never executed twice."""

    @tones(ok=["done"], info=["pending", "running"], bad=["failed"])
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to start")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    TRANSITIONS = {
        Status.PENDING: {Status.RUNNING},
        Status.RUNNING: {Status.DONE, Status.FAILED},
    }

    operator = models.ForeignKey(
        Operator, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    period = models.DateField(_("period"))
    status = models.CharField(
        max_length=8, choices=Status.choices, default=Status.PENDING
    )
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    started_by = actor_field(null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("rent run")
        verbose_name_plural = _("rent runs")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.period:%Y-%m} ({self.status})"

    @property
    def percent(self) -> int:
        return 100 if not self.total else int(self.done * 100 / self.total)

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class StatementLine(models.Model):
    """A bank statement line the operator confirmed as paying an invoice. Its key
    (content and rank in the file) is unique per operator: importing the same
    statement again finds the line recorded and pays nothing twice."""

    operator = models.ForeignKey(
        Operator, on_delete=models.CASCADE, related_name="statement_lines"
    )
    key = models.CharField(max_length=64)
    booked_on = models.DateField(_("date"))
    amount = MoneyField(_("amount (CNY)"))
    reference = models.CharField(_("reference"), max_length=200, blank=True)
    payer = models.CharField(_("payer"), max_length=200, blank=True)
    payment = models.OneToOneField(
        Payment, on_delete=models.PROTECT, related_name="statement_line"
    )
    imported_by = actor_field(null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("bank statement line")
        verbose_name_plural = _("bank statement lines")
        constraints = [
            models.UniqueConstraint(
                fields=["operator", "key"], name="statement_line_unique_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.booked_on} {self.amount} {self.payer}"
