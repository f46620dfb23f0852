"""Billing: invoices numbered per issuer and year (a park operator, or another
payee such as a service provider), payments, Stripe events, rent runs with their
progress, and the operator's billing settings."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.access import ScopedQuerySet, through
from core.choices import tones
from core.fields import MoneyField
from core.models import Stamped
from core.transitions import Transitions
from parks.models import Lease, Operator, OperatorRole, Park
from parks.models.org import park_role
from tenants.models import Company, member_role


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


# Who may handle an operator's money: its finance staff and its managers.
FINANCE_ROLES = (OperatorRole.FINANCE, OperatorRole.MANAGER)
# Higher apps whose organisations issue invoices (services' providers) say who
# belongs to an issuer by registering a function user -> Q over Issuer here.
IssuerMembers = Callable[[Any], Q]
_issuer_members: list[IssuerMembers] = []


def register_issuer_members(rule: IssuerMembers) -> None:
    if rule not in _issuer_members:
        _issuer_members.append(rule)


class IssuerQuerySet(models.QuerySet["Issuer"]):
    def of_member(self, user: Any) -> IssuerQuerySet:
        if not getattr(user, "is_authenticated", False) or not _issuer_members:
            return self.none()
        q = Q(pk__in=[])
        for rule in _issuer_members:
            q |= rule(user)
        return self.filter(pk__in=Issuer.objects.filter(q).values("pk"))


class Issuer(models.Model):
    """A payee that is not a park operator (a service provider): its own invoice
    numbers and bank details. The organisation it stands for lives in a higher
    app, which links to it; billing never imports that app."""

    name = models.CharField(_("name"), max_length=200)
    invoice_prefix = models.CharField(
        _("invoice number prefix"), max_length=8, unique=True
    )
    payment_terms_days = models.PositiveSmallIntegerField(
        _("payment terms (days)"), default=7
    )
    bank_account_name = models.CharField(_("account name"), max_length=200, blank=True)
    bank_name = models.CharField(_("bank"), max_length=200, blank=True)
    bank_account_number = models.CharField(
        _("account number"), max_length=40, blank=True
    )

    objects = IssuerQuerySet.as_manager()

    class Meta:
        verbose_name = _("invoice issuer")
        verbose_name_plural = _("invoice issuers")

    def __str__(self) -> str:
        return f"{self.name} ({self.invoice_prefix})"


class IssuerCounter(models.Model):
    """The last number an issuer used per year; locked like InvoiceCounter."""

    issuer = models.ForeignKey(Issuer, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year"], name="issuer_counter_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.issuer_id}/{self.year}: {self.last}"


class InvoiceKind(models.TextChoices):
    DEPOSIT = "deposit", _("Deposit")
    RENT = "rent", _("Rent")
    SERVICE = "service", _("Service")
    OTHER = "other", _("Other")
    # Money owed back to the tenant (negative total), e.g. rent already invoiced
    # for lease months that a termination took away.
    CREDIT = "credit", pgettext_lazy("invoice kind", "Credit note")


def _issuer_member(user: Any, model: type[models.Model]) -> Q | None:
    """Invoices payable to the user's issuers (a provider's staff); None for
    everyone else, so their lists keep to their own side's index."""
    ids = list(Issuer.objects.of_member(user).values_list("pk", flat=True))
    return Q(issuer__in=ids) if ids else None


class InvoiceQuerySet(ScopedQuerySet):
    """A tenant's companies' invoices; an operator's parks' invoices; a provider's
    own (issuer) invoices."""

    scopes = {
        "member": through("company", "memberships__user"),
        "operator": through("operator"),
        "issuer": _issuer_member,
    }

    def of_payee(self, user: Any) -> InvoiceQuerySet:
        """The invoices payable to the user's operator or issuer."""
        return self.scoped(user, "operator", "issuer")


class Invoice(Transitions, Stamped):
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

    # Who is paid: the park's operator, or another issuer (a service provider).
    operator = models.ForeignKey(
        Operator, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    issuer = models.ForeignKey(
        Issuer, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    park = models.ForeignKey(Park, on_delete=models.PROTECT, related_name="invoices")
    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="invoices"
    )
    number = models.CharField(_("number"), max_length=30, unique=True)
    year = models.PositiveSmallIntegerField()
    seq = models.PositiveIntegerField()
    kind = models.CharField(_("kind"), max_length=8, choices=InvoiceKind.choices)
    lines = models.JSONField(_("lines"), default=list)
    total = MoneyField(_("total (CNY)"), positive=None)
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

    objects = InvoiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-issue_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["operator", "year", "seq"], name="invoice_unique_seq"
            ),
            models.UniqueConstraint(
                fields=["issuer", "year", "seq"], name="invoice_unique_issuer_seq"
            ),
            models.CheckConstraint(
                condition=Q(operator__isnull=False, issuer__isnull=True)
                | Q(operator__isnull=True, issuer__isnull=False),
                name="invoice_one_payee",
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
            # Overdue lists read (operator, open) in due-date order off the index.
            models.Index(
                fields=["operator", "status", "due_date", "id"],
                name="invoice_operator_due",
            ),
            # The invoice lists' order within an operator.
            models.Index(
                fields=["operator", "-issue_date", "-id"],
                name="invoice_operator_recent",
            ),
            models.Index(
                fields=["company", "-issue_date", "-id"], name="invoice_company_recent"
            ),
            models.Index(fields=["company", "status"]),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("billing:invoice", args=[self.pk])

    def paid_amount(self) -> Decimal:
        """What was received and accepted on this invoice."""
        return self.payments.filter(status=Payment.Status.ACCEPTED).aggregate(
            s=models.Sum("amount")
        )["s"] or Decimal("0.00")

    def allowed_actions(self, actor: Any) -> set[str]:
        """What `actor` may do with this invoice now: the company's members pay
        what is owed online; the operator's finance staff and managers record a
        transfer, or void an invoice nobody has paid."""
        if self.status != self.Status.OPEN:
            return set()
        allowed = set()
        payable = self.kind != InvoiceKind.CREDIT and self.total > self.paid_amount()
        if payable and member_role(actor, self.company) is not None:
            allowed.add("pay")
        if self.handled_by(actor):
            if payable:
                allowed.add("record_transfer")
            if not self.payments.filter(status=Payment.Status.ACCEPTED).exists():
                allowed.add("void")
        return allowed

    def handled_by(self, actor: Any) -> bool:
        """The payee's people who handle its money: the operator's finance staff
        and managers, or any member of the issuer (a provider's staff)."""
        if self.operator_id is not None:
            return park_role(actor, self.operator_id) in FINANCE_ROLES
        return Issuer.objects.of_member(actor).filter(pk=self.issuer_id).exists()

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
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
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


def outstanding(invoice: Invoice) -> Decimal:
    """What is still owed on an invoice: its total less accepted payments."""
    paid = invoice.payments.filter(status=Payment.Status.ACCEPTED).aggregate(
        s=models.Sum("amount")
    )["s"] or Decimal("0")
    return invoice.total - paid
