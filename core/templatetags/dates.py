"""`{{ day|iso_date }}` → 2026-11-29: what `|date:"Y-m-d"` prints, without
building a DateFormat for every cell (8 µs each; a list of 50 rows with two
dates spent 0.8 ms on them). An aware datetime is shown in the current time
zone, as `date` shows it. A template builtin (TEMPLATES' `builtins`)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import template
from django.template.defaultfilters import date as date_filter

register = template.Library()


@register.filter(expects_localtime=True)
def iso_date(value: Any) -> str:
    if type(value) is date:
        return value.isoformat()
    if type(value) is datetime:
        return value.date().isoformat()
    return date_filter(value, "Y-m-d")  # anything else, exactly as Django
