"""Numbers as people type them: one reading (`core.limits.parse_decimal`), one
rounding (half up, 四舍五入, as money rounds), and the model names what is no
number (`typed_number` leaves it for validation)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.errors import Invalid
from core.industries import validate_division
from core.limits import not_in_future, parse_decimal, typed_number
from core.money import money


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("1,234.5", D("1234.50")),
        (" 0.125 ", D("0.13")),
        ("2.675", D("2.68")),
        (0.1, D("0.10")),
        (-0.005, D("-0.01")),
        (7, D("7.00")),
    ],
)
def test_a_typed_number_is_read_and_rounded_half_up_like_money(typed, read):
    assert parse_decimal(typed, "amount") == read
    if not isinstance(typed, float):
        assert money(str(typed).replace(",", "").strip()) == read


@pytest.mark.parametrize("typed", ["lots", "", None, "NaN", "Infinity", "1e"])
def test_what_is_no_number_is_named_or_left_for_the_model(typed):
    with pytest.raises(Invalid) as caught:
        parse_decimal(typed, "amount")
    assert list(caught.value.fields) == ["amount"]
    assert typed_number(typed) is typed


def test_whole_places_round_half_up_too():
    assert parse_decimal("2.5", "months", places="1") == D("3")


def test_the_date_and_industry_validators_of_the_models():
    today = timezone.localdate()
    not_in_future(today)
    with pytest.raises(ValidationError):
        not_in_future(today + timedelta(days=1))
    validate_division("35")
    for code in ("C", "99", "", "3511"):
        with pytest.raises(ValidationError):
            validate_division(code)
