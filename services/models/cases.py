"""Permit-agency cases: one per booking of a permit-agency offering, with the
steps of its permit type, each owned, documented and on a working-day clock."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.bilingual import chinese_active
from core.choices import tone_of, tones
from core.fields import NoteField
from core.routes import page_of
from core.transitions import Transitions
from services.models.bookings import Booking, OfBookingQuerySet
from services.permits import PermitType, StepOwner
from tenants.models import Document

__all__ = ["Case", "CaseStep", "PermitType"]


class Case(Transitions, models.Model):
    @tones(info=["open"], ok=["closed"])
    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("case status", "Open")
        CLOSED = "closed", pgettext_lazy("case status", "Closed")

    # Closed when its last step is done, or when its booking ends unserved.
    TRANSITIONS = {Status.OPEN: {Status.CLOSED}}

    booking = models.OneToOneField(
        Booking, on_delete=models.CASCADE, related_name="case"
    )
    permit_type = models.CharField(
        _("permit type"), max_length=32, choices=PermitType.choices
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
    opened_on = models.DateField(_("opened on"), default=timezone.localdate)

    objects = OfBookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("permit case")
        verbose_name_plural = _("permit cases")
        ordering = ["-opened_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_permit_type_display()} · {self.booking.company}"

    get_absolute_url = page_of("services:case")


class CaseStepQuerySet(models.QuerySet["CaseStep"]):
    def overdue(self, today=None) -> CaseStepQuerySet:
        today = today or timezone.localdate()
        return self.exclude(status=CaseStep.Status.DONE).filter(
            due_on__lt=today, case__status=Case.Status.OPEN
        )


class CaseStep(Transitions, models.Model):
    @tones(neutral=["pending"], warn=["in_progress"], ok=["done"])
    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("step status", "Pending")
        IN_PROGRESS = "in_progress", pgettext_lazy("step status", "In progress")
        DONE = "done", pgettext_lazy("step status", "Done")

    TRANSITIONS = {
        Status.PENDING: {Status.IN_PROGRESS, Status.DONE},
        Status.IN_PROGRESS: {Status.DONE},
    }

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField()
    key = models.CharField(max_length=32)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    owner = models.CharField(_("owner"), max_length=10, choices=StepOwner.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    sla_days = models.PositiveSmallIntegerField(_("SLA (working days)"))
    due_on = models.DateField(_("due on"))
    note = NoteField(_("note"))
    documents = models.ManyToManyField(Document, blank=True, related_name="+")
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    objects = CaseStepQuerySet.as_manager()

    class Meta:
        verbose_name = _("case step")
        verbose_name_plural = _("case steps")
        ordering = ["case_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["case", "key"], name="case_step_key_once")
        ]

    def __str__(self) -> str:
        return self.title_en

    @property
    def title(self) -> str:
        return self.title_zh if chinese_active() else self.title_en

    @property
    def tone(self) -> str:
        return "bad" if self.is_overdue else tone_of(self)

    @property
    def is_overdue(self) -> bool:
        return (
            self.status != self.Status.DONE
            and self.case.status == Case.Status.OPEN
            and self.due_on < timezone.localdate()
        )

    def can_update(self, actor: Any) -> bool:
        """The tenant works its own steps; the provider its own and records the
        authority's progress. Operators only read."""
        if self.status == self.Status.DONE or self.case.status != Case.Status.OPEN:
            return False
        booking = self.case.booking
        if self.owner == StepOwner.TENANT:
            return booking.is_tenant_side(actor)
        return booking.is_provider_side(actor)

    def can_attach(self, actor: Any) -> bool:
        """Attaching shares the document with the provider: only while the
        booking itself may share documents (not once declined or cancelled)."""
        return self.can_update(actor) and self.case.booking.can_share_document(actor)
