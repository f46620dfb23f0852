"""How money is written for people: ¥ with thousands separators, and capitals (大写)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from core.money import amount_in_capitals, format_yuan


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("49300", "¥49,300.00"),
        ("49300.5", "¥49,300.50"),
        ("0", "¥0.00"),
        ("1234567.899", "¥1,234,567.90"),
        ("-1000", "-¥1,000.00"),
        ("999.994", "¥999.99"),
    ],
)
def test_format_yuan(value, text):
    assert format_yuan(Decimal(value)) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("49300", "肆万玖仟叁佰元整"),
        ("0", "零元整"),
        ("1", "壹元整"),
        ("10", "壹拾元整"),
        ("15", "壹拾伍元整"),
        ("101", "壹佰零壹元整"),
        ("1001", "壹仟零壹元整"),
        ("1010", "壹仟零壹拾元整"),
        ("10000", "壹万元整"),
        ("100500", "壹拾万零伍佰元整"),
        ("105000", "壹拾万伍仟元整"),
        ("1000001", "壹佰万零壹元整"),
        ("100000001", "壹亿零壹元整"),
        ("100010000", "壹亿零壹万元整"),
        ("100001000", "壹亿零壹仟元整"),
        ("120000000", "壹亿贰仟万元整"),
        ("1250000.00", "壹佰贰拾伍万元整"),
        ("0.5", "伍角整"),
        ("0.05", "伍分"),
        ("0.35", "叁角伍分"),
        ("1000.05", "壹仟元零伍分"),
        ("1000.50", "壹仟元伍角整"),
        ("6007.14", "陆仟零柒元壹角肆分"),
        (
            "9999999999999999.99",
            "玖仟玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分",
        ),
        ("1000000000000", "壹万亿元整"),
        ("1000100000000", "壹万零壹亿元整"),
        ("-12.30", "负壹拾贰元叁角整"),
        ("0.004", "零元整"),
    ],
)
def test_amount_in_capitals(value, text):
    assert amount_in_capitals(Decimal(value)) == text


def test_amount_in_capitals_refuses_what_it_cannot_write():
    with pytest.raises(ValueError):
        amount_in_capitals(Decimal("10000000000000000"))


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_filters_read_the_same_in_every_language(language):
    template = Template(
        "{% load money %}{{ a|yuan }} {{ a|yuan_capitals }} [{{ b|yuan }}]"
    )
    with translation.override(language):
        text = template.render(Context({"a": Decimal("49300"), "b": None}))
    assert text == "¥49,300.00 肆万玖仟叁佰元整 []"


@pytest.mark.parametrize(
    ("value", "text"),
    [("1e6", "1,000,000"), ("1", "1"), ("0.50", "0.5"), ("100000", "100,000")],
)
def test_format_quantity_never_writes_an_exponent(value, text):
    from core.money import format_quantity

    assert format_quantity(Decimal(value)) == text
