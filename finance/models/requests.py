"""Lending: finance requests routed to banks, consent, offers; what banks may read."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.access import ScopedQuerySet, through
from core.choices import tones
from core.errors import (
    Conflict,
    DomainError,
    IllegalTransition,
    NotAllowed,
    NotFound,
)
from core.fields import LimitedTextField, MoneyField, NoteField, actor_field
from core.limits import money_validators, range_validators
from core.models import Stamped
from core.routes import page_of
from core.transitions import Transitions
from finance.models.banks import Bank, BankRole
from finance.models.products import Product, ProductKind, RepaymentMethod
from tenants.models import Company, Document, MemberRole, member_role

# --- requests ------------------------------------------------------------------


def _routed_to_users_bank(user: Any, model: type[models.Model]) -> Q:
    """Requests routed to the user's bank(s), never drafts."""
    routes = RequestRoute.objects.filter(
        bank__in=Bank.objects.filter(staff__user=user).values("pk")
    )
    return Q(pk__in=routes.values("request_id")) & ~Q(status="draft")


# Loans run at most 30 years; rates above 36% a year are not lent at (the
# judicial cap on private lending, generously).
MAX_TERM_MONTHS = 360
MAX_ANNUAL_RATE = Decimal("36")


def loan_to_value(amount: Decimal, price: Decimal, *, exact: bool = False) -> Decimal:
    """The loan as a percentage of the property's price: to the hundredth for
    showing, `exact` for comparing with a bank's cap."""
    ratio = Decimal(amount) / Decimal(price) * 100
    return ratio if exact else ratio.quantize(Decimal("0.01"))


class FinanceRequestQuerySet(ScopedQuerySet):
    scopes = {
        "member": through("company", "memberships__user"),
        "bank": _routed_to_users_bank,
    }

    def of_bank(self, user: Any, bank: Bank | None = None) -> FinanceRequestQuerySet:
        """Requests routed to the user's bank(s) — or to one of them — never drafts."""
        requests = self.scoped(user, "bank")
        if bank is not None:
            requests = requests.filter(routes__bank=bank)
        return requests


class FinanceRequest(Transitions, Stamped):
    @tones(
        ok=["offers_received", "accepted"],
        warn=["submitted", "under_review"],
        bad=["closed", "withdrawn"],
        neutral=["draft"],
    )
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        UNDER_REVIEW = "under_review", _("Under review")
        OFFERS_RECEIVED = "offers_received", _("Offers received")
        ACCEPTED = "accepted", pgettext_lazy("finance request status", "Accepted")
        CLOSED = "closed", _("Closed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    OPEN = (Status.SUBMITTED, Status.UNDER_REVIEW, Status.OFFERS_RECEIVED)
    TRANSITIONS = {
        Status.DRAFT: {Status.SUBMITTED, Status.WITHDRAWN},
        Status.SUBMITTED: {
            Status.UNDER_REVIEW,
            Status.OFFERS_RECEIVED,
            Status.CLOSED,
            Status.WITHDRAWN,
        },
        Status.UNDER_REVIEW: {Status.OFFERS_RECEIVED, Status.CLOSED, Status.WITHDRAWN},
        Status.OFFERS_RECEIVED: {
            Status.ACCEPTED,
            Status.UNDER_REVIEW,  # the only issued offer was withdrawn
            Status.CLOSED,
            Status.WITHDRAWN,
        },
    }

    company = models.ForeignKey(
        Company,
        on_delete=models.PROTECT,
        related_name="finance_requests",
        verbose_name=_("company"),
    )
    kind = models.CharField(_("kind"), max_length=24, choices=ProductKind.choices)
    amount = MoneyField(_("amount (CNY)"))
    term_months = models.PositiveSmallIntegerField(
        _("term (months)"), validators=range_validators(1, MAX_TERM_MONTHS)
    )
    purpose = LimitedTextField(_("purpose"), max_length=2000)
    sale = models.ForeignKey(
        "parks.Sale",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="finance_requests",
        verbose_name=_("unit purchase financed"),
    )
    # Snapshots of the purchase at drafting time, so the LTV shown stays the one
    # the banks were asked about.
    purchase_price = MoneyField(_("purchase price (CNY)"), null=True, blank=True)
    down_payment = MoneyField(
        _("down payment (CNY)"), null=True, blank=True, positive=False
    )
    banks = models.ManyToManyField(
        Bank, through="RequestRoute", related_name="finance_requests"
    )
    shared_documents = models.ManyToManyField(
        Document,
        blank=True,
        related_name="finance_requests",
        verbose_name=_("documents shared with the banks"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    created_by = actor_field()
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    objects = FinanceRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("finance request")
        verbose_name_plural = _("finance requests")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="request_amount_pos")
        ]
        indexes = [
            models.Index(fields=["status", "submitted_at"]),
            # The request lists' order: a page is read off the index.
            models.Index(fields=["-created_at", "-id"], name="finance_request_recent"),
            # The bank inbox's order (newest submitted first), joined from routes.
            models.Index(fields=["-submitted_at"], name="finance_request_submitted"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.company} {self.get_kind_display()} {self.amount}"

    get_absolute_url = page_of("finance:request")

    @property
    def ltv_percent(self) -> Decimal | None:
        if not self.purchase_price:
            return None
        return loan_to_value(self.amount, self.purchase_price)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    def can_draft_offer(self, bank_id: int) -> bool:
        """A bank drafts one offer at a time: not while one waits for its checker
        or was returned to its maker (that one is revised instead)."""
        return (
            self.is_open
            and not self.offers.filter(
                bank_id=bank_id,
                status__in=("pending_approval", "returned"),
            ).exists()
        )

    def can_withdraw(self) -> bool:
        return self.can_transition(self.Status.WITHDRAWN)


class RequestRoute(Transitions, models.Model):
    """One request as one bank sees it: makes each bank's share explicit."""

    @tones(ok=["offered", "won"], warn=["new", "seen"], bad=["declined", "closed"])
    class Status(models.TextChoices):
        NEW = "new", _("New")
        SEEN = "seen", _("Seen")
        OFFERED = "offered", _("Offer issued")
        DECLINED = "declined", _("Declined")
        WON = "won", pgettext_lazy("bank route status", "Accepted")
        CLOSED = "closed", _("Closed")

    ENDED = (Status.DECLINED, Status.WON, Status.CLOSED)
    # The bank has answered: no review clock runs.
    ANSWERED = (*ENDED, Status.OFFERED)
    TRANSITIONS = {
        Status.NEW: {Status.SEEN, *ENDED},
        Status.SEEN: {Status.OFFERED, *ENDED},
        # An offer withdrawn leaves the bank having seen the request.
        Status.OFFERED: {Status.SEEN, *ENDED},
    }

    request = models.ForeignKey(
        FinanceRequest, on_delete=models.CASCADE, related_name="routes"
    )
    bank = models.ForeignKey(Bank, on_delete=models.PROTECT, related_name="routes")
    product = models.ForeignKey(
        Product, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    seen_at = models.DateTimeField(_("first opened"), null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = NoteField(_("reason for declining"))

    class Meta:
        verbose_name = _("request routing")
        verbose_name_plural = _("request routings")
        ordering = ["bank__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "bank"], name="route_unique_bank"
            )
        ]

    def __str__(self) -> str:
        return f"{self.request_id} → {self.bank}"

    def can_decline(self) -> bool:
        """The bank may still say no: the request is open and this bank's
        share of it has not ended (the page asks it, `route_decline` enforces
        it)."""
        return self.request.is_open and self.can_transition(self.Status.DECLINED)


class Consent(models.Model):
    """The tenant's explicit consent to share a request and documents with banks."""

    TEXT_VERSION = "2026-01"

    request = models.OneToOneField(
        FinanceRequest, on_delete=models.CASCADE, related_name="consent"
    )
    given_by = actor_field()
    given_at = models.DateTimeField(default=timezone.now)
    text_version = models.CharField(max_length=16)
    text = models.TextField()
    bank_ids = models.JSONField(default=list)
    documents = models.JSONField(
        default=list, help_text="[{id, kind, filename, sha256}] at the time of consent"
    )

    class Meta:
        verbose_name = _("data-sharing consent")
        verbose_name_plural = _("data-sharing consents")

    def __str__(self) -> str:
        return f"consent for request {self.request_id} by {self.given_by}"


# --- offers --------------------------------------------------------------------


def _issued_to_member(user: Any, model: type[models.Model]) -> Q:
    """A tenant sees an offer once a checker has issued it, never before."""
    return through("request__company", "memberships__user")(user, model) & Q(
        issued_at__isnull=False
    )


class OfferQuerySet(ScopedQuerySet):
    scopes = {"bank": through("bank"), "member": _issued_to_member}

    def of_bank(self, user: Any) -> OfferQuerySet:
        return self.scoped(user, "bank")


class Offer(Transitions, Stamped):
    @tones(
        ok=["issued", "accepted"],
        bad=["closed", "withdrawn"],
        neutral=["pending_approval", "returned"],
    )
    class Status(models.TextChoices):
        PENDING_APPROVAL = "pending_approval", _("Pending approval")
        RETURNED = "returned", _("Returned to maker")
        ISSUED = "issued", _("Issued")
        ACCEPTED = "accepted", pgettext_lazy("offer status", "Accepted")
        CLOSED = "closed", _("Closed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    LIVE = (Status.PENDING_APPROVAL, Status.RETURNED, Status.ISSUED)
    TRANSITIONS = {
        Status.PENDING_APPROVAL: {
            Status.ISSUED,
            Status.RETURNED,
            Status.WITHDRAWN,
            Status.CLOSED,
        },
        Status.RETURNED: {Status.PENDING_APPROVAL, Status.WITHDRAWN, Status.CLOSED},
        Status.ISSUED: {Status.ACCEPTED, Status.WITHDRAWN, Status.CLOSED},
    }

    request = models.ForeignKey(
        FinanceRequest, on_delete=models.CASCADE, related_name="offers"
    )
    bank = models.ForeignKey(Bank, on_delete=models.PROTECT, related_name="offers")
    amount = MoneyField(_("amount (CNY)"))
    annual_rate_percent = models.DecimalField(
        _("annual rate (%)"),
        max_digits=6,
        decimal_places=3,
        validators=range_validators(Decimal("0"), MAX_ANNUAL_RATE),
    )
    term_months = models.PositiveSmallIntegerField(
        _("term (months)"), validators=range_validators(1, MAX_TERM_MONTHS)
    )
    repayment_method = models.CharField(
        _("repayment method"), max_length=20, choices=RepaymentMethod.choices
    )
    fees = models.DecimalField(
        _("upfront fees (CNY)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        validators=money_validators(positive=False),
        help_text=_("Arrangement, appraisal and similar fees paid when drawn."),
    )
    conditions = LimitedTextField(_("conditions"), blank=True, max_length=4000)
    first_due_date = models.DateField(_("first due date"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=Status.choices,
        default=Status.PENDING_APPROVAL,
    )
    maker = actor_field()
    checker = actor_field(null=True, blank=True)
    return_note = NoteField(_("note from the checker"))
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    objects = OfferQuerySet.as_manager()

    class Meta:
        verbose_name = _("finance offer")
        verbose_name_plural = _("finance offers")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="offer_amount_pos"),
            models.CheckConstraint(condition=Q(fees__gte=0), name="offer_fees_nonneg"),
            # One accepted offer per request, whatever the races.
            models.UniqueConstraint(
                fields=["request"],
                condition=Q(status="accepted"),
                name="offer_one_accepted_per_request",
            ),
        ]
        # A bank's inbox counts its offers waiting for a checker or a maker.
        indexes = [models.Index(fields=["bank", "status"], name="offer_bank_status")]

    def __str__(self) -> str:
        return f"{self.bank} {self.amount} @ {self.annual_rate_percent}%"

    # What the offer's bank does with it: a checker other than its maker
    # approves or returns it, its maker revises it once returned, anyone of the
    # bank withdraws it while it is live.
    BANK_STEPS = {
        "approve": Status.ISSUED,
        "return": Status.RETURNED,
        "revise": Status.PENDING_APPROVAL,
        "withdraw": Status.WITHDRAWN,
    }

    def refusal(
        self, step: str, actor: Any, roles: Collection[str] | None = None
    ) -> DomainError | None:
        """Why `actor`, a staff member of the offer's bank with `roles` there,
        may not take `step` (a key of BANK_STEPS) now; None when they may. The
        bank's page shows the steps with no refusal, and each action raises the
        refusal: one rule for both."""
        roles = bank_role_of(actor, self.bank) if roles is None else roles
        if not roles:  # not this bank's: the offer does not exist for them
            return NotFound(_("Finance offer not found."))
        if step in ("approve", "return"):
            # Four eyes: the maker may hold the checker role too, but never
            # checks their own offer.
            if self.maker_id == actor.pk:
                return Conflict(
                    _(
                        "You drafted this offer; another checker of your bank "
                        "must approve it."
                    ),
                    code="maker_cannot_check",
                )
            needed = BankRole.CHECKER
        else:
            needed = BankRole.MAKER if step == "revise" else None
        if needed is not None and needed not in roles:
            return NotAllowed(
                _("Only a %(role)s of %(bank)s may do this.")
                % {"role": BankRole(needed).label.lower(), "bank": self.bank}
            )
        if step == "revise" and self.status != self.Status.RETURNED:
            return IllegalTransition(_("Only an offer sent back can be revised."))
        if step in ("approve", "revise") and not self.request.is_open:
            return IllegalTransition(_("This request takes no more offers."))
        return self.transition_refusal(self.BANK_STEPS[step])

    def allowed_actions(
        self, actor: Any, roles: Collection[str] | None = None
    ) -> set[str]:
        """The bank's steps `actor` may take with this offer now."""
        roles = bank_role_of(actor, self.bank) if roles is None else roles
        return {
            step for step in self.BANK_STEPS if not self.refusal(step, actor, roles)
        }

    def is_acceptable(self) -> bool:
        """An issued offer while its request has offers to choose from."""
        return (
            self.status == self.Status.ISSUED
            and self.request.status == FinanceRequest.Status.OFFERS_RECEIVED
        )

    def can_accept(self, actor: Any) -> bool:
        """What the page asks before it offers Accept: an owner of the company,
        an acceptable offer (`offer_accept` refuses the rest, with the reason)."""
        return (
            self.is_acceptable()
            and member_role(actor, self.request.company) == MemberRole.OWNER
        )

    def clean(self) -> None:
        errors = {}
        if (
            self.fees is not None
            and self.amount is not None
            and self.fees >= self.amount
        ):
            errors["fees"] = _("The fees must be less than the amount.")
        if (
            self.first_due_date is not None
            and self._state.adding
            and self.first_due_date <= timezone.localdate()
        ):
            errors["first_due_date"] = _("The first due date must be in the future.")
        if errors:
            raise ValidationError(errors)

    def schedule_start(self) -> date:
        """First due date: as offered, else a month after acceptance (or today)."""
        from core.dates import add_months

        if self.first_due_date:
            return self.first_due_date
        start = (
            timezone.localdate(self.accepted_at)
            if self.accepted_at
            else timezone.localdate()
        )
        return add_months(start, 1)


def bank_role_of(user: Any, bank: Bank) -> set[str]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(bank.staff.filter(user=user).values_list("role", flat=True).distinct())
