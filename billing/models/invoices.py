"""Invoices: kinds, who sees them, and the invoice itself (lines and total
fixed at issue; a wrong one is voided and reissued)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from billing.models.issuers import FINANCE_ROLES, Issuer
from core.access import ScopedQuerySet, through
from core.choices import tones
from core.fields import MoneyField, NoteField
from core.models import Stamped
from core.routes import page_of
from core.transitions import Transitions
from parks.models import Lease, Operator, Park
from parks.models.org import park_role
from tenants.models import MANAGING_ROLES, Company, member_role


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
    void_reason = NoteField(_("reason for voiding"))

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
            # Overdue lists read (operator, open) in due-date order off the index;
            # with the park and total in it (trailing keys: SQLite has no
            # INCLUDE), the receivables' sums read no table rows at all.
            models.Index(
                fields=["operator", "status", "due_date", "id", "park", "total"],
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

    get_absolute_url = page_of("billing:invoice")

    def accepted_payments(self) -> models.QuerySet:
        from billing.models.payments import Payment  # payments refer to invoices

        return self.payments.filter(status=Payment.Status.ACCEPTED)

    def paid_amount(self) -> Decimal:
        """What was received and accepted on this invoice."""
        return self.accepted_payments().aggregate(s=models.Sum("amount"))[
            "s"
        ] or Decimal("0.00")

    def allowed_actions(self, actor: Any) -> set[str]:
        """What `actor` may do with this invoice now: the company's members pay
        what is owed online (when a gateway takes payments online), and its
        owner or admins tell an operator of a transfer; the operator's finance
        staff and managers record a transfer, or void an invoice nobody has paid."""
        # The gateways read the payment models: imported here, not at the top.
        from billing.gateways import online_gateway

        if self.status != self.Status.OPEN:
            return set()
        allowed = set()
        payable = self.kind != InvoiceKind.CREDIT and self.total > self.paid_amount()
        role = member_role(actor, self.company)
        if payable and role is not None and online_gateway() is not None:
            allowed.add("pay")
        # A notified transfer waits in the operator's reconciliation queue; a
        # provider records the transfers it receives itself.
        if payable and role in MANAGING_ROLES and self.operator_id is not None:
            allowed.add("notify_payment")
        if self.handled_by(actor):
            if payable:
                allowed.add("record_transfer")
            if not self.accepted_payments().exists():
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


def outstanding(invoice: Invoice) -> Decimal:
    """What is still owed on an invoice: its total less accepted payments."""
    return invoice.total - invoice.paid_amount()
