"""Billing: invoices numbered per operator and year, payments, Stripe events,
rent runs with their progress, and the operator's billing settings."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.access import ScopedQuerySet, through
from core.choices import tones
from core.transitions import Transitions
from parks.models import Lease, Operator, Park
from tenants.models import Company


class BillingSettings(models.Model):
    """What an operator prints on its invoices and how tenants pay it by transfer."""

    operator = models.OneToOneField(
        Operator, on_delete=models.CASCADE, related_name="billing_settings"
    )
    invoice_prefix = models.CharField(
        _("invoice number prefix"),
        max_length=8,
        help_text=_("Letters before the year, e.g. FQ in FQ-2026-000123."),
    )
    payment_terms_days = models.PositiveSmallIntegerField(
        _("payment terms (days)"), default=10
    )
    bank_account_name = models.CharField(_("account name"), max_length=200, blank=True)
    bank_name = models.CharField(_("bank"), max_length=200, blank=True)
    bank_name_zh = models.CharField(_("bank (Chinese)"), max_length=200, blank=True)
    bank_account_number = models.CharField(
        _("account number"), max_length=40, blank=True
    )

    class Meta:
        verbose_name = _("billing settings")
        verbose_name_plural = _("billing settings")

    def __str__(self) -> str:
        return f"{self.operator} ({self.invoice_prefix})"


class InvoiceCounter(models.Model):
    """The last number issued per operator and year. Locked (SELECT … FOR UPDATE)
    by whoever numbers an invoice, so numbers have no gaps and no duplicates."""

    operator = models.ForeignKey(Operator, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["operator", "year"], name="invoice_counter_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.operator_id}/{self.year}: {self.last}"


class InvoiceKind(models.TextChoices):
    DEPOSIT = "deposit", _("Deposit")
    RENT = "rent", _("Rent")
    SERVICE = "service", _("Service")
    OTHER = "other", _("Other")
    # Money owed back to the tenant (negative total), e.g. rent already invoiced
    # for lease months that a termination took away.
    CREDIT = "credit", pgettext_lazy("invoice kind", "Credit note")


class InvoiceQuerySet(ScopedQuerySet):
    """A tenant's companies' invoices and an operator's parks' invoices."""

    scopes = {
        "member": through("company", "memberships__user"),
        "operator": through("operator"),
    }


class Invoice(Transitions, models.Model):
    """An issued invoice. Its lines and total never change after issue: a wrong
    invoice is voided and a corrected one issued in its place, both audited."""

    @tones(ok=["paid"], warn=["open"], neutral=["void"])
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        PAID = "paid", _("Paid")
        VOID = "void", pgettext_lazy("invoice status", "Void")

    TRANSITIONS = {
        Status.OPEN: {Status.PAID, Status.VOID},
        # A refund reopens a paid invoice.
        Status.PAID: {Status.OPEN},
    }

    operator = models.ForeignKey(Operator, on_delete=models.PROTECT, related_name="+")
    park = models.ForeignKey(Park, on_delete=models.PROTECT, related_name="invoices")
    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="invoices"
    )
    number = models.CharField(_("number"), max_length=30, unique=True)
    year = models.PositiveSmallIntegerField()
    seq = models.PositiveIntegerField()
    kind = models.CharField(_("kind"), max_length=8, choices=InvoiceKind.choices)
    lines = models.JSONField(_("lines"), default=list)
    total = models.DecimalField(_("total (CNY)"), max_digits=14, decimal_places=2)
    currency = models.CharField(max_length=3, default="CNY")
    issue_date = models.DateField(_("issued on"))
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=4, choices=Status.choices, default=Status.OPEN
    )
    lease = models.ForeignKey(
        Lease, null=True, blank=True, on_delete=models.PROTECT, related_name="invoices"
    )
    period_start = models.DateField(_("period"), null=True, blank=True)
    replaces = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )
    void_reason = models.TextField(_("reason for voiding"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = InvoiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-issue_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["operator", "year", "seq"], name="invoice_unique_seq"
            ),
            # No double invoice for one lease period (a void one may be reissued).
            models.UniqueConstraint(
                fields=["lease", "period_start", "kind"],
                condition=~Q(status="void"),
                name="invoice_unique_lease_period",
            ),
            models.CheckConstraint(
                condition=Q(total__gte=0) | Q(kind="credit"),
                name="invoice_total_not_negative",
            ),
        ]
        indexes = [
            models.Index(fields=["operator", "status", "due_date"]),
            models.Index(fields=["company", "status"]),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("billing:invoice", args=[self.pk])

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status == self.Status.OPEN and self.due_date < today

    @property
    def payment_reference(self) -> str:
        """What a tenant writes on a bank transfer so it can be matched."""
        return self.number


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
    amount = models.DecimalField(_("amount (CNY)"), max_digits=14, decimal_places=2)
    currency = models.CharField(max_length=3, default="CNY")
    paid_at = models.DateTimeField(_("paid at"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.ACCEPTED
    )
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    # The gateway's id of the money movement (a Stripe PaymentIntent): one row each.
    external_id = models.CharField(max_length=100, blank=True)
    flag_reason = models.CharField(_("flag reason"), max_length=200, blank=True)
    # The remittance slip a company uploads with "I have paid" (kept in its vault).
    slip = models.ForeignKey(
        "tenants.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("remittance slip"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
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


class CheckoutAttempt(models.Model):
    """One hosted-checkout session started for an invoice; its idempotency key
    makes a retried request to the gateway return the same session."""

    invoice = models.ForeignKey(
        Invoice, on_delete=models.CASCADE, related_name="checkout_attempts"
    )
    attempt = models.PositiveSmallIntegerField()
    idempotency_key = models.CharField(max_length=100, unique=True)
    session_id = models.CharField(max_length=200, blank=True, db_index=True)
    checkout_url = models.URLField(max_length=2000, blank=True)
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    status = models.CharField(max_length=12, default="open")  # open|complete|failed
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
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
        warn=["unmatched"],
        bad=["flagged"],
        neutral=["ignored", "unhandled"],
    )
    class Outcome(models.TextChoices):
        APPLIED = "applied", _("Applied")
        IGNORED = "ignored", _("Ignored")
        FLAGGED = "flagged", _("Flagged")
        UNMATCHED = "unmatched", _("Not matched to an invoice")
        UNHANDLED = "unhandled", _("Unknown event type")

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


class RentRun(models.Model):
    """One monthly rent run of an operator (or of all, from the command line)."""

    @tones(ok=["done"], info=["pending", "running"], bad=["failed"])
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to start")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

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
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
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


def outstanding(invoice: Invoice) -> Decimal:
    """What is still owed on an invoice: its total less accepted payments."""
    paid = invoice.payments.filter(status=Payment.Status.ACCEPTED).aggregate(
        s=models.Sum("amount")
    )["s"] or Decimal("0")
    return invoice.total - paid
