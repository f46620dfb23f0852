"""Django's `i18n` template library as it ships (core.i18n_tags.install()
replaced its `translate` and `trans` in the running process): the reference
tests/core/test_i18n_tags.py compares with."""

from django import template
from django.templatetags import i18n

register = template.Library()
register.tags.update(i18n.register.tags)
register.filters.update(i18n.register.filters)
register.tags["translate"] = register.tags["trans"] = i18n.do_translate
