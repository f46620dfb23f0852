"""Users, API tokens and the audit trail: the kernel every app stands on."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth.models import (
    AbstractBaseUser,
    BaseUserManager,
    PermissionsMixin,
)
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.bilingual import Bilingual
from core.fields import NoteField, actor_field
from core.files import private_storage


class StoredFile(models.Model):
    """An upload kept in private storage, checked and fingerprinted (see
    `core.files.check_upload` and `store_upload`); concrete models add whose it is."""

    file = models.FileField(storage=private_storage, max_length=300)
    filename = models.CharField(_("file name"), max_length=120)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = actor_field()
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        abstract = True


class Stamped(models.Model):
    """When a row was created and last changed: every business row records both."""

    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Organisation(Bilingual, models.Model):
    """An organisation whose staff sign in to act for it (a park operator, a
    partner bank): its name in English and Chinese, and whether it requires
    two-factor sign-in of its staff (`core.twofactor`). A subclass has `staff`
    rows with a `user`, and says who among them may change that rule
    (`can_set_two_factor`)."""

    name = models.CharField(_("name"), max_length=200)
    name_zh = models.CharField(_("Chinese name"), max_length=200, blank=True)
    require_staff_2fa = models.BooleanField(
        _("require two-factor sign-in for staff"), default=False
    )

    class Meta:
        abstract = True
        ordering = ["name"]

    @classmethod
    def requires_two_factor_of(cls, user: Any) -> bool:
        """The two-factor rule the subclass's app registers: `user` staffs one
        of its organisations that turned the requirement on."""
        return cls.objects.filter(staff__user=user, require_staff_2fa=True).exists()

    def can_set_two_factor(self, user: Any) -> bool:
        raise NotImplementedError


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra) -> User:
        if not email:
            raise ValueError("email is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(
        self, email: str, password: str | None = None, **extra
    ) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("email"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("platform staff"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    phone = models.CharField(
        _("phone number"),
        max_length=20,
        blank=True,
        validators=[
            RegexValidator(
                r"^\+?[0-9][0-9 -]{5,18}$",
                _("Enter a phone number: digits, spaces or dashes (138 0013 8000)."),
            )
        ],
    )
    email_verified_at = models.DateTimeField(
        _("email verified at"), null=True, blank=True
    )
    # When an organisation of the user last changed its two-factor rule: a session
    # that decided before then decides again at its next request (the user row is
    # loaded anyway, so this costs no query).
    two_factor_rule_changed_at = models.DateTimeField(
        _("two-factor rule changed at"), null=True, blank=True, editable=False
    )
    # Moves whenever the user joins or leaves an organisation, changes role in
    # one, or one of their organisations is renamed: a session keeps the roles it
    # read with the version they are of (core.access), and reads them again only
    # when this has moved (the user row is loaded anyway: no query).
    roles_version = models.PositiveIntegerField(
        _("roles version"), default=0, editable=False
    )

    objects = UserManager()

    # Moved by queryset updates only (core.access, core.twofactor): saving an
    # instance read before such an update must not put the old value back.
    STAMPS = frozenset({"roles_version", "two_factor_rule_changed_at"})

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.email

    def save(self, *args: Any, **kwargs: Any) -> None:
        if (
            not self._state.adding
            and kwargs.get("update_fields") is None
            and not kwargs.get("force_insert")
        ):
            skipped = self.STAMPS | self.get_deferred_fields()  # as save() skips these
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.attname not in skipped
            ]
        super().save(*args, **kwargs)

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name or self.email


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class ApiToken(models.Model):
    """A personal API token; only its SHA-256 is stored, the raw value is shown once."""

    PREFIX = "enc_"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    key_hash = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=12)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.hint}… ({self.user})"

    @classmethod
    def generate(cls) -> str:
        return cls.PREFIX + secrets.token_urlsafe(32)


class AuditEvent(models.Model):
    """One recorded change: who did what to which object, from which state to which."""

    actor = actor_field(null=True, blank=True, on_delete=models.SET_NULL)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    target = GenericForeignKey("content_type", "object_id")
    action = models.CharField(_("action"), max_length=64)
    from_state = models.CharField(_("from"), max_length=32, blank=True)
    to_state = models.CharField(_("to"), max_length=32, blank=True)
    # The home of a note that only the trail keeps (see core.schemas.NoteIn).
    note = NoteField(_("note"))
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.action} {self.content_type.model}#{self.object_id}"


class NotificationKind(models.TextChoices):
    """What a notification is about; each user turns email on or off per kind."""

    ADMISSION_DECIDED = "admission_decided", _("Admission decided")
    LEASE_APPROVED = "lease_approved", _("Lease application decided")
    INVOICE_ISSUED = "invoice_issued", _("Invoice issued")
    INVOICE_DUE_SOON = "invoice_due_soon", _("Invoice due in 3 days")
    INVOICE_OVERDUE = "invoice_overdue", _("Invoice overdue")
    PAYMENT_NOTIFIED = "payment_notified", _("Payment notified")
    REQUEST_RECEIVED = "request_received", _("Finance request received")
    OFFER_ISSUED = "offer_issued", _("Finance offer issued")
    OFFER_ACCEPTED = "offer_accepted", _("Finance offer accepted")
    BOOKING = "booking", _("Service bookings")
    COMMITMENT = "commitment", _("Commitments")


class NotificationQuerySet(models.QuerySet["Notification"]):
    def visible_to(self, user) -> NotificationQuerySet:
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(user=user)

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One event that concerns one user, in both languages (the page picks one)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=NotificationKind.choices)
    text_en = models.CharField(_("text (English)"), max_length=500)
    text_zh = models.CharField(_("text (Chinese)"), max_length=500)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        from core.bilingual import chinese_active

        return self.text_zh if chinese_active() and self.text_zh else self.text_en

    @property
    def read(self) -> bool:
        return self.read_at is not None


class NotificationSetting(models.Model):
    """A user's choice for one kind; without a row, email is on."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_settings",
    )
    kind = models.CharField(_("kind"), max_length=32, choices=NotificationKind.choices)
    email = models.BooleanField(_("send by email"), default=True)

    class Meta:
        verbose_name = _("notification setting")
        verbose_name_plural = _("notification settings")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], name="notification_setting_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.kind} email={self.email}"
