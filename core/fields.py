"""Model fields that carry a rule of the domain, so it is written once:
money is a Decimal with two places in a numeric column (CNY unless a currency
field says otherwise), within the column's range and, unless allowed, above zero."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models

from core.limits import (
    MAX_MONEY,
    MAX_PRICE_PER_M2,
    NON_NEGATIVE,
    NOTE_LENGTH,
    PERCENT_VALIDATORS,
    money_validators,
)


class KindDecimalField(models.DecimalField):
    """A decimal of a kind (money, quantity, percentage): the kind's digits and
    validators unless the field says otherwise; its migrations name only what
    differs from the kind."""

    kind: dict[str, Any] = {}

    def __init__(self, *args: Any, **kwargs: Any):
        for key, value in self.kind.items():
            kwargs.setdefault(key, value)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> tuple:
        name, path, args, kwargs = super().deconstruct()
        for key, value in self.kind.items():
            if key in kwargs and _same(kwargs[key], value):
                del kwargs[key]
        return name, path, args, kwargs


def _same(given: Any, default: Any) -> bool:
    if isinstance(default, list | tuple):
        return list(given) == list(default)
    return given == default


class MoneyField(KindDecimalField):
    """An amount in yuan: 14 digits, 2 places. `positive=False` allows zero,
    `positive=None` any sign (credit notes, balances)."""

    kind = {"max_digits": 14, "decimal_places": 2}
    high = MAX_MONEY

    def __init__(self, *args: Any, positive: bool | None = True, **kwargs: Any):
        self.positive = positive
        if positive is not None and "validators" not in kwargs:
            kwargs["validators"] = money_validators(positive=positive, high=self.high)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> tuple:
        name, path, args, kwargs = super().deconstruct()
        if self.positive is not True:
            kwargs["positive"] = self.positive
        if self.positive is not None:
            kwargs.pop("validators", None)
        return name, path, args, kwargs


class PricePerM2Field(MoneyField):
    """Yuan per m² (a month's rent, or a sale price): up to MAX_PRICE_PER_M2, the
    same bound for a unit's asking price and a lease's agreed rent."""

    kind = {"max_digits": 12, "decimal_places": 2}
    high = MAX_PRICE_PER_M2


class QuantityField(KindDecimalField):
    """A measure that is never negative (area, land in mu, energy in tce): 12
    digits, 2 places unless said otherwise."""

    kind = {"max_digits": 12, "decimal_places": 2, "validators": NON_NEGATIVE}


class PercentField(KindDecimalField):
    """A percentage from 0 to 100 with two places."""

    kind = {"max_digits": 5, "decimal_places": 2, "validators": PERCENT_VALIDATORS}


class LimitedTextField(models.TextField):
    """Free text whose length the model checks: a TextField's `max_length` alone
    only sizes the form field, `full_clean` does not check it."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if self.max_length is not None:
            self.validators.append(MaxLengthValidator(self.max_length))


class NoteField(LimitedTextField):
    """A note typed beside a decision or an action (a decision note, a reason):
    optional, at most `NOTE_LENGTH` characters, the same everywhere."""

    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("max_length", NOTE_LENGTH)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)


def actor_field(*, on_delete: Any = models.PROTECT, **kwargs: Any) -> models.ForeignKey:
    """The person who did something to a record (created, decided, recorded,
    uploaded it). The record outlives the act: a user who acted is never deleted
    with it (PROTECT, or SET_NULL where the reference is optional), and users get
    no reverse accessor unless `related_name` names one."""
    kwargs.setdefault("related_name", "+")
    return models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=on_delete, **kwargs)
