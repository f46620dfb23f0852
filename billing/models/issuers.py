"""Who issues invoices: a park operator (its billing settings and yearly
number counter) or another payee such as a service provider (an Issuer)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.access import known_org_ids
from parks.models import Operator, OperatorRole

#: The letters of a series nobody chose a prefix for: an operator's, a provider's.
OPERATOR_SERIES, PROVIDER_SERIES = "OP", "SP"
DEFAULT_PREFIX = re.compile(rf"^({OPERATOR_SERIES}|{PROVIDER_SERIES})\d+$")


def default_prefix(series: str, pk: int) -> str:
    """The prefix of a series nobody chose one for: OP<operator id>, SP<provider
    id>; kept free of chosen prefixes by `check_prefix`."""
    return f"{series}{pk}"


def prefix_in_use(
    prefix: str, *, operator_id: int | None = None, issuer_id: int | None = None
) -> bool:
    """Does another invoice series (an operator's or an issuer's, `operator_id` and
    `issuer_id` being the asker's own) number with `prefix`? Invoice numbers are
    unique across every series, so their prefixes must be."""
    return bool(
        DEFAULT_PREFIX.match(prefix)
        or BillingSettings.objects.filter(invoice_prefix=prefix)
        .exclude(operator_id=operator_id)
        .exists()
        or Issuer.objects.filter(invoice_prefix=prefix).exclude(pk=issuer_id).exists()
    )


def check_prefix(
    prefix: str, *, operator_id: int | None = None, issuer_id: int | None = None
) -> None:
    """A model's `clean()`: refuse a prefix another series numbers with."""
    if prefix and prefix_in_use(prefix, operator_id=operator_id, issuer_id=issuer_id):
        raise ValidationError(
            {"invoice_prefix": _("Another invoice series uses this prefix.")}
        )


class BillingSettings(models.Model):
    """What an operator prints on its invoices and how tenants pay it by transfer."""

    operator = models.OneToOneField(
        Operator, on_delete=models.CASCADE, related_name="billing_settings"
    )
    invoice_prefix = models.CharField(
        _("invoice number prefix"),
        max_length=8,
        unique=True,
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

    def clean(self) -> None:
        check_prefix(self.invoice_prefix, operator_id=self.operator_id)


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
# belongs to an issuer by registering a function user -> Q over Issuer here,
# with the kind of role its members hold.
IssuerMembers = Callable[[Any], Q]
_issuer_members: list[tuple[IssuerMembers, str]] = []


def register_issuer_members(rule: IssuerMembers, *, kind: str) -> None:
    if (rule, kind) not in _issuer_members:
        _issuer_members.append((rule, kind))


class IssuerQuerySet(models.QuerySet["Issuer"]):
    def of_member(self, user: Any) -> IssuerQuerySet:
        if not getattr(user, "is_authenticated", False):
            return self.none()
        # A rule whose kind of role this request's roles show the user without
        # is skipped: it would find nothing.
        rules = [r for r, kind in _issuer_members if known_org_ids(user, kind) != []]
        if not rules:
            return self.none()
        q = Q(pk__in=[])
        for rule in rules:
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

    def clean(self) -> None:
        check_prefix(self.invoice_prefix, issuer_id=self.pk)


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
