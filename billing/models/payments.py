"""Money received: payments by any method, online checkout attempts, saved
cards for rent (auto-pay), and Stripe's events and refunds as received."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from billing.models.invoices import Invoice
from core.choices import tones
from core.fields import MoneyField, actor_field
from core.transitions import Transitions
from tenants.models import Company


class PaymentMethod(models.TextChoices):
    STRIPE = "stripe", _("Card (Stripe)")
    BANK_TRANSFER = "bank_transfer", _("Bank transfer")


class Payment(Transitions, models.Model):
    """Money received against an invoice. Only accepted payments count toward
    paying it; a flagged one (wrong amount or currency) waits for review, which
    accepts it or rejects it (the money is then refunded outside the platform)."""

    @tones(ok=["accepted"], bad=["flagged", "rejected"], neutral=["refunded"])
    class Status(models.TextChoices):
        ACCEPTED = "accepted", pgettext_lazy("payment status", "Accepted")
        FLAGGED = "flagged", _("Flagged for review")
        REFUNDED = "refunded", _("Refunded")
        REJECTED = "rejected", _("Rejected")

    # The moves a person makes (payment_review). The Stripe webhook also moves
    # payments to refunded or flagged as the gateway reports them.
    TRANSITIONS = {
        Status.FLAGGED: {Status.ACCEPTED, Status.REJECTED},
    }

    invoice = models.ForeignKey(
        Invoice, on_delete=models.PROTECT, related_name="payments"
    )
    method = models.CharField(_("method"), max_length=16, choices=PaymentMethod.choices)
    amount = MoneyField(_("amount (CNY)"))
    currency = models.CharField(max_length=3, default="CNY")
    paid_at = models.DateTimeField(_("paid at"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.ACCEPTED
    )
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    # The gateway's id of the money movement (a Stripe PaymentIntent): one row each.
    external_id = models.CharField(max_length=100, blank=True)
    flag_reason = models.CharField(_("flag reason"), max_length=200, blank=True)
    # What the gateway charged, before refunds; `amount` is what is kept.
    gross_amount = models.DecimalField(
        _("amount charged"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    # The remittance slip a company uploads with "I have paid" (kept in its vault).
    slip = models.ForeignKey(
        "tenants.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("remittance slip"),
    )
    recorded_by = actor_field(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["paid_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["method", "external_id"],
                condition=~Q(external_id=""),
                name="payment_unique_external_id",
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="payment_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_method_display()} {self.amount} → {self.invoice}"


class CheckoutAttempt(Transitions, models.Model):
    """One hosted-checkout session started for an invoice; its idempotency key
    makes a retried request to the gateway return the same session."""

    @tones(ok=["complete"], bad=["failed"], info=["open"])
    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("checkout status", "Open")
        COMPLETE = "complete", pgettext_lazy("checkout status", "Completed")
        FAILED = "failed", pgettext_lazy("checkout status", "Failed")

    # A failure never undoes a completed payment, whatever order events arrive in;
    # a failed card may still succeed on a retry of the same session.
    TRANSITIONS = {
        Status.OPEN: {Status.COMPLETE, Status.FAILED},
        Status.FAILED: {Status.COMPLETE},
    }

    invoice = models.ForeignKey(
        Invoice, on_delete=models.CASCADE, related_name="checkout_attempts"
    )
    attempt = models.PositiveSmallIntegerField()
    idempotency_key = models.CharField(max_length=100, unique=True)
    session_id = models.CharField(max_length=200, blank=True, db_index=True)
    checkout_url = models.URLField(max_length=2000, blank=True)
    amount = MoneyField()
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.OPEN
    )
    created_by = actor_field(null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["invoice", "attempt"], name="checkout_attempt_unique"
            )
        ]

    def __str__(self) -> str:
        return self.idempotency_key


class AutoPay(models.Model):
    """A company's saved card for rent, charged off-session by the rent run."""

    company = models.OneToOneField(
        Company, on_delete=models.CASCADE, related_name="autopay"
    )
    customer_id = models.CharField(max_length=100)
    payment_method_id = models.CharField(max_length=100, blank=True)
    card_brand = models.CharField(max_length=20, blank=True)
    card_last4 = models.CharField(max_length=4, blank=True)
    enabled = models.BooleanField(_("pay rent automatically"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("automatic payment")
        verbose_name_plural = _("automatic payments")

    def __str__(self) -> str:
        return f"{self.company} · {self.card_brand} {self.card_last4}"


class StripeEvent(models.Model):
    """Each webhook event once (unique id), so a replay is applied once."""

    @tones(
        ok=["applied"],
        warn=["unmatched", "parked"],
        bad=["flagged", "rejected"],
        neutral=["ignored", "unhandled"],
    )
    class Outcome(models.TextChoices):
        APPLIED = "applied", _("Applied")
        IGNORED = "ignored", _("Ignored")
        FLAGGED = "flagged", _("Flagged")
        UNMATCHED = "unmatched", _("Not matched to an invoice")
        UNHANDLED = "unhandled", _("Unknown event type")
        PARKED = "parked", _("Waiting for its payment")
        REJECTED = "rejected", _("Rejected as malformed")

    event_id = models.CharField(max_length=100, unique=True)
    type = models.CharField(max_length=100)
    created = models.DateTimeField(null=True)
    payload = models.JSONField()
    invoice = models.ForeignKey(
        Invoice, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    note = models.CharField(max_length=300, blank=True)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Stripe event")
        verbose_name_plural = _("Stripe events")
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.event_id} {self.type}"


class StripeRefund(models.Model):
    """One refund Stripe reports, once by its id, so any delivery order of refund
    events gives the same ledger. Without refund ids in an event, the charge's
    cumulative `amount_refunded` is kept as one row per charge (the largest seen).
    A refund whose payment has not arrived yet waits with `payment` empty and is
    matched by its PaymentIntent when the payment comes."""

    refund_id = models.CharField(max_length=120, unique=True)
    payment_intent = models.CharField(max_length=100, blank=True, db_index=True)
    charge_id = models.CharField(max_length=100, blank=True)
    payment = models.ForeignKey(
        Payment, null=True, blank=True, on_delete=models.PROTECT, related_name="refunds"
    )
    amount = models.DecimalField(_("amount refunded"), max_digits=14, decimal_places=2)
    cumulative = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Stripe refund")
        verbose_name_plural = _("Stripe refunds")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="stripe_refund_amount_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.refund_id} {self.amount}"
