"""Django's `i18n` template library, with `{% translate "…" %}` of a literal
kept per language.

A list repeats the same few labels in every row (a phone shows each cell's
column name, `data-label="{% translate 'Units' %}"`): each one looked the
message up again through every catalogue, about 4 µs, over a millisecond on an
overview of 25 parks. The catalogues do not change while a process runs, so a
literal's output is kept on its node, per language and autoescape; a message
held in a variable, with filters or rendered `as` a variable is translated as
Django does. A changed catalogue (the dev server reloads .mo files) or a test's
LANGUAGES/LOCALE_PATHS starts over.

`install()` (core's AppConfig.ready, before any template is compiled) makes
Django's `i18n` library compile `translate` and `trans` to the kept node, so
templates keep `{% load i18n %}`; every other tag and filter is Django's own.
(A library of our own under the `i18n` label would do the same, but Django's
checks flag two modules for one label, templates.W003.)
"""

from __future__ import annotations

from typing import Any

from django import template
from django.core.signals import setting_changed
from django.templatetags import i18n as django_i18n
from django.utils import autoreload
from django.utils.translation import get_language

_generation = 0  # moves when the catalogues may have changed


def _start_over() -> None:
    global _generation
    _generation += 1


def _settings_changed(*, setting: str, **kwargs: Any) -> None:
    if setting in {"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS"}:
        _start_over()


def _file_changed(*, file_path: Any, **kwargs: Any) -> None:
    if str(file_path).endswith(".mo"):
        _start_over()


setting_changed.connect(_settings_changed)
autoreload.file_changed.connect(_file_changed)


class KeptTranslateNode(django_i18n.TranslateNode):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        expression, context = self.filter_expression, self.message_context
        self.literal = (
            not self.asvar
            and expression.var.lookups is None  # "a literal", not a variable
            and not expression.filters
            and (context is None or isinstance(context.var, str))
        )
        self.kept: dict[tuple, Any] = {}

    def render(self, context: template.Context) -> Any:
        if not self.literal:
            return super().render(context)
        key = (get_language(), context.autoescape, _generation)
        value = self.kept.get(key)
        if value is None:
            value = self.kept[key] = super().render(context)
        return value


def compile_translate(parser: Any, token: Any) -> template.Node:
    """Django's `{% translate %}` (and `{% trans %}`), compiled to the kept node."""
    node = django_i18n.do_translate(parser, token)
    return KeptTranslateNode(
        node.filter_expression, node.noop, node.asvar, node.message_context
    )


def install() -> None:
    for name in ("translate", "trans"):
        django_i18n.register.tags[name] = compile_translate
