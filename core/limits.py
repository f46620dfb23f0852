"""Field limits live on the models (validators, `clean()`, check constraints);
this module lets actions, forms and API schemas use them instead of restating
them: `validate(instance)` runs the model's own checks (`clean_value` one
field's), `form_field`, `schema_field` and `limited` carry a model field's limits
(bounds, digits, length, choices) to a form, a ninja schema or a query/form
parameter, so the OpenAPI document states them too, and `parse_decimal` is the
one way raw input becomes a Decimal. `NOTE_LENGTH` is the one length of a note
typed beside a decision or an action (`core.fields.NoteField`)."""

from __future__ import annotations

import re
from datetime import date, time
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Annotated, Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field

from core.errors import Invalid
from core.money import format_quantity

# The largest amount the money columns hold (14 digits, 2 decimals).
MAX_MONEY = Decimal("999999999999.99")


#: A note typed beside a decision or an action (a decision note, a reason for
#: terminating, declining or closing, a remark only the audit trail keeps): one
#: length for all of them. Longer text that is a different thing (a project
#: summary, a concern and its answer) keeps its own length on its model field.
NOTE_LENGTH = 2000


#: A measure or amount that may be zero but never below (areas, land, energy).
NON_NEGATIVE = [MinValueValidator(Decimal("0"))]


# The highest price per m² a unit is offered or leased at (rent a month, or a
# sale price): one bound for the asking price and the price agreed.
MAX_PRICE_PER_M2 = Decimal("1000000")


def money_validators(*, positive: bool = True, high: Decimal = MAX_MONEY) -> list:
    """Amounts in CNY: above zero (or zero allowed) and within the column."""
    low = Decimal("0.01") if positive else Decimal("0")
    return [MinValueValidator(low), MaxValueValidator(high)]


def not_in_future(value: Any) -> None:
    """A model field's validator: a date that has happened (a founding date)."""
    if isinstance(value, date) and value > timezone.localdate():
        raise ValidationError(_("Enter a date that is not in the future."), "future")


def wall_clock(value: Any) -> None:
    """A model field's validator: a time of day as the clocks on the wall show it
    (a provider's opening hours), so one with a time zone is refused."""
    if isinstance(value, time) and value.tzinfo is not None:
        raise ValidationError(_("Enter a time of day without a time zone."), "zone")


def range_validators(low: Any, high: Any) -> list:
    return [MinValueValidator(low), MaxValueValidator(high)]


PERCENT_VALIDATORS = range_validators(Decimal("0"), Decimal("100"))


def bounds(model: type[models.Model], name: str) -> tuple[Any, Any]:
    """(minimum, maximum) a model field's validators allow (None where open)."""
    low = high = None
    for validator in model._meta.get_field(name).validators:
        if isinstance(validator, MinValueValidator):
            low = validator.limit_value
        elif isinstance(validator, MaxValueValidator):
            high = validator.limit_value
    return low, high


def validate(instance: models.Model, *, exclude: list[str] | None = None) -> None:
    """The model's own validation (fields, validators, `clean()`), as the
    domain's 422 with each bad field named."""
    errors = field_errors(instance, exclude=exclude)
    if errors:
        raise Invalid(_("Please correct the errors below."), fields=errors)


def field_errors(
    instance: models.Model, *, exclude: list[str] | None = None
) -> dict[str, list[str]]:
    """What the model's own validation finds wrong, by field (`__all__` for the
    instance as a whole); empty when nothing is. A number out of its field's
    bounds is told the whole range, and what is no number is told so plainly."""
    try:
        instance.full_clean(exclude=exclude, validate_unique=False)
    except ValidationError as exc:
        model = type(instance)
        return {
            key: [_said(model, key, error) for error in errors]
            for key, errors in exc.error_dict.items()
        }
    return {}


def _said(model: type[models.Model], name: str, error: ValidationError) -> str:
    field = None if name == "__all__" else model._meta.get_field(name)
    if isinstance(field, models.DecimalField | models.IntegerField):
        if (
            error.code in ("min_value", "max_value")
            and bounds(model, name)[0] is not None
        ):
            return range_message(model, name)
        if error.code == "invalid":
            if isinstance(field, models.IntegerField):
                return _("Enter a whole number.")
            return _("Enter a number.")
    if error.code in ("null", "blank"):
        return _("This field is required.")
    return " ".join(error.messages)


def range_message(model: type[models.Model], name: str) -> str:
    """The numbers a model field takes, said whole: "from 1 to 40"."""
    low, high = bounds(model, name)
    if isinstance(model._meta.get_field(name), models.IntegerField):
        if high is None:
            return _("Enter a whole number of at least %(low)d.") % {"low": low}
        return _("Enter a whole number from %(low)d to %(high)d.") % {
            "low": low,
            "high": high,
        }
    if high is None:
        return _("Enter a number of at least %(low)s.") % {"low": format_quantity(low)}
    return _("Enter a number from %(low)s to %(high)s.") % {
        "low": format_quantity(low),
        "high": format_quantity(high),
    }


def clean_value(
    model: type[models.Model], name: str, value: Any, *, field: str | None = None
) -> Any:
    """One value checked by one model field (a note an action sets before saving
    only some fields), as the 422 on `field`, the input's name (`name` if
    omitted)."""
    try:
        return model._meta.get_field(name).clean(value, None)
    except ValidationError as exc:
        raise Invalid.field(field or name, " ".join(exc.messages)) from None


def parse_decimal(raw: Any, field: str, *, places: str = "0.01") -> Decimal:
    """A number from a form, JSON or a spreadsheet (thousands separators
    allowed), rounded half up to `places` (四舍五入, as `core.money.money`
    rounds); anything else is a 422 on `field`."""
    if isinstance(raw, float):
        raw = repr(raw)
    try:
        text = str(raw).strip().replace(",", "")
        value = Decimal(text)
        if not value.is_finite():
            raise InvalidOperation
        return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError, TypeError):
        raise Invalid.field(field, _("Enter a number.")) from None


def typed_number(raw: Any, *, places: str = "0.01") -> Any:
    """A number as people type it, read by `parse_decimal`; what is no number
    is left as given, for the model's validation to name with the others."""
    try:
        return parse_decimal(raw, "", places=places)
    except Invalid:
        return raw


def typed_value(model: type[models.Model], name: str, raw: Any) -> Any:
    """A value as people type it in a form, JSON or a sheet, in the model field's
    type where it reads as one: text is trimmed, other blanks are None, an amount is
    read by `parse_decimal` at the field's places, "3" or 3.0 is 3. What does
    not read is left as given, for the model's validation to name."""
    field = model._meta.get_field(name)
    if isinstance(field, models.CharField | models.TextField):
        return "" if raw is None else str(raw).strip()
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(field, models.DecimalField):
        return typed_number(raw, places=str(Decimal(10) ** -field.decimal_places))
    if isinstance(field, models.IntegerField) and not isinstance(raw, bool):
        try:
            number = Decimal(str(raw).strip().replace(",", ""))
        except InvalidOperation:
            return raw
        whole = number.is_finite() and number == number.to_integral_value()
        return int(number) if whole else raw
    return raw


def form_field(model: type[models.Model], name: str, **kwargs: Any) -> forms.Field:
    """The model field's form field, with its validators and, for numbers, its
    bounds as min/max (so the browser and the error message agree with it). Its
    label is the model field's verbose name, as a ModelForm's: pass `label` only
    where the form asks something else ("New term (months)")."""
    model_field = model._meta.get_field(name)
    low, high = bounds(model, name)
    if isinstance(model_field, models.DecimalField | models.IntegerField):
        kwargs.setdefault("min_value", low)
        kwargs.setdefault("max_value", high)
    field = model_field.formfield(**kwargs)
    field.required = kwargs.get("required", not model_field.blank)
    return field


def decimal_text_pattern(digits: int, places: int, *, signed: bool) -> Any:
    """A decimal may come as a JSON number or a string: the string form gets the
    column's digits as a pattern (the number form has the bounds)."""
    sign = "-?" if signed else ""
    pattern = rf"^{sign}\d{{1,{digits - places}}}(\.\d{{1,{places}}})?$"

    def extra(schema: dict[str, Any]) -> None:
        for branch in schema.get("anyOf", []):
            if branch.get("type") == "string":
                branch["pattern"] = pattern

    return extra


def choices_enum(model_field: models.Field, *, blank: bool) -> Any:
    """A field with choices documents them as the schema's enum (with "" where
    blank means none, as in a filter)."""
    values = [value for value, _label in model_field.flatchoices]

    def extra(schema: dict[str, Any]) -> None:
        target = next(
            (b for b in schema.get("anyOf", []) if b.get("type") == "string"), schema
        )
        target["enum"] = values + ([""] if blank else [])

    return extra


def schema_field(
    model: type[models.Model], name: str, default: Any = ..., **extra: Any
) -> Any:
    """A ninja `Field` with the model field's bounds, digits and length (`extra`
    adds what only the door asks, such as `min_length=1` for a required text)."""
    return Field(default, **{**field_constraints(model, name, default), **extra})


def param_constraints(
    model: type[models.Model], name: str, default: Any = ...
) -> dict[str, Any]:
    """The same limits for a ninja `Form`/`Query` parameter, which takes no schema
    callback: choices are documented by their pattern alone."""
    constraints = field_constraints(model, name, default)
    constraints.pop("json_schema_extra", None)
    return constraints


def limited(
    kind: Any, param: Any, model: type[models.Model], name: str, default: Any = ...
) -> Any:
    """A ninja parameter type (`param` is `Query` or `Form`) with the model field's
    limits: `status: limited(str, Query, Invoice, "status", "") = ""`."""
    return Annotated[kind, param(..., **param_constraints(model, name, default))]


def field_constraints(
    model: type[models.Model], name: str, default: Any = ...
) -> dict[str, Any]:
    """The model field's limits as keyword arguments of a pydantic field."""
    model_field = model._meta.get_field(name)
    low, high = bounds(model, name)
    constraints: dict[str, Any] = {}
    if low is not None:
        constraints["ge"] = low
    if high is not None:
        constraints["le"] = high
    if isinstance(model_field, models.DecimalField):
        # The column's digits bound a number the validators leave open.
        constraints.setdefault(
            "le",
            Decimal(10) ** (model_field.max_digits - model_field.decimal_places)
            - Decimal(10) ** -model_field.decimal_places,
        )
        constraints["max_digits"] = model_field.max_digits
        constraints["decimal_places"] = model_field.decimal_places
        constraints["json_schema_extra"] = decimal_text_pattern(
            model_field.max_digits,
            model_field.decimal_places,
            signed=low is None or low < 0,
        )
    if model_field.choices:
        # The pattern is what pydantic enforces (a 422 naming the field); the
        # enum is what the document shows.
        blank = model_field.blank or default == ""
        values = "|".join(re.escape(str(v)) for v, _label in model_field.flatchoices)
        constraints["pattern"] = rf"^({values}){'?' if blank else ''}$"
        constraints["json_schema_extra"] = choices_enum(model_field, blank=blank)
    if isinstance(model_field, models.CharField | models.TextField) and (
        model_field.max_length
    ):
        constraints["max_length"] = model_field.max_length
    return constraints
