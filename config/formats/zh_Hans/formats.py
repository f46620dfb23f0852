"""Simplified Chinese formats: Django's, but money reads ¥1,250,000.00 as Chinese
finance documents print it (Django's default groups by four with no separator),
and ISO dates come first among the input formats, so any date widget writes the
`YYYY-MM-DD` value an `<input type="date">` accepts."""

from django.conf.locale.zh_Hans.formats import *  # noqa: F403
from django.conf.locale.zh_Hans.formats import (
    DATE_INPUT_FORMATS as _DATE_INPUT_FORMATS,
)
from django.conf.locale.zh_Hans.formats import (
    DATETIME_INPUT_FORMATS as _DATETIME_INPUT_FORMATS,
)

THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
DATE_INPUT_FORMATS = ["%Y-%m-%d", *(f for f in _DATE_INPUT_FORMATS if f != "%Y-%m-%d")]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M",
    *(f for f in _DATETIME_INPUT_FORMATS if f != "%Y-%m-%d %H:%M"),
]
