"""Simplified Chinese formats: Django's, but money reads ¥1,250,000.00 as Chinese
finance documents print it (Django's default groups by four with no separator)."""

from django.conf.locale.zh_Hans.formats import *  # noqa: F403

THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
