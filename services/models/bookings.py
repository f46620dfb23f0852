"""Bookings of an offering for a staff member's slot, with their quotes,
messages, shared documents and review. Each transition has its `can_<verb>`
guard here; actions enforce them and templates only ask them."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.choices import tone_of, tones
from core.fields import LimitedTextField, NoteField, actor_field
from core.models import Stamped
from core.routes import page_of
from core.transitions import Transitions
from parks.models import Park
from services.models.catalogue import Offering, Pricing, ProviderStaff
from tenants.models import Company, Document, can_manage_company, member_role


class BookingQuerySet(models.QuerySet["Booking"]):
    def visible_to(self, user: Any) -> BookingQuerySet:
        """The tenant's own, the provider's own, and those in an operator's parks."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(
            pk__in=Booking.objects.filter(
                Q(company__memberships__user=user)
                | Q(offering__provider__staff__user=user)
                | Q(park__operator__staff__user=user)
            ).values("pk")
        )

    def of_provider(self, user: Any) -> BookingQuerySet:
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(
            pk__in=Booking.objects.filter(offering__provider__staff__user=user).values(
                "pk"
            )
        )

    def holding(self) -> BookingQuerySet:
        return self.filter(status__in=Booking.HOLDING)


class Booking(Transitions, Stamped):
    @tones(
        ok=["confirmed", "completed", "reviewed"],
        info=["requested", "in_progress"],
        bad=["declined"],
        neutral=["cancelled"],
    )
    class Status(models.TextChoices):
        REQUESTED = "requested", pgettext_lazy("booking status", "Requested")
        CONFIRMED = "confirmed", pgettext_lazy("booking status", "Confirmed")
        DECLINED = "declined", pgettext_lazy("booking status", "Declined")
        IN_PROGRESS = "in_progress", pgettext_lazy("booking status", "In progress")
        COMPLETED = "completed", pgettext_lazy("booking status", "Completed")
        REVIEWED = "reviewed", pgettext_lazy("booking status", "Reviewed")
        CANCELLED = "cancelled", pgettext_lazy("booking status", "Cancelled")

    TRANSITIONS = {
        Status.REQUESTED: {Status.CONFIRMED, Status.DECLINED, Status.CANCELLED},
        Status.CONFIRMED: {Status.IN_PROGRESS, Status.CANCELLED},
        Status.IN_PROGRESS: {Status.COMPLETED},
        Status.COMPLETED: {Status.REVIEWED},
    }
    # A booking in one of these holds its staff member's time range; the
    # database refuses two that overlap (exclusion constraint, migration 0003).
    HOLDING = (
        Status.REQUESTED,
        Status.CONFIRMED,
        Status.IN_PROGRESS,
        Status.COMPLETED,
        Status.REVIEWED,
    )
    CANCELLABLE = (Status.REQUESTED, Status.CONFIRMED)

    offering = models.ForeignKey(
        Offering, on_delete=models.PROTECT, related_name="bookings"
    )
    staff = models.ForeignKey(
        ProviderStaff, on_delete=models.PROTECT, related_name="bookings"
    )
    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="service_bookings"
    )
    park = models.ForeignKey(Park, on_delete=models.PROTECT, related_name="+")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.REQUESTED
    )
    notes = NoteField(_("notes"))
    price = models.DecimalField(
        _("price (CNY)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    cancellation_fee = models.DecimalField(
        _("cancellation fee (CNY)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    invoice = models.ForeignKey(
        "billing.Invoice",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    fee_invoice = models.ForeignKey(
        "billing.Invoice",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cancellation fee invoice"),
    )
    refunded_at = models.DateTimeField(_("refunded at"), null=True, blank=True)
    created_by = actor_field()

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["-starts_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="booking_ends_after_start",
            )
        ]
        indexes = [models.Index(fields=["staff", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.offering} · {self.company} ({self.starts_at:%Y-%m-%d %H:%M})"

    get_absolute_url = page_of("services:booking")

    @property
    def tone(self) -> str:
        return tone_of(self)

    @property
    def provider(self):
        return self.offering.provider

    # --- who is asking ---------------------------------------------------------

    def is_provider_side(self, actor: Any) -> bool:
        return self.offering.provider.is_staff_member(actor)

    def is_tenant_side(self, actor: Any) -> bool:
        return can_manage_company(actor, self.company)

    def is_party(self, actor: Any) -> bool:
        return self.is_provider_side(actor) or (
            member_role(actor, self.company) is not None
        )

    # --- guards ------------------------------------------------------------------

    def is_part_paid(self) -> bool:
        """Its invoice is still open but has received money: cancelling would
        have to withdraw it, which billing refuses once money came in, and only
        a paid invoice is refunded."""
        invoice = self.invoice
        return (
            invoice is not None
            and invoice.status == invoice.Status.OPEN
            and invoice.accepted_payments().exists()
        )

    def can_confirm(self, actor: Any) -> bool:
        return self.can_transition(self.Status.CONFIRMED) and self.is_provider_side(
            actor
        )

    def can_decline(self, actor: Any) -> bool:
        return self.can_transition(self.Status.DECLINED) and self.is_provider_side(
            actor
        )

    def can_start(self, actor: Any) -> bool:
        return (
            self.can_transition(self.Status.IN_PROGRESS)
            and self.price is not None
            and self.is_provider_side(actor)
        )

    def can_complete(self, actor: Any) -> bool:
        return self.can_transition(self.Status.COMPLETED) and self.is_provider_side(
            actor
        )

    def can_cancel(self, actor: Any) -> bool:
        return (
            self.can_transition(self.Status.CANCELLED)
            and not self.is_part_paid()
            and self.is_tenant_side(actor)
        )

    def can_review(self, actor: Any) -> bool:
        return self.can_transition(self.Status.REVIEWED) and self.is_tenant_side(actor)

    def can_quote(self, actor: Any) -> bool:
        return (
            self.offering.pricing == Pricing.QUOTE
            and self.price is None
            and self.status in self.CANCELLABLE
            and self.is_provider_side(actor)
        )

    def can_message(self, actor: Any) -> bool:
        return self.is_party(actor)

    def can_share_document(self, actor: Any) -> bool:
        return self.is_tenant_side(actor) and self.status not in (
            self.Status.DECLINED,
            self.Status.CANCELLED,
        )

    def allowed_actions(self, actor: Any) -> set[str]:
        verbs = ("confirm", "decline", "start", "complete", "cancel", "review", "quote")
        return {v for v in verbs if getattr(self, f"can_{v}")(actor)}

    # --- the cancellation policy ---------------------------------------------------

    def free_cancel_until(self):
        return self.starts_at - timedelta(hours=self.offering.free_cancel_hours)


class OfBookingQuerySet(models.QuerySet):
    """Rows that belong to one booking (its quotes, review, permit case): who
    sees the booking sees them."""

    def visible_to(self, user: Any) -> OfBookingQuerySet:
        return self.filter(booking__in=Booking.objects.visible_to(user))


class Quote(Transitions, Stamped):
    @tones(ok=["accepted"], info=["sent"], neutral=["withdrawn"])
    class Status(models.TextChoices):
        SENT = "sent", pgettext_lazy("quote status", "Sent")
        ACCEPTED = "accepted", pgettext_lazy("quote status", "Accepted")
        WITHDRAWN = "withdrawn", pgettext_lazy("quote status", "Withdrawn")

    TRANSITIONS = {Status.SENT: {Status.ACCEPTED, Status.WITHDRAWN}}

    booking = models.ForeignKey(
        Booking, on_delete=models.CASCADE, related_name="quotes"
    )
    amount = models.DecimalField(
        _("amount (CNY)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    scope = LimitedTextField(_("scope"), max_length=4000)
    valid_until = models.DateField(_("valid until"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SENT
    )
    created_by = actor_field()

    objects = OfBookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.booking_id}: {self.amount}"

    @property
    def is_expired(self) -> bool:
        return self.valid_until < timezone.localdate()

    def can_accept(self, actor: Any) -> bool:
        return (
            self.can_transition(self.Status.ACCEPTED)
            and not self.is_expired
            and self.booking.status in Booking.CANCELLABLE
            and self.booking.is_tenant_side(actor)
        )


class Review(models.Model):
    booking = models.OneToOneField(
        Booking, on_delete=models.CASCADE, related_name="review"
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = LimitedTextField(_("comment"), max_length=4000, blank=True)
    reply = LimitedTextField(_("provider's answer"), max_length=4000, blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = OfBookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="review_rating_1_5"
            )
        ]

    def __str__(self) -> str:
        return f"{self.rating}★ {self.booking_id}"

    def can_reply(self, actor: Any) -> bool:
        return self.replied_at is None and self.booking.is_provider_side(actor)


class DocumentShare(models.Model):
    """The tenant's explicit consent: one vault document shown to the provider
    of one booking."""

    booking = models.ForeignKey(
        Booking, on_delete=models.CASCADE, related_name="shares"
    )
    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="service_shares"
    )
    shared_by = actor_field()
    shared_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("shared document")
        verbose_name_plural = _("shared documents")
        constraints = [
            models.UniqueConstraint(
                fields=["booking", "document"], name="document_share_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.document} → {self.booking_id}"


def shared_with_provider(user: Any) -> Q:
    """Vault documents shared with the user's provider: registered with tenants."""
    return Q(service_shares__booking__offering__provider__staff__user=user)


class BookingMessage(models.Model):
    booking = models.ForeignKey(
        Booking, on_delete=models.CASCADE, related_name="messages"
    )
    author = actor_field()
    body = LimitedTextField(_("message"), max_length=4000)
    document = models.ForeignKey(
        Document,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("attachment"),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.body[:40]
