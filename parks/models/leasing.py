"""Leasing and sales: applications for a unit, the leases and sales they become."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Q, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.access import ScopedQuerySet, through
from core.choices import tones
from core.dates import months_between, term_end
from core.errors import Conflict
from core.fields import (
    MoneyField,
    NoteField,
    PercentField,
    PricePerM2Field,
    actor_field,
)
from core.models import Stamped
from core.routes import page_of
from core.transitions import Transitions
from parks.models.inventory import Park, Unit
from parks.models.org import OperatorRole, park_role
from parks.rent import (
    ZERO,
    RentPeriod,
    RentTerms,
    RentYear,
    contract_total,
    current_monthly_rent,
    lease_months,
    rent_holds_until,
    rent_table,
)
from tenants.models import MANAGING_ROLES, Company, member_role

# The longest lease the platform writes (ten years), in months.
MAX_TERM_MONTHS = 120


class ParkScopedQuerySet(ScopedQuerySet):
    """Rows of a company (tenant side) or of a park's unit (operator side)."""

    scopes = {
        "member": through("company", "memberships__user"),
        "operator": through("unit__park__operator"),
    }


class LeaseQuerySet(ParkScopedQuerySet):
    def current_first(self, *, by_unit: bool = False) -> LeaseQuerySet:
        """The leases that hold their unit, the current one first: the active
        lease, else the approved one that starts next. The one reading of "a
        unit's current lease" (rent roll, stacking plan, unit panel); `by_unit`
        groups the rows by unit, so each unit's first row is its current lease."""
        return self.filter(status__in=Lease.HOLDING).order_by(
            *(["unit_id"] if by_unit else []),
            Case(When(status=Lease.Status.ACTIVE, then=0), default=1),
            "start_date",
            "pk",
        )

    def overlapping(self, unit: Unit, start: date, end: date) -> LeaseQuerySet:
        """The leases that hold `unit` on any day from `start` to `end`."""
        return self.filter(
            unit=unit,
            status__in=Lease.HOLDING,
            start_date__lte=end,
            end_date__gte=start,
        )

    def rent_in_force(self, day: date) -> dict[int, tuple[Decimal, date | None]]:
        """The monthly rent in force on `day` of these leases by the one rent
        calculation (escalated and discounted), summed by park, with the last
        day each sum holds (None: until a lease changes). One query."""
        parks: dict[int, tuple[Decimal, date]] = {}
        for row in self.values("unit__park_id", *RentTerms.FIELDS).order_by():
            terms = RentTerms.of_values(**row)
            total, until = parks.get(row["unit__park_id"], (ZERO, date.max))
            parks[row["unit__park_id"]] = (
                total + (current_monthly_rent(terms, day) or 0),
                min(until, rent_holds_until(terms, day)),
            )
        return {
            park: (total, None if until == date.max else until)
            for park, (total, until) in parks.items()
        }


class LeaseApplication(Transitions, Stamped):
    @tones(ok=["approved"], warn=["submitted"], bad=["rejected"], neutral=["withdrawn"])
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    TRANSITIONS = {
        Status.SUBMITTED: {Status.APPROVED, Status.REJECTED, Status.WITHDRAWN},
    }

    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="lease_applications"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="lease_applications"
    )
    start_date = models.DateField(_("start date"))
    term_months = models.PositiveSmallIntegerField(
        _("term (months)"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_TERM_MONTHS)],
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    note = NoteField(_("note"))
    decision_note = NoteField(_("decision note"))
    created_by = actor_field()

    objects = ParkScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("lease application")
        verbose_name_plural = _("lease applications")
        ordering = ["-created_at", "-id"]

    get_absolute_url = page_of("parks:lease_application")

    def __str__(self) -> str:
        return f"{self.company} → {self.unit}"

    def allowed_actions(self, actor: Any) -> set[str]:
        """What `actor` may do with this application now: the park's manager
        rejects it, and approves it unless `approval_blocker` says why not."""
        if self.status != self.Status.SUBMITTED:
            return set()
        allowed = set()
        if park_role(actor, self.unit.park.operator_id) == OperatorRole.MANAGER:
            allowed.add("reject")
            if self.approval_blocker() is None:
                allowed.add("approve")
        if member_role(actor, self.company) in MANAGING_ROLES:
            allowed.add("withdraw")
        return allowed

    def approval_blocker(self) -> Conflict | None:
        """Why approving would fail now, though the application is open: the
        unit has no rent rate, or cannot be leased over these dates
        (`lease_blocker`). None: nothing stands in the way."""
        if self.unit.monthly_rent_per_m2 is None:
            return Conflict(
                _("Unit %(code)s has no monthly rent rate.") % {"code": self.unit.code},
                code="unit_without_rent",
            )
        end = term_end(self.start_date, self.term_months)
        return lease_blocker(self.unit, self.start_date, end)


def lease_blocker(unit: Unit, start: date, end: date) -> Conflict | None:
    """Why `unit` cannot be leased from `start` to `end`: it is sold or being
    sold, or another lease holds it on one of those days. None: it can. Applying
    and approving both ask; the database's exclusion constraint has the last
    word on overlaps."""
    if unit.sales.filter(status__in=(*Sale.HOLDING, Sale.Status.COMPLETED)).exists():
        return Conflict(
            _("Unit %(code)s is sold or being sold.") % {"code": unit.code},
            code="unit_sold",
        )
    if Lease.objects.overlapping(unit, start, end).exists():
        return unit_taken(unit)
    return None


def unit_taken(unit: Unit) -> Conflict:
    return Conflict(
        _("Unit %(code)s is already leased for an overlapping period.")
        % {"code": unit.code},
        code="unit_taken",
    )


class Lease(Transitions, Stamped):
    """A lease of one unit. `end_date` is the last day of the term (inclusive).

    Statuses: approved (signed, not started) → active → terminated | expired.
    Only approved and active leases hold the unit; the database refuses two of
    them over overlapping dates for one unit (PostgreSQL exclusion constraint).
    """

    @tones(ok=["active"], warn=["approved"], neutral=["terminated", "expired"])
    class Status(models.TextChoices):
        APPROVED = "approved", _("Approved")
        ACTIVE = "active", _("Active")
        TERMINATED = "terminated", _("Terminated")
        EXPIRED = "expired", _("Expired")

    HOLDING = (Status.APPROVED, Status.ACTIVE)
    TRANSITIONS = {
        Status.APPROVED: {Status.ACTIVE, Status.TERMINATED},
        Status.ACTIVE: {Status.TERMINATED, Status.EXPIRED},
    }

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="leases", verbose_name=_("unit")
    )
    company = models.ForeignKey(
        Company,
        on_delete=models.PROTECT,
        related_name="leases",
        verbose_name=_("company"),
    )
    application = models.OneToOneField(
        LeaseApplication,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lease",
    )
    previous = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="renewal",
        help_text=_("The lease this one renews."),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    rent_per_m2 = PricePerM2Field(_("monthly rent per m² (CNY)"))
    monthly_rent = MoneyField(_("monthly rent (CNY)"))
    deposit = MoneyField(_("deposit (CNY)"), positive=False)
    rent_free_months = models.PositiveSmallIntegerField(
        _("rent-free months"), default=0
    )
    escalation_percent = PercentField(
        _("annual rent escalation (%)"), default=Decimal("0")
    )
    rent_discount_percent = PercentField(
        _("rent discount (%)"),
        default=Decimal("0"),
        help_text=_(
            "A negotiated discount on every month's rent, e.g. from an "
            "exclusive policy."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.APPROVED
    )
    activated_on = models.DateField(
        _("handed over on"),
        null=True,
        blank=True,
        help_text=_(
            "The day the lease became active; the occupancy history counts "
            "only leases that were handed over."
        ),
    )
    terminated_on = models.DateField(_("terminated on"), null=True, blank=True)
    termination_reason = NoteField(_("termination reason"))

    objects = LeaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("lease")
        verbose_name_plural = _("leases")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="lease_end_after_start",
            )
        ]
        indexes = [
            models.Index(fields=["status", "start_date", "end_date"]),
            # The lease lists' order: the first page is read off the index.
            models.Index(fields=["-start_date", "-id"], name="lease_recent"),
            # Leases ending soon (the operator's expiring tile and list).
            models.Index(fields=["status", "end_date"], name="lease_status_end"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.company} ({self.start_date}–{self.end_date})"

    get_absolute_url = page_of("parks:lease")

    @property
    def park(self) -> Park:
        return self.unit.park

    @property
    def is_holding(self) -> bool:
        return self.status in self.HOLDING

    def clean(self) -> None:
        if (
            self.start_date
            and self.end_date
            and self.rent_free_months
            and self.rent_free_months > months_between(self.start_date, self.end_date)
        ):
            raise ValidationError(
                {"rent_free_months": _("No more rent-free months than the term has.")}
            )

    def rent_terms(self) -> RentTerms:
        return RentTerms.of(self)

    def rent_periods(self) -> list[RentPeriod]:
        """Every lease month with the rent due (see parks.rent for the rule)."""
        return lease_months(self.rent_terms())

    def rent_table(self) -> list[RentYear]:
        return rent_table(self.rent_periods())

    def rent_total(self) -> Decimal:
        """The rent of the whole term, as the contract states and invoices sum to."""
        return contract_total(self.rent_terms())

    def allowed_actions(self, actor: Any, *, today: date | None = None) -> set[str]:
        """What `actor` may do with this lease now: hand over from its start
        date, renew an active lease once before its term is over (a renewal
        never starts in the past), terminate (or, before hand-over, cancel) a
        lease that is not already ending or renewed."""
        if park_role(actor, self.unit.park.operator_id) != OperatorRole.MANAGER:
            return set()
        today = today or timezone.localdate()
        allowed = set()
        if self.status == self.Status.APPROVED and (
            self.start_date <= today <= self.end_date
        ):
            allowed.add("activate")
        if self.is_holding and not self.terminated_on:
            renewal = (
                Lease.objects.filter(previous=self)
                .values_list("status", flat=True)
                .first()
            )
            if renewal not in self.HOLDING:  # none, or cancelled
                allowed.add("terminate")
                # `previous` is one-to-one: a lease is renewed once, even when
                # that renewal was cancelled.
                if (
                    self.status == self.Status.ACTIVE
                    and renewal is None
                    and today <= self.end_date
                ):
                    allowed.add("renew")
        return allowed

    def days_to_expiry(self, today: date | None = None) -> int:
        return (self.end_date - (today or timezone.localdate())).days


class Sale(Transitions, Stamped):
    """A purchase of a unit: applied for, approved by the operator, completed when
    the price is paid (in cash or with a factory mortgage from a partner bank)."""

    @tones(
        ok=["approved", "completed"],
        warn=["submitted"],
        bad=["rejected"],
        neutral=["withdrawn"],
    )
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        COMPLETED = "completed", _("Completed")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    HOLDING = (Status.SUBMITTED, Status.APPROVED)
    TRANSITIONS = {
        Status.SUBMITTED: {Status.APPROVED, Status.REJECTED, Status.WITHDRAWN},
        Status.APPROVED: {Status.COMPLETED, Status.WITHDRAWN},
    }
    MIN_DOWN_PAYMENT_RATIO = Decimal("0.30")

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="sales")
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="sales")
    price = MoneyField(_("price (CNY)"))
    down_payment_ratio = models.DecimalField(
        _("down-payment ratio"), max_digits=4, decimal_places=3
    )
    down_payment = MoneyField(_("down payment (CNY)"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    decision_note = NoteField(_("decision note"))
    created_by = actor_field()
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    objects = ParkScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit purchase")
        verbose_name_plural = _("unit purchases")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(down_payment_ratio__gte=Decimal("0.30"))
                & Q(down_payment_ratio__lte=Decimal("1")),
                name="sale_down_payment_ratio_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} → {self.company}"

    get_absolute_url = page_of("parks:sale")

    def allowed_actions(self, actor: Any) -> set[str]:
        allowed = set()
        if park_role(actor, self.unit.park.operator_id) == OperatorRole.MANAGER:
            if self.status == self.Status.SUBMITTED:
                allowed |= {"approve", "reject"}
            elif self.status == self.Status.APPROVED:
                allowed.add("complete")
        if self.can_transition(self.Status.WITHDRAWN) and (
            member_role(actor, self.company) in MANAGING_ROLES
        ):
            allowed.add("withdraw")
        return allowed

    @property
    def financed_amount(self) -> Decimal:
        return self.price - self.down_payment
