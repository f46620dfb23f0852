"""The catalogue: providers and their staff and licences, listings per park
(approved by that park's operator), offerings with staff availability."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Avg, Count, Q
from django.utils.translation import gettext_lazy as _

from billing.models.issuers import check_prefix
from core.access import RoleSource, organisation_role
from core.bilingual import Bilingual, chinese_active
from core.choices import tone_of, tones
from core.fields import LimitedTextField, NoteField
from core.limits import wall_clock
from core.models import Stamped, StoredFile
from core.routes import page_of
from core.transitions import Transitions
from parks.models import MANAGER_ROLES, Park


class Category(models.TextChoices):
    HR = "hr", _("Human resources")
    LEGAL_TAX = "legal_tax", _("Legal and tax")
    CONSULTING = "consulting", _("Management consulting")
    PERMIT_AGENCY = "permit_agency", _("Permit agency")


class Provider(Bilingual, models.Model):
    name = models.CharField(_("name"), max_length=200)
    name_zh = models.CharField(_("Chinese name"), max_length=200, blank=True)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    description = models.TextField(_("description"), blank=True)
    payee_name = models.CharField(_("payee name"), max_length=200, blank=True)
    payee_bank = models.CharField(_("payee bank"), max_length=200, blank=True)
    payee_account = models.CharField(_("payee account"), max_length=64, blank=True)
    invoice_prefix = models.CharField(
        _("invoice number prefix"), max_length=8, blank=True
    )
    # The provider's own invoice series and bank details in billing.
    issuer = models.OneToOneField(
        "billing.Issuer",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="provider",
    )

    class Meta:
        verbose_name = _("service provider")
        verbose_name_plural = _("service providers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    get_absolute_url = page_of("services:provider")

    def clean(self) -> None:
        """Its chosen invoice prefix is no other series' (billing numbers every
        invoice once, across operators and providers)."""
        check_prefix(self.invoice_prefix, issuer_id=self.issuer_id)

    def is_staff_member(self, user: Any) -> bool:
        """Read with the user's every role once per request."""
        return organisation_role(user, "provider", self.pk) is not None


class ProviderStaff(models.Model):
    provider = models.ForeignKey(
        Provider, on_delete=models.CASCADE, related_name="staff"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="provider_staff",
    )

    class Meta:
        verbose_name = _("provider staff")
        verbose_name_plural = _("provider staff")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "user"], name="provider_staff_unique"
            )
        ]

    def __str__(self) -> str:
        return self.user.get_full_name() or str(self.user)


def provider_issuer_members(user: Any) -> Q:
    """Billing's issuers the user works for: registered with billing."""
    return Q(provider__staff__user=user)


PROVIDER_ROLES = RoleSource(
    "provider",
    lambda user: ProviderStaff.objects.filter(user=user),
    ("provider_id", "provider__name", models.Value(""), models.Value("staff")),
)


class ProviderDocument(StoredFile):
    """A licence or certificate the park's operator checks before listing."""

    class Kind(models.TextChoices):
        BUSINESS_LICENCE = "business_licence", _("Business licence")
        PRACTICE_LICENCE = "practice_licence", _("Practice licence")
        OTHER = "other", _("Other certificate")

    provider = models.ForeignKey(
        Provider, on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)

    class Meta:
        verbose_name = _("licence document")
        verbose_name_plural = _("licence documents")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.filename


class ListingQuerySet(models.QuerySet["Listing"]):
    def approved(self) -> ListingQuerySet:
        """Listings the park's operator approved: the provider shows and takes
        bookings in those parks."""
        return self.filter(status=Listing.Status.APPROVED)

    def visible_to(self, user: Any) -> ListingQuerySet:
        """A provider's own listings, and the listings in an operator's parks."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(
            Q(provider__staff__user=user) | Q(park__operator__staff__user=user)
        ).distinct()


class Listing(Transitions, Stamped):
    """A provider offered in one park; visible there once its operator approves."""

    @tones(ok=["approved"], warn=["pending"], bad=["suspended"])
    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        SUSPENDED = "suspended", _("Suspended")

    TRANSITIONS = {
        Status.PENDING: {Status.APPROVED, Status.SUSPENDED},
        Status.APPROVED: {Status.SUSPENDED},
        Status.SUSPENDED: {Status.APPROVED},
    }
    DECISIONS = {"approve": Status.APPROVED, "suspend": Status.SUSPENDED}

    provider = models.ForeignKey(
        Provider, on_delete=models.CASCADE, related_name="listings"
    )
    park = models.ForeignKey(Park, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decision_note = NoteField(_("decision note"))

    objects = ListingQuerySet.as_manager()

    class Meta:
        verbose_name = _("listing")
        verbose_name_plural = _("listings")
        ordering = ["park_id", "provider__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "park"], name="listing_one_per_park"
            )
        ]

    def __str__(self) -> str:
        return f"{self.provider} @ {self.park}"

    @property
    def tone(self) -> str:
        return tone_of(self)

    def can_decide(self, actor: Any, decision: str) -> bool:
        to = self.DECISIONS.get(decision)
        return (
            to is not None
            and self.can_transition(to)
            and self.park.has_role(actor, MANAGER_ROLES)
        )


class Pricing(models.TextChoices):
    FIXED = "fixed", _("Fixed price")
    QUOTE = "quote", _("On quote")


class Delivery(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    REMOTE = "remote", _("Remote")


class OfferingQuerySet(models.QuerySet["Offering"]):
    def public(self, *, park: Park | None = None) -> OfferingQuerySet:
        """Active offerings of providers listed (approved) in a park."""
        listed = Listing.objects.approved()
        if park is not None:
            listed = listed.filter(park=park)
        return self.filter(
            active=True, provider__in=listed.values("provider")
        ).select_related("provider")

    def with_ratings(self) -> OfferingQuerySet:
        return self.annotate(
            rating=Avg("bookings__review__rating"),
            reviews=Count("bookings__review"),
        )


class Offering(models.Model):
    # What the provider edits (the action and the form both take these).
    EDITABLE = (
        "name_en",
        "name_zh",
        "description_en",
        "description_zh",
        "pricing",
        "price",
        "duration_minutes",
        "delivery",
        "free_cancel_hours",
        "cancel_fee_percent",
        "active",
    )

    provider = models.ForeignKey(
        Provider, on_delete=models.CASCADE, related_name="offerings"
    )
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    description_en = LimitedTextField(
        _("description (English)"), max_length=4000, blank=True
    )
    description_zh = LimitedTextField(
        _("description (Chinese)"), max_length=4000, blank=True
    )
    pricing = models.CharField(
        _("pricing"), max_length=8, choices=Pricing.choices, default=Pricing.FIXED
    )
    price = models.DecimalField(
        _("price (CNY)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        validators=[MinValueValidator(15), MaxValueValidator(8 * 60)],
    )
    delivery = models.CharField(
        _("delivery"), max_length=8, choices=Delivery.choices, default=Delivery.ON_SITE
    )
    free_cancel_hours = models.PositiveSmallIntegerField(
        _("free cancellation until (hours before)"), default=24
    )
    cancel_fee_percent = models.DecimalField(
        _("cancellation fee after that (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("50"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    active = models.BooleanField(_("active"), default=True)

    objects = OfferingQuerySet.as_manager()

    class Meta:
        verbose_name = _("offering")
        verbose_name_plural = _("offerings")
        ordering = ["provider__name", "name_en"]

    def __str__(self) -> str:
        return self.name_en

    get_absolute_url = page_of("services:offering")

    def clean(self) -> None:
        if self.pricing == Pricing.FIXED and self.price is None:
            raise ValidationError({"price": _("A fixed-price offering needs a price.")})
        if self.pricing == Pricing.QUOTE and self.price is not None:
            raise ValidationError(
                {"price": _("An offering on quote has no price; the quote sets it.")}
            )

    @property
    def name(self) -> str:
        return self.name_zh if chinese_active() else self.name_en

    @property
    def description(self) -> str:
        return (
            self.description_zh
            if chinese_active() and self.description_zh
            else self.description_en
        )

    @property
    def category(self) -> str:
        return self.provider.category

    @property
    def is_permit_agency(self) -> bool:
        return self.provider.category == Category.PERMIT_AGENCY


class Availability(models.Model):
    """A weekly window in which a staff member takes bookings."""

    staff = models.ForeignKey(
        ProviderStaff,
        on_delete=models.CASCADE,
        related_name="availability",
        verbose_name=_("staff member"),
    )
    weekday = models.PositiveSmallIntegerField(
        _("weekday"),
        validators=[MaxValueValidator(6)],
        help_text=_("0 is Monday, 6 is Sunday."),
    )
    start_time = models.TimeField(_("from"), validators=[wall_clock])
    end_time = models.TimeField(_("until"), validators=[wall_clock])

    class Meta:
        verbose_name = _("availability")
        verbose_name_plural = _("availability")
        ordering = ["staff_id", "weekday", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")),
                name="availability_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.staff} {self.weekday} {self.start_time}–{self.end_time}"


class Blackout(models.Model):
    """A day without bookings: for one staff member, or the whole provider."""

    provider = models.ForeignKey(
        Provider, on_delete=models.CASCADE, related_name="blackouts"
    )
    staff = models.ForeignKey(
        ProviderStaff,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="blackouts",
        verbose_name=_("staff member"),
    )
    day = models.DateField(_("day"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("blackout date")
        verbose_name_plural = _("blackout dates")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.provider} {self.day}"
