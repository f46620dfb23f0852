"""`{% status_badge obj %}`: the badge of any model's status, in its tone; and
`{{ obj|label:"field" }}`, the label of a field's choice (what
`obj.get_<field>_display` says, without translating every label of the field
again on each row)."""

from html import escape
from typing import Any

from django import template
from django.db import models
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from core.choices import tone_of

register = template.Library()

# Each field's labels in each language, read once per process: a list draws a
# badge per row, and the model's get_<field>_display translated every label of
# the field's choices again for each one.
_labels: dict[tuple[type[models.Model], str, str | None], dict[Any, str]] = {}


def _label(obj: models.Model, field: str) -> str:
    key = (type(obj), field, get_language())
    if key not in _labels:
        choices = obj._meta.get_field(field).flatchoices
        _labels[key] = {value: str(label) for value, label in choices}
    value = getattr(obj, field)
    return _labels[key].get(value, value)


@register.filter
def label(obj: models.Model | None, field: str) -> str:
    """The label of `obj`'s choice in `field`, in the page's language."""
    return "" if obj is None else _label(obj, field)


def _escaped(text: Any) -> str:
    """conditional_escape without its lazy-string wrapper: a few per row."""
    if hasattr(text, "__html__"):
        return text.__html__()
    return escape(str(text))


@register.simple_tag
def status_badge(
    obj: models.Model | None = None,
    field: str = "status",
    label: str = "",
    tone: str = "",
    title: str = "",
) -> SafeString:
    """`label`/`tone` override what the status says (an open invoice past its due
    date reads "Overdue" in the bad tone); `title` becomes a tooltip. Without an
    object, a badge of the `label` and `tone` given."""
    if obj is not None:
        label = label or _label(obj, field)
        tone = tone or tone_of(obj, field)
    title_attr = f' title="{_escaped(title)}"' if title else ""
    return SafeString(
        f'<span class="badge {_escaped(tone)}"{title_attr}>{_escaped(label)}</span>'
    )
