"""`{{ amount|yuan }}` → ¥49,300.00; `{{ amount|yuan_capitals }}` → 肆万玖仟叁佰元整."""

from decimal import Decimal, InvalidOperation

from django import template

from core.money import amount_in_capitals, format_yuan

register = template.Library()


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


@register.filter
def yuan(value) -> str:
    amount = _decimal(value)
    return "" if amount is None else format_yuan(amount)


@register.filter
def yuan_capitals(value) -> str:
    amount = _decimal(value)
    return "" if amount is None else amount_in_capitals(amount)
