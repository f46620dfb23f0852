"""`{% translate %}` of a literal is kept per language on its node
(core/i18n_tags.py): the same output as Django's own tag in every case."""

from __future__ import annotations

import pytest
from django.template import Context, Engine, engines
from django.test import override_settings
from django.utils import translation

from core import i18n_tags

# Django's i18n library as it ships, to compare with.
DJANGO = Engine(libraries={"i18n": "tests.core.i18n_as_shipped"})

SOURCES = [
    "{% translate 'Units' %}",
    '{% translate "Monthly rent in force" %}',
    "{% translate 'A & B' %}",
    "{% translate word %}",
    "{% translate 'Units'|upper %}",
    "{% translate 'Units' as label %}[{{ label }}]",
    "{% translate 'Units' noop %}",
    "{% translate 'May' context 'month name' %}",
    "{% trans 'Leased' %}",
    "{% for i in rows %}{% translate 'Units' %}/{% translate word %};{% endfor %}",
    "{% blocktranslate count n=rows|length %}{{ n }} park{% plural %}{{ n }} parks"
    "{% endblocktranslate %}",
    "{% get_current_language as code %}{{ code }}",
]


def _ours(source: str):
    return engines["django"].from_string("{% load i18n %}" + source)


@pytest.mark.parametrize("source", SOURCES)
def test_the_same_output_as_djangos_tag(source):
    ours, theirs = _ours(source), DJANGO.from_string("{% load i18n %}" + source)
    for language in ["zh-hans", "en", "zh-hans", "en"]:  # kept, then again
        for autoescape in [True, False]:
            for word in ["Units", "Vacant & reserved"]:
                context = {"word": word, "rows": [1, 2]}
                with translation.override(language):
                    expected = theirs.render(Context(context, autoescape=autoescape))
                    got = ours.template.render(Context(context, autoescape=autoescape))
                assert got == expected, (language, autoescape, word)


def test_a_literal_follows_the_active_language_each_time():
    template = _ours("{% for i in rows %}{% translate 'Units' %};{% endfor %}")
    for language, word in [("zh-hans", "单元"), ("en", "Units"), ("zh-hans", "单元")]:
        with translation.override(language):
            assert template.render({"rows": [1, 2]}) == f"{word};{word};"


def test_only_literals_are_kept():
    assert not isinstance(
        DJANGO.from_string("{% load i18n %}{% translate 'Units' %}").nodelist[-1],
        i18n_tags.KeptTranslateNode,
    )  # the reference is Django's own node
    literal = _ours("{% translate 'Units' %}").template.nodelist[-1]
    assert isinstance(literal, i18n_tags.KeptTranslateNode) and literal.literal
    for source in ["{% translate word %}", "{% translate 'Units'|upper %}",
                   "{% translate 'Units' as label %}",
                   "{% translate 'May' context season %}"]:  # fmt: skip
        assert not _ours(source).template.nodelist[-1].literal, source


def test_a_change_of_catalogues_starts_over():
    template = _ours("{% translate 'Units' %}")
    with translation.override("zh-hans"):
        assert template.render({}) == "单元"
    with override_settings(LOCALE_PATHS=[]), translation.override("zh-hans"):
        assert template.render({}) == "Units"  # no project catalogue
    with translation.override("zh-hans"):
        assert template.render({}) == "单元"
